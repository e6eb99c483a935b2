import {
  classifyTool,
  strongEvidence,
  type Capability,
  type ToolClassification,
} from '../../analyze/capabilities.js';
import { CONFIRMABLE_CAPABILITIES, type Policy } from '../../core/config/schema.js';
import type { ToolDefinition } from '../../core/snapshot.js';
import { askUser } from '../approvals/ask.js';
import { checkOneOf, isRequest, optionsError, policyPath, requestName } from './shared.js';
import { resolveToolAction } from './tool-access.js';
import type { GatewayControl, GatewayMiddleware } from './types.js';

const ID = 'confirm';
const CHECKLIST = [
  'client.ui.confirmation-of-sensitive-operations',
  'client.auto-approve.auto-approve-restrictions',
  'client.auto-approve.approval-process-auditing',
  'crypto.transfer-information-confirmation',
] as const;

/**
 * The user confirms sensitive tool calls, through `askUser` (in the client, else at
 * `mcp-warden approve`): tools whose action is `confirm` in the policy, and — when the policy
 * leaves a tool to `defaults.action: allow` — tools classified with a capability of
 * `defaults.confirm.capabilities` (strong evidence from the name, schema, description or
 * annotations: moving funds or signing, deleting, running code, handing out keys). An explicit
 * `allow` for the tool or its server is not asked. Runs last, so the user is asked only about a
 * call every other control let through, with the arguments the server will get.
 */
export function confirm(policy: Policy): GatewayMiddleware {
  const settings = policy.defaults.confirm;
  for (const [index, capability] of settings.capabilities.entries()) {
    checkOneOf(
      ID,
      capability,
      CONFIRMABLE_CAPABILITIES,
      `defaults.confirm.capabilities[${String(index)}]`,
    );
  }
  if (!Number.isInteger(settings.approvalTtlMs) || settings.approvalTtlMs <= 0) {
    throw optionsError(ID, 'defaults.confirm.approvalTtlMs must be a positive integer.');
  }
  const classified = new WeakMap<object, ToolClassification>();

  /** Why the tool's classification asks for confirmation, or undefined. */
  function classifiedReason(definition: Record<string, unknown>): string | undefined {
    let classification = classified.get(definition);
    if (classification === undefined) {
      classification = classifyTool(definition as ToolDefinition);
      classified.set(definition, classification);
    }
    const evidence = settings.capabilities.flatMap((capability) =>
      strongEvidence(classification, capability as Capability, { annotations: true }),
    );
    if (evidence.length === 0) return undefined;
    const capabilities = [...new Set(evidence.map((e) => e.capability))];
    const details = evidence
      .slice(0, 3)
      .map((e) => `${e.capability}: ${e.detail}`)
      .join('; ');
    const funds =
      classification.fundsOperations.length > 0
        ? `; it can ${classification.fundsOperations.join(', ')}`
        : '';
    return `the tool is classified ${capabilities.join(', ')} (${details}${funds}), and defaults.confirm.capabilities asks the user for those`;
  }

  return async function confirm(ctx, next) {
    if (!isRequest(ctx, 'tools/call')) {
      await next();
      return;
    }
    const tool = requestName(ctx);
    if (tool === undefined) {
      await next();
      return;
    }
    const { action, source } = resolveToolAction(ctx.policy, ctx.server, ctx.serverPolicy, tool);
    let reason: string | undefined;
    if (action === 'confirm') {
      reason = `the policy asks for it (${source}: confirm)`;
    } else if (action === 'allow' && source === 'defaults.action') {
      const definition = ctx.session.tools.get(ctx.server)?.get(tool);
      reason =
        definition === undefined
          ? 'the tool was never listed, so what it can do is unknown'
          : classifiedReason(definition);
    }
    if (reason === undefined) {
      await next();
      return;
    }
    const howToAllow = `${policyPath('servers', ctx.server, 'tools', tool, 'action')}: allow`;
    const answer = await askUser(ctx, { control: ID, reason, checklist: CHECKLIST, howToAllow });
    if (answer !== 'approved') return;
    await next();
  };
}

export const confirmControl: GatewayControl = {
  id: ID,
  title: 'Confirm: the user approves sensitive calls, bound to their exact arguments',
  checklist: CHECKLIST,
  create: (policy) => confirm(policy),
};
