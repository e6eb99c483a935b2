import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, win32 } from 'node:path';

/** File name of the audit log in its directory. */
export const AUDIT_FILE_NAME = 'audit.jsonl';

/**
 * Where the gateway writes its audit log when the policy names no file: the user's state
 * directory (`$XDG_STATE_HOME/mcp-warden/audit.jsonl`, else `~/.local/state/mcp-warden/…`) on
 * Linux and other Unixes, `~/Library/Logs/mcp-warden/` on macOS, `%LOCALAPPDATA%\mcp-warden\`
 * on Windows.
 *
 * @example
 * defaultAuditPath({}, 'linux', '/home/me'); // '/home/me/.local/state/mcp-warden/audit.jsonl'
 */
export function defaultAuditPath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local');
    return win32.join(base, 'mcp-warden', AUDIT_FILE_NAME);
  }
  if (platform === 'darwin')
    return posix.join(home, 'Library', 'Logs', 'mcp-warden', AUDIT_FILE_NAME);
  const state = env.XDG_STATE_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = state?.startsWith('/') ? state : posix.join(home, '.local', 'state');
  return posix.join(base, 'mcp-warden', AUDIT_FILE_NAME);
}

/** `audit.jsonl` → `audit`; the name rotated files are numbered after. */
function stem(file: string): string {
  const name = basename(file);
  return name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : name;
}

/** The path of rotated file number `n` of the active file `file`: `audit.jsonl` → `audit.3.jsonl`. */
export function rotatedPath(file: string, n: number): string {
  return join(dirname(file), `${stem(file)}.${String(n)}.jsonl`);
}

/** The sidecar that records the last seq and hash known to be on disk: `audit.jsonl.head`. */
export function headPath(file: string): string {
  return `${file}.head`;
}

/** The lock file one writer holds: `audit.jsonl.lock`. */
export function lockPath(file: string): string {
  return `${file}.lock`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rotated files of the active file `file`, oldest first, with their numbers. */
export function rotatedFiles(file: string): { path: string; n: number }[] {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const pattern = new RegExp(`^${escapeRegExp(stem(file))}\\.(\\d+)\\.jsonl$`);
  const found: { path: string; n: number }[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match?.[1] !== undefined) found.push({ path: join(dir, name), n: Number(match[1]) });
  }
  return found.sort((a, b) => a.n - b.n);
}

/** Whether a path exists as a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The files of one log, oldest first: the rotated files (`audit.1.jsonl`, `audit.2.jsonl`, …)
 * then the active file, when it exists.
 */
export function rotationSet(file: string): string[] {
  const set = rotatedFiles(file).map((entry) => entry.path);
  if (isFile(file)) set.push(file);
  return set;
}
