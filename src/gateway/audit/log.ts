import {
  closeSync,
  constants,
  fsync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import { ToolkitError } from '../../core/errors.js';
import { isAlive } from '../../process/index.js';
import { encodeHead, readHead } from './head.js';
import { headPath, isFile, lockPath, rotatedFiles, rotatedPath, rotationSet } from './paths.js';
import { GENESIS, recordBody, sealLine, type AuditEvent, type AuditRecord } from './record.js';
import { inspectTail } from './tail.js';

/** When the log asks the OS to put appended records on the disk. */
export type AuditFsync = 'always' | 'interval' | 'never';

export interface AuditLogOptions {
  /** The active file; rotated files and sidecars sit next to it. */
  file: string;
  /**
   * `always`: fsync after every record. `interval`: every `fsyncIntervalMs` when something was
   * written. `never`: only on rotation and close. Every record is handed to the OS before
   * `append` returns whatever this says, so killing the process loses nothing; fsync is about
   * power loss and kernel crashes.
   */
  fsync: AuditFsync;
  fsyncIntervalMs?: number;
  /** When given, every record carries `hmac`: HMAC-SHA256 over what its hash covers. */
  hmacKey?: Buffer;
  /** Start a new file (the chain goes on) once the active one is at least this large. */
  rotateBytes?: number;
  /** Milliseconds since the epoch; tests pass their own. */
  clock?: () => number;
  /**
   * Called after each `interval` fsync (and its sidecar update) with the last seq it put on disk,
   * or with the error that stopped the log.
   */
  onIntervalSync?: (result: { seq: number } | { error: Error }) => void;
}

/** What opening found. */
export interface AuditOpenInfo {
  /** Whether records already existed (the chain goes on from the last good one). */
  resumed: boolean;
  /** Whether the previous writer closed the log (its last record is `closed`). */
  cleanShutdown: boolean;
  /**
   * The end of the log did not hold up (a write cut short, garbage, an edited record): the file
   * was kept as it is, renamed to `renamedTo`, and the new file starts with a `recovered` record
   * anchored to the last good one.
   */
  recovered?: {
    file: string;
    renamedTo?: string;
    reason: string;
    corruptLines: number;
    lastGoodSeq: number;
  };
  /** The sidecar named a later record than the log holds: records were cut off the end. */
  tailMissing?: { headSeq: number; lastSeq: number };
}

export interface AuditLog {
  readonly file: string;
  readonly opened: AuditOpenInfo;
  /** Seq and hash of the last record appended. */
  readonly lastSeq: number;
  readonly lastHash: string;
  /**
   * Appends one record and returns it. Synchronous: when it returns, the line is in the OS (and
   * on disk with `fsync: 'always'`). Throws when the write fails, and from then on: the caller
   * must not forward what it could not record.
   */
  append(event: AuditEvent): AuditRecord;
  /** fsyncs now and updates the sidecar. */
  flush(): void;
  /** Appends a `closed` record, fsyncs, updates the sidecar, releases the lock. Idempotent. */
  close(): Promise<void>;
}

/**
 * The HMAC key held in an environment variable (its UTF-8 bytes), as `audit.hmacKeyEnv` in the
 * policy and `audit verify --key-env` name it. A missing or empty variable is an error: a log
 * silently written without its HMAC would look fine until someone checked it.
 *
 * @example
 * const hmacKey = hmacKeyFromEnv(process.env, 'MCP_WARDEN_AUDIT_KEY');
 */
export function hmacKeyFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): Buffer {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ToolkitError('USAGE', `The audit HMAC key variable ${name} is not set, or empty.`, {
      hint: `Set ${name} to the key the log was written with (a long random string).`,
    });
  }
  return Buffer.from(value, 'utf8');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Takes `<file>.lock` (pid inside); a lock whose process is gone is taken over. */
function acquireLock(file: string): void {
  const path = lockPath(file);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${String(process.pid)}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new ToolkitError(
          'FILE_UNWRITABLE',
          `Cannot lock audit log ${file}: ${errorCode(error)}`,
          { cause: error },
        );
      }
    }
    let pid = Number.NaN;
    try {
      pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // Removed in between, or unreadable: treated as stale below.
    }
    if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new ToolkitError(
        'FILE_UNWRITABLE',
        `Audit log ${file} is in use by process ${String(pid)}.`,
        {
          hint: 'Give each gateway its own audit file (audit.file in the policy), or stop the other one.',
        },
      );
    }
    try {
      unlinkSync(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  throw new ToolkitError(
    'FILE_UNWRITABLE',
    `Cannot lock audit log ${file}: lock keeps reappearing.`,
  );
}

function releaseLock(file: string): void {
  try {
    unlinkSync(lockPath(file));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function writeAll(fd: number, buffer: Buffer, position?: number): void {
  let offset = 0;
  while (offset < buffer.length) {
    offset += writeSync(
      fd,
      buffer,
      offset,
      buffer.length - offset,
      position === undefined ? null : position + offset,
    );
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw error;
  }
}

function nextRotationNumber(file: string): number {
  return (rotatedFiles(file).at(-1)?.n ?? 0) + 1;
}

/**
 * Opens (or creates) a hash-chained JSON Lines audit log and appends an `opened` record. An
 * existing log is resumed from its last record; a log whose end does not hold up is kept, renamed
 * aside, and a new file starts with a `recovered` record anchored to the last good hash.
 *
 * @example
 * const log = await openAuditLog({ file: defaultAuditPath(process.env, process.platform, homedir()), fsync: 'interval' });
 * log.append({ type: 'request', server: 'github', direction: 'client-to-server', method: 'tools/call', id: 7, tool: 'create_issue', args });
 * await log.close();
 */
export function openAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  try {
    return Promise.resolve(openAuditLogSync(options));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function validate(options: AuditLogOptions): void {
  const interval = options.fsyncIntervalMs;
  if (interval !== undefined && (!Number.isInteger(interval) || interval <= 0)) {
    throw new ToolkitError('USAGE', 'openAuditLog: fsyncIntervalMs must be a positive integer');
  }
  const rotate = options.rotateBytes;
  if (rotate !== undefined && (!Number.isInteger(rotate) || rotate <= 0)) {
    throw new ToolkitError('USAGE', 'openAuditLog: rotateBytes must be a positive integer');
  }
  if (!['always', 'interval', 'never'].includes(options.fsync)) {
    throw new ToolkitError('USAGE', 'openAuditLog: fsync must be always, interval or never');
  }
  if (options.hmacKey?.length === 0) {
    throw new ToolkitError('USAGE', 'openAuditLog: hmacKey is empty');
  }
}

function openAuditLogSync(options: AuditLogOptions): AuditLog {
  validate(options);
  const { file, hmacKey, rotateBytes } = options;
  const clock = options.clock ?? Date.now;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot create the audit log directory ${dirname(file)}: ${errorCode(error)}`,
      { cause: error },
    );
  }
  acquireLock(file);

  let fd = -1;
  let headFd = -1;
  try {
    const opened: AuditOpenInfo = { resumed: false, cleanShutdown: false };
    const pendingLifecycle: AuditEvent[] = [];
    const set = rotationSet(file).filter((path) => fileSize(path) > 0);
    const tail = inspectTail(set);
    let seq = (tail.lastGood?.seq ?? 0) + 1;
    let prev = tail.lastGood?.hash ?? GENESIS;
    opened.resumed = tail.lastGood !== undefined || tail.corrupt !== undefined;
    opened.cleanShutdown = tail.lastGood?.type === 'lifecycle' && tail.lastGood.event === 'closed';
    const head = readHead(headPath(file));

    if (tail.corrupt !== undefined) {
      let renamedTo: string | undefined;
      if (isFile(file) && fileSize(file) > 0) {
        renamedTo = rotatedPath(file, nextRotationNumber(file));
        renameSync(file, renamedTo);
      }
      opened.recovered = {
        file: tail.corrupt.file,
        reason: tail.corrupt.reason,
        corruptLines: tail.corrupt.lines,
        lastGoodSeq: seq - 1,
      };
      if (renamedTo !== undefined) opened.recovered.renamedTo = renamedTo;
      pendingLifecycle.push({
        type: 'lifecycle',
        event: 'recovered',
        summary: {
          file: basename(tail.corrupt.file === file ? (renamedTo ?? file) : tail.corrupt.file),
          reason: tail.corrupt.reason,
          corruptLines: tail.corrupt.lines,
          lastGoodSeq: seq - 1,
          lastGoodHash: prev,
          headSeq: head.status === 'ok' ? head.head.seq : null,
        },
      });
    } else if (head.status === 'ok' && head.head.seq > seq - 1) {
      opened.tailMissing = { headSeq: head.head.seq, lastSeq: seq - 1 };
      pendingLifecycle.push({
        type: 'lifecycle',
        event: 'tail-missing',
        summary: { headSeq: head.head.seq, headHash: head.head.hash, lastSeq: seq - 1 },
      });
    }

    fd = openSync(file, 'a', 0o600);
    headFd = openSync(headPath(file), constants.O_RDWR | constants.O_CREAT, 0o600);
    let size = fileSize(file);
    let recordsInFile = 0;
    let dirty = false;
    let closed = false;
    let failure: Error | undefined;
    let timer: NodeJS.Timeout | undefined;
    /** The `interval` fsync under way on the thread pool, if any (it settles, never rejects). */
    let syncing: Promise<void> | undefined;
    /** Seq the sidecar names: it never goes back. */
    let headSeq = 0;

    const writeHead = (at = seq - 1, hash = prev): void => {
      if (at < 1 || at <= headSeq) return;
      writeAll(headFd, encodeHead(at, hash, hmacKey), 0);
      headSeq = at;
    };
    const sync = (): void => {
      fsyncSync(fd);
      dirty = false;
      writeHead();
    };
    /** Closes a file descriptor once no `interval` fsync is using it. */
    const release = (old: number): void => {
      if (syncing === undefined) closeSync(old);
      else
        void syncing.then(() => {
          closeSync(old);
        });
    };
    /**
     * `interval`: the fsync runs on the thread pool, so the event loop keeps forwarding while the
     * disk works (a synchronous one held every message for as long as the disk took, each
     * interval); the sidecar then names the last record written before it started.
     */
    const syncInBackground = (): void => {
      if (syncing !== undefined || !dirty) return;
      dirty = false;
      const at = seq - 1;
      const hash = prev;
      syncing = new Promise((settled) => {
        fsync(fd, (error) => {
          syncing = undefined;
          let result: { seq: number } | { error: Error } = { seq: at };
          try {
            if (error !== null) throw error;
            if (!closed && failure === undefined) writeHead(at, hash);
          } catch (caught) {
            if (!closed && failure === undefined) {
              failure = new ToolkitError(
                'FILE_UNWRITABLE',
                `Audit log ${file}: fsync failed (${errorCode(caught)}); nothing more is recorded.`,
                { cause: caught },
              );
            }
            result = { error: failure ?? (caught as Error) };
          }
          settled();
          options.onIntervalSync?.(result);
        });
      });
    };
    const fail = (error: unknown, doing: string): never => {
      failure = new ToolkitError(
        'FILE_UNWRITABLE',
        `Audit log ${file}: ${doing} failed (${errorCode(error)}); nothing more is recorded.`,
        { cause: error },
      );
      throw failure;
    };

    const rotate = (): void => {
      const lastSeq = seq - 1;
      const lastHash = prev;
      const target = rotatedPath(file, nextRotationNumber(file));
      sync();
      release(fd);
      fd = -1;
      renameSync(file, target);
      fd = openSync(file, 'a', 0o600);
      size = 0;
      recordsInFile = 0;
      write({
        type: 'lifecycle',
        event: 'rotated-from',
        summary: { file: basename(target), lastSeq, lastHash },
      });
    };

    const write = (event: AuditEvent): AuditRecord => {
      const body = recordBody(event, { seq, ts: new Date(clock()).toISOString(), prev });
      const sealed = sealLine(body, hmacKey);
      const record = sealed.record;
      const line = Buffer.from(sealed.line);
      writeAll(fd, line);
      seq += 1;
      prev = record.hash;
      size += line.length;
      recordsInFile += 1;
      dirty = true;
      if (options.fsync === 'always') sync();
      return record;
    };

    const log: AuditLog = {
      file,
      opened,
      get lastSeq() {
        return seq - 1;
      },
      get lastHash() {
        return prev;
      },
      append(event) {
        if (failure) throw failure;
        if (closed) throw new ToolkitError('INTERNAL', `Audit log ${file} is closed.`);
        let record: AuditRecord;
        try {
          record = write(event);
          if (rotateBytes !== undefined && size >= rotateBytes && recordsInFile > 1) rotate();
        } catch (error) {
          return fail(error, 'appending a record');
        }
        return record;
      },
      flush() {
        if (failure) throw failure;
        if (closed) return;
        try {
          sync();
        } catch (error) {
          fail(error, 'fsync');
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        try {
          if (!failure) {
            write({ type: 'lifecycle', event: 'closed', summary: { pid: process.pid } });
            sync();
            fsyncSync(headFd);
          }
          await syncing;
          if (fd !== -1) closeSync(fd);
          closeSync(headFd);
          releaseLock(file);
        } catch (error) {
          throw new ToolkitError(
            'FILE_UNWRITABLE',
            `Audit log ${file}: close failed (${errorCode(error)})`,
            { cause: error },
          );
        }
        if (failure) throw failure;
      },
    };

    for (const event of pendingLifecycle) write(event);
    write({
      type: 'lifecycle',
      event: 'opened',
      summary: {
        pid: process.pid,
        resumed: opened.resumed,
        cleanShutdown: opened.cleanShutdown,
        hmac: hmacKey !== undefined,
      },
    });
    // What happened at open is on disk before anyone relies on the log.
    sync();
    if (options.fsync === 'interval') {
      timer = setInterval(() => {
        if (closed || failure || !dirty) return;
        syncInBackground();
      }, options.fsyncIntervalMs ?? 1000);
      timer.unref();
    }
    return log;
  } catch (error) {
    if (fd !== -1) closeSync(fd);
    if (headFd !== -1) closeSync(headFd);
    releaseLock(file);
    if (error instanceof ToolkitError) throw error;
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot open audit log ${file}: ${errorCode(error)}`,
      {
        cause: error,
      },
    );
  }
}
