import { describe, expect, it } from 'vitest';
import { testContext, testReport } from './__fixtures__/scan-report.js';
import { codeSpan, escapeText, markdownReporter } from './markdown.js';

/** Cells of a GFM table row, splitting on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('markdown reporter', () => {
  it('wraps text in a code span that survives backticks', () => {
    expect(codeSpan('plain', false)).toBe('`plain`');
    expect(codeSpan('a`b', false)).toBe('``a`b``');
    expect(codeSpan('`x`', false)).toBe('`` `x` ``');
    expect(codeSpan('a|b')).toBe('`a\\|b`');
  });

  it('escapes markup, mentions and HTML in plain text', () => {
    expect(escapeText('<img src=x onerror=alert(1)> @octocat *hi* [x](y)')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\@octocat \\*hi\\* \\[x\\](y)',
    );
    expect(escapeText('line\nbreak\u202e')).toBe('line break\\\\u{202E}');
  });

  it('keeps every findings-table row at six cells whatever the finding text holds', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings.push({
      ...first,
      message: 'a | b `c|d` <script>alert(1)</script>',
      location: { ...first.location, server: 'x|y`z' },
      fingerprint: 'a'.repeat(32),
    });
    const md = markdownReporter.format(report, testContext());
    const table = md.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(table).toHaveLength(5);
    for (const row of table) expect(cells(row)).toHaveLength(6);
    expect(md).not.toContain('<script>');
  });

  it('lists the files scanned with parse problems', () => {
    const md = markdownReporter.format(testReport(), testContext());
    expect(md).toContain(
      '| `.cursor/mcp.json` | `cursor` | project | 0 | ⚠️ not parsed (line 5, column 3): Expected comma or closing brace |',
    );
  });
});
