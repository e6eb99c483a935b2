import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';

/**
 * The Linux sandbox backend: bubblewrap. A server runs in new user, pid, ipc, uts, cgroup and
 * (unless asked) network namespaces, sees a read-only system (`/usr`, `/etc` essentials), the
 * read-only directories its command needs, and a tmpfs `/tmp` holding its throwaway HOME — never
 * the user's real home directory.
 */

export interface SandboxProbe {
  usable: boolean;
  /** Absolute path of `bwrap` when found. */
  path?: string;
  /** Why the sandbox is not usable. */
  reason?: string;
}

/** Finds an executable on `PATH` (or returns an absolute/relative path that exists). */
export function findExecutable(
  command: string,
  pathVariable: string | undefined,
  cwd: string = process.cwd(),
): string | undefined {
  const executable = (file: string): boolean => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/') || (process.platform === 'win32' && command.includes('\\'))) {
    const full = resolve(cwd, command);
    return executable(full) ? full : undefined;
  }
  const extensions =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')]
      : [''];
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

function run(
  file: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: timeoutMs, env: {} }, (error, stdout, stderr) => {
      done({ ok: error === null, output: `${stdout}${stderr}`.trim() || (error?.message ?? '') });
    });
  });
}

const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** Files and folders of `/etc` a program needs to start and to resolve users and libraries. */
const ETC_ENTRIES = [
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/alternatives',
  '/etc/passwd',
  '/etc/group',
  '/etc/nsswitch.conf',
  '/etc/localtime',
  '/etc/os-release',
  '/etc/mime.types',
];

/** Added when the server may use the network. */
const ETC_NETWORK_ENTRIES = [
  '/etc/resolv.conf',
  '/etc/hosts',
  '/etc/host.conf',
  '/etc/gai.conf',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/pki',
];

/** bwrap arguments that expose the system read-only: `/usr`, the merged-usr links, `/etc` essentials. */
function systemArgs(network: boolean): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  for (const entry of network ? [...ETC_ENTRIES, ...ETC_NETWORK_ENTRIES] : ETC_ENTRIES) {
    args.push('--ro-bind-try', entry, entry);
  }
  return args;
}

let probed: Promise<SandboxProbe> | undefined;

/**
 * Finds `bwrap` and checks, once per process, that it can really start a sandbox here (user
 * namespaces may be disabled, or a container may forbid them).
 *
 * @example
 * const probe = await probeBubblewrap();
 * if (!probe.usable) console.warn(probe.reason);
 */
export function probeBubblewrap(pathVariable = process.env.PATH): Promise<SandboxProbe> {
  probed ??= (async (): Promise<SandboxProbe> => {
    if (process.platform !== 'linux') {
      return { usable: false, reason: `bubblewrap is Linux-only (platform: ${process.platform})` };
    }
    const path = findExecutable('bwrap', pathVariable);
    if (path === undefined) {
      return { usable: false, reason: 'bwrap was not found on PATH (apt-get install bubblewrap)' };
    }
    const truePath = findExecutable('true', '/usr/bin:/bin') ?? '/usr/bin/true';
    const result = await run(
      path,
      [...baseArgs(false), ...systemArgs(false), '--tmpfs', '/tmp', '--', truePath],
      5000,
    );
    return result.ok
      ? { usable: true, path }
      : {
          usable: false,
          path,
          reason: `bwrap is installed but cannot start a sandbox: ${result.output}`,
        };
  })();
  return probed;
}

function baseArgs(network: boolean): string[] {
  return [
    '--unshare-all',
    ...(network ? ['--share-net'] : []),
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
  ];
}

/** Whether `path` is `ancestor` or inside it. */
function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor.endsWith(sep) ? ancestor : ancestor + sep);
}

/**
 * The project a script belongs to: the folder that holds the outermost `node_modules` on its path
 * (a package's own `package.json` is not enough: its dependencies sit beside it), else the nearest
 * folder at or above it with a `package.json` or `node_modules`.
 */
function projectRoot(start: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const inModules = `${start}${sep}`.indexOf(marker);
  if (inModules > 0) return start.slice(0, inModules);
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface SandboxPlanOptions {
  /** Absolute path of the command to run (resolved on the host). */
  command: string;
  args: readonly string[];
  /** The server's working directory on the host, when it has one of its own. */
  cwd?: string;
  env: Readonly<Record<string, string>>;
  /** HOME as the server sees it (inside the tmpfs `/tmp`). */
  home: string;
  /** The user's real home directory: never bound, nor anything that contains it. */
  realHome: string;
  /** Keep the network namespace shared (default false: no network). */
  network: boolean;
  /** More host paths to bind read-only (a project folder). */
  readOnlyPaths: readonly string[];
  /** Host paths to bind read-write (the folders the policy lets the server write). */
  writablePaths?: readonly string[];
  /**
   * How folders named in the arguments (a filesystem server's roots) are bound: `read-only`
   * (scanning) or `read-write` (the gateway: the client's config granted them). Default read-only.
   */
  argumentFolders?: 'read-only' | 'read-write';
  /** The npm cache to expose at {@link SANDBOX_NPM_CACHE}, when `npx` should work offline. */
  npm?: NpmCacheLayout;
}

/** Resource limits of a server process (and of everything it starts). */
export interface ProcessLimits {
  /** Data segment and anonymous memory (RLIMIT_DATA), in MiB. */
  memoryMb?: number;
  /** CPU time (RLIMIT_CPU), in seconds; the process is killed past it. */
  cpuSeconds?: number;
  /**
   * Processes and threads of the user inside the sandbox's user namespace (RLIMIT_NPROC). The
   * kernel does not apply it to root: a gateway running as root is not protected by it.
   */
  processes?: number;
  /** Open files (RLIMIT_NOFILE). */
  openFiles?: number;
}

const MIB = 1024 * 1024;

/**
 * `prlimit` arguments (util-linux) that set `limits` for the command that follows, or an empty
 * list when there is nothing to limit.
 *
 * @example
 * limitArgs({ memoryMb: 512, openFiles: 256 }); // ['--data=536870912', '--nofile=256']
 */
export function limitArgs(limits: ProcessLimits): string[] {
  const args: string[] = [];
  if (limits.memoryMb !== undefined) args.push(`--data=${String(limits.memoryMb * MIB)}`);
  if (limits.cpuSeconds !== undefined) args.push(`--cpu=${String(limits.cpuSeconds)}`);
  if (limits.processes !== undefined) args.push(`--nproc=${String(limits.processes)}`);
  if (limits.openFiles !== undefined) args.push(`--nofile=${String(limits.openFiles)}`);
  return args;
}

/** Where a sandboxed server finds the npm cache (inside its tmpfs `/tmp`). */
export const SANDBOX_NPM_CACHE = '/tmp/npm-cache';

/**
 * How the user's npm cache is shown to a sandboxed server. npm cannot read a read-only cache
 * (lookups write the index; `npx` takes a lock in its install folder), so the server gets a
 * private copy of the small index, the content store read-only, and each installed `npx`
 * package read-only inside a writable folder. Nothing it writes reaches the real cache.
 */
export interface NpmCacheLayout {
  /** The real cache folder. */
  cache: string;
  /** A writable private copy of `_cacache/index-v5`, when one was made. */
  indexCopy?: string;
}

function npmCacheArgs(layout: NpmCacheLayout): string[] {
  const inside = SANDBOX_NPM_CACHE;
  const args = ['--dir', `${inside}/_cacache`];
  if (layout.indexCopy !== undefined) {
    args.push('--bind', layout.indexCopy, `${inside}/_cacache/index-v5`);
  }
  args.push(
    '--ro-bind-try',
    join(layout.cache, '_cacache', 'content-v2'),
    `${inside}/_cacache/content-v2`,
  );
  args.push('--dir', `${inside}/_npx`);
  let entries: string[] = [];
  try {
    entries = readdirSync(join(layout.cache, '_npx'));
  } catch {
    // No npx installs yet.
  }
  for (const entry of entries) {
    const host = join(layout.cache, '_npx', entry);
    const target = `${inside}/_npx/${entry}`;
    args.push('--dir', target);
    for (const item of ['node_modules', 'package.json', 'package-lock.json']) {
      args.push('--ro-bind-try', join(host, item), `${target}/${item}`);
    }
  }
  return args;
}

export interface SandboxPlan {
  args: string[];
  /** Host paths bound read-only, for the record. */
  bound: string[];
}

/**
 * The bwrap command line for one server. Besides the system, it binds read-only: the install
 * prefix of the command (`…/bin/..`, so `npx` finds its `node` and `lib/node_modules`), the
 * project a script argument lives in, folders given as arguments (absolute, or relative to `cwd`: a
 * filesystem server's roots), the working directory and `readOnlyPaths`. Nothing that is or
 * contains the real home directory is bound; a path inside it is bound only by itself.
 */
export function sandboxPlan(options: SandboxPlanOptions): SandboxPlan {
  const realHome = options.realHome;
  const wanted = new Set<string>();
  const writable = new Set<string>();
  const bindable = (path: string | undefined): string | undefined => {
    if (path === undefined || !isAbsolute(path)) return undefined;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return undefined;
    }
    if (real === '/' || isWithin(realHome, real)) return undefined;
    if (SYSTEM_DIRS.some((dir) => isWithin(real, dir))) return undefined;
    return real;
  };
  const add = (path: string | undefined): void => {
    const real = bindable(path);
    if (real !== undefined) wanted.add(real);
  };
  const addWritable = (path: string | undefined): void => {
    const real = bindable(path);
    if (real !== undefined) writable.add(real);
  };
  const commandReal = (() => {
    try {
      return realpathSync(options.command);
    } catch {
      return options.command;
    }
  })();
  const commandDir = dirname(commandReal);
  add(commandDir.endsWith(`${sep}bin`) ? dirname(commandDir) : commandDir);
  // `#!/usr/bin/env node` scripts need node; bind the prefix of the node that runs us too.
  const nodeDir = dirname(process.execPath);
  add(nodeDir.endsWith(`${sep}bin`) ? dirname(nodeDir) : nodeDir);
  for (const arg of options.args) {
    const raw = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    // Relative paths are the server's, resolved against the directory it starts in.
    const value = isAbsolute(raw) || options.cwd === undefined ? raw : resolve(options.cwd, raw);
    if (!isAbsolute(value) || !existsSync(value)) continue;
    if (statSync(value).isDirectory()) {
      if (options.argumentFolders === 'read-write') addWritable(value);
      else add(value);
    } else {
      const root = projectRoot(dirname(value));
      add(root !== undefined && !isWithin(realHome, root) && root !== '/' ? root : dirname(value));
    }
  }
  add(options.cwd);
  // `npx pkg` started in a sub-folder of a project resolves the package from the project's
  // node_modules: bind the project the working directory belongs to.
  if (options.cwd !== undefined && isAbsolute(options.cwd)) {
    const root = projectRoot(options.cwd);
    if (root !== undefined && root !== '/' && !isWithin(realHome, root)) add(root);
  }
  for (const path of options.readOnlyPaths) add(path);
  for (const path of options.writablePaths ?? []) addWritable(path);

  // Drop paths inside other wanted paths; bind parents before children, and writable folders
  // after the read-only ones they may sit in.
  const outermost = (paths: Iterable<string>): string[] =>
    [...paths]
      .sort()
      .filter((path, index, all) => !all.slice(0, index).some((other) => isWithin(path, other)));
  const readOnly = outermost(wanted);
  const readWrite = outermost(writable);
  const bound = [...readOnly, ...readWrite];

  const args = [...baseArgs(options.network), ...systemArgs(options.network), '--tmpfs', '/tmp'];
  for (const path of readOnly) args.push('--ro-bind', path, path);
  for (const path of readWrite) args.push('--bind', path, path);
  if (options.npm !== undefined) args.push(...npmCacheArgs(options.npm));
  args.push('--dir', options.home);
  for (const [name, value] of Object.entries(options.env)) args.push('--setenv', name, value);
  args.push('--chdir', options.cwd ?? options.home);
  return { args, bound };
}

/** Forgets the probe result (tests). */
export function resetSandboxProbe(): void {
  probed = undefined;
}
