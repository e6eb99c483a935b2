import { unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { type FlowState, mergeEntry } from '../middleware/flow-ledger.js';
import { type BrokerResponse, MAX_LINE, parseRequest, PUSH_ID } from './protocol.js';

/**
 * The session broker: one small process per client session, holding the flow state the wraps
 * of that client share. Started by the first wrap (detached, so it outlives whichever wrap
 * started it), it serves until the last wrap has gone, then removes its socket and exits.
 */

export interface BrokerServerOptions {
  socket: string;
  /** Exit if no wrap connected within this long after start (the starter died). */
  firstConnectionMs?: number;
}

export interface BrokerServer {
  /** `serving`: this process listens; `running`: another broker already serves the socket. */
  readonly status: 'serving' | 'running';
  /** Resolves when the broker stopped (the last wrap left). */
  readonly done: Promise<void>;
}

const STALE_RECHECK_MS = 100;

function probe(socket: string): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const connection = createConnection(socket);
    connection.once('connect', () => {
      connection.destroy();
      resolveProbe(true);
    });
    connection.once('error', () => {
      resolveProbe(false);
    });
  });
}

function listen(server: Server, socket: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolveListen) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      resolveListen(error);
    };
    server.once('error', onError);
    server.listen(socket, () => {
      server.off('error', onError);
      resolveListen(undefined);
    });
  });
}

/**
 * Listens on `socket` (the caller set a 077 umask, so it is created 0600). When the path is
 * taken: another broker that answers is left to serve (`running`); a socket nobody answers on is
 * left over from a broker that was killed, and is replaced.
 */
export async function startBrokerServer(options: BrokerServerOptions): Promise<BrokerServer> {
  const legs: FlowState['legs'] = {};
  const connections = new Set<Socket>();
  /**
   * Connections that asked something: wraps. A connection that never asks (another broker's
   * liveness probe) must not end the broker when it closes.
   */
  const members = new Set<Socket>();
  /** Wraps told of every new leg as it is added (they read without asking). */
  const subscribers = new Set<Socket>();
  let resolveDone!: () => void;
  const done = new Promise<void>((resolveDone_) => {
    resolveDone = resolveDone_;
  });
  const server = createServer((connection) => {
    connections.add(connection);
    const send = (response: BrokerResponse): void => {
      connection.write(`${JSON.stringify(response)}\n`);
    };
    const lines = createInterface({ input: connection, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const request = line.length > MAX_LINE ? undefined : parseRequest(line);
      if (request === undefined) {
        connection.destroy();
        return;
      }
      members.add(connection);
      if (request.op === 'read') {
        if (request.subscribe === true) subscribers.add(connection);
        send({ id: request.id, legs, ...(request.subscribe === true ? { subscribed: true } : {}) });
      } else {
        const added = mergeEntry(legs, request.entry);
        // The others hear of the new leg before the wrap that added it goes on: whatever that
        // wrap then lets through (and the model does with it) comes after the news.
        if (added) {
          const push = `${JSON.stringify({ id: PUSH_ID, legs })}\n`;
          for (const subscriber of subscribers)
            if (subscriber !== connection) subscriber.write(push);
        }
        send({ id: request.id, legs, added });
      }
    });
    const drop = (): void => {
      connection.destroy();
    };
    connection.on('error', drop);
    lines.on('error', drop);
    connection.on('close', () => {
      connections.delete(connection);
      subscribers.delete(connection);
      const wasMember = members.delete(connection);
      if (wasMember && members.size === 0) stop();
    });
  });
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    server.close(() => {
      resolveDone();
    });
    try {
      unlinkSync(options.socket);
    } catch {
      // Already gone: close() removes it on most systems.
    }
  };

  let error = await listen(server, options.socket);
  if (error?.code === 'EADDRINUSE') {
    if (await probe(options.socket)) return { status: 'running', done: Promise.resolve() };
    // A broker started at the same moment may be between bind and listen: ask once more
    // before calling the socket stale, so two wraps started together never get two brokers.
    await new Promise((resolveLater) => setTimeout(resolveLater, STALE_RECHECK_MS));
    if (await probe(options.socket)) return { status: 'running', done: Promise.resolve() };
    unlinkSync(options.socket);
    error = await listen(server, options.socket);
  }
  if (error !== undefined) throw error;
  const first = setTimeout(() => {
    if (members.size === 0) stop();
  }, options.firstConnectionMs ?? 30_000);
  first.unref();
  return { status: 'serving', done };
}
