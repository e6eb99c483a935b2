/**
 * A time budget for screening one message, checked cooperatively: the analyzers call
 * {@link Deadline.check} between passes (analyzer by analyzer, rule by rule, string by string) and
 * it throws {@link ScreeningTimeout} once the time is up, so that the caller can fail closed for
 * that message instead of holding the event loop (and every other session) for as long as a huge
 * or hostile text takes. The clock is the caller's (the gateway's, or a test's), so the analyzers
 * stay free of I/O and of any clock of their own.
 */

/** Thrown by {@link Deadline.check} once the budget is spent. */
export class ScreeningTimeout extends Error {
  /** The budget that was exceeded, in milliseconds. */
  readonly budgetMs: number;

  constructor(budgetMs: number) {
    super(`Screening budget exceeded: screening took longer than ${String(budgetMs)} ms.`);
    this.name = 'ScreeningTimeout';
    this.budgetMs = budgetMs;
  }
}

/**
 * The moment screening must be done by, on a given clock.
 *
 * @example
 * const deadline = Deadline.after(250, () => performance.now());
 * analyzeText(text, { deadline }); // throws ScreeningTimeout past 250 ms
 */
export class Deadline {
  private constructor(
    /** The clock reading at which the budget is spent. */
    readonly at: number,
    readonly budgetMs: number,
    private readonly now: () => number,
  ) {}

  /** A deadline `budgetMs` milliseconds after `now()`. */
  static after(budgetMs: number, now: () => number): Deadline {
    if (!(budgetMs > 0))
      throw new RangeError(`A screening budget must be positive (got ${String(budgetMs)}).`);
    return new Deadline(now() + budgetMs, budgetMs, now);
  }

  /** Whether the budget is spent. */
  expired(): boolean {
    return this.now() >= this.at;
  }

  /** Throws {@link ScreeningTimeout} when the budget is spent. */
  check(): void {
    if (this.expired()) throw new ScreeningTimeout(this.budgetMs);
  }
}

/** {@link Deadline.check} on an optional deadline: no deadline, no limit. */
export function checkDeadline(deadline: Deadline | undefined): void {
  deadline?.check();
}
