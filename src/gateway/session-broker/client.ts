import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { BROKER_ENTRY, packageFile } from '../../process/package-files.js';
import {
  FLOW_LEGS,
  type FlowEntry,
  type FlowLedger,
  type FlowState,
  mergeEntry,
} from '../middleware/flow-ledger.js';
import { clientIdentity, type ClientIdentity } from './identity.js';
import { brokerDirectory, brokerPaths, checkSocket, ensurePrivateDirectory } from './paths.js';
import {
  type BrokerRequest,
  type BrokerResponse,
  MAX_LINE,
  parseResponse,
  PUSH_ID,
} from './protocol.js';

/**
 * A wrap's side of the session broker: a {@link FlowLedger} whose state lives in the broker of
 * its client, so that what one wrap's server put in the model's context holds back the tools of
 * every other wrap of the same client.
 *
 * It never throws and never lets a call through on a guess: when the broker cannot be reached,
 * started or trusted, or goes away, the ledger is `failed` for good (flow rules then act as if
 * everything had entered) and says so once on stderr.
 *
 * Reading costs no round trip: the wrap subscribes when it joins, and the broker sends every new
 * leg to the other wraps before it answers the wrap that added it. So a leg another wrap added
 * before anything this wrap now handles could have been caused by it is already in this wrap's
 * socket; {@link afterPendingNews} lets the event loop read it before the state is used.
 */

export interface SharedFlowsOptions {
  /** `wrap --session-id`. */
  sessionId?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  log: (text: string) => void;
  /** The broker program (default: `main.js` next to this module). */
  brokerEntry?: string;
  /** The wrap's parent (default `process.ppid`), for tests. */
  parent?: number;
  /** Called once when the ledger fails (at start or later), after stderr was told. */
  onFail?: (reason: string) => void;
}

/** A request before it gets its id. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = (response: BrokerResponse | { id: number; failed: string }) => void;

/**
 * Resolves once a whole turn of the event loop has run after the call, including a poll for I/O
 * that began after it: whatever was already in the broker's socket has been read by then (and
 * merged by the `line` handler, synchronously).
 */
function afterPendingNews(): Promise<void> {
  return new Promise((resolveTurn) => {
    setImmediate(() => {
      setImmediate(resolveTurn);
    });
  });
}

export class BrokerFlowLedger implements FlowLedger {
  readonly scope: string;
  /** What this wrap has seen so far: the state only grows, so a known leg needs no round trip. */
  private readonly known: FlowState['legs'] = {};
  private failure: string | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = PUSH_ID + 1;
  private closing = false;
  /** The broker pushes new legs to this wrap (brokers of earlier versions do not: then ask). */
  private subscribed = false;

  constructor(
    identity: ClientIdentity | undefined,
    private readonly socket: Socket | undefined,
    failure: string | undefined,
    private readonly log: (text: string) => void,
    private readonly onFail?: (reason: string) => void,
  ) {
    this.scope =
      identity === undefined
        ? 'shared by the wraps of this client'
        : `shared by the wraps of ${identity.label}`;
    if (failure !== undefined) this.fail(failure);
    if (socket !== undefined) {
      const lines = createInterface({ input: socket, crlfDelay: Infinity });
      lines.on('line', (line) => {
        const response = line.length > MAX_LINE ? undefined : parseResponse(line);
        if (response === undefined) {
          this.fail('the session broker sent a malformed answer');
          socket.destroy();
          return;
        }
        if (response.id === PUSH_ID && 'legs' in response) {
          for (const entry of Object.values(response.legs)) mergeEntry(this.known, entry);
          return;
        }
        const resolveOne = this.pending.get(response.id);
        this.pending.delete(response.id);
        resolveOne?.(response);
      });
      // readline re-emits the socket's errors; both are the same failure.
      const onError = (error: Error): void => {
        this.fail(`the session broker connection failed: ${error.message}`);
      };
      socket.on('error', onError);
      lines.on('error', onError);
      // 'end' (the broker's side closed) comes in the same turn of the event loop as the read
      // that found it, so afterPendingNews() sees it; 'close' comes a phase later.
      socket.on('end', () => {
        this.fail('the session broker went away');
      });
      socket.on('close', () => {
        this.fail('the session broker went away');
      });
    }
  }

  /** Marks the ledger failed (once), tells stderr, and answers every pending request. */
  private fail(reason: string): void {
    if (this.failure !== undefined || this.closing) return;
    this.failure = reason;
    this.log(
      `session broker (${this.scope}): ${reason}. Cross-server flow rules fail closed: outbound, ` +
        'financial and other gated tools need confirmation for the rest of this session.',
    );
    for (const [id, resolveOne] of this.pending) resolveOne({ id, failed: reason });
    this.pending.clear();
    this.onFail?.(reason);
  }

  /** Why the shared state cannot be trusted, once it cannot. */
  get failed(): string | undefined {
    return this.failure;
  }

  private state(): FlowState {
    return {
      legs: { ...this.known },
      ...(this.failure === undefined ? {} : { failed: this.failure }),
    };
  }

  private ask(request: Unnumbered<BrokerRequest>): Promise<{ added?: boolean }> {
    const socket = this.socket;
    if (this.failure !== undefined || socket === undefined || !socket.writable) {
      this.fail('the session broker went away');
      return Promise.resolve({});
    }
    const id = this.nextId++;
    return new Promise((resolveAsk) => {
      this.pending.set(id, (response) => {
        if ('failed' in response) {
          resolveAsk({});
        } else if ('error' in response) {
          this.fail(`the session broker refused a request: ${response.error}`);
          resolveAsk({});
        } else {
          for (const entry of Object.values(response.legs)) mergeEntry(this.known, entry);
          if (response.subscribed === true) this.subscribed = true;
          resolveAsk(response.added === undefined ? {} : { added: response.added });
        }
      });
      socket.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  async read(): Promise<FlowState> {
    // Once every leg is known there is nothing left to learn: the state only grows.
    if (!FLOW_LEGS.every((leg) => this.known[leg] !== undefined)) {
      if (this.subscribed && this.failure === undefined) await afterPendingNews();
      else await this.ask({ op: 'read', subscribe: true });
    }
    return this.state();
  }

  async add(entry: FlowEntry): Promise<{ state: FlowState; added: boolean }> {
    if (this.known[entry.leg] !== undefined) return { state: this.state(), added: false };
    const { added } = await this.ask({ op: 'add', entry });
    return { state: this.state(), added: added === true };
  }

  /** Leaves the broker (it exits after its last wrap). */
  close(): void {
    this.closing = true;
    this.socket?.destroy();
  }
}

function connect(path: string): Promise<Socket> {
  return new Promise((resolveConnect, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolveConnect(socket);
    });
    socket.once('error', reject);
  });
}

/** Starts a broker for `socket`, detached; resolves once it serves (or another one does). */
function spawnBroker(entry: string, socket: string): Promise<void> {
  return new Promise((resolveSpawn, reject) => {
    const child = spawn(process.execPath, [entry, socket], {
      // Nothing of the client's environment (tokens, keys) in a process that outlives this wrap.
      env: {},
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stdout.once('close', () => {
      child.unref();
      const line = out.split('\n')[0] ?? '';
      if (line === 'ready' || line === 'running') resolveSpawn();
      else reject(new Error(line.startsWith('error ') ? line.slice(6) : `broker said "${line}"`));
    });
  });
}

/** The broker's program of the built package (the same file for the library and the bundled CLI). */
const defaultEntry = (): string => packageFile(...BROKER_ENTRY);

/**
 * The shared flow ledger of this wrap's client: connects to the client's broker, starting it
 * when this is the first wrap.
 *
 * @example
 * const flows = await openSharedFlows({ env: process.env, log });
 * startWrap(spec, { ...options, flows });
 */
export async function openSharedFlows(options: SharedFlowsOptions): Promise<BrokerFlowLedger> {
  let identity: ClientIdentity | undefined;
  try {
    identity = clientIdentity({
      sessionId: options.sessionId,
      ...(options.parent === undefined ? {} : { parent: options.parent }),
    });
    const dir = brokerDirectory(options.env);
    ensurePrivateDirectory(dir);
    const { socket } = brokerPaths(dir, identity.key);
    let connection: Socket | undefined;
    if (existsSync(socket)) {
      checkSocket(socket);
      connection = await connect(socket).catch(() => undefined);
    }
    if (connection === undefined) {
      const entry = options.brokerEntry ?? defaultEntry();
      await spawnBroker(entry, socket);
      checkSocket(socket);
      connection = await connect(socket);
    }
    const ledger = new BrokerFlowLedger(
      identity,
      connection,
      undefined,
      options.log,
      options.onFail,
    );
    // Join at once (the broker counts a connection as one of its wraps from its first request),
    // while the socket still keeps the process alive; from then on it must not.
    await ledger.read();
    connection.unref();
    return ledger;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return new BrokerFlowLedger(
      identity,
      undefined,
      `the session broker could not be used (${why})`,
      options.log,
      options.onFail,
    );
  }
}
