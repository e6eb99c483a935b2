import { stripHiddenText } from '../../analyze/hidden-text.js';
import { isKeyMaterial as isKeyMaterialKind } from '../../analyze/secret-rules/index.js';
import { findSecretsSync } from '../../analyze/secrets.js';
import { stripTerminalEscapes } from '../../analyze/terminal.js';
import type { ServerPolicy, ToolPolicy } from '../../core/config/schema.js';
import type { SecretHit } from '../../core/detector.js';
import { ToolkitError } from '../../core/errors.js';
import type { GatewayMiddleware, MessageContext, SessionState } from './types.js';

/** Helpers shared by the gateway controls. Pure apart from the per-session maps they key. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A client→server request, optionally of one method. */
export function isRequest(ctx: MessageContext, method?: string): boolean {
  return (
    ctx.kind === 'request' &&
    ctx.direction === 'client-to-server' &&
    (method === undefined || ctx.message.method === method)
  );
}

/** A server→client result answering a client request, optionally of one method. */
export function isResult(ctx: MessageContext, method?: string): boolean {
  return (
    ctx.kind === 'response' &&
    ctx.direction === 'server-to-client' &&
    ctx.request !== undefined &&
    (method === undefined || ctx.request.method === method)
  );
}

/** `params.name` of a request (tools/call, prompts/get), when it is a string. */
export function requestName(ctx: MessageContext): string | undefined {
  const params = ctx.message.params;
  return isRecord(params) && typeof params.name === 'string' ? params.name : undefined;
}

/** `params.uri` of a request (resources/read), when it is a string. */
export function requestUri(ctx: MessageContext): string | undefined {
  const params = ctx.message.params;
  return isRecord(params) && typeof params.uri === 'string' ? params.uri : undefined;
}

/** Whether a list request asked for a later page (so its result adds to the earlier pages). */
export function isLaterPage(params: unknown): boolean {
  return isRecord(params) && params.cursor !== undefined && params.cursor !== null;
}

/** The tool a result answers (`request.tool`, else the request's `params.name`). */
export function resultTool(ctx: MessageContext): string | undefined {
  const request = ctx.request;
  if (request === undefined) return undefined;
  if (request.tool !== undefined) return request.tool;
  return isRecord(request.params) && typeof request.params.name === 'string'
    ? request.params.name
    : undefined;
}

export { describeTool, DescribeTool } from './describe.js';

/** A policy path for messages: `servers.fs.tools.write_file.action`, `servers.fs.tools['*']`. */
export function policyPath(...segments: string[]): string {
  return segments
    .map((segment, index) =>
      /^[A-Za-z0-9_-]+$/.test(segment)
        ? `${index === 0 ? '' : '.'}${segment}`
        : `[${JSON.stringify(segment).replace(/^"|"$/g, "'")}]`,
    )
    .join('');
}

/** The policies that apply to one tool of a server: its own entry, then `tools['*']`. */
export function toolPolicies(
  serverPolicy: ServerPolicy,
  tool: string,
): { key: string; policy: ToolPolicy }[] {
  const out: { key: string; policy: ToolPolicy }[] = [];
  const own = Object.hasOwn(serverPolicy.tools, tool) ? serverPolicy.tools[tool] : undefined;
  if (own !== undefined) out.push({ key: tool, policy: own });
  const star = tool === '*' ? undefined : serverPolicy.tools['*'];
  if (star !== undefined) out.push({ key: '*', policy: star });
  return out;
}

/** A factory's complaint about the policy it was given. */
export function optionsError(control: string, message: string): ToolkitError {
  return new ToolkitError('CONFIG_INVALID', `${control}: ${message}`, {
    hint: 'Fix the policy file; `mcp-warden policy check` names every problem.',
  });
}

/** Throws unless `value` is one of `allowed` (for policies built in code, past the schema). */
export function checkOneOf(
  control: string,
  value: unknown,
  allowed: readonly string[],
  path: string,
): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw optionsError(
      control,
      `${path} must be one of ${allowed.join(', ')} (got ${typeof value === 'string' ? value : typeof value}).`,
    );
  }
}

/** State kept per session (one client connection) by a control. */
export function perSession<T>(
  map: WeakMap<SessionState, T>,
  session: SessionState,
  create: () => T,
): T {
  let value = map.get(session);
  if (value === undefined) {
    value = create();
    map.set(session, value);
  }
  return value;
}

/** ANSI/terminal escapes and invisible Unicode removed; the same string when there is none. */
export function stripInvisible(text: string): string {
  return stripHiddenText(stripTerminalEscapes(text));
}

export interface MapStringsOptions {
  /** Properties left alone (binary data, `_meta`). */
  skip?: (record: Record<string, unknown>, key: string) => boolean;
  /** Map object keys too (default true). */
  keys?: boolean;
}

/**
 * Applies `fn` to every string of a JSON value — object keys too, unless `keys` is false — and
 * returns the value itself when nothing changed (structural sharing otherwise: only the objects
 * on the path to a change are copied). `fn` runs once per string, with the name of the property
 * the string is the value of (or an entry of), when there is one.
 */
export function mapStrings(
  value: unknown,
  fn: (text: string, name?: string) => string,
  options: MapStringsOptions = {},
  name?: string,
): unknown {
  if (typeof value === 'string') return fn(value, name);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      const mapped = mapStrings(entry, fn, options, name);
      if (mapped !== entry) {
        copy ??= value.slice();
        copy[i] = mapped;
      }
    }
    return copy ?? value;
  }
  if (isRecord(value)) {
    let changed = false;
    const mappedEntries: [string, unknown][] = [];
    for (const [key, entry] of Object.entries(value)) {
      if (options.skip?.(value, key) === true) {
        mappedEntries.push([key, entry]);
        continue;
      }
      const mapped = mapStrings(entry, fn, options, key);
      const mappedKey = options.keys === false ? key : fn(key);
      if (mapped !== entry || mappedKey !== key) changed = true;
      mappedEntries.push([mappedKey, mapped]);
    }
    return changed ? Object.fromEntries(mappedEntries) : value;
  }
  return value;
}

/** Lists the first `max` names, then how many more: `"a", "b" and 3 more`. */
export function listNames(names: readonly string[], max = 5): string {
  const quoted = names.slice(0, max).map((name) => `"${name}"`);
  const more = names.length - quoted.length;
  return more > 0 ? `${quoted.join(', ')} and ${String(more)} more` : quoted.join(', ');
}

/** A secret found in text, and whether it is key material (what signs or spends: see below). */
export interface SecretFound extends SecretHit {
  keyMaterial: boolean;
}

/**
 * Whether a secret is key material — a private key or a seed phrase, which signs or spends
 * rather than authenticates — as opposed to a token or password: the secret table says.
 */
export function isKeyMaterial(hit: SecretHit): boolean {
  return isKeyMaterialKind(hit.kind);
}

/**
 * Secrets in one text the client sends to a server, each marked as key material or not; `name`
 * is the argument or field the text is the value of (`mnemonic`, `api_key`), which gives
 * context to values that carry none themselves.
 *
 * @example
 * findSecretsIn('absurd avoid scissors anxiety gather lottery category door army half long camera', 'mnemonic');
 * // [{ start: 0, end: 86, kind: 'seed-phrase', keyMaterial: true }]
 */
export function findSecretsIn(text: string, name?: string): SecretFound[] {
  return findSecretsSync(text, name === undefined ? {} : { name }).map((hit) => ({
    ...hit,
    keyMaterial: isKeyMaterial(hit),
  }));
}

/**
 * A text for {@link GatewayControl.warm}: ordinary tool prose with a path, a URL, a key-shaped
 * name and a run of twelve words, so that the first pass builds every table the analyzers build
 * on first use. Nothing in it is a finding.
 */
export const WARM_UP_TEXT =
  'Reads the file at path (for example ~/notes/todo.md) and returns its text; see ' +
  'https://example.com/docs. Set api_key in the config. ' +
  'apple banana cherry garden window river stone cloud music paper table light.';

/** What a control makes of one server→client request: refuse it, or let it go (maybe rewritten). */
export type InputRequestVerdict = { refuse: string } | { params?: Record<string, unknown> };

/**
 * A control over a server's requests to the client of one method, in either era: a 2025
 * server→client request (`ctx.message.params`), or — 2026-07-28 — each request of that method
 * embedded in an `input_required` result (`result.inputRequests[key]`). It rewrites what `judge`
 * rewrites, and denies the whole message at the first refusal.
 */
export function inputRequestControl(
  control: { id: string; checklist: readonly string[] },
  method: string,
  judge: (ctx: MessageContext, params: Record<string, unknown>) => InputRequestVerdict,
): GatewayMiddleware {
  return async (ctx, next) => {
    const refusal = judgeInputRequests(ctx, method, (params) => judge(ctx, params));
    if (refusal !== undefined) {
      ctx.deny({
        control: control.id,
        reason: refusal,
        checklist: control.checklist,
        data: { server: ctx.server },
      });
      return;
    }
    await next();
  };
}

/** {@link inputRequestControl}'s walk: the first refusal, else undefined. */
function judgeInputRequests(
  ctx: MessageContext,
  method: string,
  judge: (params: Record<string, unknown>) => InputRequestVerdict,
): string | undefined {
  if (ctx.direction !== 'server-to-client') return undefined;
  if (ctx.kind === 'request' && ctx.message.method === method) {
    const params = isRecord(ctx.message.params) ? ctx.message.params : {};
    const verdict = judge(params);
    if ('refuse' in verdict) return verdict.refuse;
    if (verdict.params !== undefined) ctx.message = { ...ctx.message, params: verdict.params };
    return undefined;
  }
  const result = ctx.message.result;
  if (
    ctx.kind !== 'response' ||
    !isRecord(result) ||
    result.resultType !== 'input_required' ||
    !isRecord(result.inputRequests)
  ) {
    return undefined;
  }
  let requests: Record<string, unknown> = result.inputRequests;
  for (const [key, embedded] of Object.entries(result.inputRequests)) {
    if (!isRecord(embedded) || embedded.method !== method) continue;
    const verdict = judge(isRecord(embedded.params) ? embedded.params : {});
    if ('refuse' in verdict) return verdict.refuse;
    if (verdict.params !== undefined) {
      requests = { ...requests, [key]: { ...embedded, params: verdict.params } };
    }
  }
  if (requests !== result.inputRequests) {
    ctx.message = { ...ctx.message, result: { ...result, inputRequests: requests } };
  }
  return undefined;
}
