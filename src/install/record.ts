import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix, win32 } from 'node:path';
import { ToolkitError } from '../core/errors.js';
import type { ClientId, ConfigFormat } from '../core/server-spec.js';
import { defaultAuditPath } from '../gateway/audit/paths.js';
import type { ArgvPaths } from './entry-edits.js';
import type { FieldOp } from './field-op.js';

/**
 * The record of what install did, kept owner-only in the user's state directory
 * (`~/.local/state/mcp-warden/install/` on Linux): per file and per run, a content-addressed
 * backup of the bytes before, the SHA-256 before and after, and every value changed.
 */

export interface RecordedEntry {
  name: string;
  pointer: string;
  kind: 'stdio' | 'remote';
  ops: FieldOp[];
  argv?: ArgvPaths;
}

/** One install run's change to one file. */
export interface InstallStep {
  path: string;
  client: ClientId;
  format: ConfigFormat;
  /** The backup of the file's bytes before this step. */
  backup: string;
  originalSha256: string;
  installedSha256: string;
  at: string;
  entries: RecordedEntry[];
}

export interface InstallRecord {
  version: 1;
  /** Oldest first. */
  steps: InstallStep[];
}

const RECORD_FILE = 'record.json';

/** Where the install record and backups live. */
export function installStateDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const path = platform === 'win32' ? win32 : posix;
  return path.join(path.dirname(defaultAuditPath(env, platform, home)), 'install');
}

/** Where mcp-warden's own settings live: `$XDG_CONFIG_HOME/mcp-warden`, `%APPDATA%\mcp-warden`, … */
export function userConfigDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'mcp-warden');
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', 'mcp-warden');
  }
  const xdg = env.XDG_CONFIG_HOME;
  return posix.join(xdg?.startsWith('/') ? xdg : posix.join(home, '.config'), 'mcp-warden');
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function unwritable(path: string, error: unknown): ToolkitError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ToolkitError('FILE_UNWRITABLE', `Cannot write ${path}: ${code ?? String(error)}`, {
    cause: error,
  });
}

/** Writes `bytes` to `path` through a temporary file and a rename, with `mode`. */
export async function writeAtomic(
  path: string,
  bytes: Buffer | string,
  mode: number,
): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.mcp-warden.tmp`);
  try {
    await writeFile(temporary, bytes, { mode, flag: 'wx' });
    await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw unwritable(path, error);
  }
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (error) {
    throw unwritable(dir, error);
  }
}

export async function loadRecord(dir: string): Promise<InstallRecord> {
  const file = join(dir, RECORD_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, steps: [] };
    throw new ToolkitError('FILE_UNREADABLE', `Cannot read the install record ${file}`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolkitError('CONFIG_INVALID', `The install record ${file} is not valid JSON.`, {
      cause: error,
      hint: 'Restore the files by hand from the backups in the same directory.',
    });
  }
  const record = data as Partial<InstallRecord>;
  if (record.version !== 1 || !Array.isArray(record.steps)) {
    throw new ToolkitError('CONFIG_INVALID', `The install record ${file} has an unknown format.`, {
      hint: 'Restore the files by hand from the backups in the same directory.',
    });
  }
  return record as InstallRecord;
}

export async function saveRecord(dir: string, record: InstallRecord): Promise<void> {
  await ensureDir(dir);
  const file = join(dir, RECORD_FILE);
  if (record.steps.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await writeAtomic(file, `${JSON.stringify(record, null, 2)}\n`, 0o600);
}

/** Stores `bytes` as a backup (owner-only, named by content) and returns its path. */
export async function storeBackup(dir: string, bytes: Buffer): Promise<string> {
  const backups = join(dir, 'backups');
  await ensureDir(backups);
  const path = join(backups, `${sha256(bytes)}.bak`);
  await writeAtomic(path, bytes, 0o600);
  return path;
}

/** Deletes backups no step of `record` refers to any more. */
export async function pruneBackups(
  removed: readonly InstallStep[],
  record: InstallRecord,
): Promise<void> {
  const kept = new Set(record.steps.map((step) => step.backup));
  for (const step of removed) if (!kept.has(step.backup)) await rm(step.backup, { force: true });
}
