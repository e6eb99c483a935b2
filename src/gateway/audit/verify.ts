import { basename } from 'node:path';
import { readHead } from './head.js';
import { headPath } from './paths.js';
import { readLines, resolveAuditFiles } from './read.js';
import { GENESIS, recordSealError, recordShapeError } from './record.js';

/** Why a record breaks the log. */
export type VerifyFailureReason =
  | 'invalid-json'
  | 'invalid-record'
  | 'hash-mismatch'
  | 'hmac-missing'
  | 'hmac-mismatch'
  | 'seq-gap'
  | 'out-of-order'
  | 'prev-mismatch'
  | 'missing-start'
  | 'truncated'
  | 'head-mismatch';

/** The first record (or line) that breaks the log. */
export interface VerifyFailure {
  file: string;
  /** 1-based line number in `file`. */
  line: number;
  /** The record's seq, when the line had one. */
  seq?: number;
  reason: VerifyFailureReason;
  message: string;
}

export type VerifyWarningKind =
  | 'not-closed'
  | 'recovered'
  | 'tail-missing'
  | 'no-head'
  | 'head-unreadable'
  | 'hmac-unchecked'
  | 'active-missing'
  | 'empty';

/** Something that does not break the chain but a reader should know. */
export interface VerifyWarning {
  kind: VerifyWarningKind;
  file?: string;
  line?: number;
  seq?: number;
  message: string;
}

export interface VerifyResult {
  /** The chain holds from the first record to the last, and the sidecar agrees. */
  valid: boolean;
  /** The files walked, oldest first. */
  files: { path: string; records: number; firstSeq?: number; lastSeq?: number }[];
  /** Records that passed, in all files. */
  records: number;
  lastSeq?: number;
  lastHash?: string;
  /** The last record is a `closed` lifecycle record (the writer shut down cleanly). */
  closed: boolean;
  /** HMACs were checked (a key was given). */
  hmacChecked: boolean;
  firstBad?: VerifyFailure;
  warnings: VerifyWarning[];
}

export interface VerifyOptions {
  /** Checks every record's (and the sidecar's) HMAC with this key. */
  hmacKey?: Buffer;
}

interface Suspended {
  failure: VerifyFailure;
  /** The last record that held, which a `recovered` record must anchor to. */
  anchorSeq: number;
  anchorHash: string;
  /** For a seq gap: the seq that was expected, to tell a deletion from a reordering. */
  missingSeq?: number;
}

/** The seq of a line that may not be a record (or not even whole JSON). */
function lenientSeq(text: string): number | undefined {
  const match = /^\{"v":1,"seq":(\d{1,15})[,}]/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function summaryOf(record: Record<string, unknown>): Record<string, unknown> {
  const summary = record.summary;
  return typeof summary === 'object' && summary !== null
    ? (summary as Record<string, unknown>)
    : {};
}

/**
 * Proves the hash chain of an audit log across its rotated files: every line a record, every
 * record's hash (and HMAC, given the key) matching its content, seq rising by one, every `prev`
 * the hash of the record before, the sidecar's last seq and hash present. Reports the first
 * record that breaks it. Throws a `ToolkitError` when the log cannot be read.
 *
 * @example
 * const result = await verifyAuditLog('~/.local/state/mcp-warden/audit.jsonl', { hmacKey });
 * if (!result.valid) console.log(result.firstBad);
 */
export async function verifyAuditLog(
  target: string | readonly string[],
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const { hmacKey } = options;
  const { files, active, activeMissing } = resolveAuditFiles(target);
  const result: VerifyResult = {
    valid: false,
    files: [],
    records: 0,
    closed: false,
    hmacChecked: hmacKey !== undefined,
    warnings: [],
  };
  const warn = (warning: VerifyWarning): void => {
    result.warnings.push(warning);
  };
  if (activeMissing) {
    warn({
      kind: 'active-missing',
      file: active,
      message: `${basename(active)} is missing: the writer stopped while rotating, or it was deleted.`,
    });
  }
  const head = readHead(headPath(active), hmacKey);

  let lastSeq = 0;
  let lastHash = GENESIS;
  let lastRecord: Record<string, unknown> | undefined;
  let hashAtHead: string | undefined;
  let sawHmac = false;
  let suspended: Suspended | undefined;
  let lastLocation = { file: active, line: 0 };

  for (const file of files) {
    const entry: VerifyResult['files'][number] = { path: file, records: 0 };
    result.files.push(entry);
    let firstLineOfFile = true;
    for await (const { line, text, terminated, oversize } of readLines(file)) {
      lastLocation = { file, line };
      const atFileStart = firstLineOfFile;
      firstLineOfFile = false;

      if (suspended) {
        // Inside a region that already broke: look for the expected seq further on (a
        // reordering, not a deletion), and for a `recovered` record that accounts for it.
        const seq = lenientSeq(text);
        if (seq !== undefined && seq === suspended.missingSeq) {
          suspended.failure.reason = 'out-of-order';
          suspended.failure.message = `record seq ${String(suspended.failure.seq)} comes before seq ${String(seq)}: records were reordered`;
          suspended.missingSeq = undefined;
        }
        if (!atFileStart || !terminated) continue;
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        const summary = summaryOf(record);
        const acknowledges =
          recordShapeError(record) === undefined &&
          recordSealError(record, hmacKey) === undefined &&
          record.type === 'lifecycle' &&
          record.event === 'recovered' &&
          record.prev === suspended.anchorHash &&
          record.seq === suspended.anchorSeq + 1 &&
          summary.lastGoodSeq === suspended.anchorSeq &&
          summary.lastGoodHash === suspended.anchorHash;
        if (!acknowledges) continue;
        const { failure } = suspended;
        warn({
          kind: 'recovered',
          file: failure.file,
          line: failure.line,
          message: `${basename(failure.file)} line ${String(failure.line)} on does not hold up (${failure.message}); the writer found it at start-up and went on from seq ${String(suspended.anchorSeq)} in ${basename(file)}.`,
        });
        suspended = undefined;
        // Falls through: the `recovered` record is checked as any other.
      }

      const fail = (
        reason: VerifyFailureReason,
        message: string,
        seq?: number,
        missingSeq?: number,
      ): void => {
        const failure: VerifyFailure = { file, line, reason, message };
        if (seq !== undefined) failure.seq = seq;
        suspended = { failure, anchorSeq: lastSeq, anchorHash: lastHash };
        if (missingSeq !== undefined) suspended.missingSeq = missingSeq;
      };

      if (oversize) {
        fail('invalid-json', 'the line is far too long to be a record');
        continue;
      }
      if (!terminated) {
        fail(
          'truncated',
          'the last line is incomplete: the file was cut in the middle of a record',
          lenientSeq(text),
        );
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        fail('invalid-json', text === '' ? 'an empty line' : 'the line is not valid JSON');
        continue;
      }
      const shape = recordShapeError(value);
      if (shape !== undefined) {
        fail('invalid-record', `not an audit record: ${shape}`, lenientSeq(text));
        continue;
      }
      const record = value as Record<string, unknown>;
      const seq = record.seq as number;
      const seal = recordSealError(record, hmacKey);
      if (seal !== undefined) {
        fail(seal.reason, seal.message, seq);
        continue;
      }
      if (record.hmac !== undefined) sawHmac = true;
      const expected = lastSeq + 1;
      if (lastRecord === undefined && (record.prev !== GENESIS || seq !== 1)) {
        fail(
          'missing-start',
          `the log starts at seq ${String(seq)}, not at the genesis record: earlier records or files are missing`,
          seq,
        );
        continue;
      }
      if (seq > expected) {
        fail(
          'seq-gap',
          seq === expected + 1
            ? `record seq ${String(expected)} is missing: it was deleted`
            : `records seq ${String(expected)}–${String(seq - 1)} are missing: they were deleted`,
          seq,
          expected,
        );
        continue;
      }
      if (seq < expected) {
        fail(
          'out-of-order',
          `record seq ${String(seq)} comes after seq ${String(lastSeq)}: records were reordered or replayed`,
          seq,
        );
        continue;
      }
      if (record.prev !== lastHash) {
        fail(
          'prev-mismatch',
          `prev is not the hash of record seq ${String(lastSeq)}: that record was changed or replaced`,
          seq,
        );
        continue;
      }

      lastSeq = seq;
      lastHash = record.hash as string;
      lastRecord = record;
      result.records += 1;
      entry.records += 1;
      entry.firstSeq ??= seq;
      entry.lastSeq = seq;
      if (head.status === 'ok' || head.status === 'bad-hmac') {
        if (seq === head.head.seq) hashAtHead = lastHash;
      }
      if (record.type === 'lifecycle' && record.event === 'tail-missing') {
        const summary = summaryOf(record);
        warn({
          kind: 'tail-missing',
          file,
          line,
          seq,
          message: `at start-up the writer found the log ending at seq ${String(summary.lastSeq)} although its sidecar had recorded seq ${String(summary.headSeq)}: records were cut off the end before this point.`,
        });
      }
    }
  }

  if (suspended) {
    result.firstBad = suspended.failure;
    return finish(result, lastRecord, lastSeq, lastHash);
  }
  if (result.records === 0) {
    warn({ kind: 'empty', message: 'the log holds no records.' });
  }

  if (head.status === 'bad-hmac') {
    result.firstBad = {
      file: headPath(active),
      line: 1,
      seq: head.head.seq,
      reason: 'hmac-mismatch',
      message: 'the sidecar HMAC does not match: wrong key, or the sidecar was forged',
    };
  } else if (head.status === 'ok') {
    if (head.head.seq > lastSeq) {
      result.firstBad = {
        file: lastLocation.file,
        line: lastLocation.line + 1,
        seq: lastSeq + 1,
        reason: 'truncated',
        message: `the log ends at seq ${String(lastSeq)} but its sidecar records seq ${String(head.head.seq)}: records were cut off the end`,
      };
    } else if (hashAtHead !== undefined && hashAtHead !== head.head.hash) {
      result.firstBad = {
        file: headPath(active),
        line: 1,
        seq: head.head.seq,
        reason: 'head-mismatch',
        message: `the sidecar's hash for seq ${String(head.head.seq)} is not the hash of that record: the log was rewritten from there on`,
      };
    }
  } else if (head.status === 'missing') {
    warn({
      kind: 'no-head',
      file: headPath(active),
      message: 'no sidecar (.head): records cut off the end could go unnoticed.',
    });
  } else {
    warn({
      kind: 'head-unreadable',
      file: headPath(active),
      message: `the sidecar (.head) is unreadable (${head.reason}): records cut off the end could go unnoticed.`,
    });
  }
  if (sawHmac && hmacKey === undefined) {
    warn({
      kind: 'hmac-unchecked',
      message: 'the records carry HMACs, but no key was given: only the hash chain was checked.',
    });
  }
  return finish(result, lastRecord, lastSeq, lastHash);
}

function finish(
  result: VerifyResult,
  lastRecord: Record<string, unknown> | undefined,
  lastSeq: number,
  lastHash: string,
): VerifyResult {
  if (lastRecord !== undefined) {
    result.lastSeq = lastSeq;
    result.lastHash = lastHash;
  }
  result.closed = lastRecord?.type === 'lifecycle' && lastRecord.event === 'closed';
  if (result.firstBad === undefined && lastRecord !== undefined && !result.closed) {
    result.warnings.push({
      kind: 'not-closed',
      seq: lastSeq,
      message:
        'the last record is not `closed`: the gateway is still running, or it stopped without closing the log (crash, kill -9).',
    });
  }
  result.valid = result.firstBad === undefined;
  return result;
}
