import { createHash } from 'node:crypto';
import type { ClientId } from './server-spec.js';
import type { Severity } from './severity.js';

/** Where a finding points: a config file position, a server, and (for live scans) a definition. */
export interface FindingLocation {
  file?: string;
  pointer?: string;
  line?: number;
  column?: number;
  client?: ClientId;
  server?: string;
  /** For findings about a server's declarations: what kind (`tool`, `prompt`, …) and which one. */
  itemKind?: string;
  item?: string;
  field?: string;
}

/**
 * What kind of problem a finding is: `threat` (evidence of malice: poisoning, hidden text, a
 * download piped into a shell), `risk` (a true but dangerous capability or exposure: runs any
 * command, moves funds, a plaintext credential) or `hygiene` (a weak practice: an unpinned
 * version, a file that does not parse).
 */
export type FindingClass = 'threat' | 'risk' | 'hygiene';

export const FINDING_CLASSES: readonly FindingClass[] = ['threat', 'risk', 'hygiene'];

export interface Finding {
  detectorId: string;
  messageId: string;
  class: FindingClass;
  severity: Severity;
  title: string;
  message: string;
  /** The checklist items this finding's message addresses (a subset of its detector's). */
  checklist: string[];
  location: FindingLocation;
  /** Already redacted: never holds a raw secret. */
  evidence?: string;
  fix: string;
  fingerprint: string;
}

/**
 * A stable identity for a finding: detector, message and location, with the file relative to
 * the scan root. Line numbers are left out so findings survive edits elsewhere in the file.
 */
export function fingerprintOf(
  detectorId: string,
  messageId: string,
  location: FindingLocation,
  relativeFile: string | undefined,
): string {
  const parts = [
    detectorId,
    messageId,
    relativeFile ?? '',
    location.pointer ?? '',
    location.client ?? '',
    location.server ?? '',
    location.itemKind ?? '',
    location.item ?? '',
    location.field ?? '',
  ];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
