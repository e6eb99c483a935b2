import type { Policy } from '../../core/config/schema.js';
import { DescribeTool } from '../middleware/describe.js';
import type { JsonRpcMessage, MessageContext } from '../middleware/types.js';
import { callBinding, callParams } from './binding.js';
import type { EraTracker } from '../classifier.js';
import { ClientChannel } from './client-channel.js';
import { PendingCalls, type PendingCall } from './pending.js';
import {
  elicitationParams,
  INPUT_REQUEST_KEY,
  readChoice,
  type CallDescription,
  type Choice,
} from './question.js';
import { ApprovalStore } from './store.js';
import type { AskAnswer, Question, UserAsker } from './types.js';

/**
 * The gateway's channel to the user, one per client connection. In order:
 *
 * 1. A 2026-07-28 retry that carries one of the gateway's `requestState`s is the user's answer:
 *    it counts once, for the same call, before it expires.
 * 2. A tool the user allowed for this session goes on (recorded each time).
 * 3. A client that declared form elicitation is asked in its own interface: `elicitation/create`
 *    (2025 era; the call waits), or an `input_required` result (2026-07-28; the client retries).
 * 4. Otherwise the call waits for `mcp-warden approve` in a terminal.
 *
 * Every outcome is a decision in the audit log: `approved`, `declined`, `expired`, `asked`, or
 * `confirm-refused` when nobody can be asked.
 */

export type ConfirmSettings = Policy['defaults']['confirm'];

export interface ApprovalsOptions {
  confirm: ConfirmSettings;
  channel: ClientChannel;
  /** The terminal channel (`mcp-warden approve`); absent: none. */
  pending?: PendingCalls | undefined;
  log: (text: string) => void;
  now?: () => number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}

interface Call extends CallDescription {
  binding: string;
  /** `Tool "x" of server "s"`, or `prompts/get "p" of server "s"`. */
  subject: string;
}

export class Approvals implements UserAsker {
  readonly store: ApprovalStore;
  private readonly now: () => number;
  private readonly approvedNow = new WeakSet<MessageContext>();

  constructor(private readonly options: ApprovalsOptions) {
    this.store = new ApprovalStore(options.confirm.approvalTtlMs);
    this.now = options.now ?? Date.now;
  }

  async ask(ctx: MessageContext, question: Question): Promise<AskAnswer> {
    // One yes per call: a second control asking about the same message is not asked again.
    if (this.approvedNow.has(ctx)) return 'approved';
    const call = describeCall(ctx, question.reason);
    const params = ctx.message.params;
    if (isRecord(params) && ApprovalStore.owns(params.requestState)) {
      // The answer to this control's question; another control's question answers only that
      // control, so this one asks its own (and an unknown or spent id is refused).
      const open = this.store.peek(params.requestState);
      if (open === undefined || open.control === question.control) {
        return this.onRetry(ctx, question, call, params);
      }
    }
    if (call.name !== undefined) {
      const allowance = this.store.sessionAllowance(question.control, ctx.server, call.name);
      if (allowance !== undefined) {
        ctx.record({
          control: question.control,
          action: 'approved',
          reason: `${call.subject} was allowed by the user for this session; not asked again (${question.reason})`,
          ...checklistOf(question),
        });
        this.approvedNow.add(ctx);
        return 'approved';
      }
    }
    const { channel } = this.options;
    if (channel.canElicit(ctx.message)) {
      if (ctx.era === '2026') {
        if (ctx.answer !== undefined) return this.askByInputRequired(ctx, question, call);
      } else {
        return this.askByElicitation(ctx, question, call);
      }
    }
    return this.askAtTerminal(ctx, question, call);
  }

  // ------------------------------------------------------------ 2025: elicitation/create

  private async askByElicitation(
    ctx: MessageContext,
    question: Question,
    call: Call,
  ): Promise<AskAnswer> {
    const { confirm, channel } = this.options;
    const abort = abortWhenSettled(ctx);
    const answer = await channel.request(
      'elicitation/create',
      { ...elicitationParams(call, confirm.allowForSession) },
      confirm.approvalTtlMs,
      abort,
    );
    if (!answer.ok) {
      if (answer.timedOut === true) {
        return this.refuse(
          ctx,
          question,
          call,
          'expired',
          `nobody answered within ${seconds(confirm.approvalTtlMs)}`,
        );
      }
      return this.refuse(ctx, question, call, 'declined', answer.reason);
    }
    const choice = readChoice(answer.result, confirm.allowForSession);
    if (choice === undefined) {
      return this.refuse(ctx, question, call, 'declined', 'the user declined');
    }
    return this.approve(ctx, question, call, choice, 'in the client');
  }

  // ------------------------------------------------------------ 2026-07-28: input_required

  private askByInputRequired(ctx: MessageContext, question: Question, call: Call): AskAnswer {
    const { confirm } = this.options;
    const open = this.store.ask(question.control, call.binding, ctx.server, call.name, this.now());
    ctx.answer?.(
      {
        resultType: 'input_required',
        inputRequests: {
          [INPUT_REQUEST_KEY]: {
            method: 'elicitation/create',
            params: elicitationParams(call, confirm.allowForSession),
          },
        },
        requestState: open.id,
      },
      {
        control: question.control,
        action: 'asked',
        reason: `${call.subject}: the user was asked in the client (input_required); ${question.reason}`,
        ...checklistOf(question),
      },
    );
    return 'asked';
  }

  private onRetry(
    ctx: MessageContext,
    question: Question,
    call: Call,
    params: Record<string, unknown>,
  ): AskAnswer {
    const { confirm } = this.options;
    const taken = this.store.take(String(params.requestState), call.binding, this.now());
    if (taken.status === 'unknown') {
      return this.refuse(
        ctx,
        question,
        call,
        'declined',
        'its approval is unknown or was already used (an approval counts once)',
      );
    }
    if (taken.status === 'expired') {
      return this.refuse(
        ctx,
        question,
        call,
        'expired',
        `the answer came after ${seconds(confirm.approvalTtlMs)}`,
      );
    }
    if (taken.status === 'mismatch') {
      return this.refuse(
        ctx,
        question,
        call,
        'declined',
        'its arguments differ from the ones the user was shown',
      );
    }
    const responses = isRecord(params.inputResponses) ? params.inputResponses : {};
    const choice = readChoice(responses[INPUT_REQUEST_KEY], confirm.allowForSession);
    // The server never sees the gateway's question or its answer.
    const rest: Record<string, unknown> = { ...params };
    delete rest.requestState;
    const others = Object.fromEntries(
      Object.entries(responses).filter(([key]) => key !== INPUT_REQUEST_KEY),
    );
    if (Object.keys(others).length > 0) rest.inputResponses = others;
    else delete rest.inputResponses;
    ctx.message = { ...ctx.message, params: rest };
    if (choice === undefined)
      return this.refuse(ctx, question, call, 'declined', 'the user declined');
    return this.approve(ctx, question, call, choice, 'in the client');
  }

  // ------------------------------------------------------------ terminal: mcp-warden approve

  private async askAtTerminal(
    ctx: MessageContext,
    question: Question,
    call: Call,
  ): Promise<AskAnswer> {
    const { confirm, pending, log } = this.options;
    if (pending === undefined) {
      return this.refuse(
        ctx,
        question,
        call,
        'confirm-refused',
        'this client cannot ask the user (it declared no form elicitation)',
      );
    }
    const now = this.now();
    const entry: PendingCall = {
      version: 1,
      id: PendingCalls.newId(),
      server: ctx.server,
      method: call.method,
      ...(call.name === undefined ? {} : { tool: call.name }),
      arguments: call.args,
      reason: question.reason,
      binding: call.binding,
      createdAt: now,
      expiresAt: now + confirm.approvalTtlMs,
      pid: process.pid,
    };
    await pending.register(entry);
    log(
      `${call.subject} waits for your decision (${question.reason}). ` +
        `Run \`mcp-warden approve ${entry.id}\` (or \`mcp-warden approve ${entry.id} --deny\`) within ${seconds(confirm.approvalTtlMs)} ` +
        `(waiting calls are kept in ${pending.dir}; if your terminal's $XDG_RUNTIME_DIR differs, add --dir ${pending.dir}).`,
    );
    const result = await pending.wait(entry, confirm.approvalTtlMs, abortWhenSettled(ctx));
    if (result === 'approve')
      return this.approve(
        ctx,
        question,
        call,
        'once',
        `at the terminal (mcp-warden approve ${entry.id})`,
      );
    if (result === 'deny') {
      return this.refuse(
        ctx,
        question,
        call,
        'declined',
        `it was denied at the terminal (mcp-warden approve ${entry.id} --deny)`,
      );
    }
    return this.refuse(
      ctx,
      question,
      call,
      'expired',
      `this client cannot ask the user (it declared no form elicitation), and nobody approved it with \`mcp-warden approve ${entry.id}\` within ${seconds(confirm.approvalTtlMs)}`,
    );
  }

  // ------------------------------------------------------------ outcomes

  private approve(
    ctx: MessageContext,
    question: Question,
    call: Call,
    choice: Choice,
    where: string,
  ): AskAnswer {
    this.approvedNow.add(ctx);
    if (choice === 'session' && call.name !== undefined) {
      this.store.allowForSession(question.control, ctx.server, call.name, this.now());
    }
    ctx.record({
      control: question.control,
      action: 'approved',
      reason:
        choice === 'session'
          ? `${call.subject}: the user allowed it for the rest of this session ${where}; ${question.reason}`
          : `${call.subject}: the user approved this call once ${where}; ${question.reason}`,
      ...checklistOf(question),
    });
    return 'approved';
  }

  private refuse(
    ctx: MessageContext,
    question: Question,
    call: Call,
    action: 'declined' | 'expired' | 'confirm-refused',
    why: string,
  ): AskAnswer {
    const allow =
      question.howToAllow ??
      (call.name === undefined
        ? undefined
        : `servers.${ctx.server}.tools.${call.name}.action: allow`);
    const help =
      action === 'declined'
        ? ''
        : ' To approve a waiting call from a terminal, run `mcp-warden approve` (it lists the calls waiting) and then `mcp-warden approve <id>`.' +
          (allow === undefined ? '' : ` To allow it without asking, set ${allow} in the policy.`);
    ctx.deny({
      control: question.control,
      action,
      reason: `${call.subject} needs the user's confirmation (${question.reason}), and was refused before the server saw it: ${why}.${help}`,
      ...checklistOf(question),
      data: {
        server: ctx.server,
        ...(call.name === undefined ? {} : { tool: call.name }),
        confirmation: action,
        ...(allow === undefined ? {} : { allowWith: allow }),
      },
    });
    return action === 'confirm-refused' ? 'unavailable' : action;
  }
}

function checklistOf(question: Question): { checklist?: readonly string[] } {
  return question.checklist === undefined ? {} : { checklist: question.checklist };
}

/** An abort signal that fires when the request is over another way (deadline, server gone). */
function abortWhenSettled(ctx: MessageContext): AbortSignal | undefined {
  if (ctx.onSettled === undefined) return undefined;
  const controller = new AbortController();
  ctx.onSettled(() => {
    controller.abort();
  });
  return controller.signal;
}

function describeCall(ctx: MessageContext, reason: string): Call {
  const message: JsonRpcMessage = ctx.message;
  const method = message.method ?? '';
  const params = callParams(message.params);
  const name = typeof params.name === 'string' ? params.name : undefined;
  const args =
    method === 'tools/call' || method === 'prompts/get' ? (params.arguments ?? {}) : params;
  const subject =
    method === 'tools/call' && name !== undefined
      ? DescribeTool(ctx.server, name)
      : `${method}${name === undefined ? '' : ` "${name}"`} of server "${ctx.server}"`;
  return {
    server: ctx.server,
    method,
    name,
    args,
    reason,
    binding: callBinding(ctx.server, method, message.params),
    subject,
  };
}

/**
 * The approvals of one client connection: its channel (fed by the router: the client's
 * `initialize`, its answers, its hang-up) and the asker the controls reach through `ctx.approvals`.
 */
export function connectApprovals(options: {
  policy: Policy;
  send: (message: JsonRpcMessage) => void;
  era: EraTracker;
  /** The terminal channel's directory (`approvalsDir`); absent: no terminal channel. */
  dir?: string | undefined;
  log: (text: string) => void;
  now?: (() => number) | undefined;
}): { approvals: Approvals; channel: ClientChannel } {
  const channel = new ClientChannel(options.send, options.era);
  const approvals = new Approvals({
    confirm: options.policy.defaults.confirm,
    channel,
    pending: options.dir === undefined ? undefined : new PendingCalls(options.dir),
    log: options.log,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { approvals, channel };
}
