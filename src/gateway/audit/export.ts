import type { AuditRecord } from './record.js';

/** Which records an export or a tail keeps. */
export interface AuditFilter {
  /** Records at or after this time (milliseconds since the epoch). */
  since?: number;
  server?: string;
}

/** Whether a record passes a filter. */
export function matchesFilter(record: AuditRecord, filter: AuditFilter): boolean {
  if (filter.server !== undefined && record.server !== filter.server) return false;
  if (filter.since !== undefined) {
    const time = Date.parse(record.ts);
    if (Number.isNaN(time) || time < filter.since) return false;
  }
  return true;
}

const ARROWS = { 'client-to-server': '→', 'server-to-client': '←' } as const;

function compact(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value)
    .map(([key, item]) => `${key}=${typeof item === 'string' ? item : JSON.stringify(item)}`)
    .join(' ');
}

/** Control characters of a log value replaced, so a record cannot draw on the reader's terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '�');
}

/**
 * One record as a line for people: time, server, direction and method (and tool), the decision,
 * and for lifecycle and alert records their event and summary.
 *
 * @example
 * formatAuditLine(record);
 * // '2026-01-05T10:00:00.000Z #12 github → tools/call create_issue  deny by arguments: path outside allowPaths'
 */
export function formatAuditLine(record: AuditRecord): string {
  const parts = [record.ts, `#${String(record.seq)}`];
  if (record.type === 'lifecycle' || record.type === 'alert') {
    parts.push(record.type, record.event ?? '');
    if (record.server !== undefined) parts.push(record.server);
    if (record.summary !== undefined) parts.push(compact(record.summary));
  } else {
    parts.push(record.server ?? '-');
    const arrow = record.direction === undefined ? '' : `${ARROWS[record.direction]} `;
    parts.push(`${arrow}${record.method ?? record.type}${record.tool ? ` ${record.tool}` : ''}`);
    if (record.id !== undefined) parts.push(`(id ${JSON.stringify(record.id)})`);
    if (record.type === 'response' && record.summary?.errorCode !== undefined) {
      parts.push(`error ${String(record.summary.errorCode)}`);
    }
  }
  if (record.decision !== undefined) {
    const { control, action, reason } = record.decision;
    parts.push(` ${action} by ${control}: ${reason}`);
  }
  return printable(parts.filter((part) => part !== '').join(' '));
}

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'ts',
  'type',
  'event',
  'server',
  'direction',
  'method',
  'id',
  'tool',
  'decision_control',
  'decision_action',
  'decision_reason',
  'checklist',
  'summary',
  'args',
  'prev',
  'hash',
  'hmac',
] as const;

/**
 * One CSV cell (RFC 4180). Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR at the start) get a leading `'`: log values come from servers and models.
 */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV header line (with its CRLF). */
export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

/** One record as a CSV line (with its CRLF); nested values as JSON. */
export function auditCsvRow(record: AuditRecord): string {
  const cells: unknown[] = [
    record.seq,
    record.ts,
    record.type,
    record.event,
    record.server,
    record.direction,
    record.method,
    record.id,
    record.tool,
    record.decision?.control,
    record.decision?.action,
    record.decision?.reason,
    record.decision?.checklist?.join(' '),
    record.summary,
    record.args,
    record.prev,
    record.hash,
    record.hmac,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
