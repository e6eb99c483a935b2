import { type Command, Option } from 'commander';
import { ServerPolicy, type Policy } from '../../core/config/schema.js';
import { expandEnvReferences } from '../../core/config/env-references.js';
import { ToolkitError } from '../../core/errors.js';
import { approvalsDir } from '../../gateway/approvals/index.js';
import { alertingSink } from '../../gateway/audit/alerts.js';
import type { AuditLog } from '../../gateway/audit/index.js';
import type { MiddlewareEntry } from '../../gateway/middleware/compose.js';
import { CONTROL_IDS } from '../../gateway/middleware/control-ids.js';
import {
  expandServerPolicy,
  loadControls,
  openGatewayAudit,
  resolveLockfile,
  resolvePolicy,
  wrapServerName,
} from '../../gateway/runtime.js';
import { openSharedFlows } from '../../gateway/session-broker/client.js';
import type { HealthCheck } from '../../gateway/session.js';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from '../../gateway/supervisor.js';
import { remoteRefusal } from '../../gateway/upstream.js';
import { startWrap, type GatewayRuntimeOptions, type RunningGateway } from '../../gateway/wrap.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_ERROR } from '../io.js';

/** Flags `wrap` and `gateway` share. */
export interface GatewayFlags {
  policy?: string;
  lockfile?: string;
  auditLog?: string;
  sandbox?: boolean;
  sandboxNetwork?: boolean;
  pingInterval?: string;
  maxRestarts?: string;
}

export function addGatewayOptions(command: Command): Command {
  return command
    .option(
      '--policy <file>',
      'policy file (default: ./mcp-warden.policy.yaml when present, else the built-in secure default)',
    )
    .option(
      '--lockfile <file>',
      'pinned definitions to enforce (default: the policy’s defaults.lockfile, else ./mcp-warden.lock.json when present)',
    )
    .option(
      '--audit-log <file>',
      'audit log (default: the policy’s audit.file, else mcp-warden/audit.jsonl in your state directory)',
    )
    .option(
      '--sandbox',
      'refuse to start a stdio server without bubblewrap (default: the policy’s defaults.sandbox.mode, auto)',
    )
    .option('--no-sandbox', 'run stdio servers unsandboxed')
    .option('--sandbox-network', 'let sandboxed servers use the network (the policy’s default: on)')
    .option('--no-sandbox-network', 'cut sandboxed servers off the network')
    .option('--ping-interval <ms>', 'health check: ping each server this often (default: off)')
    .option(
      '--max-restarts <n>',
      `restarts of a server that died, within a minute, before giving up (default ${String(DEFAULT_RESTART_POLICY.maxRestarts)})`,
    );
}

function positiveInteger(
  value: string | undefined,
  flag: string,
  allowZero = false,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) {
    throw new ToolkitError(
      'USAGE',
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer (got "${value}").`,
    );
  }
  return number;
}

/** Restart policy and health check from the flags. */
export function supervisionFromFlags(flags: GatewayFlags): {
  restart: RestartPolicy;
  healthCheck?: HealthCheck;
} {
  const maxRestarts = positiveInteger(flags.maxRestarts, '--max-restarts', true);
  const interval = positiveInteger(flags.pingInterval, '--ping-interval');
  return {
    restart: { ...DEFAULT_RESTART_POLICY, ...(maxRestarts === undefined ? {} : { maxRestarts }) },
    ...(interval === undefined
      ? {}
      : { healthCheck: { intervalMs: interval, timeoutMs: Math.max(1000, interval) } }),
  };
}

/**
 * Serves until the gateway stops: SIGTERM/SIGINT stop it cleanly, the audit log is closed last.
 * Returns the exit code.
 */
export async function serveUntilDone(
  gateway: RunningGateway,
  audit: AuditLog | undefined,
  log: (text: string) => void,
): Promise<number> {
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`received ${signal}; shutting down`);
    void gateway.stop(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    const code = await gateway.done;
    return code;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onSignal);
    try {
      audit?.append({ type: 'lifecycle', event: 'gateway-stopped' });
      await audit?.close();
    } catch (error) {
      log(`audit log: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.stdin.destroy();
    // Whatever else might hold the event loop must not keep a gateway alive without its client.
    setTimeout(() => {
      process.exit(process.exitCode ?? 0);
    }, 3000).unref();
  }
}

/** Builds what both commands pass to the gateway. */
export async function prepareRuntime(
  runtime: CommandRuntime,
  flags: GatewayFlags,
  policy: Policy,
  server: string | undefined,
): Promise<{ options: GatewayRuntimeOptions; audit: AuditLog | undefined; controls: number }> {
  const { io } = runtime;
  const log = (text: string): void => {
    io.stderr(`mcp-warden: ${text}\n`);
  };
  const { lockfile } = await resolveLockfile(flags.lockfile, policy, io.cwd);
  const audit = await openGatewayAudit({
    policy,
    named: flags.auditLog,
    ...(server === undefined ? {} : { server }),
    cwd: io.cwd,
    env: io.env,
    platform: io.platform,
    home: io.homedir,
    log,
  });
  // Loaded once the server is spawned (see `startWrap`): the import overlaps its start.
  const middlewares = (): Promise<MiddlewareEntry[]> => loadControls(policy, { lockfile });
  const supervision = supervisionFromFlags(flags);
  // Security decisions also become alert records, forwarded as the policy says.
  const sink = audit && alertingSink(audit, policy.audit.alerts ?? {}, log);
  return {
    audit,
    controls: CONTROL_IDS.length,
    options: {
      policy,
      lockfile,
      middlewares,
      audit: sink,
      input: process.stdin,
      output: process.stdout,
      log,
      sandbox: {
        ...(flags.sandbox === undefined ? {} : { mode: flags.sandbox ? 'required' : 'off' }),
        ...(flags.sandboxNetwork === undefined ? {} : { network: flags.sandboxNetwork }),
      },
      parentEnv: io.env,
      approvalsDir: approvalsDir(io.env, io.platform, io.homedir),
      ...supervision,
    },
  };
}

interface WrapFlags extends GatewayFlags {
  name?: string;
  passEnv?: string[];
  sessionId?: string;
  url?: string;
  transport?: 'streamable-http' | 'sse';
  header?: string[];
  headerEnv?: string[];
  allowHttp?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** `K=V` of `--header` / `--header-env`, with the flag named in the error. */
function splitPair(pair: string, flag: string): [string, string] {
  const index = pair.indexOf('=');
  const key = index === -1 ? '' : pair.slice(0, index).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
    throw new ToolkitError(
      'USAGE',
      `${flag} "${pair}": write NAME=VALUE with an HTTP header name.`,
    );
  }
  return [key, pair.slice(index + 1)];
}

/**
 * The headers of `wrap --url`: `--header K=V` (with `${env:NAME}` filled in from the
 * environment) and `--header-env K=NAME` (the variable's whole value), so that a client config
 * can carry references instead of secrets.
 */
export function headersFromFlags(
  flags: Pick<WrapFlags, 'header' | 'headerEnv'>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of flags.header ?? []) {
    const [key, value] = splitPair(pair, '--header');
    headers[key] = expandEnvReferences(value, env, `--header ${key}`);
  }
  for (const pair of flags.headerEnv ?? []) {
    const [key, name] = splitPair(pair, '--header-env');
    const value = env[name];
    if (value === undefined || value === '') {
      throw new ToolkitError(
        'CONFIG_INVALID',
        `--header-env ${key}=${name}: ${name} is not set in the gateway's environment.`,
        { hint: `Set ${name} in the client's environment for this server, or drop the header.` },
      );
    }
    headers[key] = value;
  }
  return headers;
}

/** The name a remote server gets when `--name` is not given: the policy's only server, else its host. */
function urlServerName(url: URL, policy: Policy): string {
  const configured = Object.keys(policy.servers);
  if (configured.length === 1 && configured[0] !== undefined) return configured[0];
  return url.hostname.replace(/[^A-Za-z0-9_.-]/g, '-') || 'server';
}

export function registerWrap(program: Command, runtime: CommandRuntime): void {
  const command = program
    .command('wrap')
    .description(
      'Run one MCP server behind the gateway: use `mcp-warden wrap -- <command> [args…]` (stdio) ' +
        'or `mcp-warden wrap --url URL` (remote) as the command in any client config. Protocol ' +
        'frames pass through the policy’s controls; a stdio server runs with a scrubbed ' +
        'environment in its own process group and never outlives the gateway.',
    )
    .argument('[command]', 'the server’s program (put `--` before it)')
    .argument('[args...]', 'its arguments')
    .option(
      '--name <name>',
      'server name for the policy, lockfile and audit log (default: derived)',
    )
    .option(
      '--pass-env <name>',
      'copy this variable from the client’s environment to the server (repeatable)',
      collect,
    )
    .option('--url <url>', 'a remote server instead of a command: its MCP endpoint')
    .addOption(
      new Option(
        '--transport <kind>',
        'with --url: the transport (default: Streamable HTTP, then HTTP+SSE)',
      ).choices(['streamable-http', 'sse']),
    )
    .option(
      '--header <name=value>',
      'with --url: an HTTP header; ${env:NAME} is filled in (repeatable)',
      collect,
    )
    .option(
      '--header-env <name=VAR>',
      'with --url: an HTTP header whose value is the variable VAR (repeatable)',
      collect,
    )
    .option('--allow-http', 'with --url: accept plain http:// to a host other than this machine')
    .option(
      '--session-id <id>',
      'share flow state with the other wraps given the same id (default: the wraps one client process starts share it)',
    );
  addGatewayOptions(command).action(
    async (program_: string | undefined, args: string[], flags: WrapFlags) => {
      const { io } = runtime;
      if ((program_ === undefined) === (flags.url === undefined)) {
        throw new ToolkitError(
          'USAGE',
          program_ === undefined
            ? 'wrap needs a server: `wrap -- <command> [args…]` or `wrap --url URL`.'
            : 'wrap takes a command or --url, not both.',
        );
      }
      let url: URL | undefined;
      if (flags.url !== undefined) {
        try {
          url = new URL(flags.url);
        } catch {
          throw new ToolkitError('USAGE', `--url "${flags.url}" is not a URL.`);
        }
      }
      const { policy } = await resolvePolicy(flags.policy, io.cwd, 'wrap');
      const name =
        flags.name ??
        (url === undefined
          ? wrapServerName(program_ ?? '', args, policy)
          : urlServerName(url, policy));
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
        throw new ToolkitError('USAGE', `--name "${name}": use letters, digits, _ . - only.`);
      }
      const expanded = expandServerPolicy(
        name,
        policy.servers[name] ?? ServerPolicy.parse({}),
        io.env,
      );
      const serverPolicy =
        url === undefined
          ? expanded
          : { ...expanded, headers: { ...expanded.headers, ...headersFromFlags(flags, io.env) } };
      const allowHttp = flags.allowHttp === true || serverPolicy.allowHttp === true;
      if (url !== undefined) {
        const refusal = remoteRefusal(url, { allowHttp, env: io.env });
        if (refusal !== undefined) {
          throw new ToolkitError('USAGE', `--url ${url.origin}: ${refusal}.`, {
            hint: `Or allow it in the policy: servers.${name}.allowHttp: true.`,
          });
        }
      }
      const { options, audit, controls } = await prepareRuntime(runtime, flags, policy, name);
      audit?.append({
        type: 'lifecycle',
        event: 'gateway-started',
        server: name,
        summary: { mode: 'wrap', pid: process.pid, controls },
      });
      // Joining the session broker (maybe starting it) overlaps the server's start.
      const flows = policy.defaults.flows.enabled
        ? openSharedFlows({
            sessionId: flags.sessionId,
            env: io.env,
            log: options.log,
            onFail(reason) {
              audit?.append({
                type: 'alert',
                event: 'session-broker-failed',
                server: name,
                summary: { reason, rules: 'cross-server flow rules fail closed' },
              });
            },
          }).then((ledger) => {
            if (ledger.failed === undefined) {
              audit?.append({
                type: 'lifecycle',
                event: 'session-broker-joined',
                server: name,
                summary: { scope: ledger.scope },
              });
            }
            return ledger;
          })
        : undefined;
      options.flows = flows;
      let gateway: RunningGateway;
      try {
        gateway = await startWrap(
          url === undefined
            ? {
                name,
                serverPolicy,
                command: program_ ?? '',
                args,
                passEnv: flags.passEnv ?? [],
                cwd: serverPolicy.cwd ?? io.cwd,
              }
            : {
                name,
                serverPolicy,
                url: url.href,
                transport: flags.transport ?? 'auto',
                allowHttp,
              },
          options,
        );
      } catch (error) {
        (await flows)?.close();
        await audit?.close();
        if (error instanceof ToolkitError) throw error;
        throw new ToolkitError(
          'INTERNAL',
          `Could not start "${name}": ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      const code = await serveUntilDone(gateway, audit, options.log);
      (await flows)?.close();
      if (code !== 0) runtime.setExitCode(code === 1 ? 1 : EXIT_ERROR);
    },
  );
}
