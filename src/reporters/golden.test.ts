import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReporterContext, ScanReport } from '../core/report.js';
import { emptyReport, testContext, testReport } from './__fixtures__/scan-report.js';
import { REPORTER_IDS, reporters, type ReporterId } from './index.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/reports');
const EXTENSIONS: Record<ReporterId, string> = {
  text: 'txt',
  json: 'json',
  sarif: 'sarif',
  markdown: 'md',
};
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const cases: { name: string; report: () => ScanReport; context: () => ReporterContext }[] = [
  { name: 'scan-report', report: testReport, context: () => testContext() },
  { name: 'empty', report: emptyReport, context: () => testContext({ detectors: [] }) },
];

/** Compares with the golden file, or rewrites it when UPDATE_GOLDEN=1. */
function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`Golden file ${file} was missing and has been written; re-run.`);
    return;
  }
  expect(actual, `${file} differs; run with UPDATE_GOLDEN=1 to accept`).toBe(
    readFileSync(path, 'utf8'),
  );
}

describe('reporter golden files', () => {
  for (const id of REPORTER_IDS) {
    for (const { name, report, context } of cases) {
      it(`renders the ${name} fixture as ${id} exactly as the golden file`, () => {
        expectGolden(`${name}.golden.${EXTENSIONS[id]}`, reporters[id].format(report(), context()));
      });
    }
  }
});
