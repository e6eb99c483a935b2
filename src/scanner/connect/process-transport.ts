import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import type { Readable } from 'node:stream';
import type { ServerProcess } from '../../process/index.js';

/**
 * An SDK client transport over a process from `spawnServer`: newline-delimited JSON-RPC on its
 * stdin/stdout, with a cap on the size of one message so that a server cannot exhaust our memory
 * with an endless line. Closing it kills the whole process tree.
 *
 * It exposes `pid` and `stderr` so that the SDK recognises a stdio transport (a probe timeout then
 * means "2025-era server", not "outage") and probes `server/discover` in place, on this very
 * process, instead of spawning an unsandboxed sibling as it does for its own stdio transport.
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;
  private started = false;
  /** Why the transport closed itself (a message over the limit), when it did. */
  closeReason: string | undefined;

  constructor(
    private readonly child: ServerProcess,
    private readonly maxMessageBytes: number,
  ) {}

  get pid(): number {
    return this.child.pid;
  }

  get stderr(): Readable {
    return this.child.stderr;
  }

  start(): Promise<void> {
    if (this.started) throw new Error('ProcessTransport already started');
    this.started = true;
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    this.child.stdout.on('error', (error: Error) => this.onerror?.(error));
    void this.child.exited.then(() => {
      // Deliver what was already read before reporting the close.
      setImmediate(() => {
        this.finish();
      });
    });
    return Promise.resolve();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      const piece = chunk.subarray(start, newline);
      const line =
        this.buffered === 0
          ? piece
          : Buffer.concat([...this.chunks, piece], this.buffered + piece.length);
      this.chunks = [];
      this.buffered = 0;
      start = newline + 1;
      if (line.length > this.maxMessageBytes) {
        this.overflow(line.length);
        return;
      }
      this.deliver(line);
      if (this.isClosed()) return;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) return;
    this.buffered += rest.length;
    if (this.buffered > this.maxMessageBytes) {
      this.overflow(this.buffered);
      return;
    }
    this.chunks.push(rest);
  }

  private overflow(size: number): void {
    this.closeReason = `a message from the server exceeded ${String(this.maxMessageBytes)} bytes (at least ${String(size)})`;
    this.chunks = [];
    this.buffered = 0;
    this.onerror?.(new Error(this.closeReason));
    void this.close();
  }

  private deliver(line: Buffer): void {
    const text = line.toString('utf8').trim();
    if (text === '') return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.onerror?.(new Error(`Server wrote a line that is not JSON: ${text.slice(0, 80)}`));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.onerror?.(new Error('Server wrote JSON that is not a JSON-RPC message'));
      return;
    }
    this.onmessage?.(message as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Transport closed'));
    return new Promise((resolveSend, rejectSend) => {
      this.child.stdin.write(`${JSON.stringify(message)}\n`, (error) => {
        if (error) rejectSend(error);
        else resolveSend();
      });
    });
  }

  private isClosed(): boolean {
    return this.closed;
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }

  async close(): Promise<void> {
    this.finish();
    await this.child.kill();
  }
}
