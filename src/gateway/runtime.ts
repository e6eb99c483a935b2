import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { expandEnvReferences } from '../core/config/env-references.js';
import { POLICY_FILE_NAME } from '../policy/file-name.js';
import type { PolicyMode } from '../core/config/checks.js';
import { DEFAULT_POLICY, type Policy, type ServerPolicy } from '../core/config/schema.js';
import { ToolkitError } from '../core/errors.js';
import { LOCKFILE_NAME, parseLockfile, type Lockfile } from '../pin/lockfile.js';
import { openAuditLog, type AuditLog } from './audit/log.js';
import { defaultAuditPath } from './audit/paths.js';
import type { MiddlewareEntry } from './middleware/compose.js';

/**
 * What `wrap` and `gateway` prepare before serving: the policy (or the secure default), the
 * lockfile, the audit log and the controls. Everything here runs once at start-up.
 */

export interface PolicySource {
  policy: Policy;
  /** The file it came from; undefined for the built-in default. */
  file?: string;
}

/**
 * The named policy file, else `./mcp-warden.policy.yaml` when it exists, else the built-in
 * {@link DEFAULT_POLICY}.
 */
export async function resolvePolicy(
  named: string | undefined,
  cwd: string,
  mode: PolicyMode,
): Promise<PolicySource> {
  const file =
    named !== undefined
      ? resolve(cwd, named)
      : existsSync(join(cwd, POLICY_FILE_NAME))
        ? join(cwd, POLICY_FILE_NAME)
        : undefined;
  if (file === undefined) return { policy: DEFAULT_POLICY };
  // The YAML parser and the policy checks load only when there is a file to read.
  const { loadPolicy } = await import('../policy/load.js');
  return { policy: await loadPolicy(file, { mode }), file };
}

/** The named lockfile, else the policy's `defaults.lockfile`, else `./mcp-warden.lock.json` when present. */
export async function resolveLockfile(
  named: string | undefined,
  policy: Policy,
  cwd: string,
): Promise<{ lockfile?: Lockfile; file?: string }> {
  const explicit = named ?? policy.defaults.lockfile;
  const file = explicit !== undefined ? resolve(cwd, explicit) : join(cwd, LOCKFILE_NAME);
  if (explicit === undefined && !existsSync(file)) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `Cannot read lockfile ${file}: ${code ?? String(error)}`,
      { cause: error, hint: 'Write one with `mcp-warden pin`, or leave --lockfile out.' },
    );
  }
  return { lockfile: parseLockfile(text, file), file };
}

export interface AuditOptions {
  policy: Policy;
  /** `--audit-log FILE`: used as given (an error when another gateway holds it). */
  named?: string | undefined;
  /** Used to name a per-server file when the default one is held by another gateway. */
  server?: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  log: (text: string) => void;
}

function isLockConflict(error: unknown): boolean {
  return error instanceof ToolkitError && /is in use by process/.test(error.message);
}

/**
 * Opens the audit log: `--audit-log`, else the policy's `audit.file`, else the default path. The
 * default file takes one writer; when another gateway (another `wrap` of the same client) holds
 * it, this one writes `audit-<server>.jsonl` beside it (then `audit-<server>-<pid>.jsonl`).
 * Undefined when the policy turns auditing off and no file is named.
 */
export async function openGatewayAudit(options: AuditOptions): Promise<AuditLog | undefined> {
  const { policy } = options;
  if (!policy.audit.enabled && options.named === undefined) return undefined;
  let hmacKey: Buffer | undefined;
  const keyName = policy.audit.hmacKeyEnv;
  if (keyName !== undefined) {
    const value = options.env[keyName];
    if (value === undefined || value === '') {
      throw new ToolkitError(
        'CONFIG_INVALID',
        `The policy signs the audit log with $${keyName}, but it is not set.`,
        { hint: `Set ${keyName} in the gateway's environment, or remove audit.hmacKeyEnv.` },
      );
    }
    hmacKey = Buffer.from(value, 'utf8');
  }
  const open = (file: string): Promise<AuditLog> =>
    openAuditLog({
      file,
      fsync: policy.audit.fsync,
      fsyncIntervalMs: policy.audit.fsyncIntervalMs,
      ...(hmacKey === undefined ? {} : { hmacKey }),
      ...(policy.audit.rotateBytes === undefined ? {} : { rotateBytes: policy.audit.rotateBytes }),
    });
  const explicit = options.named ?? policy.audit.file;
  if (explicit !== undefined) return open(resolve(options.cwd, explicit));
  const file = defaultAuditPath(options.env, options.platform, options.home);
  const safe = (options.server ?? 'gateway').replace(/[^A-Za-z0-9_.-]/g, '_');
  const candidates = [
    file,
    join(dirname(file), `audit-${safe}.jsonl`),
    join(dirname(file), `audit-${safe}-${String(process.pid)}.jsonl`),
  ];
  for (const [index, candidate] of candidates.entries()) {
    try {
      const log = await open(candidate);
      if (index > 0) {
        options.log(`audit log ${basename(file)} is held by another gateway; writing ${candidate}`);
      }
      return log;
    } catch (error) {
      if (!isLockConflict(error) || index === candidates.length - 1) throw error;
    }
  }
  /* c8 ignore next */
  throw new ToolkitError('INTERNAL', 'unreachable');
}

/** Replaces `${env:NAME}` references in a server's command line, environment and headers. */
export function expandServerPolicy(
  name: string,
  server: ServerPolicy,
  env: Readonly<Record<string, string | undefined>>,
): ServerPolicy {
  const where = (field: string): string => `servers.${name}.${field}`;
  const map = (record: Record<string, string>, field: string): Record<string, string> =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [
        key,
        expandEnvReferences(value, env, where(`${field}.${key}`)),
      ]),
    );
  return {
    ...server,
    ...(server.command === undefined
      ? {}
      : { command: expandEnvReferences(server.command, env, where('command')) }),
    args: server.args.map((arg, index) =>
      expandEnvReferences(arg, env, where(`args[${String(index)}]`)),
    ),
    env: map(server.env, 'env'),
    headers: map(server.headers, 'headers'),
  };
}

/** Programs that run another program: the server's name comes from what they run. */
const RUNNERS = new Set([
  'node',
  'nodejs',
  'npx',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'bun',
  'bunx',
  'deno',
  'uv',
  'uvx',
  'python',
  'python3',
  'pipx',
  'docker',
  'podman',
  'tsx',
  'ts-node',
]);
const SUBCOMMANDS = new Set(['run', 'exec', 'x', 'dlx', 'tool']);
const GENERIC = new Set(['index', 'main', 'server', 'cli', 'bin', 'dist', 'build', 'lib', 'src']);

function cleanName(raw: string): string {
  let name = raw.replace(/\.(c|m)?(j|t)s$|\.py$/i, '');
  if (name.startsWith('@') && name.includes('/')) name = name.slice(name.indexOf('/') + 1);
  name = name.replace(/@[^/]*$/, '');
  return name.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^-+|-+$/g, '');
}

function nameFromPath(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = cleanName(parts[index] ?? '');
    if (part !== '' && !GENERIC.has(part)) return part;
  }
  return cleanName(parts.at(-1) ?? '');
}

/**
 * The server name `wrap` uses for the policy, the lockfile and the audit log when `--name` is not
 * given: the only server of the policy, else what the command runs (`npx -y @scope/pkg@1` →
 * `pkg`, `node …/server-everything/dist/index.js` → `server-everything`).
 *
 * @example
 * wrapServerName('npx', ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'], DEFAULT_POLICY); // 'server-filesystem'
 */
export function wrapServerName(command: string, args: readonly string[], policy: Policy): string {
  const configured = Object.keys(policy.servers);
  if (configured.length === 1 && configured[0] !== undefined) return configured[0];
  const program = cleanName(basename(command));
  let name = program;
  if (RUNNERS.has(program.toLowerCase())) {
    const target = args.find(
      (arg) => !arg.startsWith('-') && !SUBCOMMANDS.has(arg) && arg !== program,
    );
    if (target !== undefined) name = nameFromPath(target);
  }
  return name === '' ? 'server' : name;
}

/**
 * The controls the gateway runs: `defaultControls` of the middleware module, each named after its
 * control's id (what a fail-closed denial names). The module (and the analyzers its controls
 * use) is imported here, not at start-up: `wrap` calls this once its server is spawned, and the
 * controls warm their analyzers (`GatewayControl.warm`) before it returns.
 */
export async function loadControls(
  policy: Policy,
  options: { lockfile?: Lockfile | undefined },
): Promise<MiddlewareEntry[]> {
  const { defaultControls, GATEWAY_CONTROLS } = await import('./middleware/index.js');
  const chain = defaultControls(
    policy,
    options.lockfile === undefined ? {} : { lockfile: options.lockfile },
  );
  // What the analyzers build on first use is built now, while the servers start.
  for (const control of GATEWAY_CONTROLS) control.warm?.();
  return chain.map((middleware, index) => ({
    id: GATEWAY_CONTROLS[index]?.id ?? middleware.name,
    middleware,
  }));
}
