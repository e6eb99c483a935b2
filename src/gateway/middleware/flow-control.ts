import {
  classifyToolClasses,
  policyToolClasses,
  TOOL_CLASSES,
  type ToolClass,
  type ToolClasses,
} from '../../analyze/tool-classes.js';
import type { Policy, ServerPolicy } from '../../core/config/schema.js';
import type { ToolDefinition } from '../../core/snapshot.js';
import {
  type FlowEntry,
  type FlowLedger,
  type FlowState,
  MemoryFlowLedger,
} from './flow-ledger.js';
import { askUser } from '../approvals/ask.js';
import { CONTENT_METHODS, contentVerdict } from './output-screening.js';
import {
  checkOneOf,
  describeTool,
  isRequest,
  isResult,
  perSession,
  policyPath,
  requestName,
  resultTool,
  toolPolicies,
} from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext, SessionState } from './types.js';

const ID = 'flow-control';
const CHECKLIST = [
  'multi-mcp.cross-mcp-call-control',
  'client.auto-approve.dynamic-risk-assessment',
  'client.management.domain-isolation',
  'client.prompt.prompt-injection-defense',
] as const;

/** A tool the session never listed: nothing is known, so it counts as every gated class. */
const UNKNOWN_CLASSES: ReadonlySet<ToolClass> = new Set(['outbound', 'financial', 'destructive']);

interface Gate {
  rule: string;
  classes: ToolClass[];
}

/** A tool's flow override: its own entry, then `tools['*']`, then the server's. */
function overrideOf(
  server: string,
  serverPolicy: ServerPolicy,
  tool: string,
): { mode: 'exempt' | 'strict'; path: string } | undefined {
  for (const { key, policy } of toolPolicies(serverPolicy, tool)) {
    if (policy.flows !== undefined) {
      return { mode: policy.flows, path: policyPath('servers', server, 'tools', key, 'flows') };
    }
  }
  if (serverPolicy.flows !== undefined) {
    return { mode: serverPolicy.flows, path: policyPath('servers', server, 'flows') };
  }
  return undefined;
}

function classOverride(
  server: string,
  serverPolicy: ServerPolicy,
  tool: string | undefined,
): { path: string; classes: readonly ToolClass[] } | undefined {
  if (tool !== undefined) {
    for (const { key, policy } of toolPolicies(serverPolicy, tool)) {
      if (policy.classes !== undefined) {
        return {
          path: policyPath('servers', server, 'tools', key, 'classes'),
          classes: policy.classes,
        };
      }
    }
  }
  if (serverPolicy.classes !== undefined) {
    return { path: policyPath('servers', server, 'classes'), classes: serverPolicy.classes };
  }
  return undefined;
}

function describeEntry(entry: FlowEntry): string {
  const source = entry.source.includes('/')
    ? `${entry.source} of server "${entry.server}"`
    : describeTool(entry.server, entry.source);
  return `${source}: ${entry.reason}`;
}

/**
 * Flow control across servers. The session records what entered the model's context: untrusted
 * content (the answer of an `untrusted-input` tool, any answer of a `trust: untrusted` server, or
 * an answer judged a prompt injection) and private data (the answer of a `private-data` tool, a
 * resource read). From then on the policy's `defaults.flows` gates tools of *any* server by
 * class: once untrusted content and private data have both entered (the "lethal trifecta"),
 * `afterTrifecta` classes (outbound, financial) need the user's confirmation — whether or not
 * any text was judged an injection; after an injection verdict, `afterInjection` classes; after
 * untrusted content alone, `afterUntrusted` classes. `servers.X[.tools.Y].flows: exempt | strict`
 * relaxes or tightens one server or tool; `classes:` replaces what the analyzers infer.
 *
 * The state lives in `ctx.session.flows` (shared by the wraps of one client through the session
 * broker) or, without one, in this gateway. When the shared state fails, every gated class needs
 * confirmation (fail closed). Every transition is a recorded decision.
 */
export function flowControl(policy: Policy): GatewayMiddleware {
  const classified = new WeakMap<object, ToolClasses>();
  const local = new WeakMap<SessionState, FlowLedger>();
  const reportedFailure = new WeakSet<FlowLedger>();
  const config = policy.defaults.flows;
  checkOneOf(ID, config.action, ['confirm', 'deny'], 'defaults.flows.action');
  for (const rule of ['afterTrifecta', 'afterInjection', 'afterUntrusted'] as const) {
    for (const [index, cls] of config[rule].entries()) {
      checkOneOf(ID, cls, TOOL_CLASSES, `defaults.flows.${rule}[${String(index)}]`);
    }
  }

  const ledgerOf = (session: SessionState): FlowLedger =>
    session.flows ?? perSession(local, session, () => new MemoryFlowLedger());

  function classesOf(ctx: MessageContext, tool: string): ToolClasses | undefined {
    const override = classOverride(ctx.server, ctx.serverPolicy, tool);
    const untrustedServer =
      ctx.serverPolicy.trust === 'untrusted'
        ? { path: policyPath('servers', ctx.server, 'trust') }
        : undefined;
    const definition = ctx.session.tools.get(ctx.server)?.get(tool);
    if (override !== undefined) return policyToolClasses(override);
    if (definition === undefined) return undefined;
    let classes = classified.get(definition);
    if (classes === undefined) {
      classes = classifyToolClasses(definition as ToolDefinition, {
        ...(untrustedServer === undefined ? {} : { untrustedServer }),
      });
      classified.set(definition, classes);
    }
    return classes;
  }

  function noteFailure(ctx: MessageContext, ledger: FlowLedger, state: FlowState): void {
    if (state.failed === undefined || reportedFailure.has(ledger)) return;
    reportedFailure.add(ledger);
    ctx.record({
      control: ID,
      action: 'warn',
      reason:
        `The shared flow state (${ledger.scope}) failed: ${state.failed}. Cross-server flow rules ` +
        'now fail closed: every gated class needs confirmation for the rest of this session.',
      checklist: CHECKLIST,
    });
  }

  function gatesFor(state: FlowState): Gate[] {
    const failed = state.failed !== undefined;
    const { untrusted, private: privateData, injection } = state.legs;
    const gates: Gate[] = [];
    if (failed || (untrusted !== undefined && privateData !== undefined)) {
      gates.push({ rule: 'afterTrifecta', classes: config.afterTrifecta });
    }
    if (failed || injection !== undefined) {
      gates.push({ rule: 'afterInjection', classes: config.afterInjection });
    }
    if (failed || untrusted !== undefined) {
      gates.push({ rule: 'afterUntrusted', classes: config.afterUntrusted });
    }
    return gates;
  }

  function whatEntered(state: FlowState, ledger: FlowLedger): string {
    if (state.failed !== undefined) {
      return `The shared flow state (${ledger.scope}) failed (${state.failed}), so what entered this session is unknown`;
    }
    const { untrusted, private: privateData, injection } = state.legs;
    const parts: string[] = [];
    if (untrusted !== undefined) parts.push(`untrusted content (${describeEntry(untrusted)})`);
    if (privateData !== undefined) parts.push(`private data (${describeEntry(privateData)})`);
    if (injection !== undefined) parts.push(`a prompt injection (${describeEntry(injection)})`);
    return `This session took in ${parts.join(' and ')}`;
  }

  async function onCall(ctx: MessageContext): Promise<boolean> {
    const tool = requestName(ctx);
    if (tool === undefined) return true;
    const override = overrideOf(ctx.server, ctx.serverPolicy, tool);
    if (override?.mode === 'exempt') return true;
    const ledger = ledgerOf(ctx.session);
    const state = await ledger.read();
    noteFailure(ctx, ledger, state);
    const classes = classesOf(ctx, tool);
    const has = (cls: ToolClass): boolean => (classes?.classes ?? UNKNOWN_CLASSES).has(cls);
    const why = (cls: ToolClass): string => classes?.reasons.get(cls) ?? 'never listed';
    let because: string | undefined;
    for (const gate of gatesFor(state)) {
      const hits = gate.classes.filter(has);
      if (hits.length > 0) {
        because =
          `${describeTool(ctx.server, tool)} is ${hits.map((cls) => `${cls} (${why(cls)})`).join(', ')}, ` +
          `which ${policyPath('defaults', 'flows', gate.rule)} holds back`;
        break;
      }
    }
    const anyLeg =
      state.failed !== undefined ||
      state.legs.untrusted !== undefined ||
      state.legs.private !== undefined;
    if (because === undefined && override?.mode === 'strict' && anyLeg) {
      because = `${describeTool(ctx.server, tool)} is held back by ${override.path}: strict`;
    }
    if (because === undefined) return true;
    const reason = `${whatEntered(state, ledger)}, so ${because}.`;
    const data = { server: ctx.server, tool, legs: Object.keys(state.legs) };
    const howToAllow = `${policyPath('servers', ctx.server, 'tools', tool, 'flows')}: exempt (or the tool's classes)`;
    if (config.action === 'deny') {
      ctx.deny({
        control: ID,
        reason:
          `${reason} The call is refused (defaults.flows.action: deny). To allow it, set ` +
          `${howToAllow} in the policy, or start a new client session.`,
        checklist: CHECKLIST,
        data,
      });
      return false;
    }
    return (
      (await askUser(ctx, { control: ID, reason, checklist: CHECKLIST, howToAllow })) === 'approved'
    );
  }

  async function enter(ctx: MessageContext, ledger: FlowLedger, entry: FlowEntry): Promise<void> {
    const { state, added } = await ledger.add(entry);
    noteFailure(ctx, ledger, state);
    if (!added) return;
    const what = {
      untrusted: 'Untrusted content',
      private: 'Private data',
      injection: 'A prompt injection',
    }[entry.leg];
    // The entry was the first of its leg, so if both legs are there now, it completed them.
    const completes =
      entry.leg !== 'injection' &&
      state.legs.untrusted !== undefined &&
      state.legs.private !== undefined;
    const then = completes
      ? ` Untrusted content and private data have both entered (${ledger.scope}): ${config.afterTrifecta.join(', ') || 'no'} tools of every server need confirmation from now on.`
      : '';
    ctx.record({
      control: ID,
      action: 'warn',
      reason: `${what} entered the session from ${describeEntry(entry)}.${then}`,
      checklist: CHECKLIST,
    });
  }

  async function onResult(ctx: MessageContext): Promise<void> {
    const request = ctx.request;
    if (request === undefined || !CONTENT_METHODS.has(request.method)) return;
    const tool = request.method === 'tools/call' ? resultTool(ctx) : undefined;
    const source = tool ?? request.method;
    const ledger = ledgerOf(ctx.session);
    const at = ctx.now();
    const entries: FlowEntry[] = [];
    const classes =
      tool !== undefined
        ? classesOf(ctx, tool)
        : (() => {
            const override = classOverride(ctx.server, ctx.serverPolicy, undefined);
            return override === undefined ? undefined : policyToolClasses(override);
          })();
    const untrustedWhy =
      classes?.reasons.get('untrusted-input') ??
      (ctx.serverPolicy.trust === 'untrusted'
        ? `${policyPath('servers', ctx.server, 'trust')}: untrusted`
        : undefined);
    if (untrustedWhy !== undefined) {
      entries.push({ leg: 'untrusted', server: ctx.server, source, reason: untrustedWhy, at });
    }
    const privateWhy =
      classes?.reasons.get('private-data') ??
      (request.method === 'resources/read' && classes === undefined
        ? "a resource read returns the server's data"
        : undefined);
    if (privateWhy !== undefined) {
      entries.push({ leg: 'private', server: ctx.server, source, reason: privateWhy, at });
    }
    const verdict = contentVerdict(ctx);
    if (verdict.malicious) {
      const reason = `instructions aimed at the model, score ${verdict.score.toFixed(2)}`;
      entries.push({ leg: 'injection', server: ctx.server, source, reason, at });
      if (untrustedWhy === undefined) {
        entries.push({ leg: 'untrusted', server: ctx.server, source, reason, at });
      }
    }
    for (const entry of entries) await enter(ctx, ledger, entry);
  }

  return async function flowControl(ctx, next) {
    if (config.enabled) {
      if (isRequest(ctx, 'tools/call')) {
        if (!(await onCall(ctx))) return;
      } else if (isResult(ctx)) {
        await onResult(ctx);
      }
    }
    await next();
  };
}

export const flowControlControl: GatewayControl = {
  id: ID,
  title:
    'Flow control: once untrusted content and private data entered the session, outbound and financial tools of any server need confirmation',
  checklist: CHECKLIST,
  create: (policy) => flowControl(policy),
};
