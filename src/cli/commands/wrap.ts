import type { Command } from 'commander';
import { ServerPolicy, type Policy } from '../../core/config/schema.js';
import { ToolkitError } from '../../core/errors.js';
import { alertingSink } from '../../gateway/audit/alerts.js';
import type { AuditLog } from '../../gateway/audit/index.js';
import {
  expandServerPolicy,
  loadControls,
  openGatewayAudit,
  resolveLockfile,
  resolvePolicy,
  wrapServerName,
} from '../../gateway/runtime.js';
import type { HealthCheck } from '../../gateway/session.js';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from '../../gateway/supervisor.js';
import { startWrap, type GatewayRuntimeOptions, type RunningGateway } from '../../gateway/wrap.js';
import type { CommandRuntime } from '../index.js';
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
    .option('--sandbox', 'run stdio servers under bubblewrap (Linux; off by default)')
    .option('--sandbox-network', 'let sandboxed servers use the network (off by default)')
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
): Promise<{ options: GatewayRuntimeOptions; audit: AuditLog | undefined }> {
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
  const middlewares = loadControls(policy, { lockfile });
  const supervision = supervisionFromFlags(flags);
  // Security decisions also become alert records, forwarded as the policy says.
  const sink = audit && alertingSink(audit, policy.audit.alerts ?? {}, log);
  return {
    audit,
    options: {
      policy,
      lockfile,
      middlewares,
      audit: sink,
      input: process.stdin,
      output: process.stdout,
      log,
      sandbox: flags.sandbox === true,
      network: flags.sandboxNetwork === true,
      parentEnv: io.env,
      ...supervision,
    },
  };
}

interface WrapFlags extends GatewayFlags {
  name?: string;
  passEnv?: string[];
}

export function registerWrap(program: Command, runtime: CommandRuntime): void {
  const command = program
    .command('wrap')
    .description(
      'Run one stdio MCP server behind the gateway: use `mcp-warden wrap -- <command> [args…]` as ' +
        'the command in any client config. Protocol frames pass through the policy’s controls; ' +
        'the server runs with a scrubbed environment in its own process group and never outlives ' +
        'the gateway.',
    )
    .argument('<command>', 'the server’s program (put `--` before it)')
    .argument('[args...]', 'its arguments')
    .option(
      '--name <name>',
      'server name for the policy, lockfile and audit log (default: derived)',
    )
    .option(
      '--pass-env <name>',
      'copy this variable from the client’s environment to the server (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    );
  addGatewayOptions(command).action(async (program_: string, args: string[], flags: WrapFlags) => {
    const { io } = runtime;
    const { policy } = await resolvePolicy(flags.policy, io.cwd, 'wrap');
    const name = flags.name ?? wrapServerName(program_, args, policy);
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw new ToolkitError('USAGE', `--name "${name}": use letters, digits, _ . - only.`);
    }
    const serverPolicy = expandServerPolicy(
      name,
      policy.servers[name] ?? ServerPolicy.parse({}),
      io.env,
    );
    const { options, audit } = await prepareRuntime(runtime, flags, policy, name);
    audit?.append({
      type: 'lifecycle',
      event: 'gateway-started',
      server: name,
      summary: { mode: 'wrap', pid: process.pid, controls: options.middlewares.length },
    });
    let gateway: RunningGateway;
    try {
      gateway = await startWrap(
        {
          name,
          serverPolicy,
          command: program_,
          args,
          passEnv: flags.passEnv ?? [],
          cwd: serverPolicy.cwd ?? io.cwd,
        },
        options,
      );
    } catch (error) {
      await audit?.close();
      if (error instanceof ToolkitError) throw error;
      throw new ToolkitError(
        'INTERNAL',
        `Could not start "${name}": ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const code = await serveUntilDone(gateway, audit, options.log);
    if (code !== 0) runtime.setExitCode(code === 1 ? 1 : EXIT_ERROR);
  });
}
