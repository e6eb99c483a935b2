import {
  Client,
  ProtocolError,
  SdkError,
  SdkErrorCode,
  UnauthorizedError,
  type ConnectOptions,
  type RequestOptions,
  type Transport,
  type VersionNegotiationMode,
} from '@modelcontextprotocol/client';
import type { ServerSpec } from '../../core/server-spec.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type DefinitionKind,
  type Snapshot,
  type SnapshotServer,
} from '../../core/snapshot.js';
import { redactOutput, spawnServer, type SandboxKind } from '../../process/index.js';
import {
  DEFAULT_LIST_LIMITS,
  listAll,
  LISTS,
  toPrompts,
  toResources,
  toResourceTemplates,
  toTools,
  type ListLimits,
} from './enumerate.js';
import { limitedFetch, sseTransport, streamableHttpTransport } from './http.js';
import { ProcessTransport } from './process-transport.js';
import { snapshotServer } from './target.js';

export { DEFAULT_LIST_LIMITS, type ListLimits } from './enumerate.js';
export { describeTarget, snapshotServer } from './target.js';

/** Which protocol era to speak: probe for 2026-07-28 and fall back (`auto`), or force one. */
export type ProtocolPreference = 'auto' | '2025' | '2026';

export interface ConnectServerOptions {
  /** Budget for the whole server: start, handshake and every list (default 30 000 ms). */
  timeoutMs?: number;
  /** See `SpawnServerOptions.sandbox` (default `auto`). */
  sandbox?: 'auto' | 'bubblewrap' | 'none';
  /** Let a sandboxed stdio server use the network (default false). */
  network?: boolean;
  /** Working directory for stdio servers whose config sets none. */
  cwd?: string;
  /** The environment the allowlist and `envPassthrough` read from (default `process.env`). */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  limits?: Partial<ListLimits>;
  protocol?: ProtocolPreference;
  /**
   * After listing, how long to wait for `notifications/*_list_changed` from a 2025-era server
   * that advertises `listChanged` (default 400 ms; generous because a loaded machine delivers late). A list that changes is fetched once more.
   */
  settleMs?: number;
  signal?: AbortSignal;
  clientInfo?: { name: string; version: string };
}

export type ConnectStage = 'spawn' | 'connect' | 'list';
export type ConnectTransport = 'stdio' | 'streamableHttp' | 'sse';

/** A list the server announced as changed while we scanned it, and what it said the second time. */
export interface ListChange {
  list: DefinitionKind;
  /** The definitions on the second listing (omitted when they did not differ or could not be read). */
  after?: Record<string, unknown>[];
}

/** How the connection went, beside what the server declared. */
export interface ConnectDetails {
  transport?: ConnectTransport;
  sandbox?: SandboxKind;
  /** Why a stdio server ran unsandboxed. */
  sandboxReason?: string;
  durationMs: number;
  /** Things worth telling the user that did not stop the scan (fallbacks, malformed items). */
  warnings: string[];
  /** Variables the config forwards from the client's environment that were not set. */
  missingEnv: string[];
  /** Pids that survived cleanup (should be empty). */
  survivors: number[];
  listChanges: ListChange[];
}

export interface ConnectSuccess {
  ok: true;
  snapshot: Snapshot;
  details: ConnectDetails;
}

export interface ConnectFailure {
  ok: false;
  server: SnapshotServer;
  stage: ConnectStage;
  /** What went wrong, secrets redacted. */
  error: string;
  /** The end of the server's stderr, secrets redacted (stdio servers). */
  stderrTail?: string;
  /** What was learnt before the failure (stage `list`). */
  partial?: Snapshot;
  details: ConnectDetails;
}

export type ConnectResult = ConnectSuccess | ConnectFailure;

const DEFAULT_CLIENT_INFO = { name: 'mcp-warden', version: '0.1.0' };
const MAX_WARNINGS = 50;

function describeError(error: unknown): string {
  if (error instanceof SdkError) return `${error.message} (${error.code})`;
  if (error instanceof ProtocolError) return `${error.message} (JSON-RPC ${String(error.code)})`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

function negotiation(preference: ProtocolPreference): VersionNegotiationMode {
  if (preference === '2025') return 'legacy';
  if (preference === '2026') return { pin: '2026-07-28' };
  return 'auto';
}

/** Mutable state of one connection attempt, shared by the helpers below. */
class Session {
  readonly started = Date.now();
  readonly deadline: AbortController = new AbortController();
  readonly details: ConnectDetails = {
    durationMs: 0,
    warnings: [],
    missingEnv: [],
    survivors: [],
    listChanges: [],
  };
  readonly limits: ListLimits;
  readonly changed = new Set<DefinitionKind>();
  private readonly timer: NodeJS.Timeout;
  private readonly unlink: () => void;

  constructor(
    readonly spec: ServerSpec,
    readonly server: SnapshotServer,
    readonly options: ConnectServerOptions,
  ) {
    this.limits = { ...DEFAULT_LIST_LIMITS, ...options.limits };
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.timer = setTimeout(() => {
      this.deadline.abort(
        new SdkError(SdkErrorCode.RequestTimeout, `scan timed out after ${String(timeoutMs)} ms`),
      );
    }, timeoutMs);
    const outer = options.signal;
    const onAbort = (): void => {
      this.deadline.abort(outer?.reason);
    };
    outer?.addEventListener('abort', onAbort, { once: true });
    if (outer?.aborted === true) onAbort();
    this.unlink = () => {
      outer?.removeEventListener('abort', onAbort);
    };
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  /** Whether the deadline (or the caller's signal) has ended the scan. */
  timedOut(): boolean {
    return this.deadline.signal.aborted;
  }

  remaining(): number {
    return Math.max(1, this.started + this.timeoutMs - Date.now());
  }

  requestOptions(): RequestOptions {
    return { timeout: this.remaining(), signal: this.deadline.signal };
  }

  warn(message: string): void {
    if (this.details.warnings.length < MAX_WARNINGS) this.details.warnings.push(message);
  }

  newClient(mode: VersionNegotiationMode): Client {
    const probeTimeout = Math.min(5000, Math.max(200, Math.floor(this.timeoutMs / 3)));
    const client = new Client(this.options.clientInfo ?? DEFAULT_CLIENT_INFO, {
      capabilities: {},
      versionNegotiation: { mode, probe: { timeoutMs: probeTimeout } },
    });
    client.onerror = (error) => {
      this.warn(`protocol: ${describeError(error)}`);
    };
    const mark = (kind: DefinitionKind) => () => {
      this.changed.add(kind);
    };
    client.setNotificationHandler('notifications/tools/list_changed', mark('tool'));
    client.setNotificationHandler('notifications/prompts/list_changed', mark('prompt'));
    client.setNotificationHandler('notifications/resources/list_changed', mark('resource'));
    return client;
  }

  connectOptions(prior?: ConnectOptions['prior']): ConnectOptions {
    return { ...this.requestOptions(), ...(prior === undefined ? {} : { prior }) };
  }

  async failure(
    stage: ConnectStage,
    error: unknown,
    extra: { stderrTail?: string; partial?: Snapshot } = {},
  ): Promise<ConnectFailure> {
    const secrets = [...Object.values(this.spec.env), ...Object.values(this.spec.headers)];
    const configured = Object.fromEntries(secrets.map((value, index) => [String(index), value]));
    return {
      ok: false,
      server: this.server,
      stage,
      error: await redactOutput(describeError(error), configured),
      ...extra,
      details: this.finish(),
    };
  }

  finish(): ConnectDetails {
    clearTimeout(this.timer);
    this.unlink();
    this.details.durationMs = Date.now() - this.started;
    return this.details;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists everything the server's capabilities advertise, within the session's limits. */
async function enumerate(
  session: Session,
  client: Client,
  transportClosed: () => boolean,
): Promise<ConnectResult> {
  const capabilities = client.getServerCapabilities() ?? {};
  const era = client.getProtocolEra() === 'modern' ? '2026' : '2025';
  const serverVersion = client.getServerVersion();
  const instructions = client.getInstructions();
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    server: session.server,
    protocol: { era, version: client.getNegotiatedProtocolVersion() ?? 'unknown' },
    ...(serverVersion === undefined ? {} : { serverInfo: { ...serverVersion } }),
    capabilities: { ...capabilities },
    ...(instructions === undefined ? {} : { instructions }),
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
  };
  const truncated: NonNullable<Snapshot['truncated']> = [];
  const wanted: DefinitionKind[] = [];
  if (isRecord(capabilities.tools)) wanted.push('tool');
  if (isRecord(capabilities.prompts)) wanted.push('prompt');
  if (isRecord(capabilities.resources)) wanted.push('resource', 'resourceTemplate');

  const warnings: string[] = [];
  let attempted = 0;
  let failed = 0;
  let firstError: unknown;
  const fetched = new Map<DefinitionKind, Record<string, unknown>[]>();
  for (const kind of wanted) {
    const list = LISTS[kind];
    if (session.timedOut() || transportClosed()) {
      truncated.push({
        list: kind,
        reason: session.timedOut() ? 'scan timed out' : 'connection closed',
      });
      continue;
    }
    attempted += 1;
    const outcome = await listAll(client, list, session.limits, () => session.requestOptions());
    fetched.set(kind, outcome.items);
    if (outcome.truncated !== undefined) truncated.push({ list: kind, reason: outcome.truncated });
    if (outcome.error !== undefined) {
      const notImplemented =
        outcome.error instanceof ProtocolError && outcome.error.code === -32601;
      if (kind === 'resourceTemplate' && notImplemented && outcome.items.length === 0) {
        session.warn('resources/templates/list is not implemented');
        continue;
      }
      const reason = session.timedOut()
        ? 'scan timed out'
        : `${list.method} failed: ${describeError(outcome.error)}`;
      truncated.push({ list: kind, reason });
      if (outcome.items.length === 0) {
        failed += 1;
        firstError ??= outcome.error;
      }
    }
  }
  snapshot.tools = toTools(fetched.get('tool') ?? [], warnings);
  snapshot.prompts = toPrompts(fetched.get('prompt') ?? [], warnings);
  snapshot.resources = toResources(fetched.get('resource') ?? [], warnings);
  snapshot.resourceTemplates = toResourceTemplates(fetched.get('resourceTemplate') ?? [], warnings);
  for (const warning of warnings) session.warn(warning);

  await relistChanged(session, client, capabilities, era, fetched, transportClosed);
  if (truncated.length > 0) snapshot.truncated = truncated;
  if (attempted > 0 && failed === attempted) {
    return await session.failure('list', firstError, { partial: snapshot });
  }
  return { ok: true, snapshot, details: session.finish() };
}

/**
 * Rug-pull watch: a 2025-era server that advertises `listChanged` may announce a change right
 * after we listed. Wait `settleMs` for that, then list each changed kind once more.
 */
async function relistChanged(
  session: Session,
  client: Client,
  capabilities: Record<string, unknown>,
  era: '2025' | '2026',
  fetched: Map<DefinitionKind, Record<string, unknown>[]>,
  transportClosed: () => boolean,
): Promise<void> {
  const announces = (key: string): boolean => {
    const capability = capabilities[key];
    return isRecord(capability) && capability.listChanged === true;
  };
  if (era !== '2025' || !['tools', 'prompts', 'resources'].some(announces)) return;
  const settle = Math.min(session.options.settleMs ?? 400, session.remaining() - 1);
  if (settle > 0) await new Promise((resolveWait) => setTimeout(resolveWait, settle));
  for (const kind of session.changed) {
    if (!fetched.has(kind) || session.timedOut() || transportClosed()) {
      session.details.listChanges.push({ list: kind });
      continue;
    }
    const again = await listAll(client, LISTS[kind], session.limits, () =>
      session.requestOptions(),
    );
    const before = JSON.stringify(fetched.get(kind));
    const differs = again.error === undefined && JSON.stringify(again.items) !== before;
    session.details.listChanges.push({ list: kind, ...(differs ? { after: again.items } : {}) });
    if (differs) session.warn(`the server changed its ${LISTS[kind].key} list during the scan`);
  }
}

function probeClosed(error: unknown): boolean {
  return (
    error instanceof SdkError &&
    error.code === SdkErrorCode.EraNegotiationFailed &&
    /closed/i.test(error.message)
  );
}

async function connectStdio(session: Session): Promise<ConnectResult> {
  const { spec, options } = session;
  const mode = negotiation(options.protocol ?? 'auto');

  const attempt = async (prior?: ConnectOptions['prior']): Promise<ConnectResult> => {
    let child;
    try {
      child = await spawnServer(spec, {
        sandbox: options.sandbox ?? 'auto',
        network: options.network ?? false,
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        ...(options.parentEnv === undefined ? {} : { parentEnv: options.parentEnv }),
      });
    } catch (error) {
      return await session.failure('spawn', error);
    }
    session.details.transport = 'stdio';
    session.details.sandbox = child.sandbox;
    if (child.sandboxReason !== undefined) session.details.sandboxReason = child.sandboxReason;
    session.details.missingEnv = [...child.missingEnv];
    const transport = new ProcessTransport(child, session.limits.maxMessageBytes);
    let closed = false;
    const client = session.newClient(mode);
    client.onclose = () => {
      closed = true;
    };
    const cleanup = async (): Promise<void> => {
      await client.close().catch(() => undefined);
      const report = await child.kill();
      session.details.survivors = report.survivors;
    };
    try {
      await client.connect(transport, session.connectOptions(prior));
    } catch (error) {
      const exitedEarly = child.hasExited();
      await cleanup();
      if (prior === undefined && mode === 'auto' && probeClosed(error) && !session.timedOut()) {
        session.warn(
          'the server closed the connection on server/discover; restarted it for initialize',
        );
        return attempt({ kind: 'legacy' });
      }
      const exit = exitedEarly ? await child.exited : undefined;
      const reason =
        transport.closeReason ??
        (exit === undefined
          ? describeError(error)
          : `the server exited (code ${String(exit.code)}${exit.signal === null ? '' : `, signal ${exit.signal}`}) before the handshake completed`);
      return await session.failure('connect', reason, { stderrTail: await child.stderrTail() });
    }
    try {
      const result = await enumerate(session, client, () => closed);
      if (transport.closeReason !== undefined) session.warn(transport.closeReason);
      if (!result.ok && result.stderrTail === undefined) {
        result.stderrTail = await child.stderrTail();
      }
      return result;
    } finally {
      await cleanup();
    }
  };
  return attempt();
}

function isAuthError(error: unknown): boolean {
  return (
    error instanceof UnauthorizedError ||
    (error instanceof SdkError &&
      (error.code === SdkErrorCode.ClientHttpAuthentication ||
        error.code === SdkErrorCode.ClientHttpForbidden))
  );
}

async function connectHttp(session: Session): Promise<ConnectResult> {
  const { spec, options } = session;
  let url: URL;
  try {
    url = new URL(spec.url ?? '');
  } catch {
    return await session.failure('connect', `invalid URL: ${spec.url ?? '(none)'}`);
  }
  const fetch = limitedFetch(session.limits.maxMessageBytes, session.deadline.signal);
  const http = { url, headers: spec.headers, fetch };

  const run = async (
    kind: ConnectTransport,
    transport: Transport,
    mode: VersionNegotiationMode,
  ): Promise<ConnectResult> => {
    let closed = false;
    const client = session.newClient(mode);
    client.onclose = () => {
      closed = true;
    };
    try {
      await client.connect(transport, session.connectOptions());
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    session.details.transport = kind;
    try {
      return await enumerate(session, client, () => closed);
    } finally {
      const terminate = (transport as { terminateSession?: () => Promise<void> }).terminateSession;
      if (terminate !== undefined && !session.timedOut()) {
        await terminate.call(transport).catch(() => undefined);
      }
      await client.close().catch(() => undefined);
    }
  };

  if (spec.transport === 'sse') {
    try {
      return await run('sse', sseTransport(http), 'legacy');
    } catch (error) {
      return await session.failure('connect', error);
    }
  }
  try {
    return await run(
      'streamableHttp',
      streamableHttpTransport(http),
      negotiation(options.protocol ?? 'auto'),
    );
  } catch (streamableError) {
    if (isAuthError(streamableError) || session.timedOut()) {
      return await session.failure('connect', streamableError);
    }
    try {
      const result = await run('sse', sseTransport(http), 'legacy');
      session.warn(
        `Streamable HTTP failed (${describeError(streamableError)}); connected with the legacy SSE transport`,
      );
      return result;
    } catch (sseError) {
      return await session.failure(
        'connect',
        `Streamable HTTP: ${describeError(streamableError)}; SSE: ${describeError(sseError)}`,
      );
    }
  }
}

/**
 * Connects to one configured server — a sandboxed stdio process, Streamable HTTP (falling back to
 * legacy SSE), or SSE — negotiates the protocol era (2026-07-28 `server/discover`, else the 2025
 * `initialize` handshake), lists what its capabilities advertise within the limits, and closes
 * it (killing a stdio server's whole process tree). Never throws for a server's misbehaviour:
 * that is a {@link ConnectFailure} naming the stage.
 *
 * @example
 * const result = await connectServer(spec, { timeoutMs: 10_000 });
 * if (result.ok) console.log(result.snapshot.tools.map((tool) => tool.name));
 * else console.error(result.stage, result.error, result.stderrTail);
 */
export async function connectServer(
  spec: ServerSpec,
  options: ConnectServerOptions = {},
): Promise<ConnectResult> {
  const session = new Session(spec, await snapshotServer(spec), options);
  try {
    return spec.transport === 'stdio' ? await connectStdio(session) : await connectHttp(session);
  } catch (error) {
    return await session.failure('connect', error);
  }
}
