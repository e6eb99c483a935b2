import { type Capability, classifyTool } from '../../analyze/capabilities.js';
import type { Policy } from '../../core/config/schema.js';
import type { ToolDefinition } from '../../core/snapshot.js';
import { askUser } from '../approvals/ask.js';
import type { Question } from '../approvals/types.js';
import { CONTENT_METHODS, contentVerdict } from './output-screening.js';
import {
  checkOneOf,
  describeTool,
  isRequest,
  isResult,
  policyPath,
  requestName,
  resultTool,
} from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext } from './types.js';

const ID = 'taint';
const CHECKLIST = [
  'multi-mcp.cross-mcp-call-control',
  'client.auto-approve.dynamic-risk-assessment',
  'client.management.domain-isolation',
  'client.prompt.prompt-injection-defense',
] as const;

const MODES = ['deny', 'confirm', 'off'];
const SENSITIVE = ['write', 'destructive', 'execute', 'network', 'financial', 'credentials'];

/**
 * Taint tracking across servers. Once a result with prompt-injection signals — or any result from
 * a server with `trust: untrusted` — reached the client, the session is tainted by that server;
 * from then on calls to sensitive tools (`taint.sensitive` capabilities, from `classifyTool`) of
 * other servers are refused (`taint.onInjection: deny`) or need the user's yes (`confirm`, through
 * `askUser`). A tool the session never listed counts as sensitive.
 */
export function taint(policy: Policy): GatewayMiddleware {
  const config = policy.defaults.taint;
  checkOneOf(ID, config.onInjection, MODES, 'defaults.taint.onInjection');
  for (const [index, capability] of config.sensitive.entries()) {
    checkOneOf(ID, capability, SENSITIVE, `defaults.taint.sensitive[${String(index)}]`);
  }
  const classified = new WeakMap<object, ReadonlySet<Capability>>();

  function capabilitiesOf(definition: Record<string, unknown>): ReadonlySet<Capability> {
    let capabilities = classified.get(definition);
    if (capabilities === undefined) {
      capabilities = classifyTool(definition as ToolDefinition).capabilities;
      classified.set(definition, capabilities);
    }
    return capabilities;
  }

  /** `pass`, `refused`, or the question to ask the user (`onInjection: confirm`). */
  function onCall(ctx: MessageContext): 'pass' | 'refused' | Question {
    const tainted = ctx.session.taintedBy;
    const mode = ctx.policy.defaults.taint.onInjection;
    if (tainted === undefined || mode === 'off' || tainted.server === ctx.server) return 'pass';
    const tool = requestName(ctx);
    if (tool === undefined) return 'pass';
    const definition = ctx.session.tools.get(ctx.server)?.get(tool);
    const sensitive = ctx.policy.defaults.taint.sensitive;
    let why: string;
    if (definition === undefined) {
      why = 'never listed, so what it can do is unknown';
    } else {
      const capabilities = capabilitiesOf(definition);
      const hits = sensitive.filter((capability) => capabilities.has(capability));
      if (hits.length === 0) return 'pass';
      why = hits.join(', ');
    }
    const base =
      `This session took in untrusted content from server "${tainted.server}" (${tainted.reason}), ` +
      `so sensitive tools of other servers are not called on its word: ${describeTool(ctx.server, tool)} is sensitive (${why})`;
    if (mode === 'deny') {
      ctx.deny({
        control: ID,
        reason: `${base}; the call is refused (defaults.taint.onInjection: deny).`,
        checklist: CHECKLIST,
        data: { server: ctx.server, tool, taintedBy: tainted.server },
      });
      return 'refused';
    }
    return {
      control: ID,
      reason: `${base}; defaults.taint.onInjection: confirm`,
      checklist: CHECKLIST,
      howToAllow: `${policyPath('servers', tainted.server, 'trust')}: trusted (or defaults.taint.onInjection: off)`,
    };
  }

  function onResult(ctx: MessageContext): void {
    if (ctx.session.taintedBy !== undefined) return;
    if (ctx.policy.defaults.taint.onInjection === 'off') return;
    const request = ctx.request;
    if (request === undefined || !CONTENT_METHODS.has(request.method)) return;
    const tool = request.method === 'tools/call' ? resultTool(ctx) : undefined;
    const source = tool === undefined ? request.method : `tool "${tool}"`;
    let reason: string | undefined;
    if (ctx.serverPolicy.trust === 'untrusted') {
      reason = `${policyPath('servers', ctx.server, 'trust')} is untrusted and ${source} answered`;
    } else {
      const verdict = contentVerdict(ctx);
      if (verdict.malicious) {
        reason = `the answer to ${source} carried instructions aimed at the model, score ${verdict.score.toFixed(2)}`;
      }
    }
    if (reason === undefined) return;
    ctx.session.taintedBy = { server: ctx.server, reason };
    ctx.record({
      control: ID,
      action: 'warn',
      reason: `Session tainted by server "${ctx.server}": ${reason}. Sensitive tools of other servers are refused from now on.`,
      checklist: CHECKLIST,
    });
  }

  return async function taint(ctx, next) {
    if (isRequest(ctx, 'tools/call')) {
      const verdict = onCall(ctx);
      if (verdict === 'refused') return;
      if (verdict !== 'pass' && (await askUser(ctx, verdict)) !== 'approved') return;
    } else if (isResult(ctx)) {
      onResult(ctx);
    }
    await next();
  };
}

export const taintControl: GatewayControl = {
  id: ID,
  title: 'Taint: after untrusted content, sensitive tools of other servers are refused',
  checklist: CHECKLIST,
  create: (policy) => taint(policy),
};
