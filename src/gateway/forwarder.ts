import type { Readable, Writable } from 'node:stream';

/**
 * Newline-delimited JSON-RPC framing over byte streams (the stdio transport): a reader that cuts
 * lines without copying more than it must and refuses lines over a size limit, and a writer that
 * reports back-pressure. Frames are forwarded as the exact line that arrived unless a control
 * rewrote the message.
 */

const NEWLINE = 0x0a;
/** Bytes of an oversize frame kept from each end, to find its id. */
const KEEP = 512;

/** What the reader tells about a line it refused. */
export interface OversizeFrame {
  bytes: number;
  /** The first and last bytes of the frame (decoded), enough to find its `id`. */
  head: string;
  tail: string;
}

export interface LineReaderOptions {
  /** Longest line accepted, in bytes (without the newline). */
  maxLineBytes: number;
  onLine(line: string, bytes: number): void;
  onOversize(frame: OversizeFrame): void;
  onEnd(): void;
}

/**
 * Reads newline-delimited frames from a stream. Empty lines and a trailing `\r` are dropped. A
 * line longer than `maxLineBytes` is not buffered: the reader skips to its end, keeping only its
 * first and last bytes for {@link OversizeFrame}.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private skipping: { bytes: number; head: Buffer; tail: Buffer } | undefined;
  private ended = false;

  constructor(
    private readonly stream: Readable,
    private readonly options: LineReaderOptions,
  ) {
    stream.on('data', (chunk: Buffer | string) => {
      this.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    const end = (): void => {
      if (this.ended) return;
      this.ended = true;
      this.options.onEnd();
    };
    stream.once('end', end);
    stream.once('close', end);
    stream.on('error', end);
  }

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    this.stream.resume();
  }

  private push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) {
        this.keep(chunk, start, chunk.length);
        return;
      }
      this.finish(chunk, start, newline);
      start = newline + 1;
    }
  }

  /** Buffers the unfinished part of a line, or counts it when the line is already too long. */
  private keep(chunk: Buffer, start: number, end: number): void {
    if (start === end) return;
    if (this.skipping !== undefined) {
      this.skip(chunk.subarray(start, end));
      return;
    }
    const piece = chunk.subarray(start, end);
    this.parts.push(piece);
    this.partBytes += piece.length;
    if (this.partBytes > this.options.maxLineBytes) {
      const all = Buffer.concat(this.parts);
      this.parts = [];
      this.partBytes = 0;
      this.skipping = {
        bytes: all.length,
        head: Buffer.from(all.subarray(0, KEEP)),
        tail: Buffer.from(all.subarray(Math.max(0, all.length - KEEP))),
      };
    }
  }

  private skip(piece: Buffer): void {
    const skipping = this.skipping;
    if (skipping === undefined) return;
    skipping.bytes += piece.length;
    const joined = Buffer.concat([skipping.tail, piece]);
    skipping.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - KEEP)));
  }

  private finish(chunk: Buffer, start: number, end: number): void {
    if (this.skipping !== undefined) {
      this.skip(chunk.subarray(start, end));
      const { bytes, head, tail } = this.skipping;
      this.skipping = undefined;
      this.options.onOversize({ bytes, head: head.toString('utf8'), tail: tail.toString('utf8') });
      return;
    }
    let line: Buffer;
    if (this.parts.length > 0) {
      this.parts.push(chunk.subarray(start, end));
      line = Buffer.concat(this.parts);
      this.parts = [];
      this.partBytes = 0;
    } else {
      line = chunk.subarray(start, end);
    }
    let length = line.length;
    if (length > 0 && line[length - 1] === 0x0d) length -= 1;
    if (length === 0) return;
    if (length > this.options.maxLineBytes) {
      this.options.onOversize({
        bytes: length,
        head: line.toString('utf8', 0, KEEP),
        tail: line.toString('utf8', Math.max(0, length - KEEP), length),
      });
      return;
    }
    this.options.onLine(line.toString('utf8', 0, length), length);
  }
}

/** Finds the JSON-RPC id of a frame from its first and last bytes (for frames too big to parse). */
export function idFromEdges(
  frame: Pick<OversizeFrame, 'head' | 'tail'>,
): string | number | undefined {
  const pattern = /"id"\s*:\s*(-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")/;
  for (const text of [frame.head, frame.tail]) {
    const match = pattern.exec(text);
    const raw = match?.[1];
    if (raw === undefined) continue;
    try {
      const id: unknown = JSON.parse(raw);
      if (typeof id === 'string' || typeof id === 'number') return id;
    } catch {
      // Cut in the middle of an escape: look at the other end.
    }
  }
  return undefined;
}

/**
 * Writes frames (one line each) to a stream and reports back-pressure: `onPressure(true)` when
 * the stream's buffer is full, `onPressure(false)` once it drained, so readers feeding it can pause.
 * The first frame of a turn of the event loop goes out at once (an answer does not wait for the
 * end of the turn); the frames after it in the same turn go out together: the stream is corked at
 * the second and uncorked once the turn's callbacks ran (`setImmediate`), so a burst of frames (a
 * pipelined batch, a page of notifications) costs two writes to the OS, not one per frame.
 */
export class FrameWriter {
  private pressured = false;
  private closed = false;
  private corked = false;
  /** A frame was written in this turn of the event loop (reset by `setImmediate`). */
  private turn = false;
  private readonly endTurn = (): void => {
    this.turn = false;
    this.uncork();
  };

  constructor(
    private readonly stream: Writable,
    private readonly onPressure: (full: boolean) => void = () => undefined,
  ) {
    stream.on('drain', () => {
      if (!this.pressured) return;
      this.pressured = false;
      this.onPressure(false);
    });
    stream.on('error', () => {
      this.closed = true;
    });
    stream.once('close', () => {
      this.closed = true;
    });
  }

  /** Whether the stream can no longer be written. */
  get isClosed(): boolean {
    return this.closed || this.stream.destroyed || this.stream.writableEnded;
  }

  write(line: string): void {
    if (this.isClosed) return;
    if (!this.turn) {
      this.turn = true;
      setImmediate(this.endTurn);
    } else if (!this.corked) {
      this.corked = true;
      this.stream.cork();
    }
    const ok = this.stream.write(`${line}\n`);
    if (!ok && !this.pressured) {
      this.pressured = true;
      this.onPressure(true);
    }
  }

  /** Hands what this turn wrote to the stream (one write to the OS). */
  private uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.stream.uncork();
  }

  /** Resolves once everything written so far was handed to the OS (or the stream failed). */
  flush(): Promise<void> {
    this.uncork();
    if (this.isClosed || this.stream.writableLength === 0) return Promise.resolve();
    return new Promise((resolveFlush) => {
      const done = (): void => {
        clearTimeout(timer);
        resolveFlush();
      };
      const timer = setTimeout(done, 2000);
      this.stream.once('drain', done);
      this.stream.once('close', done);
    });
  }
}
