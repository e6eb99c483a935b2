import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCAN_REPORT_SCHEMA_VERSION } from '../core/report.js';
import { CLIENT_IDS } from '../core/server-spec.js';
import { SEVERITIES } from '../core/severity.js';
import { emptyReport, testContext, testReport } from './__fixtures__/scan-report.js';
import { jsonReporter } from './json.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/scan-report.schema.json', import.meta.url), 'utf8'),
) as {
  properties: { schemaVersion: { const: number } };
  $defs: Record<string, { enum?: string[] }>;
};

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function parse(text: string): unknown {
  return JSON.parse(text);
}

describe('json reporter', () => {
  it('writes a report that the published JSON Schema accepts', () => {
    for (const report of [testReport(), emptyReport()]) {
      const data = parse(jsonReporter.format(report, testContext()));
      expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('is rejected by the schema when a field is unknown or a fingerprint is malformed', () => {
    const data = parse(jsonReporter.format(testReport(), testContext())) as {
      findings: { fingerprint: string }[];
      extra?: boolean;
    };
    data.extra = true;
    expect(validate(data)).toBe(false);
    delete data.extra;
    const [first] = data.findings;
    if (first) first.fingerprint = 'not-a-fingerprint';
    expect(validate(data)).toBe(false);
  });

  it('keeps the schema in step with the code', () => {
    expect(schema.properties.schemaVersion.const).toBe(SCAN_REPORT_SCHEMA_VERSION);
    expect(schema.$defs.client?.enum).toEqual([...CLIENT_IDS]);
    expect([...(schema.$defs.severity?.enum ?? [])].sort()).toEqual([...SEVERITIES].sort());
  });

  it('writes the same bytes whatever order the report was built in', () => {
    const expected = jsonReporter.format(testReport(), testContext());
    const shuffled = testReport();
    shuffled.files.reverse();
    shuffled.servers.reverse();
    shuffled.findings.reverse();
    shuffled.diagnostics.reverse();
    // Same data, keys inserted in another order.
    shuffled.findings = shuffled.findings.map((finding) => {
      const entries = Object.entries(finding).reverse();
      return Object.fromEntries(entries) as typeof finding;
    });
    shuffled.tool = { version: shuffled.tool.version, name: shuffled.tool.name };
    expect(jsonReporter.format(shuffled, testContext())).toBe(expected);
  });

  it('lists top-level fields in the documented order and ends with a newline', () => {
    const text = jsonReporter.format(testReport(), testContext());
    expect(Object.keys(parse(text) as object)).toEqual([
      'schemaVersion',
      'tool',
      'files',
      'servers',
      'findings',
      'suppressed',
      'diagnostics',
      'summary',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('counts the summary from the findings it lists, most severe first', () => {
    const data = parse(jsonReporter.format(testReport(), testContext())) as {
      summary: { total: number; bySeverity: Record<string, number> };
    };
    expect(data.summary).toEqual({
      total: 4,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1, info: 0 },
    });
    expect(Object.keys(data.summary.bySeverity)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
      'info',
    ]);
  });

  it('leaves out optional fields that are undefined', () => {
    const report = testReport();
    const [first] = report.findings;
    if (!first) throw new Error('fixture has findings');
    report.findings = [
      { ...first, evidence: undefined, location: { file: undefined, server: 'x' } },
    ];
    const data = parse(jsonReporter.format(report, testContext())) as {
      findings: Record<string, unknown>[];
    };
    expect(data.findings[0]).not.toHaveProperty('evidence');
    expect(data.findings[0]?.location).toEqual({ server: 'x' });
  });
});
