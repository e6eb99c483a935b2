import { readFileSync } from 'node:fs';
import { hmacOf } from './record.js';

/**
 * The sidecar `<file>.head`: the last seq and hash the writer knows to be on disk (written after
 * each fsync of the log, and on close). A log that ends before it was truncated.
 */
export interface AuditHead {
  v: 1;
  seq: number;
  hash: string;
  /** `hmac-sha256:<hex>` over `{ v, seq, hash }`, when the log has a key. */
  hmac?: string;
}

/** The sidecar is rewritten in place at offset 0, padded to this size, so it never shrinks. */
export const HEAD_BYTES = 256;

/** The sidecar's bytes for a position. */
export function encodeHead(seq: number, hash: string, hmacKey?: Buffer): Buffer {
  const head: AuditHead = { v: 1, seq, hash };
  if (hmacKey !== undefined) head.hmac = hmacOf({ v: 1, seq, hash }, hmacKey);
  const text = JSON.stringify(head);
  return Buffer.from(`${text.padEnd(HEAD_BYTES - 1, ' ')}\n`);
}

/** What reading a sidecar gave. */
export type HeadRead =
  | { status: 'missing' }
  | { status: 'unreadable'; reason: string }
  | { status: 'bad-hmac'; head: AuditHead }
  | { status: 'ok'; head: AuditHead };

/** Reads a sidecar; checks its HMAC when a key is given. */
export function readHead(path: string, hmacKey?: Buffer): HeadRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: (error as Error).message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'unreadable', reason: 'not valid JSON' };
  }
  const head = value as Partial<AuditHead> | null;
  if (
    typeof head !== 'object' ||
    head === null ||
    head.v !== 1 ||
    !Number.isSafeInteger(head.seq) ||
    typeof head.hash !== 'string'
  ) {
    return { status: 'unreadable', reason: 'not a head record' };
  }
  const parsed: AuditHead = { v: 1, seq: head.seq as number, hash: head.hash };
  if (typeof head.hmac === 'string') parsed.hmac = head.hmac;
  if (hmacKey !== undefined) {
    const expected = hmacOf({ v: 1, seq: parsed.seq, hash: parsed.hash }, hmacKey);
    if (parsed.hmac !== expected) return { status: 'bad-hmac', head: parsed };
  }
  return { status: 'ok', head: parsed };
}
