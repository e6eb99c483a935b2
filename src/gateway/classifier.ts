import type { JsonRpcMessage, MessageKind } from './middleware/types.js';

/**
 * The gateway's own JSON-RPC classifier: what a parsed frame is (request, response, error,
 * notification), its id and method, and which protocol era it shows. Pure and cheap: a few
 * property reads, no schema validation — the gateway forwards what it does not need to judge.
 *
 * Eras: the 2025 revisions are sessionful (`initialize`, then requests without an envelope); the
 * 2026-07-28 revision is stateless (`server/discover`, and every request carries
 * `_meta["io.modelcontextprotocol/protocolVersion"]` and the client capabilities).
 */

export type Era = '2025' | '2026';

/** The protocol era the client speaks, once known; shared by the parts of one gateway. */
export interface EraTracker {
  value: Era | undefined;
}

/** The per-request `_meta` keys of the 2026-07-28 envelope. */
export const PROTOCOL_VERSION_META = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities';
export const CLIENT_INFO_META = 'io.modelcontextprotocol/clientInfo';

export type JsonRpcId = string | number;

export interface Classified {
  kind: MessageKind;
  message: JsonRpcMessage;
  /** Requests, responses and errors (an error answering an unparseable request has `null`). */
  id?: JsonRpcId | null;
  /** Requests and notifications. */
  method?: string;
  /** The era this message shows, when it shows one. */
  era?: Era;
}

export interface Unclassifiable {
  kind: 'invalid';
  reason: string;
  /** The id, when one could be read, so a request can still be answered. */
  id?: JsonRpcId;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** The era a request or notification shows by its method or its `_meta` envelope. */
export function eraOf(method: string, params: unknown): Era | undefined {
  if (method === 'initialize' || method === 'notifications/initialized') return '2025';
  if (method === 'server/discover') return '2026';
  if (isRecord(params)) {
    const meta = params._meta;
    if (isRecord(meta) && typeof meta[PROTOCOL_VERSION_META] === 'string') return '2026';
  }
  return undefined;
}

/**
 * Classifies one parsed JSON-RPC message (not a batch: see {@link isBatch}).
 *
 * @example
 * classify(JSON.parse('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}'));
 * // { kind: 'request', id: 1, method: 'tools/call', message: … }
 */
export function classify(value: unknown): Classified | Unclassifiable {
  if (!isRecord(value)) return { kind: 'invalid', reason: 'not a JSON object' };
  const id = value.id;
  const hasId = 'id' in value;
  if (value.jsonrpc !== '2.0') {
    return {
      kind: 'invalid',
      reason: 'jsonrpc is not "2.0"',
      ...(isId(id) ? { id } : {}),
    };
  }
  const message = value as unknown as JsonRpcMessage;
  const method = value.method;
  if (method !== undefined) {
    if (typeof method !== 'string' || method === '') {
      return { kind: 'invalid', reason: 'method is not a string', ...(isId(id) ? { id } : {}) };
    }
    const problem = requestProblem(value);
    if (problem !== undefined) {
      return { kind: 'invalid', reason: problem, ...(isId(id) ? { id } : {}) };
    }
    const era = eraOf(method, value.params);
    if (!hasId) {
      return { kind: 'notification', message, method, ...(era === undefined ? {} : { era }) };
    }
    if (!isId(id)) return { kind: 'invalid', reason: 'request id is not a string or number' };
    return { kind: 'request', message, id, method, ...(era === undefined ? {} : { era }) };
  }
  if ('error' in value) {
    if ('result' in value) {
      return { kind: 'invalid', reason: 'a response carries both result and error' };
    }
    if (!isRecord(value.error) || typeof value.error.code !== 'number') {
      return { kind: 'invalid', reason: 'error is not an object with a numeric code' };
    }
    if (!isId(id) && id !== null) return { kind: 'invalid', reason: 'error has no usable id' };
    return { kind: 'error', message, id };
  }
  if ('result' in value) {
    if (!isId(id)) return { kind: 'invalid', reason: 'response id is not a string or number' };
    return { kind: 'response', message, id };
  }
  return {
    kind: 'invalid',
    reason: 'neither a request, a notification nor a response',
    ...(isId(id) ? { id } : {}),
  };
}

/**
 * What makes a request or notification malformed beyond its method: `params` that is not an
 * object (MCP's params are always objects), or a `result`/`error` riding along — frames a server
 * could read differently from the gateway, so they are answered with an error, never forwarded.
 */
function requestProblem(value: Record<string, unknown>): string | undefined {
  if ('params' in value && !isRecord(value.params)) {
    return `params is ${value.params === null ? 'null' : Array.isArray(value.params) ? 'an array' : `a ${typeof value.params}`}, not an object`;
  }
  if ('result' in value || 'error' in value) return 'a request cannot carry result or error';
  return undefined;
}

/** Whether a parsed frame is a JSON-RPC batch (an array; MCP 2025-03-26 only). */
export function isBatch(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** A JSON-RPC error response. */
export function errorResponse(
  id: JsonRpcId | null,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcMessage {
  return {
    jsonrpc: '2.0',
    id,
    error: { code, message, ...(data === undefined ? {} : { data }) },
  };
}

/** JSON-RPC 2.0's own error codes. */
export const JSONRPC_ERROR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
} as const;
