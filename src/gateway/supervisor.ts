import type { OversizeFrame } from './forwarder.js';
import type { JsonRpcMessage } from './middleware/types.js';
import type { UpstreamHandlers, UpstreamTransport } from './upstream.js';

/**
 * Owns one upstream's lifecycle: starts it, notices when it goes (process exit, closed pipe, a
 * failed health check), restarts it with exponential back-off within a budget, and gives up
 * when the budget is spent. What goes over the connection is the session's business.
 */

export interface RestartPolicy {
  /** Restarts allowed within `windowMs` before giving up (0: never restart). */
  maxRestarts: number;
  windowMs: number;
  /** First delay; doubled after each restart inside the window, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  initialDelayMs: 250,
  maxDelayMs: 8_000,
};

export type UpstreamState = 'starting' | 'up' | 'restarting' | 'failed' | 'stopped';

export interface SupervisorEvents {
  onFrame(line: string, value: unknown, bytes: number): void;
  onOversize(frame: OversizeFrame): void;
  onGarbage(line: string, error: string): void;
  onStderr(line: string): void;
  /** The server stopped reading what we send (true), or caught up (false). */
  onPressure?(full: boolean): void;
  /** The upstream is (again) connected; `restarted` after a failure. */
  onUp(restarted: boolean, transport: UpstreamTransport): void;
  /** The upstream went away; what was in flight is lost. */
  onDown(reason: string): void;
  /** No more restarts. */
  onFailed(reason: string): void;
}

/** `client`: the client stopped reading our output; `backlog`: the controls are behind. */
export type PauseReason = 'client' | 'backlog';

export type StartUpstream = (handlers: UpstreamHandlers) => Promise<UpstreamTransport>;

export class Supervisor {
  private transport: UpstreamTransport | undefined;
  private current = 0;
  private restarts: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stateValue: UpstreamState = 'starting';
  private stopping: Promise<{ survivors: number[] }> | undefined;
  /** Why reading from the server is paused (the client is not reading; a backlog): none = read. */
  private readonly pausedFor = new Set<PauseReason>();
  /** Starts and closes under way, so that `stop()` can wait for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly name: string,
    private readonly start: StartUpstream,
    private readonly events: SupervisorEvents,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): UpstreamState {
    return this.stateValue;
  }

  get connection(): UpstreamTransport | undefined {
    return this.stateValue === 'up' ? this.transport : undefined;
  }

  /** Starts the first connection; rejects only when the upstream cannot be started at all. */
  async launch(): Promise<void> {
    await this.connect(false);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise
      .catch(() => undefined)
      .finally(() => {
        this.inFlight.delete(promise);
      });
    return promise;
  }

  private connect(restarted: boolean): Promise<void> {
    return this.track(this.connectOnce(restarted));
  }

  private async connectOnce(restarted: boolean): Promise<void> {
    const generation = ++this.current;
    const live = (): boolean => generation === this.current && this.stopping === undefined;
    this.stateValue = restarted ? 'restarting' : 'starting';
    let transport: UpstreamTransport;
    try {
      transport = await this.start({
        onFrame: (line, value, bytes) => {
          if (live()) this.events.onFrame(line, value, bytes);
        },
        onOversize: (frame) => {
          if (live()) this.events.onOversize(frame);
        },
        onGarbage: (line, error) => {
          if (live()) this.events.onGarbage(line, error);
        },
        onStderr: (line) => {
          if (generation === this.current) this.events.onStderr(line);
        },
        onPressure: (full) => {
          if (live()) this.events.onPressure?.(full);
        },
        onClose: (reason) => {
          if (live()) this.lost(reason);
        },
      });
    } catch (error) {
      if (!live()) return;
      const reason = `could not start: ${error instanceof Error ? error.message : String(error)}`;
      if (!restarted) {
        this.stateValue = 'failed';
        throw error;
      }
      this.lost(reason);
      return;
    }
    if (!live()) {
      void this.track(transport.close());
      return;
    }
    this.transport = transport;
    this.stateValue = 'up';
    if (this.pausedFor.size > 0) transport.pause();
    this.events.onUp(restarted, transport);
  }

  /** The connection is gone or unhealthy: tell the session, then restart or give up. */
  lost(reason: string): void {
    if (this.stopping !== undefined || this.stateValue === 'failed') return;
    const old = this.transport;
    this.transport = undefined;
    this.current += 1;
    this.stateValue = 'restarting';
    this.events.onDown(reason);
    if (old !== undefined) void this.track(old.close());
    const now = this.now();
    this.restarts = this.restarts.filter((at) => now - at < this.policy.windowMs);
    if (this.restarts.length >= this.policy.maxRestarts) {
      this.stateValue = 'failed';
      this.events.onFailed(
        this.policy.maxRestarts === 0
          ? `${reason}; restarts are off`
          : `${reason}; gave up after ${String(this.policy.maxRestarts)} restarts in ${String(this.policy.windowMs)} ms`,
      );
      return;
    }
    const delay = Math.min(
      this.policy.maxDelayMs,
      this.policy.initialDelayMs * 2 ** this.restarts.length,
    );
    this.restarts.push(now);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect(true);
    }, delay);
  }

  /** The delay before the next restart would start, for error messages. */
  nextDelayMs(): number {
    return Math.min(
      this.policy.maxDelayMs,
      this.policy.initialDelayMs * 2 ** Math.max(0, this.restarts.length - 1),
    );
  }

  send(line: string, message: JsonRpcMessage): Promise<void> | undefined | false {
    const transport = this.connection;
    if (transport === undefined) return false;
    return transport.send(line, message);
  }

  /** Stops reading from the server until every reason given here was taken back by `resume`. */
  pause(reason: PauseReason = 'client'): void {
    const before = this.pausedFor.size;
    this.pausedFor.add(reason);
    if (before === 0) this.transport?.pause();
  }

  resume(reason: PauseReason = 'client'): void {
    if (!this.pausedFor.delete(reason) || this.pausedFor.size > 0) return;
    this.transport?.resume();
  }

  /** Stops for good: no restart, and every process of the server ended. */
  stop(): Promise<{ survivors: number[] }> {
    this.stopping ??= (async () => {
      if (this.timer !== undefined) clearTimeout(this.timer);
      const transport = this.transport;
      this.transport = undefined;
      this.stateValue = 'stopped';
      const report = transport === undefined ? { survivors: [] } : await transport.close();
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      return report;
    })();
    return this.stopping;
  }
}
