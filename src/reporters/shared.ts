import { isAbsolute, relative, sep } from 'node:path';
import type { ChecklistItem } from '../core/checklist-types.js';
import type { Diagnostic } from '../core/engine.js';
import type { Finding, FindingLocation } from '../core/finding.js';
import {
  summarize,
  type ScannedFile,
  type ScannedServer,
  type ScanReport,
} from '../core/report.js';
import { SEVERITIES, type Severity } from '../core/severity.js';

export const INFORMATION_URI = 'https://github.com/mcp-warden/mcp-warden';

/** Where each detector's documentation page lives. */
export function detectorHelpUri(detectorId: string): string {
  return `${INFORMATION_URI}/blob/main/src/detectors/${encodeURIComponent(detectorId)}/README.md`;
}

/** Severities most severe first: the order every reporter lists them in. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

/** Compares strings by UTF-16 code units: the same order on every machine and locale. */
export function compareText(a: string | undefined, b: string | undefined): number {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function severityRankDesc(severity: Severity): number {
  return SEVERITIES_DESC.indexOf(severity);
}

/** Most severe first, then file, line, column, detector and fingerprint (the scanner's order). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRankDesc(a.severity) - severityRankDesc(b.severity) ||
    compareText(a.location.file, b.location.file) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    compareText(a.detectorId, b.detectorId) ||
    compareText(a.fingerprint, b.fingerprint) ||
    compareText(a.message, b.message)
  );
}

export function compareFiles(a: ScannedFile, b: ScannedFile): number {
  return compareText(a.path, b.path) || compareText(a.client, b.client);
}

export function compareServers(a: ScannedServer, b: ScannedServer): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.pointer, b.pointer) ||
    compareText(a.name, b.name)
  );
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.code, b.code) ||
    compareText(a.detectorId, b.detectorId) ||
    compareText(a.file, b.file) ||
    compareText(a.message, b.message)
  );
}

/** The report's arrays in a fixed order, whatever order the caller built them in. */
export function sortedReport(report: ScanReport): ScanReport {
  return {
    ...report,
    files: [...report.files].sort(compareFiles),
    servers: [...report.servers].sort(compareServers),
    findings: [...report.findings].sort(compareFindings),
    diagnostics: [...report.diagnostics].sort(compareDiagnostics),
  };
}

/**
 * A path for display: relative to `cwd` with forward slashes when inside it, else unchanged.
 * Uses only `node:path` string functions; never touches the file system.
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

/** `file:line:column`, leaving out what is unknown; undefined when there is no file. */
export function fileLocation(location: FindingLocation, cwd: string): string | undefined {
  if (location.file === undefined) return undefined;
  let text = displayPath(location.file, cwd);
  if (location.line !== undefined && location.line >= 1) {
    text += `:${location.line}`;
    if (location.column !== undefined && location.column >= 1) text += `:${location.column}`;
  }
  return text;
}

/** Looks checklist items up by id. */
export function checklistIndex(
  checklist: readonly ChecklistItem[],
): ReadonlyMap<string, ChecklistItem> {
  return new Map(checklist.map((item) => [item.id, item]));
}

/** Counts findings per severity from the findings themselves (the report's own summary may lag). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  return summarize(findings).bySeverity;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Characters that must never reach a terminal or a rendered page as themselves: C0/C1 controls
 * (ANSI escapes included), bidirectional overrides and isolates, zero-width and other invisible
 * format characters. Config files and server definitions are attacker-controlled text.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

/** Replaces unsafe characters with visible `\u{…}` escapes; tabs and newlines pass unless `oneLine`. */
export function neutralize(text: string, oneLine = false): string {
  const lines = text.replace(/\r\n?/g, '\n');
  const escaped = lines.replace(
    UNSAFE,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
  return oneLine ? escaped.replace(/[\n\t]/g, ' ') : escaped;
}
