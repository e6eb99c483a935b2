import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { findSecrets, isKeyMaterial } from '../../analyze/secrets.js';
import { redactSpans } from '../../core/redact.js';
import { canonicalJson } from '../../pin/canonical.js';
import type { Decision, Direction, JsonRpcMessage } from '../middleware/types.js';

/** What a record is about. */
export const AUDIT_RECORD_TYPES = [
  'request',
  'response',
  'notification',
  'decision',
  'lifecycle',
  'alert',
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];

/** The `prev` of the very first record of a log. */
export const GENESIS = 'genesis';

/** Small facts about a message: sizes, counts, an error code. Never message content. */
export type AuditSummary = Record<string, string | number | boolean | null>;

/** What a caller hands to {@link AuditLog.append}; the log adds `v`, `seq`, `ts`, `prev`, `hash`, `hmac`. */
export interface AuditEvent {
  type: AuditRecordType;
  /** A name for lifecycle and alert records (`opened`, `closed`, `rotated-from`, …). */
  event?: string;
  server?: string;
  direction?: Direction;
  method?: string;
  id?: string | number | null;
  tool?: string;
  summary?: AuditSummary;
  decision?: Decision;
  /** Tool arguments, stored redacted: secrets masked, long strings cut, deep values elided. */
  args?: unknown;
}

/** One line of the log, as written. */
export interface AuditRecord {
  v: 1;
  seq: number;
  ts: string;
  type: AuditRecordType;
  event?: string;
  server?: string;
  direction?: Direction;
  method?: string;
  id?: string | number | null;
  tool?: string;
  summary?: AuditSummary;
  decision?: { control: string; action: string; reason: string; checklist?: string[] };
  args?: unknown;
  /** `hash` of the record before this one (across files), or {@link GENESIS}. */
  prev: string;
  /** `sha256:<hex>` of the canonical JSON (RFC 8785) of the record without `hash` and `hmac`. */
  hash: string;
  /** `hmac-sha256:<hex>` of the same canonical JSON, when the log has a key. */
  hmac?: string;
}

/** The limits {@link redactArgs} applies. */
export const ARGS_LIMITS = {
  /** Longer strings keep this many characters, then say how long they were. */
  maxString: 256,
  /** Deeper values become `"[depth limit]"`. */
  maxDepth: 6,
  /** Arrays keep this many items, objects this many keys. */
  maxItems: 32,
} as const;

/**
 * Masks the secrets in one string (named by the key it is the value of, for context), then
 * shortens it. The same engine as output and argument screening (`findSecrets`), plus long
 * random strings: a masked identifier costs the log little, a raw token in it is a leak that
 * outlives the session. Linear in the string, however long (a 10 MB base64 argument is masked
 * whole, then cut).
 */
export function redactText(
  text: string,
  name?: string,
  maxLength: number = ARGS_LIMITS.maxString,
): string {
  const hits = findSecrets(
    text,
    name === undefined ? { randomStrings: true } : { name, randomStrings: true },
  );
  const redacted = redactSpans(text, hits);
  return redacted.length <= maxLength
    ? redacted
    : `${redacted.slice(0, maxLength)}…(${String(redacted.length)} chars)`;
}

/**
 * A secret split across the items of an array — a seed phrase one word per item, a key as a
 * byte array — which no single item shows: the whole array is masked, as `[redacted:<kind>]`.
 */
function splitSecret(items: readonly unknown[]): string | undefined {
  if (items.length < 2 || items.length > 128) return undefined;
  let text: string;
  if (items.every((item): item is string => typeof item === 'string' && item.length <= 64)) {
    text = items.join(' ');
  } else if (items.every((item) => typeof item === 'number')) {
    text = JSON.stringify(items);
  } else {
    return undefined;
  }
  const hit = findSecrets(text).find((found) => isKeyMaterial(found.kind));
  return hit === undefined ? undefined : `[redacted:${hit.kind}]`;
}

/** Longest object key {@link redactKey} remembers as clean. */
const MAX_REMEMBERED_KEY = 64;
const REMEMBERED_KEYS = 1024;
/** Short keys found to hold no secret: every call of a tool sends the same ones. */
const cleanKeys = new Set<string>();

/**
 * An object key as the log stores it ({@link redactText}, a pure function of the key). Keys
 * that held no secret are remembered, so that the same few keys are not scanned on every call; a
 * key with a secret in it is never kept.
 */
function redactKey(key: string): string {
  if (cleanKeys.has(key)) return key;
  const redacted = redactText(key, undefined, 64);
  if (redacted === key && key.length <= MAX_REMEMBERED_KEY) {
    if (cleanKeys.size >= REMEMBERED_KEYS) cleanKeys.clear();
    cleanKeys.add(key);
  }
  return redacted;
}

function redactValue(value: unknown, name: string | undefined, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return redactText(value, name);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= ARGS_LIMITS.maxDepth) return '[depth limit]';
  if (Array.isArray(value)) {
    const whole = splitSecret(value);
    if (whole !== undefined) return whole;
    const items = value
      .slice(0, ARGS_LIMITS.maxItems)
      .map((item: unknown) => redactValue(item, name, depth + 1));
    if (value.length > ARGS_LIMITS.maxItems) {
      items.push(`[${String(value.length - ARGS_LIMITS.maxItems)} more items]`);
    }
    return items;
  }
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries.slice(0, ARGS_LIMITS.maxItems)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[redactKey(key)] = redactValue(item, key, depth + 1);
  }
  if (entries.length > ARGS_LIMITS.maxItems) {
    out['…'] = `[${String(entries.length - ARGS_LIMITS.maxItems)} more keys]`;
  }
  return out;
}

/**
 * Tool arguments as the audit log stores them: every string checked for secrets (with the key it
 * is the value of as context, so `{ "apiKey": "…" }` is caught) and masked, long strings cut,
 * large or deep values elided. The result is plain JSON.
 *
 * @example
 * redactArgs({ token: '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' });
 * // { token: '[redacted:github]' }
 */
export function redactArgs(args: unknown): unknown {
  return redactValue(args, undefined, 0);
}

function cleanSummary(summary: AuditSummary): AuditSummary {
  const out: AuditSummary = {};
  // Typed, but handed in by callers at run time: anything that is not a scalar is dropped.
  const entries: [string, unknown][] = Object.entries(summary);
  for (const [key, value] of entries.slice(0, ARGS_LIMITS.maxItems)) {
    if (typeof value === 'string') out[key] = redactText(value, key);
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else if (typeof value === 'boolean' || value === null) out[key] = value;
  }
  return out;
}

/**
 * The body of a record (everything but `hash`/`hmac`) from an event: only known fields, in a
 * fixed order, with no `undefined` values, so that what is hashed is exactly what a reader parses.
 */
export function recordBody(
  event: AuditEvent,
  position: { seq: number; ts: string; prev: string },
): Omit<AuditRecord, 'hash' | 'hmac'> {
  // `prev` is set last so that it sits next to `hash` in the line, for people reading it.
  const body = { v: 1, seq: position.seq, ts: position.ts, type: event.type } as Omit<
    AuditRecord,
    'hash' | 'hmac'
  >;
  if (event.event !== undefined) body.event = event.event;
  if (event.server !== undefined) body.server = event.server;
  if (event.direction !== undefined) body.direction = event.direction;
  if (event.method !== undefined) body.method = event.method;
  if (event.id !== undefined) {
    body.id = typeof event.id === 'string' ? redactText(event.id, 'id') : event.id;
  }
  if (event.tool !== undefined) body.tool = event.tool;
  if (event.summary !== undefined) body.summary = cleanSummary(event.summary);
  if (event.decision !== undefined) {
    const { control, action, reason, checklist } = event.decision;
    body.decision = { control, action, reason: redactText(reason, undefined, 1000) };
    if (checklist !== undefined) body.decision.checklist = [...checklist];
  }
  if (event.args !== undefined) body.args = redactArgs(event.args);
  body.prev = position.prev;
  return body;
}

/** `hmac-sha256:<hex>` of a canonical JSON text. */
function hmacOfCanonical(canonical: string, key: Buffer): string {
  return `hmac-sha256:${createHmac('sha256', key).update(canonical).digest('hex')}`;
}

/** `hmac-sha256:<hex>` of a value's canonical JSON. */
export function hmacOf(value: unknown, key: Buffer): string {
  return hmacOfCanonical(canonicalJson(value), key);
}

/** SHA-256 of a text in hex: one call where Node has `crypto.hash` (20.12+), else a Hash object. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text).digest('hex');

/**
 * A record's `hash` and `hmac` from one canonical serialisation of its body (the same text as
 * `canonicalHash` and {@link hmacOf} hash, made once for both).
 */
function sealsOf(
  body: Record<string, unknown>,
  hmacKey: Buffer | undefined,
): { hash: string; hmac?: string } {
  const canonical = canonicalJson(body);
  const hash = `sha256:${sha256Hex(canonical)}`;
  return hmacKey === undefined ? { hash } : { hash, hmac: hmacOfCanonical(canonical, hmacKey) };
}

/** Every field a record body can have, in canonical order (RFC 8785: by UTF-16 code units). */
const CANONICAL_FIELDS = [
  'args',
  'decision',
  'direction',
  'event',
  'id',
  'method',
  'prev',
  'seq',
  'server',
  'summary',
  'tool',
  'ts',
  'type',
  'v',
] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(CANONICAL_FIELDS);

/**
 * A record as the log writes it: the sealed record, and its line (with the newline). Each value
 * of the body is serialised once, in its canonical form; the canonical text of the whole body
 * (what `hash` and `hmac` cover, exactly as {@link sealRecord} computes them) and the line (the
 * fields in the body's own order, `prev` then `hash` last, for people reading it) are joined
 * from those pieces, and that text is hashed once.
 */
export function sealLine(
  body: Omit<AuditRecord, 'hash' | 'hmac'>,
  hmacKey?: Buffer,
): { record: AuditRecord; line: string } {
  const fields = body as unknown as Record<string, unknown>;
  const texts: Record<string, string> = {};
  let line = '{';
  let count = 0;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    const text = canonicalJson(value);
    texts[key] = text;
    const name = KNOWN_FIELDS.has(key) ? `"${key}"` : JSON.stringify(key);
    line += `${count === 0 ? '' : ','}${name}:${text}`;
    count++;
  }
  let canonical = '{';
  let placed = 0;
  for (const key of CANONICAL_FIELDS) {
    const text = texts[key];
    if (text === undefined) continue;
    canonical += `${placed === 0 ? '' : ','}"${key}":${text}`;
    placed++;
  }
  canonical += '}';
  // recordBody writes only the fields above; anything else takes the general path.
  if (placed !== count) canonical = canonicalJson(body);
  const hash = `sha256:${sha256Hex(canonical)}`;
  line += `,"hash":"${hash}"`;
  const record = Object.assign({}, body, { hash }) as AuditRecord;
  if (hmacKey !== undefined) {
    const hmac = hmacOfCanonical(canonical, hmacKey);
    record.hmac = hmac;
    line += `,"hmac":"${hmac}"`;
  }
  return { record, line: `${line}}\n` };
}

/** Seals a body: its hash, and its HMAC when there is a key. */
export function sealRecord(
  body: Omit<AuditRecord, 'hash' | 'hmac'>,
  hmacKey?: Buffer,
): AuditRecord {
  const { hash, hmac } = sealsOf(body, hmacKey);
  const record: AuditRecord = { ...body, hash };
  if (hmac !== undefined) record.hmac = hmac;
  return record;
}

/** The body of a parsed record: the record without `hash` and `hmac`. */
export function bodyOf(record: Record<string, unknown>): Record<string, unknown> {
  const body = { ...record };
  delete body.hash;
  delete body.hmac;
  return body;
}

/** What is wrong with a parsed line as a record, or undefined when it has the record shape. */
export function recordShapeError(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (record.v !== 1) return `unknown record version ${JSON.stringify(record.v ?? null)}`;
  if (!Number.isSafeInteger(record.seq) || (record.seq as number) < 1)
    return 'seq is not a positive integer';
  if (typeof record.ts !== 'string') return 'ts is not a string';
  if (!AUDIT_RECORD_TYPES.includes(record.type as AuditRecordType)) return 'unknown record type';
  if (typeof record.prev !== 'string') return 'prev is not a string';
  if (typeof record.hash !== 'string') return 'hash is not a string';
  if (record.hmac !== undefined && typeof record.hmac !== 'string') return 'hmac is not a string';
  return undefined;
}

/**
 * Checks a parsed record against itself: its hash, and its HMAC when a key is given. Returns the
 * reason it fails, or undefined.
 */
export function recordSealError(
  record: Record<string, unknown>,
  hmacKey?: Buffer,
): { reason: 'hash-mismatch' | 'hmac-missing' | 'hmac-mismatch'; message: string } | undefined {
  const body = bodyOf(record);
  let seals: { hash: string; hmac?: string };
  try {
    seals = sealsOf(body, hmacKey);
  } catch {
    return { reason: 'hash-mismatch', message: 'the record has no canonical JSON form' };
  }
  if (seals.hash !== record.hash) {
    return {
      reason: 'hash-mismatch',
      message: 'the hash does not match the content: the record was edited',
    };
  }
  if (hmacKey !== undefined) {
    if (record.hmac === undefined) {
      return { reason: 'hmac-missing', message: 'the record has no HMAC, but a key was given' };
    }
    if (seals.hmac !== record.hmac) {
      return {
        reason: 'hmac-mismatch',
        message: 'the HMAC does not match: wrong key, or the record was forged',
      };
    }
  }
  return undefined;
}

function countOf(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

/**
 * Sizes and counts of a JSON-RPC message for a record's `summary`: the frame size when known,
 * the error code, `isError`, and how many content items, tools, prompts or resources a result
 * holds. Never content.
 *
 * @example
 * summarizeMessage({ jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'denied' } }, 64);
 * // { bytes: 64, errorCode: -32001 }
 */
export function summarizeMessage(message: JsonRpcMessage, bytes?: number): AuditSummary {
  const summary: AuditSummary = {};
  if (bytes !== undefined) summary.bytes = bytes;
  if (message.error !== undefined) summary.errorCode = message.error.code;
  const result = message.result;
  if (typeof result === 'object' && result !== null) {
    const fields = result as Record<string, unknown>;
    if (typeof fields.isError === 'boolean') summary.isError = fields.isError;
    for (const key of [
      'content',
      'tools',
      'prompts',
      'resources',
      'resourceTemplates',
      'contents',
    ]) {
      const count = countOf(fields[key]);
      if (count !== undefined) summary[key] = count;
    }
  }
  return summary;
}
