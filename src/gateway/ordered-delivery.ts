/**
 * Delivers what comes from a server in the order it came (a progress notification never overtakes
 * the answer it belongs to), however long each message spends in the controls. A message whose
 * controls have not decided within the limit is skipped (fail closed), so that one stuck control
 * cannot hold the others back for ever.
 */

export interface OrderedDeliveryOptions {
  now: () => number;
  /** How long the head of the queue may wait for its controls, ms. */
  limitMs: () => number;
  /** The head was skipped after `limitMs`. */
  onSkipped: (limitMs: number) => void;
  /**
   * The backlog reached `high` messages or `highBytes` (true: stop reading the server), or fell to
   * `low` and `lowBytes` (false). This is what bounds the queue when a server sends faster than
   * the controls decide.
   */
  backlog?: Backlog;
}

export interface Backlog {
  high: number;
  low: number;
  highBytes: number;
  lowBytes: number;
  onFull(full: boolean): void;
}

export class OrderedDelivery {
  private next = 0;
  private out = 0;
  /** When the head of the queue became the head. */
  private since = 0;
  private readonly ready = new Map<number, () => void>();
  private readonly watchdog: NodeJS.Timeout;
  private full = false;
  /** Sizes of the messages not yet delivered, by sequence number, and their sum. */
  private readonly sizes = new Map<number, number>();
  private queuedBytes = 0;

  constructor(private readonly options: OrderedDeliveryOptions) {
    this.watchdog = setInterval(() => {
      this.checkStalled();
    }, 1000);
    this.watchdog.unref();
  }

  /**
   * Runs `act` with the outcome of `work` once everything enqueued before it was delivered;
   * `bytes` is the message's size, for the backlog.
   */
  enqueue<T>(work: Promise<T>, act: (outcome: T) => void, bytes = 0): void {
    const seq = this.next++;
    if (bytes > 0) {
      this.sizes.set(seq, bytes);
      this.queuedBytes += bytes;
    }
    void work.then((outcome) => {
      if (seq < this.out) return;
      this.ready.set(seq, () => {
        act(outcome);
      });
      this.drain();
    });
    if (this.next - this.out === 1) this.since = this.options.now();
    const backlog = this.options.backlog;
    if (
      backlog !== undefined &&
      !this.full &&
      (this.waiting >= backlog.high || this.queuedBytes >= backlog.highBytes)
    ) {
      this.full = true;
      backlog.onFull(true);
    }
  }

  /** The head of the queue is gone (delivered or skipped). */
  private advance(): void {
    const bytes = this.sizes.get(this.out);
    if (bytes !== undefined) {
      this.sizes.delete(this.out);
      this.queuedBytes -= bytes;
    }
    this.out += 1;
    this.since = this.options.now();
  }

  /** Messages enqueued and not yet delivered or skipped. */
  get waiting(): number {
    return this.next - this.out;
  }

  private drain(): void {
    for (;;) {
      const act = this.ready.get(this.out);
      if (act === undefined) break;
      this.ready.delete(this.out);
      this.advance();
      act();
    }
    const backlog = this.options.backlog;
    if (
      backlog !== undefined &&
      this.full &&
      this.waiting <= backlog.low &&
      this.queuedBytes <= backlog.lowBytes
    ) {
      this.full = false;
      backlog.onFull(false);
    }
  }

  /** Skips the head of the queue when its controls are stuck. */
  private checkStalled(): void {
    if (this.out >= this.next || this.ready.has(this.out)) return;
    const limit = this.options.limitMs();
    if (this.options.now() - this.since < limit) return;
    this.options.onSkipped(limit);
    this.advance();
    this.drain();
  }

  /** Stops the watchdog (the session is shutting down). */
  close(): void {
    clearInterval(this.watchdog);
  }
}
