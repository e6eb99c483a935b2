import { randomBytes } from 'node:crypto';
import { CLIENT_CAPABILITIES_META, type EraTracker } from '../classifier.js';
import type { JsonRpcMessage } from '../middleware/types.js';

/**
 * The gateway's own requests to the client (its questions), on the client's connection: what the
 * client declared it can do, sending `elicitation/create` under ids of the gateway's own
 * (`mcp-warden/ask/<n>-<random>`, which a server cannot guess), and taking the client's answers to them before the
 * router looks for a server that asked.
 */

const ID_PREFIX = 'mcp-warden/ask/';

export type ChannelAnswer =
  { ok: true; result: unknown } | { ok: false; reason: string; timedOut?: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a capabilities object offers form-mode elicitation (`{}` means form, 2025-06-18). */
export function offersFormElicitation(capabilities: unknown): boolean {
  if (!isRecord(capabilities)) return false;
  const elicitation = capabilities.elicitation;
  if (!isRecord(elicitation)) return false;
  return 'form' in elicitation || !('url' in elicitation);
}

export class ClientChannel {
  private next = 0;
  private readonly waiting = new Map<string, (answer: ChannelAnswer) => void>();
  /** The 2025 client's capabilities, from its `initialize`. */
  private capabilities: unknown;
  private closed = false;

  constructor(
    private readonly send: (message: JsonRpcMessage) => void,
    private readonly era: EraTracker,
  ) {}

  /** The router saw the client's `initialize`. */
  noteInitialize(params: unknown): void {
    this.capabilities = isRecord(params) ? params.capabilities : undefined;
  }

  /**
   * Whether the client can show a form-mode question now: a 2025 client by its `initialize`, a
   * 2026-07-28 client by the capabilities in this request's envelope.
   */
  canElicit(request: JsonRpcMessage): boolean {
    if (this.closed) return false;
    if (this.era.value === '2026') {
      const params = request.params;
      const meta = isRecord(params) && isRecord(params._meta) ? params._meta : undefined;
      return offersFormElicitation(meta?.[CLIENT_CAPABILITIES_META]);
    }
    return offersFormElicitation(this.capabilities);
  }

  /** Sends a request to the client and waits for its answer, at most `timeoutMs`. */
  request(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ChannelAnswer> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'the client is gone' });
    // Unguessable: in `wrap` a server's own requests reach the client with the server's ids, so
    // a server that could predict ours could have the answer to its question taken as a yes.
    const id = `${ID_PREFIX}${String(++this.next)}-${randomBytes(12).toString('base64url')}`;
    return new Promise((resolveAnswer) => {
      const finish = (answer: ChannelAnswer): void => {
        if (!this.waiting.delete(id)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (!answer.ok) {
          // Tell the client to close the question it may still show.
          this.send({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: id, reason: `mcp-warden: ${answer.reason}` },
          });
        }
        resolveAnswer(answer);
      };
      const onAbort = (): void => {
        finish({ ok: false, reason: 'the call ended before the answer' });
      };
      const timer = setTimeout(() => {
        finish({
          ok: false,
          reason: `no answer within ${String(timeoutMs)} ms`,
          timedOut: true,
        });
      }, timeoutMs);
      this.waiting.set(id, finish);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Takes the client's answer to one of the gateway's requests; false when it is not one. */
  takeAnswer(message: JsonRpcMessage): boolean {
    const id = message.id;
    if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) return false;
    const finish = this.waiting.get(id);
    if (finish === undefined) return true;
    if (message.error !== undefined) {
      finish({ ok: false, reason: `the client answered with an error: ${message.error.message}` });
    } else {
      finish({ ok: true, result: message.result });
    }
    return true;
  }

  /** The client hung up: every question is unanswered. */
  close(): void {
    this.closed = true;
    for (const finish of [...this.waiting.values()]) {
      finish({ ok: false, reason: 'the client is gone' });
    }
  }
}
