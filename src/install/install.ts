import { readFile, realpath, stat } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { ToolkitError } from '../core/errors.js';
import type { ClientId, ConfigFile, ConfigFormat } from '../core/server-spec.js';
import { parseText } from '../discovery/document.js';
import { discoverConfigFiles, type LocationOptions } from '../discovery/index.js';
import { planEntry, type EntryEdit } from './entry-edits.js';
import { editText } from './edit-text.js';
import {
  loadRecord,
  saveRecord,
  sha256,
  storeBackup,
  writeAtomic,
  type InstallStep,
} from './record.js';
import type { WrapSettings } from './wrap-command.js';

export interface InstallOptions extends LocationOptions {
  /** Only these clients' files (default: every client). */
  clients?: readonly ClientId[];
  /** Also the project's files under `cwd` (default: only the user's own files). */
  includeProject?: boolean;
  settings: WrapSettings;
  allowHttp?: boolean;
}

export type ServerOutcome =
  | { name: string; status: 'wrapped'; wrapName: string; warnings: string[] }
  | { name: string; status: 'already-wrapped' }
  | { name: string; status: 'skipped'; reason: string };

/** What install would do to one file. */
export interface FilePlan {
  path: string;
  client: ClientId;
  format: ConfigFormat;
  servers: ServerOutcome[];
  /** The file's bytes now. */
  before: Buffer;
  /** Its text after the edit (equal to `before` when nothing changes). */
  after: string;
  edits: EntryEdit[];
  /** Why the file cannot be edited (it is then left alone). */
  error?: string;
}

export interface InstallPlan {
  files: FilePlan[];
  /** Files discovery found but could not read. */
  unreadable: { path: string; message: string }[];
}

/** Whether the plan changes the file. */
export function changes(plan: FilePlan): boolean {
  return plan.error === undefined && plan.edits.length > 0;
}

/** A unified diff of what the plan changes in the file. */
export function planDiff(plan: FilePlan): string {
  return createTwoFilesPatch(
    plan.path,
    plan.path,
    plan.before.toString('utf8'),
    plan.after,
    'before',
    'after install',
  );
}

async function readBytes(path: string): Promise<Buffer> {
  return readFile(path);
}

function planFile(file: ConfigFile, bytes: Buffer, options: InstallOptions): FilePlan {
  const text = bytes.toString('utf8');
  const base = {
    path: file.path,
    client: file.client,
    format: file.format,
    before: bytes,
    after: text,
  };
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    return { ...base, servers: [], edits: [], error: 'the file is not valid UTF-8' };
  }
  if (file.parseError !== undefined) {
    const { message, line, column } = file.parseError;
    return {
      ...base,
      servers: [],
      edits: [],
      error: `it does not parse: ${message} at ${String(line)}:${String(column)}`,
    };
  }
  const data = parseText(text.replace(/^\uFEFF/, ''), file.format).data;
  const servers: ServerOutcome[] = [];
  const edits: EntryEdit[] = [];
  const ctx = {
    client: file.client,
    data,
    settings: options.settings,
    allowHttp: options.allowHttp ?? false,
  };
  for (const server of file.servers) {
    const planned = planEntry(server, ctx);
    if (planned.status === 'wrap') {
      edits.push(planned.edit);
      servers.push({
        name: server.name,
        status: 'wrapped',
        wrapName: planned.edit.wrapName,
        warnings: planned.edit.warnings,
      });
    } else if (planned.status === 'already-wrapped') {
      servers.push({ name: server.name, status: 'already-wrapped' });
    } else {
      servers.push({ name: server.name, status: 'skipped', reason: planned.reason });
    }
  }
  if (edits.length === 0) return { ...base, servers, edits };
  try {
    const after = editText(
      text,
      file.format,
      edits.flatMap((edit) => edit.ops),
      file.path,
    );
    return { ...base, servers, edits, after };
  } catch (error) {
    if (!(error instanceof ToolkitError)) throw error;
    const notWrapped = servers.map((server): ServerOutcome =>
      server.status === 'wrapped'
        ? { name: server.name, status: 'skipped', reason: 'the file could not be edited' }
        : server,
    );
    return { ...base, servers: notWrapped, edits: [], error: error.message };
  }
}

/**
 * Finds the client configs and plans, for each, the edit that runs every server through
 * `mcp-warden wrap`. Reads only.
 *
 * @example
 * const plan = await planInstall({ home, cwd, platform, env, settings });
 * for (const file of plan.files) if (changes(file)) console.log(planDiff(file));
 */
export async function planInstall(options: InstallOptions): Promise<InstallPlan> {
  const { files, errors } = await discoverConfigFiles({
    ...options,
    includeProject: options.includeProject ?? false,
  });
  const wanted = options.clients === undefined ? undefined : new Set(options.clients);
  const plans: FilePlan[] = [];
  const unreadable = errors.map((error) => ({ path: error.path, message: error.error.message }));
  for (const file of files) {
    if (wanted !== undefined && !wanted.has(file.client)) continue;
    if (file.servers.length === 0 && file.parseError === undefined) continue;
    let bytes: Buffer;
    try {
      bytes = await readBytes(file.path);
    } catch (error) {
      unreadable.push({ path: file.path, message: (error as Error).message });
      continue;
    }
    plans.push(planFile(file, bytes, options));
  }
  return { files: plans, unreadable };
}

/**
 * Carries out a plan: backs up each file it changes (owner-only, in `stateDir`), writes the new
 * text in place (through a rename, keeping the file's mode and any symlink), and records what
 * was changed so that `uninstall` can undo it. A file that changed since it was planned is not
 * touched.
 *
 * @example
 * const plan = await planInstall({ home, cwd, platform, env, settings });
 * await applyInstall(plan, installStateDir(env, platform, home));
 */
export async function applyInstall(
  plan: InstallPlan,
  stateDir: string,
): Promise<{ written: string[] }> {
  const record = await loadRecord(stateDir);
  const written: string[] = [];
  for (const file of plan.files) {
    if (!changes(file)) continue;
    const target = await realpath(file.path);
    const now = await readBytes(target);
    if (!now.equals(file.before)) {
      throw new ToolkitError(
        'FILE_UNWRITABLE',
        `${file.path} changed while mcp-warden was installing; it was not changed.`,
        {
          hint: 'Run `mcp-warden install` again.',
        },
      );
    }
    const mode = (await stat(target)).mode & 0o7777;
    const backup = await storeBackup(stateDir, file.before);
    const step: InstallStep = {
      path: file.path,
      client: file.client,
      format: file.format,
      backup,
      originalSha256: sha256(file.before),
      installedSha256: sha256(Buffer.from(file.after, 'utf8')),
      at: new Date().toISOString(),
      entries: file.edits.map((edit) => ({
        name: edit.name,
        pointer: edit.pointer,
        kind: edit.kind,
        ops: edit.ops,
        ...(edit.argv === undefined ? {} : { argv: edit.argv }),
      })),
    };
    // Recorded before the file is written: a crash in between leaves a step uninstall can judge.
    record.steps.push(step);
    await saveRecord(stateDir, record);
    await writeAtomic(target, file.after, mode);
    written.push(file.path);
  }
  return { written };
}
