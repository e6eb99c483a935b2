import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKLIST } from '../core/checklist.js';
import { jsonReporter } from '../reporters/json.js';
import { textReporter } from '../reporters/text.js';
import { scan } from './scan.js';
import { stderrExcerpt } from './stderr-excerpt.js';

const fixture = resolve(import.meta.dirname, '../../test/fixtures/servers/stderr-then-exit.mjs');
const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-stderr-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a server that fails to start', () => {
  it('shows the last lines of its stderr, redacted and escaped, in the text and JSON reports', async () => {
    const config = join(dir, '.mcp.json');
    writeFileSync(
      config,
      JSON.stringify({ mcpServers: { broken: { command: process.execPath, args: [fixture] } } }),
    );
    const { report } = await scan({
      files: [config],
      cwd: dir,
      home: dir,
      platform: process.platform,
      env: { PATH: process.env.PATH ?? '' },
      live: { timeoutMs: 20_000 },
      toolVersion: '0.0.0-test',
    });
    const failed = report.diagnostics.find((d) => d.code === 'server-failed');
    expect(failed?.server).toBe('broken');
    const tail = failed?.stderrTail ?? '';
    const lines = tail.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('boot step 5');
    expect(tail).toContain('loading config \\u{1B}[2J\\u{1B}]0;owned\\u{7} from ~/.fixture');
    expect(tail).toContain('[redacted:github]');
    expect(tail).not.toContain('wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
    expect(tail).not.toContain('\u001b');

    const context = {
      detectors: [],
      checklist: CHECKLIST,
      toolVersion: '0',
      cwd: dir,
      color: false,
    };
    const json = JSON.parse(jsonReporter.format(report, context)) as {
      diagnostics: { code: string; stderrTail?: string }[];
    };
    expect(json.diagnostics.find((d) => d.code === 'server-failed')?.stderrTail).toBe(tail);
    const text = textReporter.format(report, context);
    expect(text).toContain('fatal: API rejected token [redacted:github]');
    expect(text).toContain('boot step 5');
    expect(text).not.toContain('boot step 4\n');
    expect(text).not.toContain('\u001b');
  });
});

describe('stderrExcerpt', () => {
  it('keeps at most 2 KiB, cut at a line start', () => {
    const long = Array.from({ length: 8 }, (_, i) => `${String(i)}${'x'.repeat(399)}`).join('\n');
    const excerpt = stderrExcerpt(long) ?? '';
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(2048);
    expect(excerpt.startsWith('3x')).toBe(true);
    expect(excerpt.endsWith(`7${'x'.repeat(399)}`)).toBe(true);
  });

  it('says nothing for a server that wrote nothing', () => {
    expect(stderrExcerpt('\n  \n')).toBeUndefined();
    expect(stderrExcerpt(undefined)).toBeUndefined();
  });
});
