import type { EraTracker } from './classifier.js';
import type { UserAsker } from './approvals/types.js';
import type { GatewayMiddleware, SessionState } from './middleware/types.js';
import { maxResponseBytes, UpstreamSession, type SessionHost } from './session.js';
import { chooseSandbox, serverSandbox, unsandboxedWarning } from './sandboxing.js';
import { DEFAULT_RESTART_POLICY, Supervisor } from './supervisor.js';
import {
  startHttpUpstream,
  startStdioUpstream,
  type UpstreamHandlers,
  type UpstreamTransport,
} from './upstream.js';
import type { GatewayRuntimeOptions, UpstreamSpec } from './wrap.js';

/**
 * One upstream as `wrap` and `gateway` both run it: a session (the protocol leg through the
 * controls) bound to a supervisor (the process or connection, restarted when it dies), reached
 * the way its spec says.
 */

/** What the upstreams of one gateway share. */
export interface SharedUpstreamParts {
  state: SessionState;
  middleware: GatewayMiddleware;
  host: SessionHost;
  era: EraTracker;
  approvals: UserAsker;
}

export interface Upstream {
  session: UpstreamSession;
  supervisor: Supervisor;
}

/** Makes the session and supervisor of one upstream (not started: `supervisor.launch()`). */
export function createUpstream(
  spec: UpstreamSpec,
  options: GatewayRuntimeOptions,
  shared: SharedUpstreamParts,
): Upstream {
  const session = new UpstreamSession({
    name: spec.name,
    serverPolicy: spec.serverPolicy,
    policy: options.policy,
    lockfile: options.lockfile,
    ...shared,
    audit: options.audit,
    ...(options.now === undefined ? {} : { now: options.now }),
    healthCheck: options.healthCheck,
  });
  const supervisor = new Supervisor(
    spec.name,
    upstreamStarter(spec, options),
    session,
    options.restart ?? DEFAULT_RESTART_POLICY,
  );
  session.bind(supervisor);
  return { session, supervisor };
}

/** Starts the upstream's transport the spec describes. */
export function upstreamStarter(
  spec: UpstreamSpec,
  options: GatewayRuntimeOptions,
): (handlers: UpstreamHandlers) => Promise<UpstreamTransport> {
  const connect = options.connect;
  if (connect !== undefined) return (handlers) => connect(spec, handlers);
  const maxFrameBytes = maxResponseBytes(options.policy, spec.serverPolicy);
  if (spec.url !== undefined) {
    const url = spec.url;
    return (handlers) =>
      startHttpUpstream(
        {
          url,
          headers: spec.serverPolicy.headers,
          maxFrameBytes,
          ...(spec.transport === undefined ? {} : { transport: spec.transport }),
          allowHttp: spec.allowHttp ?? spec.serverPolicy.allowHttp,
          ...(options.parentEnv === undefined ? {} : { env: options.parentEnv }),
        },
        handlers,
      );
  }
  const command = spec.command;
  if (command === undefined) throw new Error(`server "${spec.name}" has neither command nor url`);
  const sandbox = serverSandbox(options.policy, spec.serverPolicy, options.sandbox);
  return async (handlers) => {
    const choice = await chooseSandbox(
      spec.name,
      sandbox.mode,
      (options.parentEnv ?? process.env).PATH,
    );
    if (choice.unavailable !== undefined && !warnedUnsandboxed.has(options)) {
      warnedUnsandboxed.add(options);
      options.log(unsandboxedWarning(choice.unavailable));
    }
    return startStdioUpstream(
      {
        name: spec.name,
        command,
        args: spec.args ?? [],
        env: spec.serverPolicy.env,
        passEnv: spec.passEnv ?? [],
        ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
        sandbox: choice.kind,
        network: sandbox.network,
        readPaths: sandbox.readPaths,
        writePaths: sandbox.writePaths,
        limits: sandbox.limits,
        maxFrameBytes,
        ...(options.parentEnv === undefined ? {} : { parentEnv: options.parentEnv }),
        ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
      },
      handlers,
    );
  };
}

/** Runtimes that have printed {@link unsandboxedWarning} already: it is said once, loudly. */
const warnedUnsandboxed = new WeakSet<GatewayRuntimeOptions>();
