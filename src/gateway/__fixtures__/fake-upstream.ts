import { PassThrough } from 'node:stream';
import type { JsonRpcMessage } from '../middleware/types.js';
import type { UpstreamHandlers, UpstreamTransport } from '../upstream.js';

/** What a fake server can do when a message reaches it. */
export interface FakeServerApi {
  /** Sends a message to the gateway, as a server would. */
  send(message: unknown): void;
  /** Sends a raw line (not necessarily JSON). */
  sendLine(line: string): void;
  /** The connection drops (the process "dies"). */
  die(reason?: string): void;
}

export type FakeServer = (message: JsonRpcMessage, api: FakeServerApi) => void;

export interface FakeUpstream {
  connect: (spec: { name: string }, handlers: UpstreamHandlers) => Promise<UpstreamTransport>;
  /** Every line the gateway sent, per server, in order. */
  received: Map<string, string[]>;
  /** How many times each server was started. */
  starts: Map<string, number>;
  /** The live API of a server (to push messages unprompted). */
  api(server: string): FakeServerApi;
}

/** An in-memory MCP server per name, answering with `servers[name]` (or `servers['*']`). */
export function fakeUpstream(servers: Record<string, FakeServer>): FakeUpstream {
  const received = new Map<string, string[]>();
  const starts = new Map<string, number>();
  const apis = new Map<string, FakeServerApi>();
  return {
    received,
    starts,
    api(server) {
      const found = apis.get(server);
      if (found === undefined) throw new Error(`no live server ${server}`);
      return found;
    },
    connect(spec, handlers) {
      const behaviour = servers[spec.name] ?? servers['*'];
      if (behaviour === undefined) return Promise.reject(new Error(`no fake for ${spec.name}`));
      starts.set(spec.name, (starts.get(spec.name) ?? 0) + 1);
      let alive = true;
      const api: FakeServerApi = {
        send(message) {
          if (!alive) return;
          const line = JSON.stringify(message);
          setImmediate(() => {
            if (alive) handlers.onFrame(line, JSON.parse(line), Buffer.byteLength(line));
          });
        },
        sendLine(line) {
          if (!alive) return;
          setImmediate(() => {
            try {
              handlers.onFrame(line, JSON.parse(line), Buffer.byteLength(line));
            } catch (error) {
              handlers.onGarbage(line, (error as Error).message);
            }
          });
        },
        die(reason = 'the server exited with code 1') {
          if (!alive) return;
          alive = false;
          setImmediate(() => {
            handlers.onClose(reason);
          });
        },
      };
      apis.set(spec.name, api);
      const lines = received.get(spec.name) ?? [];
      received.set(spec.name, lines);
      return Promise.resolve({
        kind: 'stdio',
        note: 'in memory',
        send(line, message) {
          if (!alive) return undefined;
          lines.push(line);
          setImmediate(() => {
            if (alive) behaviour(message, api);
          });
          return undefined;
        },
        pause() {},
        resume() {},
        close() {
          alive = false;
          return Promise.resolve({ survivors: [] });
        },
      });
    },
  };
}

/** A client's two pipes: write lines into `input`, read lines from `output`. */
export function clientPipes(): {
  input: PassThrough;
  output: PassThrough;
  send(message: unknown): void;
  sendLine(line: string): void;
  /** Resolves with the next message the gateway wrote that matches. */
  next(match?: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Every message the gateway wrote so far. */
  seen: Record<string, unknown>[];
  lines: string[];
} {
  const input = new PassThrough();
  const output = new PassThrough();
  const seen: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const waiters: {
    match: (message: Record<string, unknown>) => boolean;
    resolve: (message: Record<string, unknown>) => void;
    from: number;
  }[] = [];
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      const message = JSON.parse(line) as Record<string, unknown>;
      seen.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
      newline = buffer.indexOf('\n');
    }
  });
  return {
    input,
    output,
    seen,
    lines,
    send(message) {
      input.write(`${JSON.stringify(message)}\n`);
    },
    sendLine(line) {
      input.write(`${line}\n`);
    },
    next(match = () => true) {
      const found = seen.find(match);
      if (found !== undefined) {
        seen.splice(seen.indexOf(found), 1);
        return Promise.resolve(found);
      }
      return new Promise((resolveNext) => {
        waiters.push({
          match,
          from: seen.length,
          resolve: (message) => {
            seen.splice(seen.indexOf(message), 1);
            resolveNext(message);
          },
        });
      });
    },
  };
}
