import type { MessageContext } from '../middleware/types.js';
import type { AskAnswer, Question } from './types.js';

/**
 * Asks the user to confirm the request in `ctx` — the one way a control gets a yes. It asks in
 * the client (elicitation, or `input_required` for 2026-07-28 clients), else waits for
 * `mcp-warden approve`; it records the outcome, and refuses the request itself unless the answer
 * is `approved`. So a control does:
 *
 * @example
 * if ((await askUser(ctx, { control: 'taint', reason: 'untrusted content entered the session' })) !== 'approved') return;
 * await next();
 */
export async function askUser(ctx: MessageContext, question: Question): Promise<AskAnswer> {
  const asker = ctx.approvals;
  if (asker === undefined || ctx.kind !== 'request' || ctx.direction !== 'client-to-server') {
    ctx.deny({
      control: question.control,
      action: 'confirm-refused',
      reason:
        `This request needs the user's confirmation (${question.reason}), but this gateway has ` +
        'no way to ask, so it is refused.' +
        (question.howToAllow === undefined
          ? ''
          : ` To allow it without asking, set ${question.howToAllow} in the policy.`),
      ...(question.checklist === undefined ? {} : { checklist: question.checklist }),
    });
    return 'unavailable';
  }
  return asker.ask(ctx, question);
}
