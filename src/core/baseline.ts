import { ToolkitError } from './errors.js';
import type { Finding } from './finding.js';
import { summarize, type ScanReport } from './report.js';

export const BASELINE_SCHEMA_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  detectorId: string;
  /** For people reading the file; matching uses the fingerprint only. */
  where: string;
}

export interface Baseline {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  accepted: BaselineEntry[];
}

/** A baseline accepting every given finding, sorted so the file diffs cleanly. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const accepted = findings.map((finding) => ({
    fingerprint: finding.fingerprint,
    detectorId: finding.detectorId,
    where: [finding.location.server, finding.location.file, finding.location.pointer]
      .filter((part) => part !== undefined && part !== '')
      .join(' '),
  }));
  accepted.sort(
    (a, b) =>
      a.detectorId.localeCompare(b.detectorId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const unique = accepted.filter((entry, i) => entry.fingerprint !== accepted[i - 1]?.fingerprint);
  return { schemaVersion: BASELINE_SCHEMA_VERSION, accepted: unique };
}

/** Parses a baseline file's text into the set of accepted fingerprints. */
export function parseBaseline(text: string, path: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolkitError('BASELINE_INVALID', `Baseline ${path} is not valid JSON.`, {
      cause: error,
    });
  }
  const accepted = (data as Partial<Baseline> | null)?.accepted;
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as Partial<Baseline>).schemaVersion !== BASELINE_SCHEMA_VERSION ||
    !Array.isArray(accepted)
  ) {
    throw new ToolkitError(
      'BASELINE_INVALID',
      `Baseline ${path} is not an mcp-warden baseline (expected { "schemaVersion": 1, "accepted": [...] }).`,
    );
  }
  const fingerprints = new Set<string>();
  accepted.forEach((entry: unknown, index) => {
    const fingerprint = (entry as Partial<BaselineEntry> | null)?.fingerprint;
    if (typeof fingerprint !== 'string' || fingerprint === '') {
      throw new ToolkitError(
        'BASELINE_INVALID',
        `Baseline ${path}: accepted[${index}] has no "fingerprint" string.`,
      );
    }
    fingerprints.add(fingerprint);
  });
  return fingerprints;
}

/** The report without the findings the baseline accepts; they are counted as suppressed. */
export function applyBaseline(report: ScanReport, accepted: ReadonlySet<string>): ScanReport {
  const findings = report.findings.filter((finding) => !accepted.has(finding.fingerprint));
  return {
    ...report,
    findings,
    suppressed: report.suppressed + report.findings.length - findings.length,
    summary: summarize(findings),
  };
}
