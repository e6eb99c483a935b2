import type { Readable, Writable } from 'node:stream';
import {
  classify,
  errorResponse,
  isBatch,
  JSONRPC_ERROR,
  type Classified,
  type EraTracker,
} from './classifier.js';
import { FrameWriter, idFromEdges, LineReader } from './forwarder.js';
import type { JsonRpcMessage } from './middleware/types.js';

/**
 * The client side of the gateway over stdio: frames in on our stdin, frames out on our stdout
 * (protocol frames only — logs go to stderr). Each line is parsed once and classified; batches
 * are split into their messages. What to do with a message is the router's business.
 */

export interface ClientLinkOptions {
  input: Readable;
  output: Writable;
  /** Longest frame accepted from the client (default 64 MiB). */
  maxFrameBytes?: number;
  era: EraTracker;
  log: (text: string) => void;
  /** One classified message (`line` is always undefined: messages are re-serialised). */
  onMessage(classified: Classified, line: string | undefined, bytes: number): void;
  /**
   * The client hung up: `eof` when it closed our stdin (it may still read the answers to what it
   * sent), `gone` when our stdout broke (nobody reads any more).
   */
  onEnd(how: 'eof' | 'gone'): void;
  /** Our stdout is full (true) or drained (false): pause or resume the upstreams. */
  onPressure: (full: boolean) => void;
}

export class ClientLink {
  private readonly writer: FrameWriter;
  private readonly reader: LineReader;

  constructor(private readonly options: ClientLinkOptions) {
    this.writer = new FrameWriter(options.output, options.onPressure);
    this.reader = new LineReader(options.input, {
      maxLineBytes: options.maxFrameBytes ?? 64 * 1024 * 1024,
      onLine: (line, bytes) => {
        this.onLine(line, bytes);
      },
      onOversize: (frame) => {
        const id = idFromEdges(frame);
        options.log(`the client sent a frame of ${String(frame.bytes)} bytes; refused`);
        if (id !== undefined) {
          this.send(
            errorResponse(id, JSONRPC_ERROR.invalidRequest, 'mcp-warden: message too large'),
          );
        }
      },
      onEnd: () => {
        options.onEnd('eof');
      },
    });
    // A client that stops reading (EPIPE) is as gone as one that closed our stdin.
    options.output.once('error', () => {
      options.onEnd('gone');
    });
  }

  private onLine(line: string, bytes: number): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.send(errorResponse(null, JSONRPC_ERROR.parse, 'mcp-warden: the frame is not JSON'));
      return;
    }
    if (isBatch(value)) {
      if (value.length === 0) {
        this.send(errorResponse(null, JSONRPC_ERROR.invalidRequest, 'empty batch'));
        return;
      }
      for (const item of value) {
        this.dispatch(item, Buffer.byteLength(JSON.stringify(item)));
      }
      return;
    }
    this.dispatch(value, bytes);
  }

  private dispatch(value: unknown, bytes: number): void {
    const classified = classify(value);
    if (classified.kind === 'invalid') {
      this.options.log(`the client sent an invalid message (${classified.reason})`);
      if (classified.id !== undefined) {
        this.send(
          errorResponse(
            classified.id,
            JSONRPC_ERROR.invalidRequest,
            `mcp-warden: invalid request (${classified.reason})`,
          ),
        );
      }
      return;
    }
    if (classified.era !== undefined) this.options.era.value = classified.era;
    // Forwarded re-serialised from the parsed value, never as the client's bytes: JSON with
    // duplicate keys would otherwise reach the server meaning what the controls did not judge.
    this.options.onMessage(classified, undefined, bytes);
  }

  /** Writes a message to the client: its exact line when given, else its serialisation. */
  send(message: JsonRpcMessage, line?: string): void {
    this.writer.write(line ?? JSON.stringify(message));
  }

  get closed(): boolean {
    return this.writer.isClosed;
  }

  pause(): void {
    this.reader.pause();
  }

  resume(): void {
    this.reader.resume();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
