import { sentenceAround } from '../../analyze/match.js';
import { isSecretName } from '../../analyze/secrets.js';
import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import { recordHiddenText, screenServerText } from './output-screening.js';
import {
  checkOneOf,
  isRecord,
  inputRequestControl,
  listNames,
  policyPath,
  type InputRequestVerdict,
} from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext } from './types.js';

const ID = 'elicitation';
const CHECKLIST = [
  'crypto.private-key-protection',
  'crypto.wallet-information-privacy',
  'client.prompt.sensitive-data-filtering',
  'llm.execution.sensitive-information-protection',
] as const;

/**
 * Words that ask a person for a credential: seed phrases, private keys, passwords and PINs, API
 * keys and tokens, card numbers. For the free text of a form (its message, a field's title or
 * description); field names go through `isSecretName`, the secret table's own name test.
 */
const ASKS_FOR_SECRET =
  /\b(?:(?:seed|recovery|secret|mnemonic|backup|wallet)[\s_-]*(?:phrase|words)|mnemonics?|private[\s_-]*keys?|secret[\s_-]*keys?|spending[\s_-]*keys?|keystore|pass(?:word|phrase|code)s?|pin(?:[\s_-]*code)?|api[\s_-]*keys?|(?:access|auth|bearer|secret|api)[\s_-]*tokens?|(?:credit|debit)[\s_-]*card|card[\s_-]*(?:number|no)|cvv|cvc|security[\s_-]*code|2fa[\s_-]*code|one[\s_-]*time[\s_-]*(?:code|password))\b/gi;

/** A sentence that says the secret is not wanted ("your password is never needed"). */
const NEGATED = /\b(?:never|not|no|don't|won't|without)\b/i;

/** Whether free text asks for a credential: it names one, outside a sentence that negates it. */
function asksForSecret(text: string): boolean {
  for (const match of text.matchAll(ASKS_FOR_SECRET)) {
    if (!NEGATED.test(sentenceAround(text, match.index, match.index + match[0].length)))
      return true;
  }
  return false;
}

/** `defaults.elicitation` with the server's own entries over it. */
export function elicitationPolicy(
  policy: Policy,
  serverPolicy: ServerPolicy,
): Policy['defaults']['elicitation'] {
  return { ...policy.defaults.elicitation, ...serverPolicy.elicitation };
}

function settingPath(ctx: MessageContext, key: 'action' | 'sensitive'): string {
  return ctx.serverPolicy.elicitation?.[key] === undefined
    ? `defaults.elicitation.${key}`
    : policyPath('servers', ctx.server, 'elicitation', key);
}

/** A field the user types free text into (not a choice, a number or a yes/no). */
function isFreeText(schema: Record<string, unknown>): boolean {
  if (schema.enum !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined) {
    return false;
  }
  return schema.type === undefined || schema.type === 'string';
}

/**
 * The fields of a form that ask for a credential, and whether the form's message does: a field
 * named like a secret (`password`, `seed_phrase`, `privateKey`, `api_key`), or whose title or
 * description asks for one; the message counts when the form has a free-text field to type it in.
 */
export function secretRequests(params: Record<string, unknown>): string[] {
  const schema = isRecord(params.requestedSchema) ? params.requestedSchema : {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const asked: string[] = [];
  let freeText = false;
  for (const [name, field] of Object.entries(properties)) {
    if (!isRecord(field)) continue;
    if (!isFreeText(field)) continue;
    freeText = true;
    const texts = [field.title, field.description].filter((t) => typeof t === 'string');
    if (isSecretName(name) || texts.some(asksForSecret)) asked.push(name);
  }
  const message = typeof params.message === 'string' ? params.message : '';
  if (asked.length === 0 && freeText && asksForSecret(message)) asked.push('(message)');
  return asked;
}

/**
 * Judges a server's `elicitation/create` request before the user sees it: refused where the
 * policy does not let the server ask (`elicitation.action`); a form that asks for a seed phrase,
 * private key, password, API key or card number is refused or reported
 * (`elicitation.sensitive`, default `block`) — the spec itself forbids asking for those in a
 * form. URL-mode requests (the spec's way to collect credentials, outside the client) are not
 * judged on their wording. Message, titles and descriptions are screened like tool output (hidden
 * text stripped, secrets redacted). The user's answer goes back through `outbound`.
 *
 * Both eras: a 2025 server→client request, or one embedded in a 2026-07-28 `input_required`
 * result (refusing one refuses the whole result).
 *
 * Only requests from servers reach this control: the gateway's own confirmation questions are
 * sent to the client by the gateway and never pass through the server→client chain.
 */
export function elicitation(policy: Policy): GatewayMiddleware {
  const check = (value: Policy['defaults']['elicitation'], at: string): void => {
    checkOneOf(ID, value.action, ['allow', 'deny'], `${at}.action`);
    checkOneOf(ID, value.sensitive, ['block', 'warn', 'off'], `${at}.sensitive`);
  };
  check(policy.defaults.elicitation, 'defaults.elicitation');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    check(elicitationPolicy(policy, serverPolicy), policyPath('servers', server, 'elicitation'));
  }

  function judge(ctx: MessageContext, params: Record<string, unknown>): InputRequestVerdict {
    const rules = elicitationPolicy(ctx.policy, ctx.serverPolicy);
    if (rules.action === 'deny') {
      return {
        refuse: `Server "${ctx.server}" may not ask the user questions (${settingPath(ctx, 'action')}: deny).`,
      };
    }
    if (rules.sensitive !== 'off' && params.mode !== 'url') {
      const asked = secretRequests(params);
      if (asked.length > 0) {
        const found = `Server "${ctx.server}" asks the user for a secret (a seed phrase, private key, password, API key or card number) in a form: ${listNames(asked)}`;
        if (rules.sensitive === 'block') {
          return {
            refuse: `${found}. Refused (${settingPath(ctx, 'sensitive')}: block): never type a seed phrase or key into a form a server sends.`,
          };
        }
        ctx.record({ control: ID, action: 'warn', reason: `${found}.`, checklist: CHECKLIST });
      }
    }
    const what = `the elicitation request of server "${ctx.server}"`;
    const screened = screenServerText(ctx, params, { what, analyse: false });
    if (screened.blocks.length > 0) return { refuse: `Blocked: ${screened.blocks.join('; ')}.` };
    recordHiddenText(ctx, screened.hidden, what);
    return screened.value === params ? {} : { params: screened.value as Record<string, unknown> };
  }

  return inputRequestControl({ id: ID, checklist: CHECKLIST }, 'elicitation/create', judge);
}

export const elicitationControl: GatewayControl = {
  id: ID,
  title: 'Elicitation: servers asking the user for seed phrases, keys or passwords refused',
  checklist: CHECKLIST,
  create: (policy) => elicitation(policy),
};
