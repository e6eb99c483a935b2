import type { Limits, Policy, ServerPolicy } from '../core/config/schema.js';
import type { Lockfile } from '../pin/lockfile.js';
import { summarizeMessage, type AuditEvent } from './audit/record.js';
import {
  classify,
  errorResponse,
  isBatch,
  JSONRPC_ERROR,
  type EraTracker,
  type JsonRpcId,
} from './classifier.js';
import { idFromEdges, type OversizeFrame } from './forwarder.js';
import {
  GATEWAY_ERROR,
  type Decision,
  type Direction,
  type GatewayMiddleware,
  type JsonRpcMessage,
  type MessageKind,
  type PendingRequest,
  type SessionState,
} from './middleware/types.js';
import {
  Pipeline,
  toDenial,
  type Denial,
  type PipelineOutcome,
  type RequestHooks,
} from './pipeline.js';
import type { UserAsker } from './approvals/types.js';
import { HealthChecker, type HealthCheck } from './health-check.js';
import { OrderedDelivery } from './ordered-delivery.js';
import { SessionReplay } from './replay.js';
import { RequestTable, type PendingEntry, type Reply } from './request-table.js';
import type { Supervisor, SupervisorEvents } from './supervisor.js';
import type { UpstreamTransport } from './upstream.js';

/**
 * The per-server protocol leg: everything between the router (which speaks to the client) and
 * one supervised upstream. It runs every message through the controls and writes the audit trail
 * before forwarding; its parts keep the client's requests and their deadlines (`RequestTable`),
 * deliver the server's messages in order (`OrderedDelivery`), replay the session after a restart
 * (`SessionReplay`) and ping the server (`HealthChecker`). Server→client requests awaiting the
 * client's answer are in `serverRequests`.
 */

export type { HealthCheck } from './health-check.js';
export type { Reply } from './request-table.js';

/** Appends audit events; throws when it cannot record (then nothing is forwarded). */
export interface AuditSink {
  append(event: AuditEvent): unknown;
}

/** The session's view of the router. */
export interface SessionHost {
  /** A server→client request or notification that passed the controls. */
  deliver(
    session: UpstreamSession,
    kind: 'request' | 'notification',
    message: JsonRpcMessage,
    line: string | undefined,
  ): void;
  /** A line for our stderr. */
  log: (text: string) => void;
  /** The server came back after a restart, its handshake replayed. */
  restored?(session: UpstreamSession): void;
  /** The server is gone for good. */
  failed?(session: UpstreamSession, reason: string): void;
  /** The server stopped reading (true) or caught up (false): stop or resume reading the client. */
  pressure?(session: UpstreamSession, full: boolean): void;
}

export interface UpstreamSessionOptions {
  name: string;
  serverPolicy: ServerPolicy;
  policy: Policy;
  lockfile?: Lockfile | undefined;
  state: SessionState;
  middleware: GatewayMiddleware;
  host: SessionHost;
  era: EraTracker;
  audit?: AuditSink | undefined;
  now?: () => number;
  healthCheck?: HealthCheck | undefined;
  /** The channel to the user for `ctx.approvals` (confirmations). */
  approvals?: UserAsker | undefined;
}

/** A denied `tools/call` answered as a tool result with `isError`, for the model to correct. */
function toolErrorResult(id: JsonRpcId, denial: Denial): JsonRpcMessage {
  return {
    jsonrpc: '2.0',
    id,
    result: {
      content: [{ type: 'text', text: denial.message }],
      isError: true,
      _meta: { 'mcp-warden/denied': denial.data },
    },
  };
}

/** How many pages of tools the gateway reads when it lists them on its own account. */
const MAX_OWN_LIST_PAGES = 100;

/**
 * The bounds that keep one session's memory finite whatever the client or the server does
 * (documented in docs/gateway.md, "Memory bounds"): client requests awaiting this server, the
 * size of one tool listing, and messages from it waiting for the controls (past `high`, the
 * server is not read until the backlog is down to `low`).
 */
export const SESSION_BOUNDS = {
  maxInFlight: 1024,
  /** One listing's pages, in bytes (the count of tools is the definitions control's bound). */
  maxListedToolBytes: 8 * 1024 * 1024,
} as const;
const DELIVERY_BACKLOG = {
  high: 1024,
  low: 256,
  highBytes: 16 * 1024 * 1024,
  lowBytes: 4 * 1024 * 1024,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The limits that apply to one call: tool → server → defaults, field by field. */
export function effectiveLimits(policy: Policy, server: ServerPolicy, tool?: string): Limits {
  const toolPolicy =
    tool === undefined ? undefined : (server.tools[tool] ?? server.tools['*'] ?? undefined);
  return {
    ...policy.defaults.limits,
    ...server.limits,
    ...toolPolicy?.limits,
  };
}

/** The largest response a server may send under the policy (its own and its tools' limits). */
export function maxResponseBytes(policy: Policy, server: ServerPolicy): number {
  let max = effectiveLimits(policy, server).maxResponseBytes ?? 4 * 1024 * 1024;
  for (const tool of Object.values(server.tools)) {
    const bytes = tool.limits?.maxResponseBytes;
    if (bytes !== undefined && bytes > max) max = bytes;
  }
  return max;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class UpstreamSession implements SupervisorEvents {
  readonly name: string;
  readonly serverPolicy: ServerPolicy;
  private readonly options: UpstreamSessionOptions;
  private readonly pipeline: Pipeline;
  private readonly now: () => number;
  private supervisor: Supervisor | undefined;
  private readonly pending: RequestTable;
  /** Server→client requests awaiting the client's answer. */
  private readonly serverRequests = new Map<JsonRpcId, PendingRequest>();
  private internalIds = 0;
  private readonly session = new SessionReplay();
  /** What the server declared in its handshake (`initialize` result, or `server/discover`). */
  capabilities: Record<string, unknown> = {};
  private blocked: string | undefined;
  /** Bytes of the pages of the current tool listing (see `learnTools`). */
  private listedToolBytes = 0;
  /** The listing of the server's tools the gateway is making on its own account, if any. */
  private ownListing: Promise<boolean> | undefined;
  private readonly delivery: OrderedDelivery;
  private readonly health: HealthChecker | undefined;

  constructor(options: UpstreamSessionOptions) {
    this.options = options;
    this.name = options.name;
    this.serverPolicy = options.serverPolicy;
    this.now = options.now ?? Date.now;
    this.pending = new RequestTable({
      onExpire: (entry) => {
        this.expire(entry);
      },
      log: options.host.log,
    });
    this.delivery = new OrderedDelivery({
      now: this.now,
      limitMs: () => effectiveLimits(options.policy, this.serverPolicy).timeoutMs ?? 120_000,
      onSkipped: (limit) => {
        options.host.log(
          `the controls did not decide on a message from "${this.name}" within ${String(limit)} ms; it was dropped (fail closed)`,
        );
      },
      backlog: {
        ...DELIVERY_BACKLOG,
        onFull: (full) => {
          if (full) this.supervisor?.pause('backlog');
          else this.supervisor?.resume('backlog');
        },
      },
    });
    this.health =
      options.healthCheck === undefined
        ? undefined
        : new HealthChecker(options.healthCheck, {
            canPing: () => this.available && this.ready,
            ping: (timeoutMs) => this.internalRequest('ping', undefined, { timeoutMs }),
            lost: (reason) => {
              this.supervisor?.lost(reason);
            },
          });
    this.pipeline = new Pipeline({
      middleware: options.middleware,
      policy: options.policy,
      lockfile: options.lockfile,
      session: options.state,
      now: this.now,
      era: () => options.era.value,
      approvals: options.approvals,
    });
  }

  /** Connects the session to the supervisor that owns its upstream. */
  bind(supervisor: Supervisor): void {
    this.supervisor = supervisor;
  }

  /** Whether requests can be sent now. */
  get available(): boolean {
    return this.blocked === undefined && this.supervisor?.state === 'up';
  }

  get state(): string {
    return this.blocked === undefined ? (this.supervisor?.state ?? 'starting') : 'failed';
  }

  // ---------------------------------------------------------------- audit

  private audit(event: AuditEvent): boolean {
    const sink = this.options.audit;
    if (sink === undefined) return true;
    try {
      sink.append(event);
      return true;
    } catch (error) {
      this.options.host.log(`audit log: ${errorMessage(error)}`);
      return false;
    }
  }

  private auditDecisions(
    decisions: readonly Decision[],
    base: Omit<AuditEvent, 'type' | 'decision'>,
  ): boolean {
    let ok = true;
    for (const decision of decisions)
      ok = this.audit({ ...base, type: 'decision', decision }) && ok;
    return ok;
  }

  // ---------------------------------------------------------------- client → server

  /** Refuses a request before the server sees it, with an audited decision. */
  private refuse(
    request: { method: string; id: JsonRpcId; tool: string | undefined },
    reply: Reply,
    control: string,
    reason: string,
    error: JsonRpcMessage,
  ): void {
    this.audit({
      type: 'decision',
      server: this.name,
      direction: 'client-to-server',
      method: request.method,
      id: request.id,
      ...(request.tool === undefined ? {} : { tool: request.tool }),
      decision: { control, action: 'deny', reason },
    });
    reply(error, undefined);
  }

  /**
   * A request for this server (already un-namespaced). `reply` receives the answer: the server's,
   * a control's denial, a timeout, or an unavailable error — exactly once.
   */
  request(
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
    reply: Reply,
    options: { internal?: boolean } = {},
  ): void {
    const id = message.id as JsonRpcId;
    const method = message.method ?? '';
    const params = message.params;
    const tool =
      method === 'tools/call' && isRecord(params) && typeof params.name === 'string'
        ? params.name
        : undefined;
    const request: PendingRequest = {
      method,
      params,
      startedAt: this.now(),
      ...(tool === undefined ? {} : { tool }),
    };
    const internal = options.internal === true;
    if (this.pending.has(id)) {
      reply(
        errorResponse(
          id,
          JSONRPC_ERROR.invalidRequest,
          `request id ${String(id)} is already in use`,
        ),
        undefined,
      );
      return;
    }
    if (this.pending.size >= SESSION_BOUNDS.maxInFlight) {
      const reason = `${String(this.pending.size)} requests to server "${this.name}" are already in flight (the most one session holds); retry when some are answered`;
      this.refuse(
        { method, id, tool },
        reply,
        'limits',
        reason,
        errorResponse(id, GATEWAY_ERROR.limited, `mcp-warden: ${reason}`, {
          control: 'limits',
          limit: SESSION_BOUNDS.maxInFlight,
        }),
      );
      return;
    }
    if (!this.available) {
      const reason = this.unavailableReason();
      this.refuse(
        { method, id, tool },
        reply,
        'gateway',
        reason,
        errorResponse(id, GATEWAY_ERROR.unavailable, reason, { server: this.name }),
      );
      return;
    }
    this.session.remember(method, params);
    const timeoutMs = this.timeoutFor(tool);
    const meta = isRecord(params) && isRecord(params._meta) ? params._meta : undefined;
    const token = meta?.progressToken;
    const entry: PendingEntry = {
      id,
      request,
      reply,
      timer: undefined,
      timeoutMs: timeoutMs ?? 120_000,
      sent: false,
      settled: false,
      internal,
      bypass: false,
      ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
    };
    this.pending.add(entry);
    const hooks: RequestHooks = {
      setDeadline: (ms, denial) => {
        entry.timeoutMs = ms;
        entry.deadline = denial;
        if (!entry.settled) this.pending.arm(entry);
      },
      onSettled: (callback) => {
        this.pending.whenSettled(entry, callback);
      },
      listTools: () => this.listToolsItself(),
    };
    void this.pipeline
      .run({
        direction: 'client-to-server',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind: 'request',
        message,
        request,
        bytes,
        hooks,
      })
      .then((outcome) => {
        this.forwardRequest(entry, outcome, line, bytes);
      });
  }

  private forwardRequest(
    entry: PendingEntry,
    outcome: PipelineOutcome,
    line: string | undefined,
    bytes: number,
  ): void {
    if (entry.settled) return;
    const { id, request } = entry;
    const base = {
      server: this.name,
      direction: 'client-to-server' as Direction,
      method: request.method,
      id,
      ...(request.tool === undefined ? {} : { tool: request.tool }),
    };
    let recorded = this.audit({
      ...base,
      type: 'request',
      summary: { bytes },
      ...(request.tool !== undefined && isRecord(request.params)
        ? { args: request.params.arguments ?? {} }
        : {}),
    });
    recorded = this.auditDecisions(outcome.decisions, base) && recorded;
    if (outcome.action === 'deny') {
      const { denial } = outcome;
      const answer: JsonRpcMessage =
        denial.result !== undefined
          ? recorded
            ? { jsonrpc: '2.0', id, result: denial.result }
            : errorResponse(id, GATEWAY_ERROR.controlFailed, 'mcp-warden could not audit this', {
                control: 'audit',
              })
          : denial.asToolResult === true
            ? toolErrorResult(id, denial)
            : errorResponse(id, denial.code, denial.message, denial.data);
      this.settle(entry, answer, undefined);
      return;
    }
    if (!recorded) {
      this.settle(
        entry,
        errorResponse(
          id,
          GATEWAY_ERROR.controlFailed,
          'mcp-warden could not write its audit log; the request was not forwarded',
          { control: 'audit' },
        ),
        undefined,
      );
      return;
    }
    const message = outcome.message;
    const out = outcome.rewritten || line === undefined ? JSON.stringify(message) : line;
    const sent = this.supervisor === undefined ? false : this.supervisor.send(out, message);
    if (sent === false) {
      this.settle(
        entry,
        errorResponse(id, GATEWAY_ERROR.unavailable, this.unavailableReason(), {
          server: this.name,
        }),
        undefined,
      );
      return;
    }
    entry.sent = true;
    if (sent !== undefined) {
      sent.catch((error: unknown) => {
        this.settle(
          entry,
          errorResponse(
            id,
            GATEWAY_ERROR.unavailable,
            `server "${this.name}" could not be reached: ${errorMessage(error)}`,
            { server: this.name },
          ),
          undefined,
        );
      });
    }
  }

  /** A notification for this server. */
  notify(message: JsonRpcMessage, line: string | undefined, bytes: number): void {
    const method = message.method ?? '';
    const params = message.params;
    if (method === 'notifications/cancelled' && isRecord(params)) {
      const target = params.requestId;
      if (typeof target === 'string' || typeof target === 'number') this.pending.forget(target);
    } else if (method === 'notifications/initialized') {
      this.session.initialized = true;
    }
    if (!this.available) return;
    void this.pipeline
      .run({
        direction: 'client-to-server',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind: 'notification',
        message,
        bytes,
      })
      .then((outcome) => {
        if (outcome.decisions.length > 0) {
          this.auditDecisions(outcome.decisions, {
            server: this.name,
            direction: 'client-to-server',
            method,
          });
        }
        if (outcome.action === 'deny') return;
        const out =
          outcome.rewritten || line === undefined ? JSON.stringify(outcome.message) : line;
        void this.supervisor?.send(out, outcome.message);
      });
  }

  /** The client's answer to a server→client request (its id already mapped back). */
  answer(
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
    kind: MessageKind,
  ): void {
    const id = message.id as JsonRpcId;
    const request = this.serverRequests.get(id);
    if (request === undefined) {
      this.options.host.log(
        `dropped the client's answer to unknown request ${String(id)} of ${this.name}`,
      );
      return;
    }
    this.serverRequests.delete(id);
    void this.pipeline
      .run({
        direction: 'client-to-server',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind,
        message,
        request,
        bytes,
      })
      .then((outcome) => {
        const base = {
          server: this.name,
          direction: 'client-to-server' as Direction,
          method: request.method,
          id,
        };
        let recorded = this.audit({
          ...base,
          type: 'response',
          summary: { ...summarizeMessage(message, bytes), ms: this.now() - request.startedAt },
        });
        recorded = this.auditDecisions(outcome.decisions, base) && recorded;
        let out: JsonRpcMessage;
        let outLine: string | undefined;
        if (outcome.action === 'deny' || !recorded) {
          out =
            outcome.action === 'deny'
              ? errorResponse(id, outcome.denial.code, outcome.denial.message, outcome.denial.data)
              : errorResponse(id, GATEWAY_ERROR.controlFailed, 'mcp-warden could not audit this');
          outLine = undefined;
        } else {
          out = outcome.message;
          outLine = outcome.rewritten ? undefined : line;
        }
        void this.supervisor?.send(outLine ?? JSON.stringify(out), out);
      });
  }

  // ---------------------------------------------------------------- deadlines

  private expire(entry: PendingEntry): void {
    const deadline = entry.deadline;
    const reason =
      deadline?.reason ??
      `no answer from server "${this.name}" within ${String(entry.timeoutMs)} ms; the call was cancelled`;
    if (entry.sent) {
      const cancel: JsonRpcMessage = {
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: entry.id, reason: `mcp-warden: ${reason}` },
      };
      void this.supervisor?.send(JSON.stringify(cancel), cancel);
    }
    const decision: Decision = {
      control: deadline?.control ?? 'timeout',
      action: 'deny',
      reason,
      ...(deadline?.checklist === undefined ? {} : { checklist: deadline.checklist }),
    };
    if (!entry.internal) {
      this.audit({
        type: 'decision',
        server: this.name,
        direction: 'server-to-client',
        method: entry.request.method,
        id: entry.id,
        ...(entry.request.tool === undefined ? {} : { tool: entry.request.tool }),
        decision,
      });
    }
    const denial = toDenial(
      decision,
      deadline?.code ?? GATEWAY_ERROR.limited,
      deadline?.data ?? { timeoutMs: entry.timeoutMs },
    );
    this.settle(
      entry,
      errorResponse(entry.id, denial.code, denial.message, denial.data),
      undefined,
    );
  }

  private settle(entry: PendingEntry, message: JsonRpcMessage, line: string | undefined): void {
    this.pending.settle(entry, message, line);
  }

  // ---------------------------------------------------------------- server → client

  /**
   * A frame from the server. What goes on to the client is re-serialised from the parsed value,
   * never the server's bytes: JSON with duplicate keys or odd escapes would otherwise reach the
   * client meaning something other than what the controls judged.
   */
  onFrame(_line: string, value: unknown, bytes: number): void {
    if (isBatch(value)) {
      for (const item of value)
        this.receive(item, undefined, Buffer.byteLength(JSON.stringify(item)));
      return;
    }
    this.receive(value, undefined, bytes);
  }

  private receive(value: unknown, line: string | undefined, bytes: number): void {
    const classified = classify(value);
    switch (classified.kind) {
      case 'invalid':
        this.options.host.log(`${this.name} sent an invalid message (${classified.reason})`);
        if (classified.id !== undefined) {
          const entry = this.pending.get(classified.id);
          if (entry !== undefined) {
            this.settle(
              entry,
              errorResponse(
                entry.id,
                JSONRPC_ERROR.internal,
                `server "${this.name}" sent an invalid answer: ${classified.reason}`,
              ),
              undefined,
            );
          }
        }
        return;
      case 'response':
      case 'error':
        this.onResponse(classified.kind, classified.message, line, bytes);
        return;
      case 'request':
        this.onServerRequest(classified.message, line, bytes);
        return;
      case 'notification':
        this.onServerNotification(classified.message, line, bytes);
        return;
    }
  }

  private onResponse(
    kind: 'response' | 'error',
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
  ): void {
    const id = message.id;
    if (id === null || id === undefined) {
      this.options.host.log(
        `${this.name} sent an error without an id: ${message.error?.message ?? ''}`,
      );
      return;
    }
    const entry = this.pending.get(id);
    if (entry === undefined || entry.settled) {
      this.onInternalResponse(id);
      return;
    }
    if (entry.bypass) {
      this.settle(entry, message, line);
      return;
    }
    const { request } = entry;
    if (request.method === 'tools/list' && kind === 'response') {
      const refusal = this.learnTools(request, message, bytes);
      if (refusal !== undefined) {
        this.options.host.log(refusal);
        this.audit({
          type: 'decision',
          server: this.name,
          direction: 'server-to-client',
          method: request.method,
          id,
          decision: { control: 'limits', action: 'deny', reason: refusal },
        });
        const error = errorResponse(id, GATEWAY_ERROR.limited, `mcp-warden: ${refusal}`, {
          control: 'limits',
          server: this.name,
          limit: SESSION_BOUNDS.maxListedToolBytes,
        });
        // In its turn: what the server sent before this page is delivered first.
        this.delivery.enqueue(Promise.resolve(error), (answer) => {
          this.settle(entry, answer, undefined);
        });
        return;
      }
    }
    if (
      (request.method === 'initialize' || request.method === 'server/discover') &&
      kind === 'response'
    ) {
      this.learnHandshake(request, message);
    }
    this.delivery.enqueue(
      this.pipeline.run({
        direction: 'server-to-client',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind,
        message,
        request,
        bytes,
      }),
      (outcome) => {
        if (entry.settled) return;
        const base = {
          server: this.name,
          direction: 'server-to-client' as Direction,
          method: request.method,
          id,
          ...(request.tool === undefined ? {} : { tool: request.tool }),
        };
        let recorded = true;
        if (!entry.internal || outcome.decisions.length > 0) {
          recorded = this.audit({
            ...base,
            type: 'response',
            summary: { ...summarizeMessage(message, bytes), ms: this.now() - request.startedAt },
          });
        }
        recorded = this.auditDecisions(outcome.decisions, base) && recorded;
        if (outcome.action === 'deny') {
          const { denial } = outcome;
          this.settle(
            entry,
            errorResponse(id, denial.code, denial.message, denial.data),
            undefined,
          );
        } else if (!recorded) {
          this.settle(
            entry,
            errorResponse(
              id,
              GATEWAY_ERROR.controlFailed,
              'mcp-warden could not write its audit log; the answer was withheld',
              { control: 'audit' },
            ),
            undefined,
          );
        } else {
          this.settle(entry, outcome.message, outcome.rewritten ? undefined : line);
        }
      },
      bytes,
    );
  }

  /**
   * Remembers the tools of a listing page (what the controls check calls against). Returns why the
   * page is refused instead: past {@link SESSION_BOUNDS}' bytes a listing that pages for ever gets
   * an error, not more memory (the definitions control bounds the count of tools).
   */
  private learnTools(
    request: PendingRequest,
    message: JsonRpcMessage,
    bytes: number,
  ): string | undefined {
    const result = message.result;
    if (!isRecord(result) || !Array.isArray(result.tools)) return undefined;
    const state = this.options.state;
    const cursor = isRecord(request.params) ? request.params.cursor : undefined;
    let tools = state.tools.get(this.name);
    if (tools === undefined || cursor === undefined) {
      tools = new Map();
      state.tools.set(this.name, tools);
      this.listedToolBytes = 0;
    }
    this.listedToolBytes += bytes;
    const { maxListedToolBytes } = SESSION_BOUNDS;
    if (this.listedToolBytes > maxListedToolBytes) {
      return `server "${this.name}" lists more than ${String(maxListedToolBytes)} bytes of tools; further pages are refused (a list that pages forever would grow without bound)`;
    }
    for (const tool of result.tools as unknown[]) {
      if (isRecord(tool) && typeof tool.name === 'string') tools.set(tool.name, tool);
    }
    return undefined;
  }

  private learnHandshake(request: PendingRequest, message: JsonRpcMessage): void {
    const method = request.method;
    const result = message.result;
    if (!isRecord(result)) return;
    if (isRecord(result.capabilities)) this.capabilities = result.capabilities;
    // Replayed after a restart: only a handshake the server accepted.
    if (method === 'initialize' && isRecord(request.params)) this.session.accepted(request.params);
    const version = method === 'initialize' ? result.protocolVersion : undefined;
    const connection = this.supervisor?.connection;
    if (typeof version === 'string') connection?.setProtocolVersion?.(version);
  }

  private onServerRequest(message: JsonRpcMessage, line: string | undefined, bytes: number): void {
    const id = message.id as JsonRpcId;
    const method = message.method ?? '';
    const request: PendingRequest = { method, params: message.params, startedAt: this.now() };
    this.delivery.enqueue(
      this.pipeline.run({
        direction: 'server-to-client',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind: 'request',
        message,
        bytes,
      }),
      (outcome) => {
        const base = { server: this.name, direction: 'server-to-client' as Direction, method, id };
        let recorded = this.audit({ ...base, type: 'request', summary: { bytes } });
        recorded = this.auditDecisions(outcome.decisions, base) && recorded;
        if (outcome.action === 'deny' || !recorded) {
          const error =
            outcome.action === 'deny'
              ? errorResponse(id, outcome.denial.code, outcome.denial.message, outcome.denial.data)
              : errorResponse(id, GATEWAY_ERROR.controlFailed, 'mcp-warden could not audit this');
          void this.supervisor?.send(JSON.stringify(error), error);
          return;
        }
        this.serverRequests.set(id, request);
        this.options.host.deliver(
          this,
          'request',
          outcome.message,
          outcome.rewritten ? undefined : line,
        );
      },
      bytes,
    );
  }

  private onServerNotification(
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
  ): void {
    const method = message.method ?? '';
    const params = message.params;
    if (method === 'notifications/progress' && isRecord(params)) {
      const token = params.progressToken;
      const entry =
        typeof token === 'string' || typeof token === 'number'
          ? this.pending.byProgressToken(token)
          : undefined;
      if (entry !== undefined && !entry.settled) this.pending.arm(entry);
    } else if (method === 'notifications/cancelled' && isRecord(params)) {
      const target = params.requestId;
      if (typeof target === 'string' || typeof target === 'number') {
        this.serverRequests.delete(target);
      }
    }
    this.delivery.enqueue(
      this.pipeline.run({
        direction: 'server-to-client',
        server: this.name,
        serverPolicy: this.serverPolicy,
        kind: 'notification',
        message,
        bytes,
      }),
      (outcome) => {
        if (outcome.decisions.length > 0) {
          this.auditDecisions(outcome.decisions, {
            server: this.name,
            direction: 'server-to-client',
            method,
          });
        }
        if (outcome.action === 'deny') return;
        this.options.host.deliver(
          this,
          'notification',
          outcome.message,
          outcome.rewritten ? undefined : line,
        );
      },
      bytes,
    );
  }

  /** The deadline of a request: tool → server → defaults (without building the merged limits). */
  private timeoutFor(tool: string | undefined): number | undefined {
    const tools = this.serverPolicy.tools;
    const toolPolicy = tool === undefined ? undefined : (tools[tool] ?? tools['*']);
    return (
      toolPolicy?.limits?.timeoutMs ??
      this.serverPolicy.limits?.timeoutMs ??
      this.options.policy.defaults.limits.timeoutMs
    );
  }

  /** Whether a client request with this id awaits this server's answer. */
  hasPending(id: JsonRpcId): boolean {
    const entry = this.pending.get(id);
    return entry !== undefined && !entry.settled && !entry.internal;
  }

  /** Whether the server has a pending server→client request with this id. */
  hasServerRequest(id: JsonRpcId): boolean {
    return this.serverRequests.has(id);
  }

  onOversize(frame: OversizeFrame): void {
    const id = idFromEdges(frame);
    const entry = id === undefined ? undefined : this.pending.get(id);
    const limit = maxResponseBytes(this.options.policy, this.serverPolicy);
    const reason = `server "${this.name}" sent a message of ${String(frame.bytes)} bytes, over the ${String(limit)}-byte limit`;
    this.options.host.log(`${reason}; dropped`);
    if (entry === undefined) return;
    this.audit({
      type: 'decision',
      server: this.name,
      direction: 'server-to-client',
      method: entry.request.method,
      id: entry.id,
      ...(entry.request.tool === undefined ? {} : { tool: entry.request.tool }),
      decision: { control: 'limits', action: 'deny', reason },
    });
    this.settle(
      entry,
      errorResponse(entry.id, GATEWAY_ERROR.limited, `mcp-warden: ${reason}`, {
        control: 'limits',
        bytes: frame.bytes,
        limit,
      }),
      undefined,
    );
  }

  onGarbage(line: string, error: string): void {
    const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    this.options.host.log(`${this.name} wrote a line that is not JSON-RPC (${error}): ${shown}`);
  }

  onPressure(full: boolean): void {
    this.options.host.pressure?.(this, full);
  }

  onStderr(line: string): void {
    this.options.host.log(`[${this.name}] ${line}`);
  }

  // ---------------------------------------------------------------- lifecycle

  onUp(restarted: boolean, transport: UpstreamTransport): void {
    this.audit({
      type: 'lifecycle',
      event: restarted ? 'server-restarted' : 'server-started',
      server: this.name,
      summary: {
        transport: transport.kind,
        note: transport.note,
        ...(transport.process === undefined ? {} : { pid: transport.process.pid }),
      },
    });
    if (restarted) void this.replay();
    this.health?.start();
  }

  onDown(reason: string): void {
    this.health?.stop();
    this.audit({
      type: 'lifecycle',
      event: 'server-down',
      server: this.name,
      summary: { reason, inFlight: this.pending.size },
    });
    this.options.host.log(`server "${this.name}" went away: ${reason}`);
    this.session.initialized = false;
    this.serverRequests.clear();
    const message = `server "${this.name}" went away while handling this request (${reason}); mcp-warden is restarting it`;
    for (const entry of this.pending.entries()) {
      this.settle(
        entry,
        errorResponse(entry.id, GATEWAY_ERROR.unavailable, message, { server: this.name }),
        undefined,
      );
    }
  }

  onFailed(reason: string): void {
    this.blocked = reason;
    this.audit({
      type: 'lifecycle',
      event: 'server-failed',
      server: this.name,
      summary: { reason },
    });
    this.options.host.log(`server "${this.name}" is unavailable: ${reason}`);
    this.options.host.failed?.(this, reason);
  }

  private unavailableReason(): string {
    if (this.blocked !== undefined) return `server "${this.name}" is unavailable: ${this.blocked}`;
    const state = this.supervisor?.state ?? 'starting';
    if (state === 'restarting') {
      return `server "${this.name}" is restarting; retry in about ${String(this.supervisor?.nextDelayMs() ?? 0)} ms`;
    }
    return `server "${this.name}" is ${state === 'up' ? 'busy' : state}`;
  }

  /**
   * Lists the server's tools on the gateway's own account, every page, through the controls — for
   * a client that calls a tool it never listed (pipelined list and call, one-shot scripts). Gives
   * up (false) on an error or past {@link MAX_OWN_LIST_PAGES} pages. Calls that arrive while a
   * listing is under way share it: a thousand pipelined calls make one listing, not a thousand.
   */
  private listToolsItself(): Promise<boolean> {
    this.ownListing ??= this.listAllTools().finally(() => {
      this.ownListing = undefined;
    });
    return this.ownListing;
  }

  private async listAllTools(): Promise<boolean> {
    let cursor: unknown;
    for (let page = 0; page < MAX_OWN_LIST_PAGES; page++) {
      const answer = await this.internalRequest(
        'tools/list',
        cursor === undefined ? {} : { cursor },
        { throughControls: true },
      );
      if (!isRecord(answer.result)) return false;
      cursor = answer.result.nextCursor;
      if (typeof cursor !== 'string') return true;
    }
    return false;
  }

  /** Sends a request of the gateway's own (handshake replay, health check) and awaits the answer. */
  internalRequest(
    method: string,
    params: unknown,
    options: { throughControls?: boolean; timeoutMs?: number } = {},
  ): Promise<JsonRpcMessage> {
    const id = `mcp-warden:${String(++this.internalIds)}`;
    const message: JsonRpcMessage = {
      jsonrpc: '2.0',
      id,
      method,
      ...(params === undefined ? {} : { params }),
    };
    const line = JSON.stringify(message);
    return new Promise((resolveAnswer) => {
      if (options.throughControls === true) {
        this.request(
          message,
          line,
          Buffer.byteLength(line),
          (answer) => {
            resolveAnswer(answer);
          },
          { internal: true },
        );
        return;
      }
      const entry: PendingEntry = {
        id,
        request: { method, params, startedAt: this.now() },
        reply: (answer) => {
          resolveAnswer(answer);
        },
        timer: undefined,
        timeoutMs: options.timeoutMs ?? 10_000,
        sent: true,
        settled: false,
        internal: true,
        bypass: true,
      };
      this.pending.add(entry);
      if (this.supervisor?.send(line, message) === false) {
        this.settle(
          entry,
          errorResponse(id, GATEWAY_ERROR.unavailable, 'not connected'),
          undefined,
        );
      }
    });
  }

  /** Sends a notification of the gateway's own, past the controls. */
  internalNotify(method: string, params?: unknown): void {
    const message: JsonRpcMessage = {
      jsonrpc: '2.0',
      method,
      ...(params === undefined ? {} : { params }),
    };
    void this.supervisor?.send(JSON.stringify(message), message);
  }

  private onInternalResponse(id: JsonRpcId): void {
    this.options.host.log(
      `${this.name} answered unknown or expired request ${String(id)}; dropped`,
    );
  }

  /** After a restart: the client's handshake again, its logging level and subscriptions. */
  private async replay(): Promise<void> {
    const refused = await this.session.replay({
      request: (method, params, options) => this.internalRequest(method, params, options),
      notify: (method) => {
        this.internalNotify(method);
      },
    });
    if (refused !== undefined) {
      this.options.host.log(`server "${this.name}" refused the replayed handshake: ${refused}`);
      this.onFailed(`the restarted server refused the handshake (${refused})`);
      void this.supervisor?.stop();
      return;
    }
    this.options.host.log(`server "${this.name}" restarted; session restored`);
    this.options.host.restored?.(this);
  }

  /** Whether the server finished its 2025 handshake (or speaks the stateless era). */
  get ready(): boolean {
    return this.session.initialized || this.options.era.value === '2026';
  }

  /** Fails what is still pending (the gateway is shutting down). */
  shutdown(reason: string): void {
    this.health?.stop();
    this.delivery.close();
    for (const entry of this.pending.entries()) {
      this.settle(
        entry,
        errorResponse(entry.id, GATEWAY_ERROR.unavailable, reason, { server: this.name }),
        undefined,
      );
    }
  }

  /**
   * Resolves once every request in flight has its answer (or hit its deadline), so a client that
   * sends its requests and closes stdin still gets every answer.
   */
  drained(): Promise<void> {
    return this.pending.drained();
  }

  /** Requests in flight (tests, shutdown). */
  get inFlight(): number {
    return this.pending.size;
  }
}
