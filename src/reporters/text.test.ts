import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testContext, testReport } from './__fixtures__/scan-report.js';
import { textReporter } from './text.js';

describe('text reporter', () => {
  it('colours output only when the context asks for colour', () => {
    const plain = textReporter.format(testReport(), testContext());
    const coloured = textReporter.format(testReport(), testContext({ color: true }));
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('groups findings by severity, most severe first', () => {
    const text = textReporter.format(testReport(), testContext());
    const headings = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((h) => text.indexOf(`\n${h}  `));
    expect(headings.every((i) => i > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(text).not.toContain('\nINFO  ');
  });

  it('shows locations relative to the scan root and absolute outside it', () => {
    const text = textReporter.format(testReport(), testContext());
    expect(text).toContain('.mcp.json:7:25');
    expect(text).toContain('/home/dev/.cursor/mcp.json:4:14');
    expect(text).not.toContain('/home/dev/project/.mcp.json');
  });

  it('says so plainly when nothing was found', () => {
    const report = testReport();
    report.findings = [];
    report.suppressed = 0;
    report.diagnostics = [];
    report.files = report.files.filter((file) => !file.parseError);
    const text = textReporter.format(report, testContext());
    expect(text).toContain('No findings.');
    expect(text).toMatch(/Summary\n {2}0 findings\n$/);
  });

  it('never writes terminal escapes or bidi overrides from a config file to the terminal', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings = [
      {
        ...first,
        message: 'Server "\u001b]8;;http://evil\u0007x\u001b[2J" is odd\u202e.',
        evidence: 'a\rb\u200bc',
        location: { ...first.location, server: 'srv\u001b[31m' },
      },
    ];
    const text = textReporter.format(report, testContext());
    for (const unsafe of ['\u001b', '\u0007', '\u202e', '\u200b', '\r']) {
      expect(text).not.toContain(unsafe);
    }
    expect(text).toContain('\\u{1B}]8;;http://evil\\u{7}x\\u{1B}[2J');
    expect(text).toContain('server "srv\\u{1B}[31m"');
  });

  it('names a checklist id the catalogue does not know instead of dropping it', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings = [{ ...first, checklist: ['server.unknown.item'] }];
    expect(textReporter.format(report, testContext())).toContain(
      'server.unknown.item  (not in the checklist catalogue)',
    );
  });
});
