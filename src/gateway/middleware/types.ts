import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import type { Lockfile } from '../../pin/lockfile.js';
import type { UserAsker } from '../approvals/types.js';
import type { FlowLedger } from './flow-ledger.js';

/** A JSON-RPC 2.0 message as it travels: parsed once, forwarded as is unless a control rewrites it. */
export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export type Direction = 'client-to-server' | 'server-to-client';

/** What the era-aware classifier says a message is. */
export type MessageKind = 'request' | 'response' | 'error' | 'notification';

/** Everything a tool call needs once: the request that a response answers. */
export interface PendingRequest {
  method: string;
  params: unknown;
  /** Tool name for tools/call (the server's own name, after namespacing is undone). */
  tool?: string;
  startedAt: number;
}

/** What a control decided, for the audit log and the client. */
export interface Decision {
  /** The control's id (`arguments`, `rate-limit`, `output-screening`, …). */
  control: string;
  action:
    | 'allow'
    | 'deny'
    | 'rewrite'
    | 'warn'
    | 'withhold'
    | 'confirm-refused'
    /** The user said yes (once, or for the session), in the client or at `mcp-warden approve`. */
    | 'approved'
    /** The user said no, or an approval did not match the call. */
    | 'declined'
    /** Nobody answered in time (`defaults.confirm.approvalTtlMs`), or an approval ran out. */
    | 'expired'
    /** The gateway asked the user; the answer comes with the client's retry (2026-07-28). */
    | 'asked';
  /** One sentence: what and why, never a raw secret. */
  reason: string;
  checklist?: readonly string[];
}

/** Per-session state shared by the controls of one gateway (one client connection). */
export interface SessionState {
  /**
   * What entered the session's context (untrusted content, private data, injections), for
   * `flow-control`. Shared by the wraps of one client through the session broker; when absent,
   * `flow-control` keeps it in this process.
   */
  flows?: FlowLedger;
  /** Last tools/list result per server, by tool name (server's own names). */
  tools: Map<string, Map<string, Record<string, unknown>>>;
  /** Tools withheld from the client per server (name → reason). */
  withheld: Map<string, Map<string, string>>;
}

export interface MessageContext {
  readonly direction: Direction;
  /** The upstream server this message comes from or goes to. */
  readonly server: string;
  readonly serverPolicy: ServerPolicy;
  readonly policy: Policy;
  readonly lockfile?: Lockfile;
  readonly kind: MessageKind;
  /** The message; a control may replace it (rewrite) before `next()`. */
  message: JsonRpcMessage;
  /** For responses and errors: the request they answer. */
  readonly request?: PendingRequest;
  readonly session: SessionState;
  /**
   * Stops the message: a request gets a JSON-RPC error response sent back to the client (the
   * server never sees it); a response is replaced by an error for the client. Recorded as a
   * decision. Do not call `next()` after it.
   */
  deny(
    decision: Omit<Decision, 'action'> & {
      action?: 'deny' | 'confirm-refused' | 'declined' | 'expired';
      code?: number;
      data?: unknown;
      /**
       * `tools/call` only: answer with a tool result marked `isError` (the reason as its text), which
       * the model sees and can correct from, instead of a JSON-RPC error (SEP-1303: input validation).
       */
      asToolResult?: boolean;
    },
  ): void;
  /** Records a decision that lets the message go on (rewrite, warn, withhold). */
  record(decision: Decision): void;
  /** Milliseconds, from the gateway's clock (tests pass their own). */
  now(): number;
  /** Whether a control has denied the message (set by `deny`; the chain stops there). */
  readonly denied?: boolean;
  /** Size of the frame as it arrived, in bytes (before any rewrite), when the gateway knows it. */
  readonly bytes?: number;
  /** The session's protocol era once known: `2025` (`initialize`) or `2026` (`server/discover`, `_meta`). */
  readonly era?: '2025' | '2026';
  /**
   * Requests only: if the client has had no answer `ms` after this (gateway clock), the gateway
   * answers the request itself with a JSON-RPC error built from `denial` (code
   * `GATEWAY_ERROR.limited` unless given), records `denial` as a `deny` decision, tells the server
   * `notifications/cancelled`, and drops the server's late answer. Any other answer ends the
   * timer. A second call replaces the deadline. Absent where the gateway cannot time requests
   * out: a control that needs it must then fail closed (throw).
   */
  setDeadline?(
    ms: number,
    denial: Omit<Decision, 'action'> & { code?: number; data?: unknown },
  ): void;
  /**
   * Requests only: runs `callback` exactly once when the request is over, whichever way: the
   * server's answer went to the client (after the controls saw it), a control denied the request
   * or its answer, its deadline passed, or the server went away. For bookkeeping such as calls in
   * flight; the callback must not throw. Absent where the gateway cannot tell: a control that
   * needs it must then fail closed (throw).
   */
  onSettled?(callback: () => void): void;
  /**
   * Requests only: the gateway lists this server's tools itself, through the controls (so
   * `session.tools` is filled as if the client had listed them), following every page. Resolves
   * false when the listing failed.
   */
  listTools?(): Promise<boolean>;
  /**
   * The gateway's channel to the user (elicitation, `input_required`, `mcp-warden approve`). Use
   * it through `askUser` (`src/gateway/approvals`), which records and refuses for you. Absent:
   * nobody can be asked, so `askUser` refuses (fail closed).
   */
  readonly approvals?: UserAsker;
  /**
   * Client→server requests only: answers the request in the gateway's name with `result` (the
   * server never sees it) and stops the chain like `deny`, recording `decision`. `askUser` uses it
   * for the 2026-07-28 `input_required` result.
   */
  answer?(result: Record<string, unknown>, decision: Decision): void;
}

export type Next = () => Promise<void>;
export type GatewayMiddleware = (ctx: MessageContext, next: Next) => Promise<void>;

/** A control: a middleware factory with the checklist items it enforces (for coverage). */
export interface GatewayControl {
  id: string;
  title: string;
  checklist: readonly string[];
  create(policy: Policy, options: { lockfile?: Lockfile }): GatewayMiddleware;
  /**
   * Does now what the control's analyzers otherwise do on its first message (start tables, word
   * lists, the scorer's weights), so that it happens while the servers start rather than while
   * the client waits for their first answers. Optional; pure apart from those caches.
   */
  warm?: () => void;
}

/** JSON-RPC error codes the gateway uses; -32000…-32099 are implementation-defined. */
export const GATEWAY_ERROR = {
  /** A control refused the message (policy). */
  denied: -32001,
  /** A limit was hit (rate, concurrency, size, timeout). */
  limited: -32002,
  /** A control failed; fail closed. */
  controlFailed: -32003,
  /** Arguments failed validation (schema or policy constraint). */
  invalidParams: -32602,
  /** The upstream server is gone or restarting. */
  unavailable: -32004,
} as const;
