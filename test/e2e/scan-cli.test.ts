import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/report.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function snapshotFiles(dir: string): Map<string, { bytes: string; mtimeMs: number; mode: number }> {
  return new Map(
    listFiles(dir).map((file) => {
      const stat = statSync(file);
      return [
        file,
        { bytes: readFileSync(file, 'base64'), mtimeMs: stat.mtimeMs, mode: stat.mode },
      ];
    }),
  );
}

let work: string;
let project: string;
let home: string;

beforeAll(() => {
  expect(statSync(bin).isFile(), 'run `npm run build` before the end-to-end tests').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'mcp-warden-e2e-'));
  project = join(work, 'project');
  home = join(work, 'home');
  cpSync(join(root, 'examples/demo-project'), project, { recursive: true });
  cpSync(join(root, 'examples/demo-home'), home, { recursive: true });
});

const demoArgs = () => ['scan', '--cwd', project, '--home', home, '--offline'];

describe('mcp-warden scan on the bundled demo', () => {
  it('finds every configured server and reports the risky ones with file, pointer and line', async () => {
    const result = await cli([...demoArgs(), '--format', 'json'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScanReport;

    const servers = report.servers.map((s) => `${relative(work, s.file)}#${s.name}`).sort();
    expect(servers).toEqual([
      'home/.codex/config.toml#fetch',
      'home/.codex/config.toml#wallet',
      'project/.cursor/mcp.json#github',
      'project/.mcp.json#analytics',
      'project/.mcp.json#calculator',
      'project/.mcp.json#everything',
      'project/.mcp.json#filesystem',
      'project/.mcp.json#github',
      'project/.mcp.json#installer',
      'project/.mcp.json#mailer',
      'project/.mcp.json#memory',
      'project/.mcp.json#notes',
      'project/.mcp.json#postgres',
      'project/.mcp.json#terminal',
      'project/.mcp.json#unicode',
      'project/.mcp.json#wallet-tools',
      'project/.vscode/mcp.json#issue-tracker',
      'project/.vscode/mcp.json#notes',
    ]);

    const at = (detectorId: string, server: string) =>
      report.findings.filter((f) => f.detectorId === detectorId && f.location.server === server);

    const token = at('hardcoded-secret', 'github');
    expect(token).toHaveLength(1);
    expect(token[0]!.location).toMatchObject({
      pointer: '/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN',
      line: 7,
    });
    expect(relative(work, token[0]!.location.file!)).toBe('project/.mcp.json');

    expect(at('shell-launcher', 'installer')[0]?.severity).toBe('critical');
    expect(at('docker-insecure-flags', 'postgres').length).toBeGreaterThan(0);
    expect(at('unpinned-package', 'github').length).toBeGreaterThan(0);
    expect(at('unpinned-package', 'memory')).toHaveLength(0);
    expect(at('broad-filesystem-grant', 'filesystem')[0]?.location.pointer).toBe(
      '/mcpServers/filesystem/args/2',
    );
    expect(at('insecure-remote-transport', 'analytics').length).toBeGreaterThan(0);
    expect(at('insecure-remote-transport', 'fetch').length).toBeGreaterThan(0);

    const parse = report.findings.filter((f) => f.detectorId === 'config-unparseable');
    expect(parse).toHaveLength(1);
    expect(relative(work, parse[0]!.location.file!)).toBe('project/.roo/mcp.json');
    expect(parse[0]!.location.line).toBe(8);

    const approvals = report.findings.filter((f) => f.detectorId === 'auto-approved-tools');
    expect(approvals.map((f) => f.message).join('\n')).toMatch(/write_file/);
  });

  it('never shows a secret from the configs in any report format', async () => {
    const secrets = [
      'ghp_R8x2Lm4Qv7Tn1Wz9Kc3Jd6Fh0Ys5Bp8Ua2Ge',
      'Tr0ub4dor-3-Horse',
      'sk-proj-Q2w8E4r6T1y3U5i7O9p0A2s4D6f8G1h3J5k7L9z',
    ];
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const result = await cli([...demoArgs(), '--format', format], work);
      for (const secret of secrets) expect(result.stdout, format).not.toContain(secret);
    }
  });

  it('leaves every config file byte-for-byte and mtime unchanged', async () => {
    const before = snapshotFiles(work);
    await cli(demoArgs(), work);
    await cli([...demoArgs(), '--format', 'sarif'], work);
    expect(snapshotFiles(work)).toEqual(before);
  });

  it('exits 1 with --fail-on when a finding at or above the severity exists, 0 without it', async () => {
    expect((await cli([...demoArgs(), '--fail-on', 'high'], work)).code).toBe(1);
    expect((await cli(demoArgs(), work)).code).toBe(0);
    const clean = join(work, 'clean.json');
    writeFileSync(
      clean,
      JSON.stringify({ mcpServers: { t: { command: 'uvx', args: ['mcp-server-time==0.6.2'] } } }),
    );
    expect((await cli(['scan', clean, '--fail-on', 'info'], work)).code).toBe(0);
  });

  it('accepts the findings of a baseline and reports new ones', async () => {
    const baseline = join(work, 'baseline.json');
    const written = await cli([...demoArgs(), '--write-baseline', baseline], work);
    expect(written.stderr).toMatch(/baseline accepting \d+ finding/);
    const accepted = await cli(
      [...demoArgs(), '--baseline', baseline, '--fail-on', 'info', '--format', 'json'],
      work,
    );
    expect(accepted.code).toBe(0);
    const report = JSON.parse(accepted.stdout) as ScanReport;
    expect(report.findings).toHaveLength(0);
    expect(report.suppressed).toBeGreaterThan(5);
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const out = join(work, 'report.sarif');
    const result = await cli([...demoArgs(), '--format', 'sarif', '--output', out], work);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });
});

describe('mcp-warden scan of live servers in the bundled demo', () => {
  const demo = join(root, 'examples/demo-project');
  const demoHome = join(root, 'examples/demo-home');

  it('starts the real and fixture servers in the sandbox, finds what they declare, and changes no file', async () => {
    const before = snapshotFiles(join(root, 'examples'));
    const result = await cli(
      ['scan', '--cwd', demo, '--home', demoHome, '--format', 'json', '--timeout', '60000'],
      root,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScanReport;
    const schema = JSON.parse(
      readFileSync(join(root, 'schemas/scan-report.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const live = (name: string) => report.servers.find((s) => s.name === name)?.live;

    expect(live('everything')).toMatchObject({ status: 'scanned', protocol: { era: '2025' } });
    expect(live('everything')?.counts?.tools).toBeGreaterThan(5);
    expect(live('memory')?.status).toBe('scanned');
    expect(live('installer')).toMatchObject({ status: 'skipped' });
    expect(live('installer')?.reason).toMatch(/--start-risky/);

    const onServer = (server: string) =>
      report.findings.filter((f) => f.location.server === server).map((f) => f.detectorId);
    expect(onServer('calculator')).toContain('tool-poisoning');
    expect(onServer('unicode')).toContain('hidden-text');
    expect(onServer('terminal')).toContain('hidden-text');
    expect(onServer('notes')).toContain('definition-changed');
    // The real reference servers raise no high-severity alarm about their definitions.
    for (const server of ['everything', 'memory']) {
      const alarms = report.findings.filter(
        (f) =>
          f.location.server === server &&
          f.location.itemKind !== undefined &&
          (f.severity === 'high' || f.severity === 'critical'),
      );
      expect(alarms.map((f) => `${f.detectorId}: ${f.message}`)).toEqual([]);
    }
    expect(snapshotFiles(join(root, 'examples'))).toEqual(before);
  }, 120_000);
});

describe('mcp-warden scan on bad input', () => {
  it('exits 2 and names the file when a given file does not exist', async () => {
    const result = await cli(['scan', 'no-such-file.json'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-file\.json/);
    expect(result.stderr).toMatch(/fix:/);
  });

  it('exits 2 and lists the allowed values for an unknown severity or format', async () => {
    const badSeverity = await cli(['scan', '--fail-on', 'severe'], work);
    expect(badSeverity.code).toBe(2);
    expect(badSeverity.stderr).toMatch(/info, low, medium, high, critical/);
    const badFormat = await cli(['scan', '--format', 'xml'], work);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/sarif/);
  });

  it('exits 2 when the baseline is not a baseline', async () => {
    const bad = join(work, 'bad-baseline.json');
    writeFileSync(bad, '{"hello": 1}');
    const result = await cli([...demoArgs(), '--baseline', bad], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not an mcp-warden baseline/);
  });

  it('scans a broken file as a finding with line and column and goes on with the others', async () => {
    const broken = join(work, 'broken.mcp.json');
    writeFileSync(broken, '{\n  "mcpServers": {\n    "a": { "command": "x" }\n  \n');
    const good = join(project, '.mcp.json');
    const result = await cli(['scan', broken, good, '--format', 'json', '--offline'], work);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScanReport;
    const parse = report.findings.find((f) => f.detectorId === 'config-unparseable');
    expect(parse?.location.line).toBeGreaterThanOrEqual(4);
    expect(report.servers.length).toBe(13);
  });
});

describe('mcp-warden scan output errors', () => {
  it('exits 2 and names the path when the report cannot be written', async () => {
    const result = await cli(['scan', '--no-user', '--output', '/nonexistent-dir/r.json'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write report \/nonexistent-dir\/r\.json: ENOENT/);
  });
});
