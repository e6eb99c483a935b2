import { RECIPIENT_PARAMETERS } from '../../analyze/capabilities.js';

/**
 * The question the user sees, and how their answer reads. One form-mode elicitation
 * (`elicitation/create`, or embedded in a 2026-07-28 `input_required` result): the message shows
 * the server, the tool, every argument in full and why the gateway asks; the form has one choice
 * ("allow once", and "allow for this session" when the policy offers it). Declining, cancelling
 * or anything else is a no.
 */

/**
 * Marks a request the gateway itself sends to the client (its own questions), so a control that
 * screens server-originated elicitation can tell them apart. Gateway requests never pass the
 * server→client controls; a server message that carries this mark is forged.
 */
export const GATEWAY_ORIGIN_META = 'mcp-warden/origin';

/** The key of the gateway's question in a 2026-07-28 `input_required` result. */
export const INPUT_REQUEST_KEY = 'mcp-warden/confirm';

export interface CallDescription {
  server: string;
  /** `tools/call`, `prompts/get`, … */
  method: string;
  /** The tool or prompt, when the request names one. */
  name?: string | undefined;
  /** The request's arguments, in full. */
  args: unknown;
  reason: string;
}

export type Choice = 'once' | 'session';

export interface ElicitParams {
  message: string;
  requestedSchema: {
    type: 'object';
    properties: Record<string, unknown>;
    required: string[];
  };
  _meta: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Control, format and unassigned characters written as `\u{…}`, so nothing hides in a value. */
function visible(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
}

/** An on-chain address by its shape: hex (`0x…`), base58, or bech32 (`bc1…`, `cosmos1…`). */
const ADDRESS_SHAPE =
  /^(?:0x[0-9a-fA-F]{20,}|[1-9A-HJ-NP-Za-km-z]{25,64}|[a-z]{2,12}1[02-9ac-hj-np-z]{20,})$/;

function isRecipientName(key: string): boolean {
  const lower = key.toLowerCase().replace(/[^a-z]/g, '');
  return (
    RECIPIENT_PARAMETERS.has(lower) ||
    /address|destination|recipient|receiver|payee|beneficiary|spender/.test(lower)
  );
}

/** First and last characters apart, against a look-alike address swapped in. */
function endsApart(value: string): string {
  const head = value.slice(0, 6);
  const tail = value.slice(-6);
  return `    ↳ check both ends: starts "${visible(head)}" … ends "${visible(tail)}" (${String(value.length)} characters)`;
}

function argumentLines(args: unknown): string[] {
  if (!isRecord(args)) {
    return args === undefined ? ['(none)'] : [visible(JSON.stringify(args, null, 2))];
  }
  const entries = Object.entries(args);
  if (entries.length === 0) return ['(none)'];
  const lines: string[] = [];
  for (const [key, value] of entries) {
    const shown =
      typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 2);
    lines.push(`${visible(key)}: ${visible(shown)}`);
    if (
      typeof value === 'string' &&
      value.length >= 12 &&
      (isRecipientName(key) || ADDRESS_SHAPE.test(value))
    ) {
      lines.push(endsApart(value));
    }
  }
  return lines;
}

function isAmountName(key: string): boolean {
  return /amount|value|quantity|lamports|wei|sats?$/i.test(key);
}

/** What a person checks before funds move, and how argument names say it. */
const TRANSFER_FACTS: readonly [string, (key: string) => boolean][] = [
  ['recipient', isRecipientName],
  ['amount', isAmountName],
  ['asset', (key) => /asset|token|currency|coin|symbol|mint|denom/i.test(key)],
  ['chain', (key) => /chain|network/i.test(key)],
  ['fee', (key) => /fee|gas|priority|tip/i.test(key)],
];

/**
 * For a call shaped like a transfer (an amount argument): the facts of a transfer the arguments
 * do not state, which the server then decides on its own.
 */
function unstatedTransferFacts(args: unknown): string[] {
  if (!isRecord(args)) return [];
  const keys = Object.keys(args);
  const stated = (test: (key: string) => boolean): boolean => keys.some(test);
  if (!stated(isAmountName)) return [];
  return TRANSFER_FACTS.filter(([, test]) => !stated(test)).map(([fact]) => fact);
}

/** The text of the question: server, tool, every argument in full, and why. */
export function questionText(call: CallDescription): string {
  const what =
    call.method === 'tools/call'
      ? `Tool: ${visible(call.name ?? '(unnamed)')}`
      : `Request: ${call.method}${call.name === undefined ? '' : ` ${visible(call.name)}`}`;
  return [
    'mcp-warden asks: allow this call?',
    '',
    `Server: ${visible(call.server)}`,
    what,
    `Why you are asked: ${call.reason}`,
    '',
    'Arguments, in full:',
    ...argumentLines(call.args),
    ...unstated(call.args),
    '',
    'Decline to refuse the call: the server will not see it.',
  ].join('\n');
}

function unstated(args: unknown): string[] {
  const facts = unstatedTransferFacts(args);
  if (facts.length === 0) return [];
  return [`Not stated in the call, so the server decides: ${facts.join(', ')}.`];
}

/** The `elicitation/create` parameters (form mode) for one call. */
export function elicitationParams(call: CallDescription, allowForSession: boolean): ElicitParams {
  const options = [{ const: 'once', title: 'Allow this call once' }];
  if (allowForSession) {
    options.push({
      const: 'session',
      title: `Allow "${call.name ?? call.method}" for the rest of this session`,
    });
  }
  return {
    message: questionText(call),
    requestedSchema: {
      type: 'object',
      properties: {
        decision: {
          type: 'string',
          title: 'Your decision',
          description: 'Only an explicit choice here approves the call.',
          oneOf: options,
        },
      },
      required: ['decision'],
    },
    _meta: { [GATEWAY_ORIGIN_META]: 'mcp-warden' },
  };
}

/**
 * What the user chose, from an elicitation result: `once`, `session` (only when offered), or
 * undefined for a no (decline, cancel, anything malformed).
 */
export function readChoice(result: unknown, allowForSession: boolean): Choice | undefined {
  if (!isRecord(result) || result.action !== 'accept' || !isRecord(result.content)) {
    return undefined;
  }
  const decision = result.content.decision;
  if (decision === 'once') return 'once';
  if (decision === 'session' && allowForSession) return 'session';
  return undefined;
}
