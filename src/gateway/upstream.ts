import { execFile } from 'node:child_process';
import {
  findExecutable,
  redactOutput,
  spawnServer,
  type ProcessLimits,
  type ServerProcess,
} from '../process/index.js';
import { FrameWriter, LineReader, type OversizeFrame } from './forwarder.js';
import type { JsonRpcMessage } from './middleware/types.js';

/**
 * The upstream leg: one connection to one MCP server, as frames in and out. Stdio servers are
 * started with `spawnServer` (own process group, scrubbed environment, `setpriv --pdeathsig`,
 * tree kill) and, where the kernel allows it unprivileged, inside their own PID namespace, so
 * that nothing they start can outlive the gateway even when the gateway is SIGKILLed. Remote
 * servers are reached over Streamable HTTP with the SDK's client transport (this leg only).
 */

export interface UpstreamHandlers {
  /** One message from the server: the exact line when the transport has one. */
  onFrame(line: string, value: unknown, bytes: number): void;
  /** A frame over the size limit was dropped. */
  onOversize(frame: OversizeFrame): void;
  /** A line that is not JSON. */
  onGarbage(line: string, error: string): void;
  /** The connection is gone (process exit, stdout closed, HTTP transport closed). */
  onClose(reason: string): void;
  /** The server's stderr, one line at a time, secrets redacted. */
  onStderr(line: string): void;
  /** The server stopped reading what we send (true), or caught up (false). */
  onPressure?(full: boolean): void;
}

export interface UpstreamTransport {
  readonly kind: 'stdio' | 'http';
  /** The server process (stdio), for supervision and tests. */
  readonly process?: ServerProcess;
  /** A note about how it runs (sandbox, PID namespace), for the log. */
  readonly note: string;
  /** Sends one message; `line` is its serialisation. Rejects when an HTTP request fails. */
  send(line: string, message: JsonRpcMessage): Promise<void> | undefined;
  /** Stop reading from the server (back-pressure from the client side). */
  pause(): void;
  resume(): void;
  /** Tells an HTTP transport the negotiated version (its `MCP-Protocol-Version` header). */
  setProtocolVersion?(version: string): void;
  /** Ends the connection and, for stdio, every process of the server. */
  close(): Promise<{ survivors: number[] }>;
}

export interface StdioUpstreamOptions {
  name: string;
  command: string;
  args: readonly string[];
  /** Variables set for the server (the policy's `env`). */
  env: Readonly<Record<string, string>>;
  /** Names of variables copied from the gateway's environment. */
  passEnv: readonly string[];
  /** Working directory (default: the gateway's). */
  cwd?: string;
  /** Run under bubblewrap (already chosen: see `chooseSandbox`), or not at all. */
  sandbox: 'bubblewrap' | 'none';
  /** Let a sandboxed server use the network. */
  network: boolean;
  /** More host paths a sandboxed server may read, and write. */
  readPaths?: readonly string[];
  writePaths?: readonly string[];
  /** Process limits, sandboxed or not. */
  limits?: ProcessLimits;
  /** Start the server in its own PID namespace when possible (default `auto`). */
  pidNamespace?: 'auto' | 'off';
  maxFrameBytes: number;
  parentEnv?: Readonly<Record<string, string | undefined>>;
  killGraceMs?: number;
}

const UNSHARE_ARGS = ['--user', '--map-current-user', '--pid', '--fork', '--kill-child'];

let unshareProbe: Promise<string | undefined> | undefined;

/**
 * Finds `unshare` and checks, once, that it can make a user + PID namespace unprivileged here.
 * Returns its path, or undefined.
 */
export function probePidNamespace(pathVariable = process.env.PATH): Promise<string | undefined> {
  unshareProbe ??= new Promise((done) => {
    if (process.platform !== 'linux') {
      done(undefined);
      return;
    }
    const unshare = findExecutable('unshare', pathVariable);
    const truePath = findExecutable('true', '/usr/bin:/bin');
    if (unshare === undefined || truePath === undefined) {
      done(undefined);
      return;
    }
    execFile(unshare, [...UNSHARE_ARGS, '--', truePath], { timeout: 5000, env: {} }, (error) => {
      done(error === null ? unshare : undefined);
    });
  });
  return unshareProbe;
}

/** Splits a stream into lines and hands each, redacted, to `emit`, in order, with a bounded backlog. */
function relayStderr(
  stream: NodeJS.ReadableStream,
  configured: Readonly<Record<string, string>>,
  emit: (line: string) => void,
): void {
  let partial = '';
  let chain = Promise.resolve();
  let backlog = 0;
  let dropped = 0;
  const MAX_BACKLOG = 200;
  const MAX_LINE = 4096;
  const push = (line: string): void => {
    if (backlog >= MAX_BACKLOG) {
      dropped += 1;
      return;
    }
    backlog += 1;
    const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    chain = chain
      .then(async () => {
        if (dropped > 0) {
          emit(`(${String(dropped)} stderr lines dropped: too many at once)`);
          dropped = 0;
        }
        emit(await redactOutput(text, configured));
      })
      .catch(() => {
        emit('(a stderr line could not be redacted and was dropped)');
      })
      .finally(() => {
        backlog -= 1;
      });
  };
  stream.on('data', (chunk: Buffer | string) => {
    partial += chunk.toString();
    let newline = partial.indexOf('\n');
    while (newline !== -1) {
      const line = partial.slice(0, newline).replace(/\r$/, '');
      partial = partial.slice(newline + 1);
      if (line !== '') push(line);
      newline = partial.indexOf('\n');
    }
    if (partial.length > MAX_LINE * 4) {
      push(partial);
      partial = '';
    }
  });
  stream.on('end', () => {
    if (partial !== '') push(partial);
    partial = '';
  });
}

/** Starts a stdio server and speaks newline-delimited JSON-RPC with it. */
export async function startStdioUpstream(
  options: StdioUpstreamOptions,
  handlers: UpstreamHandlers,
): Promise<UpstreamTransport> {
  const parentEnv = options.parentEnv ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let command = options.command;
  let args = [...options.args];
  const sandboxed = options.sandbox === 'bubblewrap';
  let note = sandboxed
    ? `sandbox: bubblewrap${options.network ? ', network' : ', no network'}`
    : 'sandbox: off';
  if (!sandboxed && (options.pidNamespace ?? 'auto') === 'auto') {
    const unshare = await probePidNamespace(parentEnv.PATH);
    const resolved = findExecutable(command, parentEnv.PATH, cwd);
    if (unshare !== undefined && resolved !== undefined) {
      args = [...UNSHARE_ARGS, '--', resolved, ...args];
      command = unshare;
      note += ', own PID namespace';
    }
  }
  const child = await spawnServer(
    {
      name: options.name,
      command,
      args,
      env: { ...options.env },
      envPassthrough: [...options.passEnv],
      cwd,
    },
    {
      sandbox: options.sandbox,
      network: options.network,
      argumentFolders: 'read-write',
      readOnlyPaths: options.readPaths ?? [],
      writablePaths: options.writePaths ?? [],
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      parentEnv,
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    },
  );
  if (child.pdeathsig) note += ', pdeathsig';
  let closed = false;
  const close = (reason: string): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  const reader = new LineReader(child.stdout, {
    maxLineBytes: options.maxFrameBytes,
    onLine(line, bytes) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        handlers.onGarbage(line, (error as Error).message);
        return;
      }
      handlers.onFrame(line, value, bytes);
    },
    onOversize: (frame) => {
      handlers.onOversize(frame);
    },
    onEnd() {
      // stdout closing means the server is going; the exit tells how.
    },
  });
  relayStderr(child.stderr, options.env, (line) => {
    handlers.onStderr(line);
  });
  void child.exited.then((exit) => {
    // Let the last stdout frames be read before saying the server is gone.
    setImmediate(() => {
      close(
        exit.signal === null
          ? `the server exited with code ${String(exit.code)}`
          : `the server was killed by ${exit.signal}`,
      );
    });
  });
  const writer = new FrameWriter(child.stdin, (full) => handlers.onPressure?.(full));
  return {
    kind: 'stdio',
    process: child,
    note,
    send(line) {
      writer.write(line);
      return undefined;
    },
    pause() {
      reader.pause();
    },
    resume() {
      reader.resume();
    },
    async close() {
      closed = true;
      const report = await child.kill();
      return { survivors: report.survivors };
    },
  };
}

export interface HttpUpstreamOptions {
  url: string;
  headers: Readonly<Record<string, string>>;
  maxFrameBytes: number;
  /**
   * `auto` (default): Streamable HTTP, falling back to the older HTTP+SSE transport when the
   * server refuses the POST with 404 or 405 before any message got through (the MCP spec's
   * backwards-compatibility rule).
   */
  transport?: 'streamable-http' | 'sse' | 'auto';
  /** Accept plain `http://` to other hosts than this machine (default: refused). */
  allowHttp?: boolean;
  /** Read for `NODE_TLS_REJECT_UNAUTHORIZED` (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a remote server's address is refused: plain HTTP off loopback (unless allowed), or TLS
 * certificate checks turned off for this process. Undefined when it may be used.
 */
export function remoteRefusal(
  url: URL,
  options: Pick<HttpUpstreamOptions, 'allowHttp' | 'env'>,
): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `${url.protocol} is not an MCP transport: use https:// (or http:// on this machine)`;
  }
  if (url.protocol === 'http:' && options.allowHttp !== true && !LOOPBACK.test(url.hostname)) {
    return `plain http:// to ${url.host} is not encrypted: use https://, or pass --allow-http to accept it`;
  }
  const env = options.env ?? process.env;
  if (url.protocol === 'https:' && env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    return 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off: unset it';
  }
  return undefined;
}

/**
 * A server refusing Streamable HTTP the way servers from before 2025-03-26 do: 404 or 405 on the
 * POST (400 is not one: newer servers answer it to a protocol version they do not speak).
 */
function refusesStreamableHttp(
  error: unknown,
  status: (error: unknown) => number | undefined,
): boolean {
  const code = status(error);
  return code === 404 || code === 405;
}

/**
 * Connects to a remote server over Streamable HTTP or HTTP+SSE (the SDK's client transports,
 * this leg only). Certificates are checked by Node's fetch; nothing here turns that off.
 */
export async function startHttpUpstream(
  options: HttpUpstreamOptions,
  handlers: UpstreamHandlers,
): Promise<UpstreamTransport> {
  const url = new URL(options.url);
  const refusal = remoteRefusal(url, options);
  if (refusal !== undefined) throw new Error(`cannot connect to ${url.origin}: ${refusal}`);
  // Loaded on demand: stdio-only gateways (every `wrap`) start faster without the SDK.
  const sdk = await import('@modelcontextprotocol/client');
  type StreamableTransport = InstanceType<typeof sdk.StreamableHTTPClientTransport>;
  type SdkTransport = Pick<
    StreamableTransport,
    'start' | 'close' | 'onmessage' | 'onerror' | 'onclose'
  > &
    Partial<Pick<StreamableTransport, 'setProtocolVersion' | 'terminateSession'>> & {
      send(message: Parameters<StreamableTransport['send']>[0]): Promise<void>;
    };
  const requestInit = { headers: { ...options.headers } };
  const make = (kind: 'streamable-http' | 'sse'): SdkTransport =>
    kind === 'sse'
      ? // Deprecated in the SDK, but servers still deployed with it must be reachable.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        new sdk.SSEClientTransport(url, { requestInit })
      : new sdk.StreamableHTTPClientTransport(url, { requestInit });
  let closed = false;
  let kind: 'streamable-http' | 'sse' = options.transport === 'sse' ? 'sse' : 'streamable-http';
  let transport = make(kind);
  const wire = (wired: SdkTransport): void => {
    wired.onmessage = (message) => {
      if (wired !== transport) return;
      const line = JSON.stringify(message);
      const bytes = Buffer.byteLength(line);
      if (bytes > options.maxFrameBytes) {
        handlers.onOversize({ bytes, head: line.slice(0, 512), tail: line.slice(-512) });
        return;
      }
      handlers.onFrame(line, message, bytes);
    };
    wired.onerror = (error) => {
      if (wired === transport) handlers.onStderr(`transport: ${error.message}`);
    };
    wired.onclose = () => {
      if (closed || wired !== transport) return;
      closed = true;
      handlers.onClose('the HTTP connection closed');
    };
  };
  wire(transport);
  await transport.start();
  const httpStatus = (error: unknown): number | undefined =>
    sdk.SdkHttpError.isInstance(error) ? error.status : undefined;
  const fallback = kind === 'streamable-http' && (options.transport ?? 'auto') === 'auto';
  /** Whether the transport is known to work (a message went through, or the fallback is done). */
  let settled = !fallback;
  let queue: Promise<void> = Promise.resolve();
  const sendNow = (message: JsonRpcMessage): Promise<void> =>
    transport.send(message as Parameters<StreamableTransport['send']>[0]);
  return {
    kind: 'http',
    get note() {
      return `${kind === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP'} ${url.origin}`;
    },
    send(_line, message) {
      if (settled) return sendNow(message);
      // Until one message got through, messages go one at a time: any may reveal an old server.
      const attempt = queue.then(async () => {
        if (settled) {
          await sendNow(message);
          return;
        }
        try {
          await sendNow(message);
          settled = true;
        } catch (error) {
          if (!fallback || !refusesStreamableHttp(error, httpStatus)) throw error;
          settled = true;
          handlers.onStderr(
            `Streamable HTTP refused with ${String(httpStatus(error))}; falling back to HTTP+SSE`,
          );
          const refused = transport;
          kind = 'sse';
          transport = make('sse');
          wire(transport);
          await refused.close().catch(() => undefined);
          await transport.start();
          await sendNow(message);
        }
      });
      queue = attempt.catch(() => undefined);
      return attempt;
    },
    pause() {
      // HTTP responses arrive per request; nothing to pause.
    },
    resume() {
      // See pause.
    },
    setProtocolVersion(version) {
      transport.setProtocolVersion?.(version);
    },
    async close() {
      closed = true;
      await transport.terminateSession?.().catch(() => undefined);
      await transport.close().catch(() => undefined);
      return { survivors: [] };
    },
  };
}
