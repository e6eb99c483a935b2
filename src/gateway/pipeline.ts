import type { Policy, ServerPolicy } from '../core/config/schema.js';
import type { Lockfile } from '../pin/lockfile.js';
import type { UserAsker } from './approvals/types.js';
import type { Era } from './classifier.js';
import {
  GATEWAY_ERROR,
  type Decision,
  type Direction,
  type GatewayMiddleware,
  type JsonRpcMessage,
  type MessageContext,
  type MessageKind,
  type PendingRequest,
  type SessionState,
} from './middleware/types.js';

/**
 * One message through the controls: builds its {@link MessageContext}, runs the composed
 * middleware, and says what to do — forward (as it came, or rewritten) or stop (with the JSON-RPC
 * error the control asked for). The pipeline never throws and never forwards by itself: the
 * caller records the decisions in the audit log first, then forwards.
 */

export interface PipelineInput {
  direction: Direction;
  server: string;
  serverPolicy: ServerPolicy;
  kind: MessageKind;
  message: JsonRpcMessage;
  request?: PendingRequest;
  /** Size of the frame as it arrived. */
  bytes?: number;
  /** Client→server requests: the gateway's hooks behind `ctx.setDeadline` and `ctx.onSettled`. */
  hooks?: RequestHooks;
}

/** What the gateway offers controls for a request it tracks. */
export interface RequestHooks {
  setDeadline(ms: number, denial: DeadlineDenial): void;
  onSettled(callback: () => void): void;
  listTools(): Promise<boolean>;
}

export type DeadlineDenial = Omit<Decision, 'action'> & { code?: number; data?: unknown };

export interface Denial {
  decision: Decision;
  code: number;
  message: string;
  data?: unknown;
  /** Answer a `tools/call` with an `isError` result the model can correct from, not a JSON-RPC error. */
  asToolResult?: boolean;
  /**
   * Set by `ctx.answer`: the gateway answers the request with this result instead of an error
   * (the server never sees the request either way).
   */
  result?: Record<string, unknown>;
}

export type PipelineOutcome =
  | { action: 'forward'; message: JsonRpcMessage; rewritten: boolean; decisions: Decision[] }
  | { action: 'deny'; denial: Denial; decisions: Decision[] };

export interface PipelineOptions {
  middleware: GatewayMiddleware;
  policy: Policy;
  lockfile?: Lockfile | undefined;
  session: SessionState;
  now?: () => number;
  /** The session's era, once known. */
  era?: () => Era | undefined;
  /** The channel to the user behind `ctx.approvals` (absent: nobody can be asked). */
  approvals?: UserAsker | undefined;
}

const NO_DECISIONS: Decision[] = [];

/** The JSON-RPC error a recorded denial turns into. */
export function toDenial(decision: Decision, code: number, data?: unknown): Denial {
  return {
    decision,
    code,
    message: `mcp-warden blocked this (${decision.control}): ${decision.reason}`,
    data: {
      control: decision.control,
      ...(decision.checklist === undefined ? {} : { checklist: decision.checklist }),
      ...(typeof data === 'object' && data !== null
        ? data
        : data === undefined
          ? {}
          : { detail: data }),
    },
  };
}

class Context implements MessageContext {
  readonly direction: Direction;
  readonly server: string;
  readonly serverPolicy: ServerPolicy;
  readonly policy: Policy;
  readonly lockfile?: Lockfile;
  readonly kind: MessageKind;
  message: JsonRpcMessage;
  readonly request?: PendingRequest;
  readonly session: SessionState;
  readonly bytes?: number;
  readonly era?: Era;
  denied = false;
  rewrote = false;
  decisions: Decision[] = NO_DECISIONS;
  denial: Denial | undefined;
  answered: Record<string, unknown> | undefined;
  readonly approvals?: UserAsker;
  answer?: (result: Record<string, unknown>, decision: Decision) => void;
  setDeadline?: (ms: number, denial: DeadlineDenial) => void;
  onSettled?: (callback: () => void) => void;
  listTools?: () => Promise<boolean>;

  constructor(
    input: PipelineInput,
    options: PipelineOptions,
    private readonly clock: () => number,
  ) {
    this.direction = input.direction;
    this.server = input.server;
    this.serverPolicy = input.serverPolicy;
    this.policy = options.policy;
    if (options.lockfile !== undefined) this.lockfile = options.lockfile;
    this.kind = input.kind;
    this.message = input.message;
    if (input.request !== undefined) this.request = input.request;
    this.session = options.session;
    if (input.bytes !== undefined) this.bytes = input.bytes;
    const era = options.era?.();
    if (era !== undefined) this.era = era;
    if (options.approvals !== undefined) this.approvals = options.approvals;
    const hooks = input.hooks;
    if (hooks !== undefined) {
      this.answer = (result, decision) => {
        if (this.denied) return;
        this.denied = true;
        this.push(decision);
        this.answered = result;
      };
      this.setDeadline = (ms, denial) => {
        hooks.setDeadline(ms, denial);
      };
      this.onSettled = (callback) => {
        hooks.onSettled(callback);
      };
      this.listTools = () => hooks.listTools();
    }
  }

  private push(decision: Decision): void {
    if (this.decisions === NO_DECISIONS) this.decisions = [];
    this.decisions.push(decision);
  }

  deny(
    decision: Omit<Decision, 'action'> & {
      action?: 'deny' | 'confirm-refused' | 'declined' | 'expired';
      code?: number;
      data?: unknown;
      asToolResult?: boolean;
    },
  ): void {
    if (this.denied) return;
    this.denied = true;
    const recorded: Decision = {
      control: decision.control,
      action: decision.action ?? 'deny',
      reason: decision.reason,
      ...(decision.checklist === undefined ? {} : { checklist: decision.checklist }),
    };
    this.push(recorded);
    this.denial = toDenial(recorded, decision.code ?? GATEWAY_ERROR.denied, decision.data);
    if (decision.asToolResult === true && this.message.method === 'tools/call') {
      this.denial.asToolResult = true;
    }
  }

  record(decision: Decision): void {
    this.push(decision);
    if (decision.action === 'rewrite' || decision.action === 'withhold') this.rewrote = true;
  }

  now(): number {
    return this.clock();
  }
}

/** Runs messages through one composed middleware. */
export class Pipeline {
  private readonly clock: () => number;

  constructor(private readonly options: PipelineOptions) {
    this.clock = options.now ?? Date.now;
  }

  async run(input: PipelineInput): Promise<PipelineOutcome> {
    const ctx = new Context(input, this.options, this.clock);
    const original = input.message;
    const chain = { reached: false };
    try {
      await this.options.middleware(ctx, () => {
        chain.reached = true;
        return Promise.resolve();
      });
    } catch (error) {
      // compose never rejects; a bare middleware passed here might.
      ctx.deny({
        control: 'gateway',
        reason: `the control chain failed: ${error instanceof Error ? error.message : String(error)}`,
        code: GATEWAY_ERROR.controlFailed,
      });
    }
    if (!ctx.denied && !chain.reached) {
      ctx.deny({
        control: 'gateway',
        reason: 'a control stopped the message without a decision',
        code: GATEWAY_ERROR.controlFailed,
      });
    }
    if (ctx.denial !== undefined) {
      return { action: 'deny', denial: ctx.denial, decisions: ctx.decisions };
    }
    if (ctx.answered !== undefined) {
      const decision = ctx.decisions.at(-1) ?? { control: 'gateway', action: 'allow', reason: '' };
      const denial: Denial = { decision, code: 0, message: '', result: ctx.answered };
      return { action: 'deny', denial, decisions: ctx.decisions };
    }
    return {
      action: 'forward',
      message: ctx.message,
      rewritten: ctx.rewrote || ctx.message !== original,
      decisions: ctx.decisions,
    };
  }
}

/** A fresh per-session state for the controls. */
export function createSessionState(): SessionState {
  return { tools: new Map(), withheld: new Map() };
}
