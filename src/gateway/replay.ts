import type { JsonRpcMessage } from './middleware/types.js';

/**
 * What a restarted server must be told again so that the client does not notice the restart: the
 * client's handshake (only one the server accepted), its logging level and its resource
 * subscriptions — and whether the handshake is complete.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How the replay reaches the server. */
export interface ReplayChannel {
  /** A request of the gateway's own; `throughControls` runs it through the controls. */
  request(
    method: string,
    params: unknown,
    options?: { throughControls?: boolean },
  ): Promise<JsonRpcMessage>;
  notify(method: string): void;
}

export class SessionReplay {
  /** The client's `initialize` params the server accepted. */
  private handshake: Record<string, unknown> | undefined;
  private loggingLevel: unknown;
  private readonly subscriptions = new Set<string>();
  /** Whether the 2025 handshake is complete (`notifications/initialized` sent). */
  initialized = false;

  /** Keeps what a client request changes about the session. */
  remember(method: string, params: unknown): void {
    switch (method) {
      case 'initialize':
        this.initialized = false;
        break;
      case 'logging/setLevel':
        if (isRecord(params)) this.loggingLevel = params.level;
        break;
      case 'resources/subscribe':
        if (isRecord(params) && typeof params.uri === 'string') this.subscriptions.add(params.uri);
        break;
      case 'resources/unsubscribe':
        if (isRecord(params) && typeof params.uri === 'string') {
          this.subscriptions.delete(params.uri);
        }
        break;
      default:
    }
  }

  /** The server accepted this handshake. */
  accepted(params: Record<string, unknown>): void {
    this.handshake = params;
  }

  /**
   * Tells the restarted server what it knew. Resolves with the server's refusal of the handshake
   * (then nothing else was replayed), or undefined.
   */
  async replay(channel: ReplayChannel): Promise<string | undefined> {
    const handshake = this.handshake;
    if (handshake !== undefined) {
      const answer = await channel.request('initialize', handshake, { throughControls: true });
      if (answer.error !== undefined) return answer.error.message;
      channel.notify('notifications/initialized');
      this.initialized = true;
    }
    if (this.loggingLevel !== undefined) {
      await channel.request('logging/setLevel', { level: this.loggingLevel });
    }
    for (const uri of this.subscriptions) {
      await channel.request('resources/subscribe', { uri });
    }
    return undefined;
  }
}
