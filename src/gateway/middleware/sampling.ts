import { toolResultVerdict } from '../../analyze/verdict.js';
import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import { recordHiddenText, screenServerText, verdictRules } from './output-screening.js';
import { checkOneOf, inputRequestControl, policyPath, type InputRequestVerdict } from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext } from './types.js';

const ID = 'sampling';
const CHECKLIST = [
  'client.sampling.context-inclusion-control',
  'client.sampling.sampling-request-validation',
  'client.sampling.user-control',
  'client.prompt.prompt-injection-defense',
  'llm.execution.malicious-prompt-prevention',
] as const;

/** From the least to the most conversation context a request may ask for. */
const CONTEXTS = ['none', 'thisServer', 'allServers'] as const;

/** `defaults.sampling` with the server's own entries over it. */
export function samplingPolicy(
  policy: Policy,
  serverPolicy: ServerPolicy,
): Policy['defaults']['sampling'] {
  return { ...policy.defaults.sampling, ...serverPolicy.sampling };
}

/** Where a setting of a server comes from, for messages. */
function settingPath(ctx: MessageContext, key: string): string {
  return ctx.serverPolicy.sampling?.[key as keyof typeof ctx.serverPolicy.sampling] === undefined
    ? `defaults.sampling.${key}`
    : policyPath('servers', ctx.server, 'sampling', key);
}

/**
 * Judges a server's `sampling/createMessage` request before the client sees it: refused where
 * the policy does not allow the server to sample (`sampling.action`) or when it asks for more
 * conversation context than `sampling.includeContext`; `maxTokens` capped to
 * `sampling.maxTokens`; the messages and system prompt screened like tool output (secrets, hidden
 * text, and prompt injection judged as in tool results: `sampling.injection` blocks or reports
 * it). Both eras: a 2025 server→client request, or a request embedded in a 2026-07-28
 * `input_required` result (refusing one refuses the whole result). What the client answers goes
 * back through `outbound`.
 */
export function sampling(policy: Policy): GatewayMiddleware {
  const check = (value: Policy['defaults']['sampling'], at: string): void => {
    checkOneOf(ID, value.action, ['allow', 'deny'], `${at}.action`);
    checkOneOf(ID, value.includeContext, CONTEXTS, `${at}.includeContext`);
    checkOneOf(ID, value.injection, ['block', 'warn', 'off'], `${at}.injection`);
  };
  check(policy.defaults.sampling, 'defaults.sampling');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    check(samplingPolicy(policy, serverPolicy), policyPath('servers', server, 'sampling'));
  }

  function judge(ctx: MessageContext, params: Record<string, unknown>): InputRequestVerdict {
    const rules = samplingPolicy(ctx.policy, ctx.serverPolicy);
    if (rules.action === 'deny') {
      return {
        refuse: `Server "${ctx.server}" may not ask the client to sample the model (${settingPath(ctx, 'action')}: deny).`,
      };
    }
    const asked = params.includeContext ?? 'none';
    const askedRank = CONTEXTS.indexOf(asked as (typeof CONTEXTS)[number]);
    if (askedRank < 0 || askedRank > CONTEXTS.indexOf(rules.includeContext)) {
      return {
        refuse: `Server "${ctx.server}" asked for conversation context ${JSON.stringify(asked)} in a sampling request; the policy allows at most "${rules.includeContext}" (${settingPath(ctx, 'includeContext')}).`,
      };
    }

    const what = `the sampling request of server "${ctx.server}"`;
    const text = {
      messages: params.messages,
      ...(params.systemPrompt === undefined ? {} : { systemPrompt: params.systemPrompt }),
    };
    const screened = screenServerText(ctx, text, {
      what,
      analyse: rules.injection !== 'off',
    });
    const blocks = [...screened.blocks];
    if (rules.injection !== 'off') {
      const verdict = toolResultVerdict(screened.signals);
      if (verdict.malicious) {
        const found = `instructions aimed at the model in ${what} (score ${verdict.score.toFixed(2)}: ${verdictRules(verdict)})`;
        if (rules.injection === 'block') {
          blocks.push(`${found} (${settingPath(ctx, 'injection')}: block)`);
        } else {
          ctx.record({
            control: ID,
            action: 'warn',
            reason: `Found ${found}.`,
            checklist: CHECKLIST,
          });
        }
      }
    }
    if (blocks.length > 0) return { refuse: `Blocked: ${blocks.join('; ')}.` };
    recordHiddenText(ctx, screened.hidden, what);

    let rewritten: Record<string, unknown> | undefined;
    if (screened.value !== text) rewritten = { ...params, ...(screened.value as object) };
    const maxTokens = params.maxTokens;
    if (typeof maxTokens !== 'number' || maxTokens > rules.maxTokens) {
      rewritten = { ...(rewritten ?? params), maxTokens: rules.maxTokens };
      ctx.record({
        control: ID,
        action: 'rewrite',
        reason: `Capped the sampling request of server "${ctx.server}" at ${String(rules.maxTokens)} tokens (asked: ${typeof maxTokens === 'number' ? String(maxTokens) : 'none'}; ${settingPath(ctx, 'maxTokens')}).`,
        checklist: CHECKLIST,
      });
    }
    return rewritten === undefined ? {} : { params: rewritten };
  }

  return inputRequestControl({ id: ID, checklist: CHECKLIST }, 'sampling/createMessage', judge);
}

export const samplingControl: GatewayControl = {
  id: ID,
  title: 'Sampling: server requests to sample the model allowed, capped and screened',
  checklist: CHECKLIST,
  create: (policy) => sampling(policy),
};
