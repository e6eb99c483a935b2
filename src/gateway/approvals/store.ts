import { randomBytes } from 'node:crypto';

/**
 * The approvals of one client session, in memory: questions the client was asked through a
 * 2026-07-28 `input_required` result (answered on the retry), and tools the user allowed for the
 * rest of the session. A question is bound to one exact call ({@link callBinding}), answered at
 * most once, and expires.
 */

export interface OpenQuestion {
  /** Opaque, unguessable: the `requestState` the client echoes back. */
  id: string;
  /** The control that asked: its question, its answer. */
  control: string;
  binding: string;
  server: string;
  tool: string | undefined;
  expiresAt: number;
}

export type TakeResult =
  | { status: 'ok'; question: OpenQuestion }
  | { status: 'unknown' }
  | { status: 'expired'; question: OpenQuestion }
  | { status: 'mismatch'; question: OpenQuestion };

export interface SessionAllowance {
  /** The control that asked: an allowance answers that control's question only. */
  control: string;
  server: string;
  tool: string;
  since: number;
}

function sessionKey(control: string, server: string, tool: string): string {
  return `${control}\u0000${server}\u0000${tool}`;
}

export class ApprovalStore {
  private readonly open = new Map<string, OpenQuestion>();
  private readonly session = new Map<string, SessionAllowance>();

  constructor(private readonly ttlMs: number) {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
      throw new RangeError(`approvalTtlMs must be a positive integer (got ${String(ttlMs)})`);
    }
  }

  /** Opens a question about one call; it is answered by {@link take} before `now + ttlMs`. */
  ask(
    control: string,
    binding: string,
    server: string,
    tool: string | undefined,
    now: number,
  ): OpenQuestion {
    this.sweep(now);
    const question: OpenQuestion = {
      id: `mcp-warden:${randomBytes(18).toString('base64url')}`,
      control,
      binding,
      server,
      tool,
      expiresAt: now + this.ttlMs,
    };
    this.open.set(question.id, question);
    return question;
  }

  /**
   * The answer's turn: the question `id` is removed whatever happens (an approval is used at most
   * once); it counts only for the same call (`binding`) and before it expired.
   */
  take(id: string, binding: string, now: number): TakeResult {
    const question = this.open.get(id);
    if (question === undefined) return { status: 'unknown' };
    this.open.delete(id);
    if (now >= question.expiresAt) return { status: 'expired', question };
    if (question.binding !== binding) return { status: 'mismatch', question };
    return { status: 'ok', question };
  }

  /** The open question `id`, without answering it. */
  peek(id: string): OpenQuestion | undefined {
    return this.open.get(id);
  }

  /** Whether `id` looks like one of ours (so the retry fields are the gateway's to strip). */
  static owns(id: unknown): id is string {
    return typeof id === 'string' && id.startsWith('mcp-warden:');
  }

  /**
   * The user chose "allow for this session" for this tool when `control` asked. Another control's
   * question about the tool (taint, after untrusted content came in) is still asked.
   */
  allowForSession(control: string, server: string, tool: string, now: number): void {
    this.session.set(sessionKey(control, server, tool), { control, server, tool, since: now });
  }

  /** The allowance that answers `control`'s question about this tool, if the user gave one. */
  sessionAllowance(control: string, server: string, tool: string): SessionAllowance | undefined {
    return this.session.get(sessionKey(control, server, tool));
  }

  /** Questions still open (tests). */
  get size(): number {
    return this.open.size;
  }

  private sweep(now: number): void {
    for (const [id, question] of this.open) {
      if (now >= question.expiresAt) this.open.delete(id);
    }
  }
}
