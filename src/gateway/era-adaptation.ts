import {
  CLIENT_CAPABILITIES_META,
  CLIENT_INFO_META,
  PROTOCOL_VERSION_META,
  type Era,
} from './classifier.js';
import type { JsonRpcMessage } from './middleware/types.js';

/**
 * How `gateway` bridges protocol eras when the client and a server speak different ones: a 2025
 * server must not see the 2026-07-28 per-request envelope, a 2026-only server behind a 2025 client
 * needs one built from the client's handshake, and a 2026-07-28 client needs `resultType` (and a
 * cache lifetime on cacheable results) that a 2025 server's answers lack.
 */

/** The newest 2025-era revision, offered to a server that does not speak 2026-07-28. */
export const LEGACY_VERSION = '2025-11-25';
export const MODERN_VERSION = '2026-07-28';
export const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';

/** The 2026-07-28 per-request envelope a 2025 server must not see. */
const ENVELOPE_KEYS: readonly string[] = [
  PROTOCOL_VERSION_META,
  CLIENT_CAPABILITIES_META,
  CLIENT_INFO_META,
  'io.modelcontextprotocol/logLevel',
];

/** Results that carry a cache lifetime in 2026-07-28. */
const CACHEABLE = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The 2026 envelope for the requests of a 2025 client, from its `initialize` params. */
export function envelopeOf(
  handshake: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    [PROTOCOL_VERSION_META]: MODERN_VERSION,
    [CLIENT_CAPABILITIES_META]: isRecord(handshake?.capabilities) ? handshake.capabilities : {},
    ...(isRecord(handshake?.clientInfo) ? { [CLIENT_INFO_META]: handshake.clientInfo } : {}),
  };
}

/**
 * A client message as a server joined in era `server` must see it, the client speaking era
 * `client`: without the 2026 envelope (a 2025 server; over HTTP the envelope would set its
 * protocol-version header), or with `envelope()` added (a 2026-only server behind a 2025
 * client, requests only). Returns the message itself when nothing changes.
 */
export function adaptToServerEra(
  message: JsonRpcMessage,
  server: Era | undefined,
  client: Era | undefined,
  envelope: () => Record<string, unknown>,
): JsonRpcMessage {
  if (server === undefined || client === undefined || server === client) return message;
  const params = isRecord(message.params) ? message.params : {};
  const meta = isRecord(params._meta) ? params._meta : {};
  if (server === '2025') {
    if (!ENVELOPE_KEYS.some((key) => key in meta)) return message;
    const kept = Object.fromEntries(
      Object.entries(meta).filter(([key]) => !ENVELOPE_KEYS.includes(key)),
    );
    const rest = { ...params };
    delete rest._meta;
    return {
      ...message,
      params: Object.keys(kept).length === 0 ? rest : { ...rest, _meta: kept },
    };
  }
  if (message.method === undefined || message.id === undefined) return message;
  return {
    ...message,
    params: { ...params, _meta: { ...meta, ...envelope() } },
  };
}

/**
 * A result for a 2026-07-28 client: with `resultType`, and `ttlMs`/`cacheScope` on cacheable
 * ones, where the server left them out. Undefined when the result needs nothing.
 */
export function completeModernResult(
  method: string,
  result: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const missingType = result.resultType === undefined;
  const missingCache = CACHEABLE.has(method) && result.ttlMs === undefined;
  if (!missingType && !missingCache) return undefined;
  return {
    ...result,
    ...(missingType ? { resultType: 'complete' } : {}),
    ...(missingCache ? { ttlMs: 0, cacheScope: 'private' } : {}),
  };
}
