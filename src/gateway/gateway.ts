import { isListMethod, LISTS, mergeListAnswers, type ListMethod } from './aggregation.js';
import { connectApprovals } from './approvals/approvals.js';
import {
  CLIENT_CAPABILITIES_META,
  CLIENT_INFO_META,
  errorResponse,
  type Era,
  JSONRPC_ERROR,
  type Classified,
  type EraTracker,
  type JsonRpcId,
} from './classifier.js';
import { ClientLink } from './client-link.js';
import { deferredChain } from './middleware/compose.js';
import { GATEWAY_ERROR, type JsonRpcMessage } from './middleware/types.js';
import {
  decodeCursor,
  mergeCapabilities,
  ResourceOwners,
  splitNamespacedName,
} from './namespacing.js';
import { createSessionState } from './pipeline.js';
import type { SessionHost, UpstreamSession } from './session.js';
import type { Supervisor } from './supervisor.js';
import {
  adaptToServerEra,
  completeModernResult,
  envelopeOf,
  LEGACY_VERSION,
  MODERN_VERSION,
  SERVER_INFO_META,
} from './era-adaptation.js';
import { createUpstream } from './upstream-factory.js';
import {
  Lifecycle,
  type GatewayRuntimeOptions,
  type RunningGateway,
  type UpstreamSpec,
} from './wrap.js';

/**
 * `gateway`: several servers behind one stdio MCP server. The gateway answers `initialize` and
 * `server/discover` itself (merging what the servers declare), shows tools and prompts as
 * `<server>__<name>`, routes each call to its server with the server's own name, and passes
 * everything it does not need to route (progress, cancellation, logging, list changes,
 * server→client requests under ids of its own) between the client and the right server.
 */

export interface GatewayOptions extends GatewayRuntimeOptions {
  /** What the gateway calls itself in `serverInfo`. */
  serverInfo?: { name: string; version: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Answer {
  session: UpstreamSession;
  message: JsonRpcMessage;
}

/** Starts the multi-server gateway; servers that cannot start are reported and left out. */
export async function startGateway(
  specs: readonly UpstreamSpec[],
  options: GatewayOptions,
): Promise<RunningGateway> {
  const log = options.log;
  const serverInfo = options.serverInfo ?? { name: 'mcp-warden', version: '0.0.0' };
  const era: EraTracker = { value: undefined };
  const state = createSessionState();
  const chain = deferredChain(options.middlewares);
  const middleware = chain.middleware;
  const order = specs.map((spec) => spec.name).sort();
  const owners = new ResourceOwners(order);
  const sessions = new Map<string, UpstreamSession>();
  const supervisors = new Map<string, Supervisor>();
  /** Servers that completed the handshake for this client. */
  const joined = new Set<string>();
  const joining = new Map<string, Promise<boolean>>();
  /** The era each server joined in (it may differ from the client's: see `adapt`). */
  const upstreamEra = new Map<string, Era>();
  /** The 2025 client's `initialize` params (for 2026-only servers' envelopes). */
  let clientHandshake: Record<string, unknown> | undefined;
  /** Server→client requests, under the gateway's ids. */
  const serverRequests = new Map<number, { session: UpstreamSession; id: JsonRpcId }>();
  const serverRequestIds = new Map<string, number>();
  let nextServerRequestId = 0;
  /** Set once the client side is up (servers may speak first). */
  const link: { client?: ClientLink } = {};
  const lifecycle = new Lifecycle(sessions, supervisors, () => link.client, log);
  const send = (message: JsonRpcMessage, line?: string): void => {
    link.client?.send(message, line);
  };
  const { approvals, channel } = connectApprovals({
    policy: options.policy,
    send,
    era,
    dir: options.approvalsDir,
    log,
    now: options.now,
  });
  /**
   * Sends a result to the client in its era: a 2026-07-28 client needs `resultType` on every
   * result, and `ttlMs`/`cacheScope` on cacheable ones — which a 2025 server's answers lack.
   */
  const sendResult = (
    id: JsonRpcId,
    method: string,
    result: Record<string, unknown>,
    answer?: { message: JsonRpcMessage; line: string | undefined },
  ): void => {
    const completed = era.value === '2026' ? completeModernResult(method, result) : undefined;
    if (completed !== undefined)
      send({ ...(answer?.message ?? { jsonrpc: '2.0', id }), result: completed });
    else if (answer === undefined) send({ jsonrpc: '2.0', id, result });
    else send(answer.message, answer.line);
  };
  const reverseKey = (session: UpstreamSession, id: JsonRpcId): string =>
    `${session.name}\u0000${typeof id}:${String(id)}`;

  const learnUris = (session: UpstreamSession, message: JsonRpcMessage): void => {
    const result = message.result;
    if (!isRecord(result)) return;
    const items = Array.isArray(result.content)
      ? result.content
      : Array.isArray(result.contents)
        ? result.contents
        : [];
    for (const item of items as unknown[]) {
      if (!isRecord(item)) continue;
      if (typeof item.uri === 'string') owners.noteUri(session.name, item.uri);
      if (isRecord(item.resource) && typeof item.resource.uri === 'string') {
        owners.noteUri(session.name, item.resource.uri);
      }
    }
  };

  const host: SessionHost = {
    log,
    deliver(session, kind, message, line) {
      if (kind === 'request') {
        const id = message.id as JsonRpcId;
        const gatewayId = ++nextServerRequestId;
        serverRequests.set(gatewayId, { session, id });
        serverRequestIds.set(reverseKey(session, id), gatewayId);
        send({ ...message, id: gatewayId });
        return;
      }
      if (message.method === 'notifications/cancelled' && isRecord(message.params)) {
        const target = message.params.requestId;
        if (typeof target !== 'string' && typeof target !== 'number') return;
        const gatewayId = serverRequestIds.get(reverseKey(session, target));
        if (gatewayId === undefined) return;
        serverRequests.delete(gatewayId);
        serverRequestIds.delete(reverseKey(session, target));
        send({ ...message, params: { ...message.params, requestId: gatewayId } });
        return;
      }
      send(message, line);
    },
    restored(session) {
      for (const list of ['tools', 'prompts', 'resources'] as const) {
        if (isRecord(session.capabilities[list])) {
          send({ jsonrpc: '2.0', method: `notifications/${list}/list_changed` });
        }
      }
    },
    failed(session, reason) {
      joined.delete(session.name);
      log(`server "${session.name}" is left out: ${reason}`);
      const alive = [...sessions.values()].some((other) => other.state !== 'failed');
      if (!alive) void lifecycle.stop('no server is left', 1);
    },
    pressure(session, full) {
      // The client is read again once every server that stopped reading has caught up.
      const before = congested.size;
      if (full) congested.add(session.name);
      else congested.delete(session.name);
      if (before === 0 && congested.size > 0) link.client?.pause();
      if (before > 0 && congested.size === 0) link.client?.resume();
    },
  };
  /** Servers that stopped reading what the gateway sends them. */
  const congested = new Set<string>();

  for (const spec of [...specs].sort((a, b) => a.name.localeCompare(b.name))) {
    const { session, supervisor } = createUpstream(spec, options, {
      state,
      middleware,
      host,
      era,
      approvals,
    });
    sessions.set(spec.name, session);
    supervisors.set(spec.name, supervisor);
  }
  await Promise.all(
    [...supervisors.values()].map(async (supervisor) => {
      try {
        await supervisor.launch();
        log(`started "${supervisor.name}" (${supervisor.connection?.note ?? ''})`);
      } catch (error) {
        sessions
          .get(supervisor.name)
          ?.onFailed(`could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  // The controls load while the servers start; without them nothing is served.
  try {
    await chain.ready();
  } catch (error) {
    await lifecycle.stop('the controls could not be loaded', 1);
    throw error;
  }

  /** Sends one request to a server and resolves with its answer (never rejects). */
  const ask = (session: UpstreamSession, original: JsonRpcMessage): Promise<Answer> =>
    new Promise((resolveAnswer) => {
      const message = adapt(session, original);
      const line = JSON.stringify(message);
      session.request(message, line, Buffer.byteLength(line), (answer) => {
        resolveAnswer({ session, message: answer });
      });
    });

  const available = (): UpstreamSession[] =>
    [...sessions.values()].filter((session) => session.available);

  /**
   * The client's `initialize` while the servers answer it: a request pipelined behind it (an SDK
   * client sends `tools/list` at once) waits for the servers to join instead of finding none.
   */
  let initializing: Promise<void> | undefined;
  const afterInitialize = async (): Promise<void> => {
    await initializing?.catch(() => undefined);
  };

  const members = (): UpstreamSession[] =>
    [...sessions.values()].filter((session) => joined.has(session.name) && session.available);

  /** 2026 era: a server joins on first use, by `server/discover`, else by `initialize`. */
  /** A 2025 server joins by the client's `initialize` (replayed by the session after a restart). */
  const joinByDiscover = async (
    session: UpstreamSession,
    meta: Record<string, unknown>,
  ): Promise<boolean> => {
    const discover = await session.internalRequest(
      'server/discover',
      { _meta: meta },
      { throughControls: true },
    );
    if (discover.error !== undefined) return false;
    upstreamEra.set(session.name, '2026');
    joined.add(session.name);
    return true;
  };

  /** 2026 era: a server joins on first use, by `server/discover`, else by `initialize`. */
  const joinModern = (
    session: UpstreamSession,
    meta: Record<string, unknown>,
  ): Promise<boolean> => {
    if (joined.has(session.name)) return Promise.resolve(true);
    let pending = joining.get(session.name);
    if (pending === undefined) {
      pending = (async () => {
        if (await joinByDiscover(session, meta)) return true;
        const capabilities = isRecord(meta[CLIENT_CAPABILITIES_META])
          ? meta[CLIENT_CAPABILITIES_META]
          : {};
        const clientInfo = isRecord(meta[CLIENT_INFO_META]) ? meta[CLIENT_INFO_META] : serverInfo;
        const init = await session.internalRequest(
          'initialize',
          { protocolVersion: LEGACY_VERSION, capabilities, clientInfo },
          { throughControls: true },
        );
        if (init.error !== undefined) {
          log(`server "${session.name}" joined neither by server/discover nor by initialize`);
          return false;
        }
        session.internalNotify('notifications/initialized');
        upstreamEra.set(session.name, '2025');
        joined.add(session.name);
        return true;
      })().finally(() => {
        joining.delete(session.name);
      });
      joining.set(session.name, pending);
    }
    return pending;
  };

  /**
   * Bridges eras per server: a request for a server joined in the other era than the client's
   * loses the 2026 `_meta` envelope (a 2025 server; over HTTP the envelope would set its
   * protocol-version header) or gains one built from the client's handshake (a 2026-only server
   * behind a 2025 client). Returns the message itself when nothing changes.
   */
  const adapt = (session: UpstreamSession, message: JsonRpcMessage): JsonRpcMessage =>
    adaptToServerEra(message, upstreamEra.get(session.name), era.value, legacyEnvelope);

  /** The 2026 envelope for requests of a 2025 client, from its `initialize`. */
  const legacyEnvelope = (): Record<string, unknown> => envelopeOf(clientHandshake);

  const metaOf = (message: JsonRpcMessage): Record<string, unknown> | undefined => {
    const params = message.params;
    return isRecord(params) && isRecord(params._meta) ? params._meta : undefined;
  };

  /** Makes sure a 2026-era client's request finds its server joined. */
  const ensureJoined = async (
    session: UpstreamSession,
    message: JsonRpcMessage,
  ): Promise<boolean> => {
    if (joined.has(session.name)) return true;
    const meta = metaOf(message);
    if (era.value !== '2026' || meta === undefined) return false;
    return joinModern(session, meta);
  };

  const handleInitialize = async (id: JsonRpcId, message: JsonRpcMessage): Promise<void> => {
    clientHandshake = isRecord(message.params) ? message.params : {};
    const answers = await Promise.all(available().map((session) => ask(session, message)));
    const good = answers.filter((answer) => isRecord(answer.message.result));
    for (const answer of good) upstreamEra.set(answer.session.name, '2025');
    // A server that refuses initialize may speak only 2026-07-28: join it by server/discover.
    const refused = answers.filter((answer) => answer.message.error !== undefined);
    const modern = await Promise.all(
      refused.map(async (answer) => ({
        answer,
        ok: await joinByDiscover(answer.session, legacyEnvelope()),
      })),
    );
    for (const { answer, ok } of modern) {
      if (!ok) {
        log(
          `server "${answer.session.name}" refused initialize: ${answer.message.error?.message ?? ''}`,
        );
      }
    }
    const joinedModern = modern.filter((entry) => entry.ok).map((entry) => entry.answer.session);
    if (good.length === 0 && joinedModern.length === 0) {
      send(
        errorResponse(id, GATEWAY_ERROR.unavailable, 'mcp-warden: no server could be initialized', {
          servers: answers.map((answer) => ({
            server: answer.session.name,
            error: answer.message.error?.message,
          })),
        }),
      );
      return;
    }
    const requested =
      isRecord(message.params) && typeof message.params.protocolVersion === 'string'
        ? message.params.protocolVersion
        : LEGACY_VERSION;
    const versions = good.map((answer) => {
      const result = answer.message.result as Record<string, unknown>;
      return typeof result.protocolVersion === 'string' ? result.protocolVersion : requested;
    });
    const protocolVersion = versions.every((version) => version === requested)
      ? requested
      : [...versions].sort()[0];
    const instructions: string[] = [];
    for (const answer of good) {
      joined.add(answer.session.name);
      const result = answer.message.result as Record<string, unknown>;
      if (typeof result.instructions === 'string' && result.instructions !== '') {
        instructions.push(`Server "${answer.session.name}":\n${result.instructions}`);
      }
    }
    send({
      jsonrpc: '2.0',
      id,
      result: {
        protocolVersion,
        capabilities: mergeCapabilities(
          [...good.map((answer) => answer.session), ...joinedModern].map(
            (session) => session.capabilities,
          ),
        ),
        serverInfo,
        ...(instructions.length === 0 ? {} : { instructions: instructions.join('\n\n') }),
      },
    });
  };

  const handleDiscover = async (id: JsonRpcId, message: JsonRpcMessage): Promise<void> => {
    const meta = metaOf(message) ?? {};
    const results = await Promise.all(
      available().map(async (session) => ({ session, ok: await joinModern(session, meta) })),
    );
    const good = results.filter((entry) => entry.ok).map((entry) => entry.session);
    if (good.length === 0) {
      send(errorResponse(id, GATEWAY_ERROR.unavailable, 'mcp-warden: no server is available'));
      return;
    }
    sendResult(id, 'server/discover', {
      supportedVersions: [MODERN_VERSION],
      capabilities: mergeCapabilities(good.map((session) => session.capabilities)),
      ttlMs: 0,
      cacheScope: 'private',
      _meta: { [SERVER_INFO_META]: serverInfo },
    });
  };

  const handleList = async (
    id: JsonRpcId,
    method: ListMethod,
    message: JsonRpcMessage,
  ): Promise<void> => {
    const list = LISTS[method];
    const params = isRecord(message.params) ? message.params : {};
    let targets: [UpstreamSession, string | null][];
    if (typeof params.cursor === 'string') {
      const map = decodeCursor(params.cursor);
      if (map === undefined) {
        send(errorResponse(id, JSONRPC_ERROR.invalidParams, 'mcp-warden: invalid cursor'));
        return;
      }
      targets = Object.entries(map).flatMap(([name, cursor]) => {
        const session = sessions.get(name);
        return session === undefined ? [] : [[session, cursor] as [UpstreamSession, string | null]];
      });
    } else {
      await afterInitialize();
      if (era.value === '2026') await Promise.all(available().map((s) => ensureJoined(s, message)));
      targets = members()
        .filter((session) => isRecord(session.capabilities[list.capability]))
        .map((session) => [session, null]);
    }
    const answers = await Promise.all(
      targets.map(([session, cursor]) => {
        const rest = { ...params };
        delete rest.cursor;
        const upstreamParams = cursor === null ? rest : { ...rest, cursor };
        return ask(session, { ...message, params: upstreamParams });
      }),
    );
    const merged = mergeListAnswers(
      method,
      answers.map((answer) => ({ server: answer.session.name, message: answer.message })),
      owners,
      log,
    );
    if ('error' in merged) send({ jsonrpc: '2.0', id, error: merged.error });
    else sendResult(id, method, merged.result);
  };

  /** Forwards a request to one server; the answer goes to the client as the server sent it. */
  const route = async (
    session: UpstreamSession,
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
  ): Promise<void> => {
    const id = message.id as JsonRpcId;
    await afterInitialize();
    if (!(await ensureJoined(session, message)) || !joined.has(session.name)) {
      send(
        errorResponse(
          id,
          GATEWAY_ERROR.unavailable,
          `mcp-warden: server "${session.name}" is not available`,
          {
            server: session.name,
          },
        ),
      );
      return;
    }
    const adapted = adapt(session, message);
    const forwardLine = adapted === message ? line : undefined;
    session.request(adapted, forwardLine, bytes, (answer, answerLine) => {
      if (message.method === 'tools/call' || message.method === 'resources/read') {
        learnUris(session, answer);
      }
      const result = answer.result;
      if (isRecord(result)) {
        sendResult(id, message.method ?? '', result, { message: answer, line: answerLine });
        return;
      }
      send(answer, answerLine);
    });
  };

  const routeByName = (
    message: JsonRpcMessage,
    bytes: number,
    what: 'tool' | 'prompt',
  ): Promise<void> | undefined => {
    const id = message.id as JsonRpcId;
    const params = isRecord(message.params) ? message.params : {};
    const name = typeof params.name === 'string' ? params.name : '';
    const split = splitNamespacedName(name, order);
    const session = split === undefined ? undefined : sessions.get(split.server);
    if (split === undefined || session === undefined) {
      send(
        errorResponse(
          id,
          JSONRPC_ERROR.invalidParams,
          `mcp-warden: unknown ${what} "${name}" (names are <server>__<${what}>)`,
        ),
      );
      return undefined;
    }
    return route(
      session,
      { ...message, params: { ...params, name: split.name } },
      undefined,
      bytes,
    );
  };

  const routeByUri = (
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
    uri: string | undefined,
    template = false,
  ): Promise<void> | undefined => {
    const id = message.id as JsonRpcId;
    let owner =
      uri === undefined ? undefined : template ? owners.ownerOfTemplate(uri) : owners.ownerOf(uri);
    if (owner === undefined) {
      const withResources = members().filter((session) => isRecord(session.capabilities.resources));
      if (withResources.length === 1) owner = withResources[0]?.name;
    }
    const session = owner === undefined ? undefined : sessions.get(owner);
    if (session === undefined) {
      send(
        errorResponse(
          id,
          -32002,
          `mcp-warden: no server declared the resource ${uri ?? ''}; list resources first`,
          {
            uri,
          },
        ),
      );
      return undefined;
    }
    return route(session, message, line, bytes);
  };

  const fanOutEmpty = async (
    id: JsonRpcId,
    message: JsonRpcMessage,
    capability: string,
  ): Promise<void> => {
    await afterInitialize();
    const targets = members().filter((session) => isRecord(session.capabilities[capability]));
    const answers = await Promise.all(targets.map((session) => ask(session, message)));
    const failed = answers.find((answer) => answer.message.error !== undefined);
    if (
      answers.length > 0 &&
      answers.every((answer) => answer.message.error !== undefined) &&
      failed
    ) {
      send({ jsonrpc: '2.0', id, error: failed.message.error });
      return;
    }
    sendResult(id, message.method ?? '', {});
  };

  const onRequest = (message: JsonRpcMessage, line: string | undefined, bytes: number): void => {
    const id = message.id as JsonRpcId;
    const method = message.method ?? '';
    const params = isRecord(message.params) ? message.params : {};
    let work: Promise<void> | undefined;
    if (method === 'initialize') {
      channel.noteInitialize(message.params);
      work = handleInitialize(id, message);
      initializing = work;
    } else if (method === 'server/discover') work = handleDiscover(id, message);
    else if (method === 'ping') sendResult(id, method, {});
    else if (isListMethod(method)) work = handleList(id, method, message);
    else if (method === 'tools/call') work = routeByName(message, bytes, 'tool');
    else if (method === 'prompts/get') work = routeByName(message, bytes, 'prompt');
    else if (
      method === 'resources/read' ||
      method === 'resources/subscribe' ||
      method === 'resources/unsubscribe'
    ) {
      work = routeByUri(
        message,
        line,
        bytes,
        typeof params.uri === 'string' ? params.uri : undefined,
      );
    } else if (method === 'completion/complete') {
      const ref = isRecord(params.ref) ? params.ref : {};
      if (ref.type === 'ref/prompt' && typeof ref.name === 'string') {
        const split = splitNamespacedName(ref.name, order);
        const session = split === undefined ? undefined : sessions.get(split.server);
        if (split === undefined || session === undefined) {
          send(
            errorResponse(
              id,
              JSONRPC_ERROR.invalidParams,
              `mcp-warden: unknown prompt "${ref.name}"`,
            ),
          );
        } else {
          work = route(
            session,
            { ...message, params: { ...params, ref: { ...ref, name: split.name } } },
            undefined,
            bytes,
          );
        }
      } else {
        work = routeByUri(
          message,
          line,
          bytes,
          typeof ref.uri === 'string' ? ref.uri : undefined,
          true,
        );
      }
    } else if (method === 'logging/setLevel') {
      work = fanOutEmpty(id, message, 'logging');
    } else {
      const split =
        typeof params.name === 'string' ? splitNamespacedName(params.name, order) : undefined;
      const session = split === undefined ? undefined : sessions.get(split.server);
      if (split !== undefined && session !== undefined) {
        work = route(
          session,
          { ...message, params: { ...params, name: split.name } },
          undefined,
          bytes,
        );
      } else {
        send(
          errorResponse(
            id,
            JSONRPC_ERROR.methodNotFound,
            `mcp-warden gateway: cannot route "${method}" to a server`,
          ),
        );
      }
    }
    work?.catch((error: unknown) => {
      log(
        `internal error on ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      send(errorResponse(id, JSONRPC_ERROR.internal, 'mcp-warden: internal error'));
    });
  };

  const onNotification = (
    message: JsonRpcMessage,
    line: string | undefined,
    bytes: number,
  ): void => {
    const method = message.method ?? '';
    if (method === 'notifications/cancelled' && isRecord(message.params)) {
      const target = message.params.requestId;
      for (const session of members()) {
        if (typeof target === 'string' || typeof target === 'number') {
          if (session.hasPending(target)) session.notify(message, line, bytes);
        }
      }
      return;
    }
    for (const session of members()) {
      const adapted = adapt(session, message);
      session.notify(adapted, adapted === message ? line : undefined, bytes);
    }
  };

  const onAnswer = (classified: Classified, bytes: number): void => {
    const { message } = classified;
    if (channel.takeAnswer(message)) return;
    const id = message.id;
    const entry = typeof id === 'number' ? serverRequests.get(id) : undefined;
    if (
      entry === undefined ||
      classified.kind === 'request' ||
      classified.kind === 'notification'
    ) {
      log(`dropped the client's answer to unknown request ${String(id)}`);
      return;
    }
    serverRequests.delete(id as number);
    serverRequestIds.delete(reverseKey(entry.session, entry.id));
    entry.session.answer({ ...message, id: entry.id }, undefined, bytes, classified.kind);
  };

  link.client = new ClientLink({
    input: options.input,
    output: options.output,
    era,
    log,
    onMessage(classified, line, bytes) {
      switch (classified.kind) {
        case 'request':
          onRequest(classified.message, line, bytes);
          return;
        case 'notification':
          onNotification(classified.message, line, bytes);
          return;
        case 'response':
        case 'error':
          onAnswer(classified, bytes);
          return;
      }
    },
    onEnd(how) {
      // The client can answer no more questions: waiting asks are refused, the rest is answered.
      channel.close();
      void lifecycle.stopWhenAnswered(how);
    },
    onPressure(full) {
      for (const supervisor of supervisors.values()) {
        if (full) supervisor.pause();
        else supervisor.resume();
      }
    },
  });
  return {
    done: lifecycle.done,
    stop: (reason, exitCode) => lifecycle.stop(reason, exitCode),
    sessions,
    supervisors,
  };
}
