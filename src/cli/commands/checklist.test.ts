import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../core/checklist.js';
import { gradeCoverage, summarizeGraded } from '../../core/coverage.js';
import { COVERAGE_CLAIMS } from '../../core/coverage-claims.js';

// Coverage as the claims grade it: the command must agree with gradeCoverage.
const graded = gradeCoverage(CHECKLIST, COVERAGE_CLAIMS);
const counts = summarizeGraded(graded).counts;
import { run } from '../index.js';
import type { CliIo } from '../io.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: readonly string[], options: { color?: boolean } = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout(text) {
      stdout += text;
    },
    stderr(text) {
      stderr += text;
    },
    cwd: '/nonexistent/project',
    env: {},
    homedir: '/nonexistent/home',
    platform: 'linux',
    color: options.color ?? false,
  };
  const code = await run(['checklist', ...args], io);
  return { code, stdout, stderr };
}

interface JsonDocument {
  schemaVersion: number;
  items: {
    id: string;
    priority: string;
    part: string;
    status: string;
    faces: Record<string, { status: string; by?: string[]; missing?: string }>;
  }[];
  summary: {
    total: number;
    counts: Record<string, number>;
    byPriority: Record<string, { total: number }>;
  };
}

async function json(args: readonly string[] = []): Promise<JsonDocument> {
  const { code, stdout } = await cli(['--format', 'json', ...args]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonDocument;
}

describe('mcp-warden checklist', () => {
  it('prints the graded counts first, then every item grouped by part and section', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Proven coverage (every claim names the test that shows it):');
    expect(lines[1]).toMatch(/^ {2}high \(67\): \d+ full, \d+ partial, \d+ attest, \d+ none$/);
    expect(lines[4]).toBe(
      `  all (129): ${String(counts.full)} full, ${String(counts.partial)} partial, ${String(counts.attest)} attest, ${String(counts.none)} none`,
    );
    expect(stdout).toContain('MCP Server (MCP Plugin) Security\n  API Security\n');
    for (const item of CHECKLIST) expect(stdout).toContain(item.id);
  });

  it('grades each face of an item and names the rules or controls that do it', async () => {
    const { stdout } = await cli([]);
    expect(stdout).toMatch(
      /◐ high {4}Credential Management {2}partial {2}server\.auth\.credential-management\n +scan: partial \(hardcoded-secret\)\n/,
    );
    expect(stdout).toMatch(
      /· medium {2}Resource Template Security {2}none {2}server\.resources\.resource-template-security\n +scan: none\n/,
    );
    expect(stdout).toMatch(/\? high {4}Wallet Generation Security {2}attest/);
  });

  it('prints no colour codes unless the terminal takes colour', async () => {
    expect((await cli([])).stdout).not.toContain('\u001b[');
    expect((await cli(['--color'])).stdout).toContain('\u001b[');
  });

  it('prints tests, summaries and coverage modes with --details', async () => {
    const { stdout } = await cli(['--details', '--part', 'crypto']);
    expect(stdout).toContain(
      'test: src/detectors/hardcoded-secret/index.test.ts › tags wallet keys, and only wallet keys, as crypto private-key findings',
    );
    expect(stdout).toContain(
      CHECKLIST.find((i) => i.id === 'crypto.private-key-protection')!.summary,
    );
    expect(stdout).toMatch(/how: \w+/);
  });

  it('writes a versioned JSON document with every item and the summary', async () => {
    const document = await json();
    expect(document.schemaVersion).toBe(2);
    expect(document.items.map((i) => i.id)).toEqual(CHECKLIST.map((i) => i.id));
    expect(document.items[0]).toMatchObject({
      id: 'server.api.input-validation',
      sectionZh: 'API 安全',
    });
    const credentials = document.items.find((i) => i.id === 'server.auth.credential-management');
    expect(credentials).toMatchObject({
      status: 'partial',
      faces: { scan: { status: 'partial', by: ['hardcoded-secret'] } },
    });
    expect(document.summary.total).toBe(129);
  });

  it('keeps exactly the 67 high-priority items with --priority high', async () => {
    const document = await json(['--priority', 'high']);
    expect(document.items).toHaveLength(67);
    expect(document.items.every((i) => i.priority === 'high')).toBe(true);
    expect(document.summary.total).toBe(67);
    const text = (await cli(['--priority', 'high'])).stdout;
    expect(text).toMatch(/^Proven coverage[^\n]*\n {2}high \(67\): [^\n]*\n {2}all \(67\): /);
  });

  it('accepts priorities and parts as repeated options or comma lists', async () => {
    expect((await json(['--priority', 'medium,low'])).items).toHaveLength(62);
    expect((await json(['--priority', 'medium', '--priority', 'low'])).items).toHaveLength(62);
    const parts = await json(['--part', 'multi-mcp,crypto']);
    expect(new Set(parts.items.map((i) => i.part))).toEqual(new Set(['multi-mcp', 'crypto']));
    expect(parts.items).toHaveLength(10);
  });

  it('lists only items covered partly or not at all with --uncovered, saying what is missing', async () => {
    const document = await json(['--uncovered']);
    expect(document.items.every((i) => i.status === 'none' || i.status === 'partial')).toBe(true);
    expect(document.items).toHaveLength(counts.none + counts.partial);
    expect(document.summary).toMatchObject({ counts, total: 129 });
    const { stdout } = await cli(['--uncovered', '--priority', 'high']);
    expect(stdout).toMatch(
      /Input Validation {2}partial[^\n]*\n(?: +[^\n]*\n)*? +missing: Arguments are checked/,
    );
    expect(stdout).toMatch(
      /External Service Authentication {2}none[^\n]*\n(?: +[^\n]*\n)*? +missing: nothing of it is done yet/,
    );
    expect(stdout).not.toContain('Lifecycle Management');
  });

  it('shows Chinese titles and section names with --lang zh', async () => {
    const { code, stdout } = await cli(['--lang', 'zh']);
    expect(code).toBe(0);
    expect(stdout).toContain('MCP Server (MCP 插件)安全');
    expect(stdout).toContain('API 安全');
    expect(stdout).toContain('输入验证');
    expect(stdout).toContain('私钥保护');
    expect(stdout).not.toContain('Input Validation');
  });

  it('writes a Markdown document with a table per section', async () => {
    const { code, stdout } = await cli(['--format', 'md', '--part', 'server']);
    expect(code).toBe(0);
    expect(stdout).toContain('## MCP Server (MCP Plugin) Security');
    expect(stdout).toContain('### API Security');
    expect(stdout).toContain('| --- | --- | --- | --- | --- |');
    expect(stdout).toContain('`server.auth.credential-management`');
    expect(stdout).toContain('scan: partial (hardcoded-secret)');
    expect(stdout).not.toContain('client.');
    expect(stdout).toMatch(/- all \(57\): \d+ full/);
  });

  it('rejects an unknown priority with exit code 2, naming the allowed values', async () => {
    const { code, stdout, stderr } = await cli(['--priority', 'urgent']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('urgent');
    expect(stderr).toContain('high, medium, low');
  });

  it('rejects an unknown format, part or language with exit code 2', async () => {
    for (const [option, allowed] of [
      ['--format', 'text, json, md'],
      ['--part', 'server, client, llm, multi-mcp, crypto'],
      ['--lang', 'en, zh'],
    ] as const) {
      const { code, stderr } = await cli([option, 'bogus']);
      expect(code, option).toBe(2);
      expect(stderr, option).toContain(allowed);
    }
  });
});

describe('mcp-warden checklist coverage by the gateway', () => {
  it('names the gateway controls that enforce an item', async () => {
    const document = await json();
    const rateLimiting = document.items.find((i) => i.id === 'server.api.rate-limiting');
    expect(rateLimiting).toMatchObject({
      status: 'full',
      faces: { gateway: { status: 'full', by: ['limits'] }, probe: { status: 'none' } },
    });
  });
});
