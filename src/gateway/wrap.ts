import type { Readable, Writable } from 'node:stream';
import type { Policy, ServerPolicy } from '../core/config/schema.js';
import type { Lockfile } from '../pin/lockfile.js';
import { connectApprovals } from './approvals/approvals.js';
import type { EraTracker } from './classifier.js';
import { ClientLink } from './client-link.js';
import { deferredChain, type ChainSource } from './middleware/compose.js';
import type { FlowLedger } from './middleware/flow-ledger.js';
import type { JsonRpcMessage } from './middleware/types.js';
import { createSessionState } from './pipeline.js';
import type { AuditSink, HealthCheck, SessionHost, UpstreamSession } from './session.js';
import type { SandboxOverrides } from './sandboxing.js';
import type { RestartPolicy, Supervisor } from './supervisor.js';
import { createUpstream } from './upstream-factory.js';
import type { UpstreamHandlers, UpstreamTransport } from './upstream.js';

/**
 * `wrap`: one server behind the gateway, transparent. The client's messages go to the server
 * with their own ids and bytes (unless a control rewrites one); the client's handshake reaches
 * the server and is replayed by the gateway when the server has to be restarted.
 */

/** How to reach one upstream and run it. */
export interface UpstreamSpec {
  name: string;
  serverPolicy: ServerPolicy;
  /** stdio: the program and its arguments (from the command line or the policy). */
  command?: string;
  args?: readonly string[];
  /** Variables copied from the gateway's environment. */
  passEnv?: readonly string[];
  cwd?: string;
  /** Remote: Streamable HTTP endpoint. */
  url?: string;
  /** Remote: the transport (default `auto`: Streamable HTTP, falling back to HTTP+SSE). */
  transport?: 'streamable-http' | 'sse' | 'auto';
  /** Remote: accept plain `http://` off loopback (default: the server policy's `allowHttp`). */
  allowHttp?: boolean;
}

export interface GatewayRuntimeOptions {
  policy: Policy;
  lockfile?: Lockfile | undefined;
  /**
   * The controls, or a loader of them (see {@link ChainSource}): a loader runs once the servers
   * are started, and no client message is read before it is done.
   */
  middlewares: ChainSource;
  audit?: AuditSink | undefined;
  input: Readable;
  output: Writable;
  log: (text: string) => void;
  /** Command-line overrides of the policy's sandbox settings. */
  sandbox?: SandboxOverrides;
  restart?: RestartPolicy;
  healthCheck?: HealthCheck;
  parentEnv?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  killGraceMs?: number;
  /**
   * Where calls wait for `mcp-warden approve` when the client cannot ask the user
   * (`approvalsDir`); absent: such calls are refused at once.
   */
  approvalsDir?: string | undefined;
  /**
   * The flow state shared with the other wraps of the same client (the session broker); without
   * it, flow control sees this gateway's servers only. A promise is awaited while the server
   * starts (joining the broker may mean starting it), before the client is read.
   */
  flows?: FlowLedger | Promise<FlowLedger> | undefined;
  /** Replaces how upstreams are reached (tests: an in-memory server). */
  connect?: (spec: UpstreamSpec, handlers: UpstreamHandlers) => Promise<UpstreamTransport>;
}

export interface StopReport {
  /** Pids still alive after cleanup (should be empty). */
  survivors: number[];
}

/** A running gateway. */
export interface RunningGateway {
  /** Resolves with the exit code once the gateway stopped (client hang-up, stop(), failure). */
  readonly done: Promise<number>;
  /** Stops: fails what is pending, ends every server process, flushes stdout. Idempotent. */
  stop(reason: string, exitCode?: number): Promise<StopReport>;
  /** The upstream sessions, by server name. */
  readonly sessions: ReadonlyMap<string, UpstreamSession>;
  /** The supervisors, by server name (tests look at their processes). */
  readonly supervisors: ReadonlyMap<string, Supervisor>;
}

/** Shared shutdown: stop every supervisor, report survivors, settle `done` once. */
export class Lifecycle {
  private stopping: Promise<StopReport> | undefined;
  private resolveDone!: (code: number) => void;
  readonly done: Promise<number>;

  constructor(
    private readonly sessions: ReadonlyMap<string, UpstreamSession>,
    private readonly supervisors: ReadonlyMap<string, Supervisor>,
    private readonly client: () => ClientLink | undefined,
    private readonly log: (text: string) => void,
  ) {
    this.done = new Promise((resolveDone) => {
      this.resolveDone = resolveDone;
    });
  }

  /**
   * The client hung up. After EOF on stdin, the requests it sent still get their answers (each
   * is bounded by its deadline) before the servers are stopped; when nobody reads, stop now.
   */
  async stopWhenAnswered(how: 'eof' | 'gone'): Promise<StopReport> {
    if (how === 'gone') return this.stop('the client stopped reading');
    await Promise.all([...this.sessions.values()].map((session) => session.drained()));
    return this.stop('the client closed stdin');
  }

  stop(reason: string, exitCode = 0): Promise<StopReport> {
    this.stopping ??= (async () => {
      for (const session of this.sessions.values()) {
        session.shutdown(`mcp-warden is shutting down (${reason})`);
      }
      const reports = await Promise.all(
        [...this.supervisors.values()].map((supervisor) => supervisor.stop()),
      );
      const survivors = reports.flatMap((report) => report.survivors);
      if (survivors.length > 0) {
        this.log(`server processes survived shutdown: ${survivors.join(', ')}`);
      }
      await this.client()?.flush();
      this.resolveDone(survivors.length > 0 ? Math.max(exitCode, 1) : exitCode);
      return { survivors };
    })();
    return this.stopping;
  }
}

/**
 * Starts `wrap`: spawns (or connects to) the server first, then serves the client on
 * `input`/`output`.
 *
 * @example
 * const gateway = await startWrap({ name: 'everything', serverPolicy, command: 'node', args: ['server.js'] },
 *   { policy: DEFAULT_POLICY, middlewares: [], input: process.stdin, output: process.stdout, log });
 * process.exitCode = await gateway.done;
 */
export async function startWrap(
  spec: UpstreamSpec,
  options: GatewayRuntimeOptions,
): Promise<RunningGateway> {
  const era: EraTracker = { value: undefined };
  /** Set once the client side is up (servers may speak first). */
  const link: { client?: ClientLink } = {};
  const sessions = new Map<string, UpstreamSession>();
  const supervisors = new Map<string, Supervisor>();
  const lifecycle = new Lifecycle(sessions, supervisors, () => link.client, options.log);
  const deliver = (message: JsonRpcMessage, line: string | undefined): void => {
    link.client?.send(message, line);
  };
  const { approvals, channel } = connectApprovals({
    policy: options.policy,
    send: (message) => {
      deliver(message, undefined);
    },
    era,
    dir: options.approvalsDir,
    log: options.log,
    now: options.now,
  });
  const host: SessionHost = {
    deliver(_session, _kind, message, line) {
      deliver(message, line);
    },
    log: options.log,
    restored(session) {
      for (const list of ['tools', 'prompts', 'resources'] as const) {
        const capability = session.capabilities[list];
        if (
          typeof capability === 'object' &&
          capability !== null &&
          (capability as { listChanged?: unknown }).listChanged === true
        ) {
          deliver({ jsonrpc: '2.0', method: `notifications/${list}/list_changed` }, undefined);
        }
      }
    },
    failed() {
      void lifecycle.stop('the server could not be kept running', 1);
    },
    pressure(_session, full) {
      if (full) link.client?.pause();
      else link.client?.resume();
    },
  };
  const state = createSessionState();
  const chain = deferredChain(options.middlewares);
  const { session, supervisor } = createUpstream(spec, options, {
    state,
    middleware: chain.middleware,
    host,
    era,
    approvals,
  });
  sessions.set(spec.name, session);
  supervisors.set(spec.name, supervisor);
  const [flows] = await Promise.all([
    options.flows,
    supervisor.launch().then(async () => {
      const transport = supervisor.connection;
      if (transport !== undefined) options.log(`started "${spec.name}" (${transport.note})`);
      // The controls load while the server starts; without them nothing is served.
      try {
        await chain.ready();
      } catch (error) {
        await lifecycle.stop('the controls could not be loaded', 1);
        throw error;
      }
    }),
  ]);
  if (flows !== undefined) state.flows = flows;

  const reply = (message: JsonRpcMessage, line: string | undefined): void => {
    deliver(message, line);
  };
  link.client = new ClientLink({
    input: options.input,
    output: options.output,
    era,
    log: options.log,
    onMessage(classified, line, bytes) {
      const { message } = classified;
      switch (classified.kind) {
        case 'request':
          if (message.method === 'initialize') channel.noteInitialize(message.params);
          session.request(message, line, bytes, reply);
          return;
        case 'notification':
          session.notify(message, line, bytes);
          return;
        case 'response':
        case 'error':
          if (channel.takeAnswer(message)) return;
          if (classified.id !== null && classified.id !== undefined) {
            session.answer(message, line, bytes, classified.kind);
          }
          return;
      }
    },
    onEnd(how) {
      // The client can answer no more questions: waiting asks are refused, the rest is answered.
      channel.close();
      void lifecycle.stopWhenAnswered(how);
    },
    onPressure(full) {
      if (full) supervisor.pause();
      else supervisor.resume();
    },
  });
  return {
    done: lifecycle.done,
    stop: (reason, exitCode) => lifecycle.stop(reason, exitCode),
    sessions,
    supervisors,
  };
}
