import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the session brokers of one user live: `$XDG_RUNTIME_DIR/mcp-warden/` (per user, on
 * tmpfs, cleaned at logout), else `mcp-warden-<uid>/` under the temp directory. The directory
 * must be ours, a real directory and closed to everyone else (0700): only then is a socket in it
 * reachable by this user alone. A directory someone else made, or left open, is refused rather
 * than used. (Node cannot ask a Unix socket for its peer's uid, so this directory and the
 * socket's own owner and mode are what keep other users out.)
 */

export interface BrokerPaths {
  dir: string;
  socket: string;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function brokerDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const runtime = env.XDG_RUNTIME_DIR;
  // Only a runtime directory that exists: one named but missing (no login session) is no place
  // to create ours.
  if (runtime !== undefined && runtime !== '' && isDirectory(runtime)) {
    return join(runtime, 'mcp-warden');
  }
  return join(tmpdir(), `mcp-warden-${String(process.getuid?.() ?? 'user')}`);
}

/** Creates (0700) or checks the directory; throws saying what is wrong with it. */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) {
    throw new Error(`${dir} is not a directory (a link?); remove it`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new Error(
      `${dir} belongs to uid ${String(stat.uid)}, not to you (uid ${String(uid)}); remove it`,
    );
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new Error(
      `${dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)}); run chmod 700 on it`,
    );
  }
}

/** Checks that the socket at `path` is ours and closed to others (before connecting to it). */
export function checkSocket(path: string): void {
  const stat = lstatSync(path);
  if (!stat.isSocket()) throw new Error(`${path} is not a socket`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new Error(`${path} belongs to uid ${String(stat.uid)}, not to you`);
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new Error(`${path} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`);
  }
}

export function brokerPaths(dir: string, key: string): BrokerPaths {
  return { dir, socket: join(dir, `${key}.sock`) };
}
