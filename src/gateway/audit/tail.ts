import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { recordSealError, recordShapeError } from './record.js';

/** Records are small (arguments are cut); a "line" longer than this is garbage, not a record. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/** One line of a file, read from the end. */
export interface BackwardLine {
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just past the line (its `\n`, when terminated). */
  end: number;
  /** Whether a `\n` ends it; only the last line of a file can lack one (a write cut short). */
  terminated: boolean;
  /** The line's text; empty when it is longer than {@link MAX_LINE_BYTES}. */
  text: string;
  oversize: boolean;
}

/**
 * The lines of an open file, last first; the empty string after a final `\n` is not a line.
 * `size` reads as if the file ended there (default: its size now).
 */
export function* linesBackward(fd: number, size = fstatSync(fd).size): Generator<BackwardLine> {
  let end = size;
  let bufStart = size;
  let buf = Buffer.alloc(0);
  let oversize = false;
  for (;;) {
    const index = buf.lastIndexOf(NEWLINE);
    if (index === -1 && bufStart > 0) {
      const length = Math.min(CHUNK, bufStart);
      const chunk = Buffer.alloc(length);
      readSync(fd, chunk, 0, length, bufStart - length);
      bufStart -= length;
      buf = Buffer.concat([chunk, buf]);
      const newline = buf.lastIndexOf(NEWLINE);
      if (buf.length - (newline + 1) > MAX_LINE_BYTES) {
        // Keep scanning for the line's start, but not its bytes.
        oversize = true;
        buf = buf.subarray(0, newline + 1);
      }
      continue;
    }
    const start = bufStart + index + 1;
    const text = oversize ? '' : buf.subarray(index + 1).toString('utf8');
    if (!(end === size && start === size)) {
      yield { start, end, terminated: end < size, text, oversize };
    }
    if (index === -1) return;
    buf = buf.subarray(0, index);
    end = bufStart + index;
    oversize = false;
  }
}

/** The last record of a log that holds up on its own (valid JSON, record shape, hash). */
export interface GoodRecord {
  file: string;
  seq: number;
  hash: string;
  type: string;
  event?: string;
}

/** What the end of a log looks like when a writer opens it. */
export interface TailInspection {
  /** The last self-consistent record, if any. */
  lastGood?: GoodRecord;
  /** Lines after it that do not hold up: a write cut short, garbage, an edited record. */
  corrupt?: { file: string; lines: number; reason: string };
}

/** Why one line is not a usable record, or undefined when it is one. */
export function lineProblem(line: BackwardLine): string | undefined {
  if (line.oversize) return `a line longer than ${String(MAX_LINE_BYTES)} bytes`;
  if (!line.terminated) return 'the last line is incomplete (a write was cut short)';
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    return 'a line is not valid JSON';
  }
  const shape = recordShapeError(value);
  if (shape !== undefined) return shape;
  return recordSealError(value as Record<string, unknown>)?.message;
}

/**
 * Finds the last record of a rotation set (files oldest first) that holds up on its own, and
 * what lies after it. Reads only from the end.
 */
export function inspectTail(files: readonly string[]): TailInspection {
  let corrupt: TailInspection['corrupt'];
  for (const file of [...files].reverse()) {
    const fd = openSync(file, 'r');
    try {
      for (const line of linesBackward(fd)) {
        const problem = lineProblem(line);
        if (problem === undefined) {
          const record = JSON.parse(line.text) as Record<string, unknown>;
          const lastGood: GoodRecord = {
            file,
            seq: record.seq as number,
            hash: record.hash as string,
            type: record.type as string,
          };
          if (typeof record.event === 'string') lastGood.event = record.event;
          return corrupt === undefined ? { lastGood } : { lastGood, corrupt };
        }
        corrupt = corrupt
          ? { ...corrupt, file, lines: corrupt.lines + 1 }
          : { file, lines: 1, reason: problem };
      }
    } finally {
      closeSync(fd);
    }
  }
  return corrupt === undefined ? {} : { corrupt };
}
