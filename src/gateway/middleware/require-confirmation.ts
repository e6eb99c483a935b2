import type { MessageContext } from './types.js';

/** What a control asks the user to confirm about the request in `ctx`. */
export interface ConfirmationRequest {
  /** The control that asks (`flow-control`); recorded with the decision. Default `confirm`. */
  control?: string;
  /** One or two sentences: why this call needs the user's confirmation. Shown and audited. */
  reason: string;
  /** Checklist items the confirmation addresses. */
  checklist: readonly string[];
  /**
   * What to set in the policy so the call is not held back again (`servers.mail.tools.send_mail.flows:
   * exempt`), for the refusal a client that cannot be asked gets.
   */
  howToAllow?: string;
  /** Extra fields for the JSON-RPC error's `data` on refusal. */
  data?: Record<string, unknown>;
}

/**
 * Asks the user to confirm the request in `ctx` (a client→server request). Resolves `true` when
 * the user approved it, and the caller goes on with `next()`; resolves `false` after it refused
 * the request with `ctx.deny` (declined, expired, or no way to ask), and the caller stops.
 *
 * For now no client is asked: every request is refused as `confirm-refused`, saying why it
 * needed confirmation and how to allow it. Confirmation through the client's own interface
 * (elicitation, `input_required`) replaces this body.
 *
 * @example
 * if (!(await requireConfirmation(ctx, { control: 'flow-control', reason, checklist }))) return;
 * await next();
 */
export function requireConfirmation(
  ctx: MessageContext,
  request: ConfirmationRequest,
): Promise<boolean> {
  const how =
    request.howToAllow === undefined
      ? ''
      : ` To allow it without asking, set ${request.howToAllow} in the policy.`;
  ctx.deny({
    control: request.control ?? 'confirm',
    action: 'confirm-refused',
    reason:
      `${request.reason} It needs the user's confirmation, but mcp-warden cannot ask through ` +
      `the client yet, so the call is refused.${how}`,
    checklist: request.checklist,
    ...(request.data === undefined ? {} : { data: request.data }),
  });
  return Promise.resolve(false);
}
