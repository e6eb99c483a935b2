import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { buildSecretIndex } from '../analyze/secrets.js';
import { ToolkitError } from '../core/errors.js';
import { redactSpans } from '../core/redact.js';
import type { ServerSpec } from '../core/server-spec.js';
import { buildServerEnv, SPAWN_MARKER_VARIABLE } from './env.js';
import {
  findExecutable,
  probeBubblewrap,
  SANDBOX_NPM_CACHE,
  sandboxPlan,
  limitArgs,
  type ProcessLimits,
  type NpmCacheLayout,
} from './sandbox.js';
import { isAlive, signalAll, spawnedProcesses } from './tree.js';

/** How a server process is isolated: inside bubblewrap, or not at all. */
export type SandboxKind = 'bubblewrap' | 'none';

export interface SpawnServerOptions {
  /**
   * `auto` (default): bubblewrap when it is installed and works, else unsandboxed.
   * `bubblewrap`: fail when it is not usable. `none`: never sandbox.
   */
  sandbox?: 'auto' | 'bubblewrap' | 'none';
  /** Let a sandboxed server use the network (default false). Unsandboxed servers always can. */
  network?: boolean;
  /** Working directory when the spec has none (default: the throwaway HOME). */
  cwd?: string;
  /** The parent environment the allowlist and `envPassthrough` read from (default `process.env`). */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  /** More variables to set (after the config's own). */
  env?: Readonly<Record<string, string>>;
  /** More host paths the sandbox binds read-only. */
  readOnlyPaths?: readonly string[];
  /** Host paths the sandbox binds read-write. */
  writablePaths?: readonly string[];
  /** How the sandbox binds folders named in the arguments (default read-only). */
  argumentFolders?: 'read-only' | 'read-write';
  /** Resource limits, applied with `prlimit` inside the sandbox or around the unsandboxed command. */
  limits?: ProcessLimits;
  /** The npm cache to expose, so `npx` runs offline; `false` for none (default: detected). */
  npmCache?: string | false;
  /** The user's real home directory, which a sandboxed server never sees (default `os.homedir()`). */
  realHome?: string;
  /** How long `kill()` waits after closing stdin, and after SIGTERM (default 2000 ms each). */
  killGraceMs?: number;
  /** How much of stderr to keep for {@link ServerProcess.stderrTail} (default 16 KiB). */
  stderrTailBytes?: number;
}

export interface KillReport {
  /** Pids still alive after SIGKILL and the grace period; empty when cleanup succeeded. */
  survivors: number[];
  /** How the direct child ended. */
  exit: ProcessExit;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running server process, with the guarantees {@link spawnServer} documents. */
export interface ServerProcess {
  readonly pid: number;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly sandbox: SandboxKind;
  /** Why the process runs unsandboxed (bubblewrap missing, unusable, or not asked for). */
  readonly sandboxReason?: string;
  /** Whether `setpriv --pdeathsig KILL` wraps the command (unsandboxed, where available). */
  readonly pdeathsig: boolean;
  /** Host paths bound read-only into the sandbox. */
  readonly bound: readonly string[];
  /** Variables the config forwards from the client's environment that were not set. */
  readonly missingEnv: readonly string[];
  /** Resolves when the direct child exits. */
  readonly exited: Promise<ProcessExit>;
  /** Whether the direct child has exited. */
  hasExited(): boolean;
  /** The last bytes the server wrote to stderr, secrets (and configured env values) redacted. */
  stderrTail(): Promise<string>;
  /** Live pids of this spawn: its process group, descendants, and marked escapees. */
  processes(): number[];
  /**
   * Ends the server and everything it started: closes stdin, then SIGTERM to the process group
   * (and escaped descendants), then SIGKILL, then checks that none remain. Idempotent.
   */
  kill(): Promise<KillReport>;
}

let setprivProbe: boolean | undefined;

function hasSetpriv(pathVariable: string | undefined): boolean {
  if (process.platform !== 'linux') return false;
  setprivProbe ??= findExecutable('setpriv', pathVariable) !== undefined;
  return setprivProbe;
}

function defaultNpmCache(
  parentEnv: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const configured = parentEnv.npm_config_cache ?? parentEnv.NPM_CONFIG_CACHE;
  if (configured !== undefined && configured !== '') return configured;
  const fallback =
    process.platform === 'win32'
      ? join(parentEnv.LOCALAPPDATA ?? homedir(), 'npm-cache')
      : join(homedir(), '.npm');
  return existsSync(fallback) ? fallback : undefined;
}

class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift();
      this.size -= first?.length ?? 0;
    }
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

/**
 * Redacts secrets (the secret engine's rule table) and the values of the
 * server's configured variables from text a server produced.
 *
 * @example
 * await redactOutput('token 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'); // 'token ghp_****…(40 chars)'
 */
export async function redactOutput(
  text: string,
  configured: Readonly<Record<string, string>> = {},
): Promise<string> {
  let out = text;
  for (const value of Object.values(configured)) {
    if (value.length >= 6) out = out.split(value).join('****');
  }
  if (out === '') return out;
  const index = await buildSecretIndex([out]);
  return redactSpans(out, index.find(out));
}

/** Whether the server is started through npm (`npx pkg`, `npm exec pkg`), which needs its cache. */
function usesNpm(spec: Pick<ServerSpec, 'command'>): boolean {
  const name = basename(spec.command ?? '').replace(/\.(cmd|exe|js)$/i, '');
  return ['npx', 'npm', 'npx-cli', 'npm-cli'].includes(name);
}

/** Copies a folder; `cp -r` where there is one (several times faster than `fs.cpSync`). */
async function copyTree(from: string, to: string): Promise<void> {
  if (process.platform !== 'win32') {
    const copied = await new Promise<boolean>((done) => {
      execFile('cp', ['-r', from, to], { env: { PATH: '/usr/bin:/bin' } }, (error) => {
        done(error === null);
      });
    });
    if (copied) return;
  }
  cpSync(from, to, { recursive: true });
}

function wait(ms: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, ms));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await wait(25);
  }
}

/**
 * Starts a stdio server's command with a scrubbed environment, in its own process group, under
 * bubblewrap when it works (else unsandboxed, and it says so), and returns its pipes and a
 * `kill()` that ends the whole tree.
 *
 * @example
 * const server = await spawnServer(spec, { sandbox: 'auto' });
 * if (server.sandbox === 'none') console.warn(server.sandboxReason);
 * // … speak MCP over server.stdin / server.stdout …
 * const { survivors } = await server.kill();
 */
export async function spawnServer(
  spec: Pick<ServerSpec, 'name' | 'command' | 'args' | 'env' | 'envPassthrough' | 'cwd'>,
  options: SpawnServerOptions = {},
): Promise<ServerProcess> {
  if (spec.command === undefined || spec.command === '') {
    throw new ToolkitError('CONFIG_INVALID', `Server "${spec.name}" has no command to run.`);
  }
  const parentEnv = options.parentEnv ?? process.env;
  const mode = options.sandbox ?? 'auto';
  const realHome = options.realHome ?? homedir();
  const marker = randomUUID();
  const npmCache =
    options.npmCache === false ? undefined : (options.npmCache ?? defaultNpmCache(parentEnv));

  let sandbox: SandboxKind = 'none';
  let sandboxReason: string | undefined =
    mode === 'none' ? 'sandbox disabled by option' : undefined;
  let bwrapPath: string | undefined;
  if (mode !== 'none') {
    const probe = await probeBubblewrap(parentEnv.PATH);
    if (probe.usable && probe.path !== undefined) {
      sandbox = 'bubblewrap';
      bwrapPath = probe.path;
    } else if (mode === 'bubblewrap') {
      throw new ToolkitError('INTERNAL', `Sandbox required but unusable: ${probe.reason ?? ''}`, {
        hint: 'Install bubblewrap (apt-get install bubblewrap) or run with the sandbox off.',
      });
    } else {
      sandboxReason = probe.reason;
    }
  }

  // The throwaway HOME: a tmpfs inside the sandbox, a fresh temp folder outside it. The host
  // scratch folder also holds the sandbox's private copy of the npm cache index.
  const hostScratch = mkdtempSync(join(tmpdir(), 'mcp-warden-'));
  const sandboxed = sandbox === 'bubblewrap';
  const home = sandboxed ? '/tmp/home' : join(hostScratch, 'home');
  const tmp = sandboxed ? '/tmp' : join(hostScratch, 'tmp');
  if (!sandboxed) {
    mkdirSync(home);
    mkdirSync(tmp);
  }
  let npm: NpmCacheLayout | undefined;
  if (sandboxed && npmCache !== undefined && usesNpm(spec) && existsSync(npmCache)) {
    npm = { cache: npmCache };
    const index = join(npmCache, '_cacache', 'index-v5');
    if (existsSync(index)) {
      npm.indexCopy = join(hostScratch, 'npm-index');
      await copyTree(index, npm.indexCopy);
    }
  }
  const { env, missing } = buildServerEnv(spec, {
    parentEnv,
    platform: process.platform,
    home,
    tmpDir: tmp,
    ...(npmCache === undefined ? {} : { npmCache: sandboxed ? SANDBOX_NPM_CACHE : npmCache }),
    ...(sandboxed && !(options.network ?? false) ? { npmOffline: true } : {}),
    marker,
    ...(options.env === undefined ? {} : { extra: options.env }),
  });
  const cwd = spec.cwd ?? options.cwd;
  const resolved = findExecutable(spec.command, env.PATH, cwd ?? process.cwd());
  if (resolved === undefined) {
    rmSync(hostScratch, { recursive: true, force: true });
    throw new ToolkitError(
      'FILE_NOT_FOUND',
      `Cannot start server "${spec.name}": command "${spec.command}" not found on PATH`,
      { hint: 'Install the command, or give its absolute path in the config.' },
    );
  }

  const limits = options.limits === undefined ? [] : limitArgs(options.limits);
  const prlimit = limits.length > 0 ? findExecutable('prlimit', '/usr/bin:/bin') : undefined;
  if (limits.length > 0 && prlimit === undefined) {
    rmSync(hostScratch, { recursive: true, force: true });
    throw new ToolkitError(
      'INTERNAL',
      `Cannot limit server "${spec.name}": prlimit (util-linux) was not found`,
      { hint: 'Install util-linux, or remove the limits from the sandbox policy.' },
    );
  }
  const limited = (command: string, args: readonly string[]): string[] =>
    prlimit === undefined ? [command, ...args] : [prlimit, ...limits, '--', command, ...args];

  let file: string;
  let argv: string[];
  let bound: string[] = [];
  let pdeathsig = false;
  if (sandbox === 'bubblewrap' && bwrapPath !== undefined) {
    const plan = sandboxPlan({
      command: resolved,
      args: spec.args,
      ...(cwd === undefined ? {} : { cwd }),
      env,
      home,
      realHome,
      network: options.network ?? false,
      readOnlyPaths: options.readOnlyPaths ?? [],
      writablePaths: options.writablePaths ?? [],
      argumentFolders: options.argumentFolders ?? 'read-only',
      ...(npm === undefined ? {} : { npm }),
    });
    bound = plan.bound;
    file = bwrapPath;
    argv = [...plan.args, '--', ...limited(resolved, spec.args)];
  } else if (hasSetpriv(parentEnv.PATH)) {
    pdeathsig = true;
    file = 'setpriv';
    argv = ['--pdeathsig', 'KILL', '--', ...limited(resolved, spec.args)];
  } else {
    [file, ...argv] = limited(resolved, spec.args) as [string, ...string[]];
  }

  const child: ChildProcess = spawn(file, argv, {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    // bwrap clears and sets the environment itself; it needs none of ours.
    env: sandbox === 'bubblewrap' ? {} : env,
    cwd: sandbox === 'bubblewrap' ? process.cwd() : (cwd ?? home),
    windowsHide: true,
  });
  const cleanupScratch = (): void => {
    rmSync(hostScratch, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolveSpawn, rejectSpawn) => {
      child.once('spawn', resolveSpawn);
      child.once('error', rejectSpawn);
    });
  } catch (error) {
    cleanupScratch();
    throw new ToolkitError(
      'INTERNAL',
      `Could not start server "${spec.name}": ${(error as Error).message}`,
      { cause: error, hint: 'Check that the command exists and is executable.' },
    );
  }
  const pid = child.pid;
  const { stdin, stdout, stderr } = child;
  if (pid === undefined || stdin === null || stdout === null || stderr === null) {
    cleanupScratch();
    throw new ToolkitError('INTERNAL', `Could not start server "${spec.name}": no pid or pipes`);
  }
  // A server that exits early closes its pipes; writes to them must not crash us.
  stdin.on('error', () => undefined);
  const tail = new Tail(options.stderrTailBytes ?? 16 * 1024);
  stderr.on('data', (chunk: Buffer) => {
    tail.push(chunk);
  });

  let exitInfo: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolveExit(exitInfo);
    });
  });
  const markerSpec = { variable: SPAWN_MARKER_VARIABLE, value: marker };
  const grace = options.killGraceMs ?? 2000;
  let killing: Promise<KillReport> | undefined;

  const processes = (): number[] => spawnedProcesses(pid, markerSpec);
  const allGone = (): boolean => exitInfo !== undefined && processes().length === 0;

  const kill = (): Promise<KillReport> => {
    killing ??= (async (): Promise<KillReport> => {
      // Spec-shaped shutdown: close stdin and give the server a moment to exit by itself.
      stdin.end();
      if (!(await waitFor(allGone, Math.min(grace, 500)))) {
        signalAll(pid, processes(), 'SIGTERM');
        if (!(await waitFor(allGone, grace))) {
          signalAll(pid, processes(), 'SIGKILL');
          await waitFor(allGone, grace);
        }
      }
      const survivors = processes().filter((survivor) => isAlive(survivor));
      stdout.destroy();
      stderr.destroy();
      cleanupScratch();
      const exit =
        exitInfo ??
        (await Promise.race([exited, wait(grace).then(() => ({ code: null, signal: null }))]));
      return { survivors, exit };
    })();
    return killing;
  };

  return {
    pid,
    stdin,
    stdout,
    stderr,
    sandbox,
    ...(sandboxReason === undefined ? {} : { sandboxReason }),
    pdeathsig,
    bound,
    missingEnv: missing,
    exited,
    hasExited: () => exitInfo !== undefined,
    stderrTail: () => redactOutput(tail.text(), spec.env),
    processes,
    kill,
  };
}
