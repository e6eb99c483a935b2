import type { JsonRpcId } from './classifier.js';
import type { JsonRpcMessage, PendingRequest } from './middleware/types.js';
import type { DeadlineDenial } from './pipeline.js';

/**
 * The client→server requests one upstream owes an answer to: correlation by id (and by progress
 * token), a deadline per request, exactly one answer per request, and a way to wait until every
 * answerable request has its answer.
 */

/** What a pending request's answer is handed to: the message, and its exact line when unchanged. */
export type Reply = (message: JsonRpcMessage, line: string | undefined) => void;

export interface PendingEntry {
  id: JsonRpcId;
  request: PendingRequest;
  reply: Reply;
  timer: NodeJS.Timeout | undefined;
  timeoutMs: number;
  /** Sent to the server (so a timeout must cancel it there). */
  sent: boolean;
  settled: boolean;
  internal: boolean;
  /** The gateway's own request that skips the controls (health check): answered as is. */
  bypass: boolean;
  progressToken?: string | number;
  /** What a control asked the deadline to say (`ctx.setDeadline`). */
  deadline?: DeadlineDenial;
  /** `ctx.onSettled` callbacks. */
  whenSettled?: (() => void)[];
}

/** Methods whose requests stay open by design: no deadline. */
export const OPEN_ENDED: ReadonlySet<string> = new Set(['subscriptions/listen']);

export interface RequestTableOptions {
  /** A request's deadline passed (it is still pending: the caller settles it). */
  onExpire(entry: PendingEntry): void;
  log: (text: string) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RequestTable {
  private readonly pending = new Map<JsonRpcId, PendingEntry>();
  private readonly progress = new Map<string | number, PendingEntry>();
  private readonly drainWaiters: (() => void)[] = [];

  constructor(private readonly options: RequestTableOptions) {}

  get(id: JsonRpcId): PendingEntry | undefined {
    return this.pending.get(id);
  }

  has(id: JsonRpcId): boolean {
    return this.pending.has(id);
  }

  /** Adds a request, arms its deadline unless it is open-ended, and indexes its progress token. */
  add(entry: PendingEntry): void {
    this.pending.set(entry.id, entry);
    if (!OPEN_ENDED.has(entry.request.method)) this.arm(entry);
    if (entry.progressToken !== undefined) this.progress.set(entry.progressToken, entry);
  }

  /** The request a progress token belongs to. */
  byProgressToken(token: string | number): PendingEntry | undefined {
    return this.progress.get(token);
  }

  /** (Re)starts a request's deadline from now. */
  arm(entry: PendingEntry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (!entry.settled) this.options.onExpire(entry);
    }, entry.timeoutMs);
  }

  /** Hands the request its answer, once; later answers are ignored. */
  settle(entry: PendingEntry, message: JsonRpcMessage, line: string | undefined): void {
    if (entry.settled) return;
    entry.settled = true;
    this.release(entry);
    entry.reply(message, line);
    this.runWhenSettled(entry);
  }

  /** Forgets a request the client cancelled: a late answer is dropped. */
  forget(id: JsonRpcId): void {
    const entry = this.pending.get(id);
    if (entry === undefined || entry.internal) return;
    entry.settled = true;
    this.release(entry);
    this.runWhenSettled(entry);
  }

  /** Runs `callback` when the request settles (at once when it has). */
  whenSettled(entry: PendingEntry, callback: () => void): void {
    if (entry.settled) {
      this.runSettled(callback);
      return;
    }
    (entry.whenSettled ??= []).push(callback);
  }

  /** Every pending request (to fail them all). */
  entries(): PendingEntry[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every answerable request has its answer (or hit its deadline). */
  drained(): Promise<void> {
    if (this.answerable() === 0) return Promise.resolve();
    return new Promise((done) => this.drainWaiters.push(done));
  }

  /** Requests that will be answered or time out: every pending one but open-ended streams. */
  private answerable(): number {
    let count = 0;
    for (const entry of this.pending.values()) if (!OPEN_ENDED.has(entry.request.method)) count++;
    return count;
  }

  private runWhenSettled(entry: PendingEntry): void {
    const callbacks = entry.whenSettled;
    if (callbacks === undefined) return;
    entry.whenSettled = undefined;
    for (const callback of callbacks) this.runSettled(callback);
  }

  private runSettled(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.options.log(`an onSettled callback threw: ${errorMessage(error)}`);
    }
  }

  private release(entry: PendingEntry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.pending.get(entry.id) === entry) this.pending.delete(entry.id);
    if (this.drainWaiters.length > 0 && this.answerable() === 0) {
      for (const done of this.drainWaiters.splice(0)) done();
    }
    if (entry.progressToken !== undefined && this.progress.get(entry.progressToken) === entry) {
      this.progress.delete(entry.progressToken);
    }
  }
}
