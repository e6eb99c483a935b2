import { execFile } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Log, Result } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import { CWD, emptyReport, testContext, testReport } from './__fixtures__/scan-report.js';
import { SARIF_FINGERPRINT_KEY, sarifReporter } from './sarif.js';

const run = promisify(execFile);
const MULTITOOL = fileURLToPath(
  new URL('../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url),
);

function sarif(report: ScanReport, context = testContext()): Log {
  return JSON.parse(sarifReporter.format(report, context)) as Log;
}

function runOf(log: Log) {
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return first;
}

/**
 * Runs Microsoft's SARIF validator with the SARIF and GitHub rule sets. It exits 0 even when it
 * finds errors, so the verdict is read from the SARIF log it writes: its results are the problems.
 */
async function validate(dir: string, name: string, text: string): Promise<Result[]> {
  const input = join(dir, `${name}.sarif`);
  const output = join(dir, `${name}.validation.sarif`);
  writeFileSync(input, text);
  const { stdout } = await run(
    MULTITOOL,
    [
      'validate',
      input,
      '--rule-kind',
      'Gh;Sarif',
      '--level',
      'Error;Warning',
      '--output',
      output,
      '--log',
      'ForceOverwrite',
    ],
    { timeout: 120_000 },
  );
  expect(stdout).toContain('Analysis completed successfully');
  const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
  const validatorRun = runOf(log);
  expect(validatorRun.invocations?.[0]?.executionSuccessful).toBe(true);
  return validatorRun.results ?? [];
}

const describeProblems = (results: Result[]): string =>
  results.map((r) => `${r.level ?? '?'} ${r.ruleId ?? '?'}: ${r.message.text ?? ''}`).join('\n');

describe('sarif reporter', () => {
  describe('with the official SARIF Multitool validator', () => {
    let dir: string;
    beforeAll(() => {
      try {
        accessSync(MULTITOOL, constants.X_OK);
      } catch {
        chmodSync(MULTITOOL, statSync(MULTITOOL).mode | 0o100);
      }
      dir = mkdtempSync(join(tmpdir(), 'mcp-warden-sarif-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('produces a log with no errors or warnings under the SARIF and GitHub rules', async () => {
      const problems = await validate(
        dir,
        'report',
        sarifReporter.format(testReport(), testContext()),
      );
      expect(problems, describeProblems(problems)).toEqual([]);
    });

    it('produces a valid log for an empty scan with no detectors', async () => {
      const text = sarifReporter.format(emptyReport(), testContext({ detectors: [] }));
      const problems = await validate(dir, 'empty', text);
      expect(problems, describeProblems(problems)).toEqual([]);
    });

    it('reports errors for a broken log, so a clean verdict means something', async () => {
      const log = sarif(testReport());
      const results = runOf(log).results ?? [];
      delete results[0]?.locations;
      if (results[1]) results[1].ruleIndex = 42;
      const problems = await validate(dir, 'broken', JSON.stringify(log));
      const errors = problems.filter((p) => p.level === 'error').map((p) => p.ruleId);
      expect(errors).toContain('SARIF1009');
      expect(errors.some((id) => id?.startsWith('GH'))).toBe(true);
    });
  });

  it('declares the 2.1.0 schema and version and carries no timestamps', () => {
    const text = sarifReporter.format(testReport(), testContext());
    const log = JSON.parse(text) as Log;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(text).not.toMatch(/TimeUtc/);
  });

  it('emits an empty rules array when no detectors ran', () => {
    const driver = runOf(sarif(emptyReport(), testContext({ detectors: [] }))).tool.driver;
    expect(driver.rules).toEqual([]);
    expect(runOf(sarif(emptyReport(), testContext({ detectors: [] }))).results).toEqual([]);
  });

  it('lists one rule per detector in registry order with GitHub metadata', () => {
    const rules = runOf(sarif(testReport())).tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      'hardcoded-secret',
      'remote-plain-http',
      'unpinned-package',
    ]);
    const [secret, http, unpinned] = rules;
    expect(secret?.name).toBe('HardcodedSecret');
    expect(secret?.defaultConfiguration?.level).toBe('error');
    expect(secret?.properties?.['security-severity']).toBe('9.5');
    expect(http?.properties?.['security-severity']).toBe('8.0');
    expect(unpinned?.defaultConfiguration?.level).toBe('warning');
    expect(secret?.properties?.tags).toEqual(['security', 'mcp', 'secrets']);
    expect(secret?.properties?.checklist).toEqual([
      'server.auth.credential-management',
      'client.storage.credential-secure-storage',
    ]);
    expect(secret?.helpUri).toBe(
      'https://github.com/mcp-warden/mcp-warden/blob/main/src/detectors/hardcoded-secret/README.md',
    );
    expect(secret?.help?.markdown).toContain(
      '`server.auth.credential-management`: Credential Management (high priority)',
    );
    expect(secret?.fullDescription?.text).toMatch(/^A credential is written/);
  });

  it('points results at the rule, the level of the finding and the file relative to the scan root', () => {
    const results = runOf(sarif(testReport())).results ?? [];
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['hardcoded-secret', 0, 'error'],
      ['remote-plain-http', 1, 'error'],
      ['unpinned-package', 2, 'warning'],
      ['unpinned-package', 2, 'note'],
    ]);
    const [secret, http, unpinned] = results;
    expect(secret?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: '.mcp.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 25 },
    });
    expect(secret?.locations?.[0]?.logicalLocations).toEqual([
      { name: 'github', fullyQualifiedName: 'github', kind: 'module' },
      {
        name: 'GITHUB_TOKEN',
        fullyQualifiedName: '/mcpServers/github/env/GITHUB_TOKEN',
        kind: 'value',
      },
    ]);
    expect(http?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({
      uri: 'file:///home/dev/.cursor/mcp.json',
    });
    expect(unpinned?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      '.vscode/mcp.json',
    );
    expect(secret?.properties?.checklist).toEqual([
      'server.auth.credential-management',
      'client.storage.credential-secure-storage',
    ]);
  });

  it('percent-encodes relative paths and leaves out unknown regions', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings = [{ ...first, location: { file: `${CWD}/my configs/mcp#1.json`, line: 0 } }];
    const physical = runOf(sarif(report)).results?.[0]?.locations?.[0]?.physicalLocation;
    expect(physical).toEqual({
      artifactLocation: { uri: 'my%20configs/mcp%231.json', uriBaseId: '%SRCROOT%' },
    });
  });

  it('makes a threat an error whatever its severity and a hygiene finding at most a warning', () => {
    const report = testReport();
    const [first, second, ...rest] = report.findings;
    if (!first || !second) throw new Error('fixture has findings');
    const findings = [
      { ...first, class: 'threat' as const, severity: 'low' as const },
      { ...second, class: 'hygiene' as const, severity: 'critical' as const },
      ...rest,
    ];
    const results = runOf(sarif({ ...report, findings })).results ?? [];
    const of = (fingerprint: string) =>
      results.find((r) => r.partialFingerprints?.[SARIF_FINGERPRINT_KEY] === fingerprint);
    expect(of(first.fingerprint)).toMatchObject({
      level: 'error',
      properties: { class: 'threat' },
    });
    expect(of(second.fingerprint)).toMatchObject({
      level: 'warning',
      properties: { class: 'hygiene' },
    });
  });

  it('keeps partial fingerprints stable across runs, input order and line moves', () => {
    const first = sarifReporter.format(testReport(), testContext());
    const shuffled = testReport();
    shuffled.findings.reverse();
    shuffled.files.reverse();
    shuffled.diagnostics.reverse();
    expect(sarifReporter.format(shuffled, testContext())).toBe(first);

    const fingerprints = (log: Log) =>
      (runOf(log).results ?? []).map((r) => r.partialFingerprints?.[SARIF_FINGERPRINT_KEY]);
    const before = fingerprints(JSON.parse(first) as Log);
    expect(before).toEqual(testReport().findings.map((f) => f.fingerprint));
    expect(new Set(before).size).toBe(before.length);

    const moved = testReport();
    for (const finding of moved.findings) {
      finding.location = { ...finding.location, line: (finding.location.line ?? 1) + 10 };
      const relativeFile = finding.location.file?.startsWith(`${CWD}/`)
        ? finding.location.file.slice(CWD.length + 1)
        : '../.cursor/mcp.json';
      finding.fingerprint = fingerprintOf(
        finding.detectorId,
        finding.messageId,
        finding.location,
        relativeFile,
      );
    }
    expect(fingerprints(sarif(moved))).toEqual(before);
  });

  it('adds a rule for a finding whose detector is not in the registry', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings.push({ ...first, detectorId: 'zz-plugin-rule', fingerprint: 'f'.repeat(32) });
    const log = runOf(sarif(report));
    const rules = log.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      'hardcoded-secret',
      'remote-plain-http',
      'unpinned-package',
      'zz-plugin-rule',
    ]);
    const result = log.results?.find((r) => r.ruleId === 'zz-plugin-rule');
    expect(result?.ruleIndex).toBe(3);
  });

  it("points a finding without a file at its server's entry", () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings = [{ ...first, location: { server: 'analytics', item: 'query' } }];
    const location = runOf(sarif(report)).results?.[0]?.locations?.[0];
    expect(location?.physicalLocation).toEqual({
      artifactLocation: { uri: 'file:///home/dev/.cursor/mcp.json' },
      region: { startLine: 3 },
    });
    expect(location?.logicalLocations?.[1]).toEqual({
      name: 'query',
      fullyQualifiedName: 'analytics/query',
      kind: 'function',
    });
  });

  it('reports diagnostics and parse problems as tool notifications', () => {
    const invocation = runOf(sarif(testReport())).invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    const notes = invocation?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => [n.descriptor?.id, n.level])).toEqual([
      ['parse-error', 'warning'],
      ['detector-error', 'error'],
      ['discovery-error', 'warning'],
    ]);
    expect(notes[1]?.associatedRule).toEqual({ id: 'remote-plain-http', index: 1 });
    expect(notes[0]?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 5,
      startColumn: 3,
    });

    const clean = testReport();
    clean.diagnostics = [];
    expect(runOf(sarif(clean)).invocations?.[0]?.executionSuccessful).toBe(true);
  });
});
