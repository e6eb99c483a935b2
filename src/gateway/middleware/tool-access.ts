import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import {
  checkOneOf,
  DescribeTool,
  isRecord,
  isRequest,
  isResult,
  listNames,
  policyPath,
  requestName,
} from './shared.js';
import { GATEWAY_ERROR, type GatewayControl, type GatewayMiddleware } from './types.js';

const ID = 'tool-access';
const CHECKLIST = [
  'server.auth.access-control',
  'client.management.server-directory',
  'client.auto-approve.auto-approve-restrictions',
] as const;

const ACTIONS = ['allow', 'deny', 'confirm'];

export interface ResolvedAction {
  action: 'allow' | 'deny' | 'confirm';
  /** Where the policy said so: `servers.fs.tools.write_file.action`, `defaults.action`. */
  source: string;
}

/**
 * What the policy says about one tool: its own entry, then `tools['*']`, then the server's
 * `action`, then `defaults.action`.
 *
 * @example
 * resolveToolAction(policy, 'fs', policy.servers.fs, 'write_file');
 * // { action: 'confirm', source: 'servers.fs.action' }
 */
export function resolveToolAction(
  policy: Policy,
  server: string,
  serverPolicy: ServerPolicy,
  tool: string,
): ResolvedAction {
  const own = Object.hasOwn(serverPolicy.tools, tool) ? serverPolicy.tools[tool] : undefined;
  if (own?.action !== undefined) {
    return { action: own.action, source: policyPath('servers', server, 'tools', tool, 'action') };
  }
  const star = serverPolicy.tools['*'];
  if (star?.action !== undefined) {
    return { action: star.action, source: policyPath('servers', server, 'tools', '*', 'action') };
  }
  if (serverPolicy.action !== undefined) {
    return { action: serverPolicy.action, source: policyPath('servers', server, 'action') };
  }
  return { action: policy.defaults.action, source: 'defaults.action' };
}

function checkActions(policy: Policy): void {
  checkOneOf(ID, policy.defaults.action, ACTIONS, 'defaults.action');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    if (serverPolicy.action !== undefined) {
      checkOneOf(ID, serverPolicy.action, ACTIONS, policyPath('servers', server, 'action'));
    }
    for (const [tool, toolPolicy] of Object.entries(serverPolicy.tools)) {
      if (toolPolicy.action !== undefined) {
        const at = policyPath('servers', server, 'tools', tool, 'action');
        checkOneOf(ID, toolPolicy.action, ACTIONS, at);
      }
    }
  }
}

/**
 * Allow, deny or confirm per server and tool. Denied tools are refused and left out of the
 * server's tool list; `confirm` goes on to the `confirm` control, which asks the user once every
 * other control let the call through.
 */
export function toolAccess(policy: Policy): GatewayMiddleware {
  checkActions(policy);
  return async function toolAccess(ctx, next) {
    if (isRequest(ctx, 'tools/call')) {
      const tool = requestName(ctx);
      if (tool === undefined) {
        ctx.deny({
          control: ID,
          reason: 'tools/call without a tool name (params.name) is refused.',
          code: GATEWAY_ERROR.invalidParams,
          checklist: CHECKLIST,
        });
        return;
      }
      const { action, source } = resolveToolAction(ctx.policy, ctx.server, ctx.serverPolicy, tool);
      if (action === 'deny') {
        ctx.deny({
          control: ID,
          reason: `${DescribeTool(ctx.server, tool)} is denied by the policy (${source}: deny).`,
          checklist: CHECKLIST,
          data: { server: ctx.server, tool, policy: source },
        });
        return;
      }
      // `confirm` is the confirm control's, once every other control let the call through.
      await next();
      return;
    }
    if (isResult(ctx, 'tools/list')) {
      const result = ctx.message.result;
      const tools = isRecord(result) ? result.tools : undefined;
      if (Array.isArray(tools)) {
        const denied: string[] = [];
        const kept = tools.filter((tool: unknown) => {
          if (!isRecord(tool) || typeof tool.name !== 'string') return true;
          const { action } = resolveToolAction(ctx.policy, ctx.server, ctx.serverPolicy, tool.name);
          if (action !== 'deny') return true;
          denied.push(tool.name);
          return false;
        });
        if (denied.length > 0 && isRecord(result)) {
          ctx.message = { ...ctx.message, result: { ...result, tools: kept } };
          ctx.record({
            control: ID,
            action: 'withhold',
            reason: `Left out of the tool list of server "${ctx.server}": ${listNames(denied)}, denied by the policy.`,
            checklist: CHECKLIST,
          });
        }
      }
    }
    await next();
  };
}

export const toolAccessControl: GatewayControl = {
  id: ID,
  title: 'Tool access: allow, deny or confirm per server and tool',
  checklist: CHECKLIST,
  create: (policy) => toolAccess(policy),
};
