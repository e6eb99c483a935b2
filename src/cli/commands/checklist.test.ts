import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../core/checklist.js';
import { computeCoverage, detectorProviders } from '../../core/coverage.js';
import { detectorRegistry } from '../../detectors/registry.js';
import { gatewayCoverageProviders } from '../../gateway/features.js';

// Coverage as the real registry gives it: the command must agree with computeCoverage.
const coverage = computeCoverage(CHECKLIST, [
  ...detectorProviders(detectorRegistry),
  ...gatewayCoverageProviders(),
]);
const coveredCount = coverage.items.filter((item) => item.covered).length;
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
  items: { id: string; priority: string; part: string; covered: boolean }[];
  summary: { covered: number; total: number; byPriority: Record<string, { total: number }> };
}

async function json(args: readonly string[] = []): Promise<JsonDocument> {
  const { code, stdout } = await cli(['--format', 'json', ...args]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonDocument;
}

describe('mcp-warden checklist', () => {
  it('prints every item grouped by part and section, ending with a coverage summary', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('MCP Server (MCP Plugin) Security\n  API Security\n');
    for (const item of CHECKLIST) expect(stdout).toContain(item.id);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Covered: \d+\/129 items \(high \d+\/67, medium \d+\/59, low \d+\/3\)$/,
    );
  });

  it('names the rules covering an item and says "not yet" for the others', async () => {
    const { stdout } = await cli([]);
    expect(stdout).toMatch(
      /✓ high {4}Credential Management {2}server\.auth\.credential-management\n +rules: [a-z-, ]*hardcoded-secret/,
    );
    expect(stdout).toMatch(
      /· medium {2}Error Handling {2}server\.tools\.error-handling\n +not yet\n/,
    );
    expect(stdout).toContain(`Covered: ${String(coveredCount)}/129 items`);
  });

  it('prints no colour codes unless the terminal takes colour', async () => {
    expect((await cli([])).stdout).not.toContain('\u001b[');
    expect((await cli(['--color'])).stdout).toContain('\u001b[');
  });

  it('prints summaries and coverage modes with --details', async () => {
    const { stdout } = await cli(['--details', '--part', 'crypto']);
    expect(stdout).toContain(
      CHECKLIST.find((i) => i.id === 'crypto.private-key-protection')!.summary,
    );
    expect(stdout).toMatch(/how: \w+/);
  });

  it('writes a versioned JSON document with every item and the summary', async () => {
    const document = await json();
    expect(document.schemaVersion).toBe(1);
    expect(document.items.map((i) => i.id)).toEqual(CHECKLIST.map((i) => i.id));
    expect(document.items[0]).toMatchObject({
      id: 'server.api.input-validation',
      sectionZh: 'API 安全',
    });
    const credentials = document.items.find((i) => i.id === 'server.auth.credential-management');
    expect(credentials).toMatchObject({ covered: true });
    expect(
      (credentials as unknown as { coveredBy: { rules: string[] } }).coveredBy.rules,
    ).toContain('hardcoded-secret');
    expect(document.summary.total).toBe(129);
  });

  it('keeps exactly the 67 high-priority items with --priority high', async () => {
    const document = await json(['--priority', 'high']);
    expect(document.items).toHaveLength(67);
    expect(document.items.every((i) => i.priority === 'high')).toBe(true);
    expect(document.summary.total).toBe(67);
    const text = (await cli(['--priority', 'high'])).stdout;
    expect(text).toMatch(/Covered: \d+\/67 items \(high \d+\/67\)\n$/);
  });

  it('accepts priorities and parts as repeated options or comma lists', async () => {
    expect((await json(['--priority', 'medium,low'])).items).toHaveLength(62);
    expect((await json(['--priority', 'medium', '--priority', 'low'])).items).toHaveLength(62);
    const parts = await json(['--part', 'multi-mcp,crypto']);
    expect(new Set(parts.items.map((i) => i.part))).toEqual(new Set(['multi-mcp', 'crypto']));
    expect(parts.items).toHaveLength(10);
  });

  it('lists only items nobody covers with --uncovered', async () => {
    const document = await json(['--uncovered']);
    expect(document.items.every((i) => !i.covered)).toBe(true);
    expect(document.items).toHaveLength(129 - coveredCount);
    expect(document.summary).toMatchObject({ covered: coveredCount, total: 129 });
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
    expect(stdout).toContain('rule `hardcoded-secret`');
    expect(stdout).not.toContain('client.');
    expect(stdout).toMatch(/\*\*Covered: \d+\/57 items .*\*\*\n$/);
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
    expect(rateLimiting).toMatchObject({ covered: true });
    expect(
      (rateLimiting as unknown as { coveredBy: { controls: string[] } }).coveredBy.controls,
    ).toContain('limits');
  });
});
