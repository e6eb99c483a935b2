import { Policy, type PolicyInput, type ServerPolicy } from '../../core/config/schema.js';
import type { Lockfile } from '../../pin/lockfile.js';
import type {
  Decision,
  GatewayMiddleware,
  JsonRpcMessage,
  MessageContext,
  MessageKind,
  PendingRequest,
  SessionState,
} from './types.js';

/**
 * An in-process harness for gateway controls: hand-made message contexts, a clock the test
 * moves, and a tiny onion runner. No transport, no forwarder: a test says what the client or
 * the server sent and looks at what the controls decided.
 *
 * @example
 * const h = createHarness({ policy: { version: 1, servers: { fs: { command: 'x' } } } });
 * const call = h.request('fs', 'tools/call', { name: 'read_file', arguments: { path: '/etc/passwd' } });
 * const { forwarded } = await h.run(argumentsMiddleware, call);
 */

export interface DenialRecord {
  decision: Decision;
  code?: number;
  data?: unknown;
}

export class TestContext implements MessageContext {
  readonly direction: MessageContext['direction'];
  readonly server: string;
  readonly serverPolicy: ServerPolicy;
  readonly policy: Policy;
  readonly lockfile?: Lockfile;
  readonly kind: MessageKind;
  message: JsonRpcMessage;
  readonly request?: PendingRequest;
  readonly session: SessionState;
  readonly bytes?: number;
  denied = false;
  denial: DenialRecord | undefined;
  readonly decisions: Decision[] = [];
  deadline: { ms: number; denial: DenialRecord } | undefined;
  /** Set once the request is over (answered, denied, timed out). */
  settled = false;
  /** For requests: the context of the request (itself); for results: the request's context. */
  requestContext: TestContext | undefined;
  private readonly settleCallbacks: (() => void)[] = [];

  constructor(
    init: Omit<
      MessageContext,
      'deny' | 'record' | 'now' | 'setDeadline' | 'onSettled' | 'denied' | 'era'
    >,
    private readonly clock: () => number,
  ) {
    this.direction = init.direction;
    this.server = init.server;
    this.serverPolicy = init.serverPolicy;
    this.policy = init.policy;
    if (init.lockfile !== undefined) this.lockfile = init.lockfile;
    this.kind = init.kind;
    this.message = init.message;
    if (init.request !== undefined) this.request = init.request;
    this.session = init.session;
    if (init.bytes !== undefined) this.bytes = init.bytes;
  }

  deny(
    decision: Omit<Decision, 'action'> & {
      action?: 'deny' | 'confirm-refused';
      code?: number;
      data?: unknown;
    },
  ): void {
    if (this.denied) throw new Error('deny() called twice');
    this.denied = true;
    const { code, data, ...rest } = decision;
    const recorded: Decision = { ...rest, action: decision.action ?? 'deny' };
    this.decisions.push(recorded);
    this.denial = {
      decision: recorded,
      ...(code === undefined ? {} : { code }),
      ...(data === undefined ? {} : { data }),
    };
  }

  record(decision: Decision): void {
    this.decisions.push(decision);
  }

  now(): number {
    return this.clock();
  }

  setDeadline(
    ms: number,
    denial: Omit<Decision, 'action'> & { code?: number; data?: unknown },
  ): void {
    const { code, data, ...rest } = denial;
    this.deadline = {
      ms,
      denial: {
        decision: { ...rest, action: 'deny' },
        ...(code === undefined ? {} : { code }),
        ...(data === undefined ? {} : { data }),
      },
    };
  }

  onSettled(callback: () => void): void {
    if (this.settled) throw new Error('onSettled() after the request was over');
    this.settleCallbacks.push(callback);
  }

  /** Ends the request: runs the settle callbacks once. */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    for (const callback of this.settleCallbacks) callback();
  }

  /** The reason of the denial, or of the last decision. */
  get reason(): string | undefined {
    return this.denial?.decision.reason ?? this.decisions.at(-1)?.reason;
  }
}

export interface HarnessOptions {
  policy?: PolicyInput | Policy;
  lockfile?: Lockfile;
  session?: SessionState;
  /** Start of the clock (ms). */
  start?: number;
}

export interface RunOutcome {
  /** The innermost `next()` ran: the message would go on (as `ctx.message`). */
  forwarded: boolean;
}

export interface Harness {
  policy: Policy;
  session: SessionState;
  now(): number;
  advance(ms: number): void;
  serverPolicy(server: string): ServerPolicy;
  /** A client→server request. */
  request(server: string, method: string, params?: unknown): TestContext;
  /** The server's result for `request`. */
  result(request: TestContext, result: unknown, options?: { bytes?: number }): TestContext;
  /** The server's JSON-RPC error for `request`. */
  error(request: TestContext, error: { code: number; message: string }): TestContext;
  /** Runs one middleware, or several as an onion, over `ctx`. */
  run(
    middleware: GatewayMiddleware | readonly GatewayMiddleware[],
    ctx: TestContext,
  ): Promise<RunOutcome>;
  /** What the gateway does when a request's deadline passes: denies it and settles it. */
  expire(request: TestContext): void;
  /** A server→client request (sampling/createMessage, elicitation/create, roots/list). */
  serverRequest(server: string, method: string, params?: unknown): TestContext;
  /** The client's answer to a server→client request. */
  answer(request: TestContext, result: unknown): TestContext;
  /** A server→client notification. */
  notification(server: string, method: string, params?: unknown): TestContext;
  /** Lists tools of a server through `middleware` (tools/list request and result). */
  list(
    middleware: GatewayMiddleware | readonly GatewayMiddleware[],
    server: string,
    tools: readonly Record<string, unknown>[],
    method?: string,
  ): Promise<TestContext>;
}

/** A fresh session state, as the gateway makes one per client connection. */
/** Read through a function, so that narrowing does not assume `deny` never ran. */
function isDenied(ctx: TestContext): boolean {
  return ctx.denied;
}

export function createSession(): SessionState {
  return { tools: new Map(), withheld: new Map() };
}

const LIST_FIELDS: Readonly<Record<string, string>> = {
  'tools/list': 'tools',
  'prompts/list': 'prompts',
  'resources/list': 'resources',
  'resources/templates/list': 'resourceTemplates',
};

export function createHarness(options: HarnessOptions = {}): Harness {
  const policy = Policy.parse(options.policy ?? { version: 1 });
  const session = options.session ?? createSession();
  let clock = options.start ?? 1_000_000;
  let nextId = 1;
  const now = (): number => clock;
  const unlisted = new Map<string, ServerPolicy>();
  const serverPolicy = (server: string): ServerPolicy => {
    const listed = policy.servers[server];
    if (listed !== undefined) return listed;
    let made = unlisted.get(server);
    if (made === undefined) {
      made = Policy.parse({ version: 1, servers: { [server]: {} } }).servers[server];
      if (made === undefined) throw new Error(`could not make a policy for server "${server}"`);
      unlisted.set(server, made);
    }
    return made;
  };
  const base = (server: string) => ({
    server,
    serverPolicy: serverPolicy(server),
    policy,
    session,
    ...(options.lockfile === undefined ? {} : { lockfile: options.lockfile }),
  });

  const harness: Harness = {
    policy,
    session,
    now,
    advance(ms) {
      clock += ms;
    },
    serverPolicy,
    request(server, method, params) {
      const ctx = new TestContext(
        {
          ...base(server),
          direction: 'client-to-server',
          kind: 'request',
          message: {
            jsonrpc: '2.0',
            id: nextId++,
            method,
            ...(params === undefined ? {} : { params }),
          },
        },
        now,
      );
      ctx.requestContext = ctx;
      return ctx;
    },
    result(request, result, resultOptions = {}) {
      const pending: PendingRequest = {
        method: request.message.method ?? '',
        params: request.message.params,
        startedAt: clock,
      };
      const ctx = new TestContext(
        {
          ...base(request.server),
          direction: 'server-to-client',
          kind: 'response',
          message: { jsonrpc: '2.0', id: request.message.id ?? null, result },
          request: pending,
          ...(resultOptions.bytes === undefined ? {} : { bytes: resultOptions.bytes }),
        },
        now,
      );
      ctx.requestContext = request;
      return ctx;
    },
    error(request, error) {
      const ctx = new TestContext(
        {
          ...base(request.server),
          direction: 'server-to-client',
          kind: 'error',
          message: { jsonrpc: '2.0', id: request.message.id ?? null, error },
          request: {
            method: request.message.method ?? '',
            params: request.message.params,
            startedAt: clock,
          },
        },
        now,
      );
      ctx.requestContext = request;
      return ctx;
    },
    async run(middleware, ctx) {
      const chain: readonly GatewayMiddleware[] = Array.isArray(middleware)
        ? middleware
        : [middleware as GatewayMiddleware];
      const state = { forwarded: false };
      const dispatch = async (index: number): Promise<void> => {
        if (isDenied(ctx)) return;
        const entry = chain[index];
        if (entry === undefined) {
          state.forwarded = true;
          return;
        }
        let called = false;
        await entry(ctx, () => {
          if (called) return Promise.reject(new Error('next() called twice'));
          called = true;
          return dispatch(index + 1);
        });
      };
      await dispatch(0);
      const denied = isDenied(ctx);
      if (!state.forwarded && !denied) throw new Error('the chain neither forwarded nor denied');
      const request = ctx.requestContext;
      if (ctx.kind === 'request' && denied) ctx.settle();
      if (ctx.kind !== 'request' && request !== undefined) request.settle();
      return { forwarded: state.forwarded && !denied };
    },
    expire(request) {
      if (request.settled || request.deadline === undefined) return;
      request.decisions.push(request.deadline.denial.decision);
      request.settle();
    },
    serverRequest(server, method, params) {
      const ctx = new TestContext(
        {
          ...base(server),
          direction: 'server-to-client',
          kind: 'request',
          message: {
            jsonrpc: '2.0',
            id: `s${String(nextId++)}`,
            method,
            ...(params === undefined ? {} : { params }),
          },
        },
        now,
      );
      return ctx;
    },
    answer(request, result) {
      return new TestContext(
        {
          ...base(request.server),
          direction: 'client-to-server',
          kind: 'response',
          message: { jsonrpc: '2.0', id: request.message.id ?? null, result },
          request: {
            method: request.message.method ?? '',
            params: request.message.params,
            startedAt: clock,
          },
        },
        now,
      );
    },
    notification(server, method, params) {
      return new TestContext(
        {
          ...base(server),
          direction: 'server-to-client',
          kind: 'notification',
          message: { jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) },
        },
        now,
      );
    },
    async list(middleware, server, tools, method = 'tools/list') {
      const field = LIST_FIELDS[method] ?? 'tools';
      const request = harness.request(server, method, {});
      await harness.run(middleware, request);
      const result = harness.result(request, { [field]: tools });
      await harness.run(middleware, result);
      return result;
    },
  };
  return harness;
}
