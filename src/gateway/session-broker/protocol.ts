import type { FlowEntry, FlowLeg, FlowState } from '../middleware/flow-ledger.js';
import { FLOW_LEGS } from '../middleware/flow-ledger.js';

/**
 * The broker's wire format: one JSON object per line over the Unix socket. A wrap asks
 * `{ id, op: 'read', subscribe? }` or `{ id, op: 'add', entry }`; the broker answers
 * `{ id, legs, added?, subscribed? }` or `{ id, error }`. A wrap that subscribed is sent
 * `{ id: 0, legs }` ({@link PUSH_ID}) whenever another wrap adds a leg, before that wrap gets its
 * answer, so it can read the state without asking. Both sides check what they read: a line that
 * does not parse, or has the wrong shape, ends the connection (the wrap then fails closed).
 */

export type BrokerRequest =
  { id: number; op: 'read'; subscribe?: boolean } | { id: number; op: 'add'; entry: FlowEntry };

export type BrokerResponse =
  | { id: number; legs: FlowState['legs']; added?: boolean; subscribed?: boolean }
  | { id: number; error: string };

/** The `id` of what the broker sends unasked (a subscribed wrap's requests count from 1). */
export const PUSH_ID = 0;

/** Longest line either side accepts. */
export const MAX_LINE = 64 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseEntry(value: unknown): FlowEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { leg, server, source, reason, at } = value;
  if (
    typeof leg !== 'string' ||
    !FLOW_LEGS.includes(leg as FlowLeg) ||
    typeof server !== 'string' ||
    typeof source !== 'string' ||
    typeof reason !== 'string' ||
    typeof at !== 'number'
  ) {
    return undefined;
  }
  return { leg: leg as FlowLeg, server, source, reason, at };
}

export function parseLegs(value: unknown): FlowState['legs'] | undefined {
  if (!isRecord(value)) return undefined;
  const legs: FlowState['legs'] = {};
  for (const [key, entry] of Object.entries(value)) {
    const parsed = parseEntry(entry);
    if (parsed === undefined || parsed.leg !== key) return undefined;
    legs[parsed.leg] = parsed;
  }
  return legs;
}

export function parseRequest(line: string): BrokerRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.id !== 'number') return undefined;
  if (value.op === 'read') {
    return value.subscribe === true
      ? { id: value.id, op: 'read', subscribe: true }
      : { id: value.id, op: 'read' };
  }
  if (value.op === 'add') {
    const entry = parseEntry(value.entry);
    return entry === undefined ? undefined : { id: value.id, op: 'add', entry };
  }
  return undefined;
}

export function parseResponse(line: string): BrokerResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.id !== 'number') return undefined;
  if (typeof value.error === 'string') return { id: value.id, error: value.error };
  const legs = parseLegs(value.legs);
  if (legs === undefined) return undefined;
  return {
    id: value.id,
    legs,
    ...(typeof value.added === 'boolean' ? { added: value.added } : {}),
    ...(value.subscribed === true ? { subscribed: true } : {}),
  };
}
