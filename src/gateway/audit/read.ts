import {
  closeSync,
  createReadStream,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../core/errors.js';
import { AUDIT_FILE_NAME, isFile, rotatedFiles, rotationSet } from './paths.js';
import { recordShapeError, type AuditRecord } from './record.js';
import { linesBackward, MAX_LINE_BYTES } from './tail.js';

/** One line of a file, read from the start. */
export interface ForwardLine {
  /** 1-based line number. */
  line: number;
  text: string;
  /** Whether a `\n` ends it; only the last line of a file can lack one. */
  terminated: boolean;
  /** Longer than {@link MAX_LINE_BYTES}; `text` is then empty. */
  oversize: boolean;
}

function readError(path: string, error: unknown): ToolkitError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ToolkitError(
    code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
    `Cannot read audit log ${path}: ${code ?? String(error)}`,
    {
      cause: error,
      hint:
        code === 'ENOENT'
          ? 'Name the log (FILE), or check audit.file in the policy: the gateway creates the log when it starts.'
          : 'Check that you may read the log and its directory.',
    },
  );
}

/** The lines of a file, first first, streamed; the empty string after a final `\n` is not a line. */
export async function* readLines(path: string, start = 0): AsyncGenerator<ForwardLine> {
  const stream = createReadStream(path, { start });
  let parts: Buffer[] = [];
  let length = 0;
  let oversize = false;
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (;;) {
        const index = chunk.indexOf(0x0a, from);
        const piece = chunk.subarray(from, index === -1 ? chunk.length : index);
        if (!oversize) {
          parts.push(piece);
          length += piece.length;
          if (length > MAX_LINE_BYTES) {
            oversize = true;
            parts = [];
          }
        }
        if (index === -1) break;
        line += 1;
        const text = oversize ? '' : Buffer.concat(parts, length).toString('utf8');
        yield { line, text, terminated: true, oversize };
        parts = [];
        length = 0;
        oversize = false;
        from = index + 1;
      }
    }
  } catch (error) {
    throw readError(path, error);
  }
  if (length > 0 || oversize) {
    line += 1;
    const text = oversize ? '' : Buffer.concat(parts, length).toString('utf8');
    yield { line, text, terminated: false, oversize };
  }
}

/** The files of the log a user named, oldest first, and the active file (whose sidecar counts). */
export interface AuditFiles {
  files: string[];
  active: string;
  /** The active file does not exist (rotated files do): a crash between rotation steps, or a deletion. */
  activeMissing: boolean;
}

function findInDirectory(dir: string): string {
  const standard = join(dir, AUDIT_FILE_NAME);
  if (rotationSet(standard).length > 0) return standard;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw readError(dir, error);
  }
  const actives = names.filter((name) => name.endsWith('.jsonl') && !/\.\d+\.jsonl$/.test(name));
  const only = actives[0];
  if (actives.length === 1 && only !== undefined) return join(dir, only);
  throw new ToolkitError(
    actives.length === 0 ? 'FILE_NOT_FOUND' : 'USAGE',
    actives.length === 0
      ? `No audit log (*.jsonl) in ${dir}.`
      : `${dir} holds several logs (${actives.join(', ')}); name one.`,
  );
}

/**
 * Resolves what a user named to the files of one log: a list of files is taken as it is, in
 * order; a directory means its `audit.jsonl` (or its only `*.jsonl`); a file means it and its
 * rotated files (`audit.1.jsonl`, `audit.2.jsonl`, … then `audit.jsonl`).
 */
export function resolveAuditFiles(target: string | readonly string[]): AuditFiles {
  if (typeof target !== 'string') {
    const last = target.at(-1);
    if (last === undefined) throw new ToolkitError('USAGE', 'No audit log files given.');
    for (const path of target) {
      if (!isFile(path))
        throw readError(path, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    }
    return { files: [...target], active: last, activeMissing: false };
  }
  let active = target;
  try {
    if (statSync(target).isDirectory()) active = findInDirectory(target);
  } catch (error) {
    if (error instanceof ToolkitError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw readError(target, error);
  }
  const files = rotationSet(active);
  if (files.length === 0) {
    throw readError(active, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  }
  return { files, active, activeMissing: !isFile(active) };
}

/** A record read back for display or export, with where it was. */
export interface LocatedRecord {
  file: string;
  line: number;
  record: AuditRecord;
}

/**
 * The records of a log, oldest first, for reading (tail, export): lines that are not records
 * are skipped and counted in `skipped` — `verifyAuditLog` is what judges them.
 */
export async function* readAuditRecords(
  target: string | readonly string[],
  skipped: { count: number } = { count: 0 },
): AsyncGenerator<LocatedRecord> {
  const { files } = resolveAuditFiles(target);
  for (const file of files) {
    for await (const { line, text, terminated } of readLines(file)) {
      const record = parseRecord(text, terminated);
      if (record === undefined) skipped.count += 1;
      else yield { file, line, record };
    }
  }
}

/** A line as a record, or undefined when it is not one. */
export function parseRecord(text: string, terminated = true): AuditRecord | undefined {
  if (!terminated || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return recordShapeError(value) === undefined ? (value as AuditRecord) : undefined;
}

/**
 * The last `count` records of a log (across rotated files), oldest first, read from the end; and
 * the size the active file had, for {@link followAuditLog} to go on from.
 */
export function lastAuditRecords(
  target: string | readonly string[],
  count: number,
): { records: LocatedRecord[]; active: string; activeSize: number } {
  const { files, active, activeMissing } = resolveAuditFiles(target);
  const records: LocatedRecord[] = [];
  let activeSize = 0;
  for (const file of [...files].reverse()) {
    if (records.length >= count) break;
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      throw readError(file, error);
    }
    try {
      const size = fstatSync(fd).size;
      if (file === active && !activeMissing) activeSize = size;
      for (const line of linesBackward(fd, size)) {
        if (records.length >= count) break;
        const record = parseRecord(line.text, line.terminated);
        // Line numbers are unknown when reading backwards; 0 says so.
        if (record !== undefined) records.push({ file, line: 0, record });
      }
    } finally {
      closeSync(fd);
    }
  }
  return { records: records.reverse(), active, activeSize };
}

export interface FollowOptions {
  /** Byte offset in `file` to start from (default: its end). */
  from?: number;
  /** How often to look for more (default 250 ms). */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** An open file being followed: where the next read starts, and a line not yet complete. */
interface Reader {
  fd: number;
  offset: number;
  pending: Buffer;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(path, error);
  }
}

function openReader(path: string, from?: number): Reader | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(path, error);
  }
  return { fd, offset: from ?? fstatSync(fd).size, pending: Buffer.alloc(0) };
}

/** The complete records from a reader's offset to the end of its file now. */
function* drain(reader: Reader): Generator<AuditRecord> {
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const read = readSync(reader.fd, chunk, 0, chunk.length, reader.offset);
    if (read === 0) return;
    reader.offset += read;
    reader.pending = Buffer.concat([reader.pending, chunk.subarray(0, read)]);
    let index = reader.pending.indexOf(0x0a);
    while (index !== -1) {
      const record = parseRecord(reader.pending.subarray(0, index).toString('utf8'));
      if (record !== undefined) yield record;
      reader.pending = reader.pending.subarray(index + 1);
      index = reader.pending.indexOf(0x0a);
    }
    if (reader.pending.length > MAX_LINE_BYTES) reader.pending = Buffer.alloc(0);
  }
}

/**
 * Yields the records appended to an active log file from now on, until `signal` aborts. Follows
 * rotation: it drains the renamed file, reads whole any file rotated since, then goes on with
 * the new active file from its start.
 */
export async function* followAuditLog(
  file: string,
  options: FollowOptions = {},
): AsyncGenerator<AuditRecord> {
  const { signal, intervalMs = 250 } = options;
  let current = openReader(file, options.from);
  try {
    while (signal?.aborted !== true) {
      if (current === undefined) {
        current = openReader(file, 0);
      } else {
        yield* drain(current);
        const mine = fstatSync(current.fd);
        const now = statOrUndefined(file);
        if (now !== undefined && !sameFile(now, mine)) {
          yield* drain(current);
          const next = openReader(file, 0);
          const nextStat = next === undefined ? undefined : fstatSync(next.fd);
          const rotated = rotatedFiles(file);
          const ours = rotated.findIndex((entry) => {
            const stat = statOrUndefined(entry.path);
            return stat !== undefined && sameFile(stat, mine);
          });
          for (const entry of ours === -1 ? [] : rotated.slice(ours + 1)) {
            const stat = statOrUndefined(entry.path);
            if (stat === undefined) continue;
            if (nextStat !== undefined && sameFile(stat, nextStat)) break;
            const whole = openReader(entry.path, 0);
            if (whole === undefined) continue;
            try {
              yield* drain(whole);
            } finally {
              closeSync(whole.fd);
            }
          }
          closeSync(current.fd);
          current = next;
          continue;
        }
      }
      try {
        await sleep(intervalMs, undefined, signal ? { signal } : {});
      } catch {
        return;
      }
    }
  } finally {
    if (current !== undefined) closeSync(current.fd);
  }
}
