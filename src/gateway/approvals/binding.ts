import { canonicalHash } from '../../pin/canonical.js';

/**
 * What an approval is bound to: the server, the method, the tool (or prompt) name and the exact
 * arguments, as RFC 8785 canonical JSON — so key order does not matter, but any changed value
 * does. The 2026-07-28 retry fields (`inputResponses`, `requestState`) and `_meta` are not part
 * of the call.
 */

/** Request parameters that carry the protocol's own state, not the call. */
const NOT_THE_CALL = new Set(['_meta', 'inputResponses', 'requestState']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parameters of a request without `_meta`, `inputResponses` and `requestState`. */
export function callParams(params: unknown): Record<string, unknown> {
  if (!isRecord(params)) return {};
  return Object.fromEntries(Object.entries(params).filter(([key]) => !NOT_THE_CALL.has(key)));
}

/**
 * `sha256:<hex>` naming one exact call.
 *
 * @example
 * callBinding('wallet', 'tools/call', { name: 'transfer_funds', arguments: { to: '0xab…', amountEth: 1 } });
 */
export function callBinding(server: string, method: string, params: unknown): string {
  return canonicalHash({ server, method, params: callParams(params) });
}
