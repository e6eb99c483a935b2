import type { MessageContext } from '../middleware/types.js';

/**
 * What {@link askUser} answers:
 * - `approved`: the user said yes (once, or earlier for the whole session); call `next()`.
 * - `declined`: the user said no, or the approval did not match the call; already refused.
 * - `expired`: nobody answered within `defaults.confirm.approvalTtlMs`, or the approval ran out;
 *   already refused.
 * - `unavailable`: nobody can be asked (the client cannot, and no terminal channel); already
 *   refused with a message that says how to allow the call.
 * - `asked`: a 2026-07-28 client was answered with `input_required`; the client asks the user and
 *   retries the call, which comes through the controls again. Stop, without `next()`.
 *
 * Anything but `approved`: return without calling `next()` (the message is already decided).
 */
export type AskAnswer = 'approved' | 'declined' | 'expired' | 'unavailable' | 'asked';

/** Why a control needs the user's yes. */
export interface Question {
  /** The asking control's id, for the audit log and the refusal (`tool-access`, `taint`, …). */
  control: string;
  /** One or two sentences for the user: why this call needs a yes. */
  reason: string;
  checklist?: readonly string[];
  /**
   * What to set in the policy so the call is not asked again, for the refusal a client that
   * cannot ask gets (default: the tool's `action: allow`).
   */
  howToAllow?: string;
}

/** The gateway's channel to the user, behind `ctx.approvals`. */
export interface UserAsker {
  ask(ctx: MessageContext, question: Question): Promise<AskAnswer>;
}
