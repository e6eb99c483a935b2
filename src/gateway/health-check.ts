/**
 * The periodic health check of one upstream: a `ping` every `intervalMs` while the server is up
 * and past its handshake, at most one outstanding; no answer within `timeoutMs` means the server
 * is lost (the supervisor restarts it).
 */

export interface HealthCheck {
  intervalMs: number;
  timeoutMs: number;
}

export interface HealthCheckTarget {
  /** Whether a ping makes sense now (the server is up and past its handshake). */
  canPing(): boolean;
  /** Sends a ping; resolves when it is answered or given up. */
  ping(timeoutMs: number): Promise<unknown>;
  /** The server did not answer in time. */
  lost(reason: string): void;
}

export class HealthChecker {
  private timer: NodeJS.Timeout | undefined;
  private outstanding: NodeJS.Timeout | undefined;

  constructor(
    private readonly check: HealthCheck,
    private readonly target: HealthCheckTarget,
  ) {}

  start(): void {
    this.stop();
    const { check, target } = this;
    const timer = setInterval(() => {
      if (this.timer !== timer || !target.canPing() || this.outstanding !== undefined) return;
      const deadline = setTimeout(() => {
        if (this.outstanding === deadline) this.outstanding = undefined;
        target.lost(`health check: no answer to ping within ${String(check.timeoutMs)} ms`);
      }, check.timeoutMs);
      this.outstanding = deadline;
      void target.ping(check.timeoutMs * 2).then(() => {
        clearTimeout(deadline);
        if (this.outstanding === deadline) this.outstanding = undefined;
      });
    }, check.intervalMs);
    timer.unref();
    this.timer = timer;
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.outstanding !== undefined) clearTimeout(this.outstanding);
    this.outstanding = undefined;
  }
}
