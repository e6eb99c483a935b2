import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import { redactSpans } from '../../core/redact.js';
import {
  checkOneOf,
  findSecretsIn,
  isRecord,
  isRequest,
  mapStrings,
  policyPath,
  requestName,
  WARM_UP_TEXT,
  type SecretFound,
} from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext } from './types.js';

const ID = 'outbound';
const CHECKLIST = [
  'crypto.private-key-protection',
  'crypto.wallet-information-privacy',
  'client.prompt.sensitive-data-filtering',
  'llm.execution.sensitive-information-protection',
  'client.sampling.sensitive-data-filtering',
] as const;

const MODES = ['block', 'redact', 'warn', 'off'];
type Mode = 'block' | 'redact' | 'warn' | 'off';

/** `defaults.outbound` with the server's own entries over it. */
export function outboundPolicy(
  policy: Policy,
  serverPolicy: ServerPolicy,
): { secrets: Mode; keyMaterial: Mode } {
  return { ...policy.defaults.outbound, ...serverPolicy.outbound };
}

/** What a client→server message sends, and where it is in the message. */
interface Payload {
  /** `params` for requests, `result` for the client's answers to server requests. */
  field: 'params' | 'result';
  /** The part of `field` that holds what the client sends (a key of it, or all of it). */
  key?: string;
  /** For messages: `the arguments of tool "x"`. */
  what: string;
}

/** The client's answers to server requests that carry what the user or the model wrote. */
const ANSWERS: Readonly<Record<string, string>> = {
  'sampling/createMessage': 'the sampled message',
  'elicitation/create': "the user's answer to elicitation/create",
};

function payloadsOf(ctx: MessageContext): Payload[] {
  if (isRequest(ctx)) {
    const name = requestName(ctx) ?? '?';
    const payloads: Payload[] = [];
    switch (ctx.message.method) {
      case 'tools/call':
        payloads.push({
          field: 'params',
          key: 'arguments',
          what: `the arguments of tool "${name}"`,
        });
        break;
      case 'prompts/get':
        payloads.push({
          field: 'params',
          key: 'arguments',
          what: `the arguments of prompt "${name}"`,
        });
        break;
      case 'completion/complete':
        return [{ field: 'params', what: 'the completion request' }];
      default:
    }
    // 2026-07-28: a retried request carries the client's answers to the server's input requests.
    const params = ctx.message.params;
    if (isRecord(params) && params.inputResponses !== undefined) {
      payloads.push({
        field: 'params',
        key: 'inputResponses',
        what: `the client's answers to input requests (${ctx.message.method ?? '?'})`,
      });
    }
    return payloads;
  }
  if (
    ctx.direction === 'client-to-server' &&
    ctx.kind === 'response' &&
    ctx.request !== undefined
  ) {
    const what = ANSWERS[ctx.request.method];
    return what === undefined ? [] : [{ field: 'result', what }];
  }
  return [];
}

/**
 * Texts made of several values: the words of a string array joined by spaces (a seed phrase
 * sent one word per entry) and number arrays as JSON (a 64-byte key as `[12, 250, …]`).
 */
function joinedTexts(
  value: unknown,
  name?: string,
  out: { text: string; name?: string }[] = [],
): { text: string; name?: string }[] {
  const add = (text: string): void => {
    out.push(name === undefined ? { text } : { text, name });
  };
  if (Array.isArray(value)) {
    if (value.length > 1 && value.every((entry) => typeof entry === 'string')) {
      add(value.join(' '));
    } else if (value.length > 1 && value.every((entry) => typeof entry === 'number')) {
      add(JSON.stringify(value));
    } else {
      for (const entry of value) joinedTexts(entry, name, out);
    }
  } else if (isRecord(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (key !== '_meta') joinedTexts(entry, key, out);
    }
  }
  return out;
}

function kindsOf(hits: readonly SecretFound[]): string {
  return [...new Set(hits.map((hit) => hit.kind))].sort().join(', ');
}

/**
 * Screens what the client sends to a server: tool arguments, prompt arguments, completion
 * requests, and the client's answers to `sampling/createMessage` and `elicitation/create` (2025
 * answers, or 2026-07-28 `inputResponses` of a retried request).
 * Private keys and seed phrases (`outbound.keyMaterial`, default `block`) never go to a server
 * the policy does not name as the wallet (`servers.<name>.wallet: true`); other secrets
 * (`outbound.secrets`, default `redact`) are refused, redacted or reported. Key material spread
 * over several values (a seed phrase one word per array entry) cannot be redacted in place and
 * is refused unless the mode is `warn`.
 */
export function outbound(policy: Policy): GatewayMiddleware {
  const check = (value: { secrets: unknown; keyMaterial: unknown }, at: string): void => {
    checkOneOf(ID, value.secrets, MODES, `${at}.secrets`);
    checkOneOf(ID, value.keyMaterial, MODES, `${at}.keyMaterial`);
  };
  check(policy.defaults.outbound, 'defaults.outbound');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    check(outboundPolicy(policy, serverPolicy), policyPath('servers', server, 'outbound'));
  }

  /** Screens one payload: false when it denied the message. */
  function screen(ctx: MessageContext, payload: Payload): boolean {
    const modes = outboundPolicy(ctx.policy, ctx.serverPolicy);
    const wallet = ctx.serverPolicy.wallet === true;
    const container: unknown = ctx.message[payload.field];
    const value: unknown =
      payload.key === undefined ? container : isRecord(container) ? container[payload.key] : {};

    const keys: SecretFound[] = [];
    const secrets: SecretFound[] = [];
    const screened = mapStrings(
      value,
      (text, name) => {
        const spans: SecretFound[] = [];
        for (const hit of findSecretsIn(text, name)) {
          if (hit.keyMaterial) {
            keys.push(hit);
            if (!wallet && modes.keyMaterial === 'redact') spans.push(hit);
          } else if (modes.secrets !== 'off') {
            secrets.push(hit);
            if (modes.secrets === 'redact') spans.push(hit);
          }
        }
        return spans.length > 0 ? redactSpans(text, spans) : text;
      },
      { keys: false, skip: (_record, key) => key === '_meta' },
    );
    // Key material split over several values: found only in the joined texts.
    const split =
      keys.length === 0
        ? joinedTexts(value).flatMap(({ text, name }) =>
            findSecretsIn(text, name).filter((hit) => hit.keyMaterial),
          )
        : [];
    const where = `${payload.what} for server "${ctx.server}"`;
    const keyHits = [...keys, ...split];

    if (keyHits.length > 0) {
      const found = `${String(keyHits.length)} private key${keyHits.length === 1 ? '' : 's'} or seed phrase${keyHits.length === 1 ? '' : 's'} (${kindsOf(keyHits)}) in ${where}`;
      if (wallet) {
        ctx.record({
          control: ID,
          action: 'allow',
          reason: `Sent ${found}: the policy names this server as the wallet (${policyPath('servers', ctx.server, 'wallet')}).`,
          checklist: CHECKLIST,
        });
      } else if (
        modes.keyMaterial === 'block' ||
        (modes.keyMaterial === 'redact' && split.length > 0)
      ) {
        ctx.deny({
          control: ID,
          reason:
            `Refused: ${found}; key material goes only to a server the policy names as the wallet ` +
            `(set ${policyPath('servers', ctx.server, 'wallet')}: true if this server is it).` +
            (split.length > 0
              ? ' It is spread over several values, so it cannot be redacted.'
              : ''),
          checklist: CHECKLIST,
          data: { server: ctx.server, kinds: kindsOf(keyHits).split(', ') },
        });
        return false;
      } else if (modes.keyMaterial !== 'off') {
        ctx.record({
          control: ID,
          action: modes.keyMaterial === 'redact' ? 'rewrite' : 'warn',
          reason: `Found ${found}${modes.keyMaterial === 'redact' ? '; redacted' : ''}.`,
          checklist: CHECKLIST,
        });
      }
    }
    if (secrets.length > 0) {
      const found = `${String(secrets.length)} secret${secrets.length === 1 ? '' : 's'} (${kindsOf(secrets)}) in ${where}`;
      if (modes.secrets === 'block') {
        ctx.deny({
          control: ID,
          reason: `Refused: ${found} (outbound.secrets: block). Keep credentials in the server's environment, not in what the model sends.`,
          checklist: CHECKLIST,
          data: { server: ctx.server, kinds: kindsOf(secrets).split(', ') },
        });
        return false;
      }
      ctx.record({
        control: ID,
        action: modes.secrets === 'redact' ? 'rewrite' : 'warn',
        reason: `Found ${found}${modes.secrets === 'redact' ? '; redacted' : ''}.`,
        checklist: CHECKLIST,
      });
    }
    if (screened !== value) {
      const replaced: unknown =
        payload.key === undefined
          ? screened
          : { ...(container as Record<string, unknown>), [payload.key]: screened };
      ctx.message = { ...ctx.message, [payload.field]: replaced };
    }
    return true;
  }

  return async function outbound(ctx, next) {
    const payloads = payloadsOf(ctx);
    if (payloads.length > 0) {
      const modes = outboundPolicy(ctx.policy, ctx.serverPolicy);
      const wallet = ctx.serverPolicy.wallet === true;
      if (modes.secrets !== 'off' || (modes.keyMaterial !== 'off' && !wallet)) {
        for (const payload of payloads) if (!screen(ctx, payload)) return;
      }
    }
    await next();
  };
}

export const outboundControl: GatewayControl = {
  id: ID,
  title: 'Outbound: secrets and keys in what the client sends to a server',
  checklist: CHECKLIST,
  create: (policy) => outbound(policy),
  warm: () => {
    findSecretsIn(WARM_UP_TEXT, 'message');
  },
};
