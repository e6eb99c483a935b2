import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Which client a wrap belongs to. A client (Claude Desktop, Cursor, an agent) starts one wrap
 * per server as its own children, so the wraps' common parent process *is* the client. A pid
 * alone can be reused after the client exits, so the identity is the parent's pid together with
 * its start time (`/proc/<pid>/stat`, field 22, clock ticks since boot): a later process with the
 * same pid has a later start time and gets a different session.
 *
 * Launchers between the client and the wrap (`sh -c`, `npx`, `npm exec`, `env`, …) are skipped:
 * each wrap has its own copy of them, so they are no common parent.
 */

export interface ClientIdentity {
  /** 24 hex digits; names the broker's socket. */
  key: string;
  /** For people: `client pid 4242 (claude)`, `session "work"`. */
  label: string;
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  startTime: string;
  comm: string;
  argv: string[];
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);
const LAUNCHERS = new Set([
  'npx',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'bunx',
  'uvx',
  'env',
  'timeout',
  'nice',
  'nohup',
  'setsid',
  'stdbuf',
]);
const NODE_LAUNCHER = /(?:^|[/\\])(?:npx|npm|pnpm|yarn)(?:-cli\.js|\.js|\.cjs)?$/;

function readProcess(pid: number, procRoot: string): ProcessInfo {
  const stat = readFileSync(`${procRoot}/${String(pid)}/stat`, 'utf8');
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  const startTime = fields[19];
  if (!Number.isInteger(ppid) || startTime === undefined || !/^\d+$/.test(startTime)) {
    throw new Error(`cannot read the parent and start time of process ${String(pid)}`);
  }
  let argv: string[] = [];
  try {
    argv = readFileSync(`${procRoot}/${String(pid)}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    // A process we may not read the command line of is no launcher we know.
  }
  return { pid, ppid, startTime, comm: stat.slice(open + 1, close), argv };
}

/** Whether a process only starts another one, so each wrap has its own copy of it. */
export function isLauncher(argv: readonly string[]): boolean {
  // npm rewrites its title: `npm exec mcp-warden …` in one argument.
  const words = (argv[0] ?? '').split(' ');
  const program = basename(words[0] ?? '');
  if (LAUNCHERS.has(program)) return true;
  if (SHELLS.has(program)) return argv.slice(1).some((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
  if (program === 'node' || program === 'nodejs') {
    const script = argv[1];
    return script !== undefined && NODE_LAUNCHER.test(script);
  }
  return false;
}

const hash = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);

export interface IdentityOptions {
  /** `wrap --session-id`: every wrap given the same id (by the same user) shares one session. */
  sessionId?: string | undefined;
  /** The wrap's parent (default `process.ppid`). */
  parent?: number;
  uid?: number;
  /** For tests. */
  procRoot?: string;
}

/**
 * The identity of the client this wrap serves. Throws when the parent cannot be read (no
 * `/proc`): the caller then fails closed and says to pass `--session-id`.
 *
 * @example
 * clientIdentity({}); // { key: '3f9c…', label: 'client pid 4242 (claude)' }
 */
export function clientIdentity(options: IdentityOptions = {}): ClientIdentity {
  const uid = String(options.uid ?? process.getuid?.() ?? 0);
  if (options.sessionId !== undefined) {
    return {
      key: hash('session-id', uid, options.sessionId),
      label: `session "${options.sessionId}"`,
    };
  }
  const procRoot = options.procRoot ?? '/proc';
  let info = readProcess(options.parent ?? process.ppid, procRoot);
  for (let depth = 0; depth < 16 && info.ppid > 1 && isLauncher(info.argv); depth++) {
    info = readProcess(info.ppid, procRoot);
  }
  return {
    key: hash('client', uid, String(info.pid), info.startTime),
    label: `client pid ${String(info.pid)} (${info.comm})`,
  };
}
