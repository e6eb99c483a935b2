import { distinctiveToolNames } from '../../analyze/cross-tool.js';
import type { Policy } from '../../core/config/schema.js';
import type { PinnedKind } from '../../core/pin-change.js';
import {
  declaredStrings,
  SNAPSHOT_SCHEMA_VERSION,
  type DeclaredString,
  type Snapshot,
} from '../../core/snapshot.js';
import { judgeDefinition, poisoningReasons } from '../../detectors/definition-text.js';
import { LISTINGS } from './pins.js';
import {
  checkOneOf,
  DescribeTool,
  isLaterPage,
  isRecord,
  isRequest,
  isResult,
  listNames,
  mapStrings,
  perSession,
  requestName,
  requestUri,
  stripInvisible,
  WARM_UP_TEXT,
} from './shared.js';
import {
  GATEWAY_ERROR,
  type GatewayControl,
  type GatewayMiddleware,
  type MessageContext,
  type SessionState,
} from './types.js';

const ID = 'definitions';
const CHECKLIST = [
  'client.prompt.tool-description-verification',
  'client.prompt.malicious-instruction-detection',
  'client.management.malicious-mcp-detection',
  'client.management.secure-updates',
  'client.management.tool-registration-deregistration',
  'client.ui.information-transparency',
  'multi-mcp.function-priority-hijacking-prevention',
] as const;

const POISONED_MODES = ['withhold', 'warn', 'off'];
const HIDDEN_MODES = ['strip', 'warn', 'off'];

const LABELS: Readonly<Record<PinnedKind, string>> = {
  tool: 'Tool',
  prompt: 'Prompt',
  resource: 'Resource',
  resourceTemplate: 'Resource template',
  instructions: 'The server instructions',
};

/** Tools a session keeps per server: past this many, later pages of the list are refused. */
export const MAX_LISTED_TOOLS = 10_000;

/** Requests that use one definition, with the kind and where its key is. */
const USES: Readonly<
  Record<string, { kind: PinnedKind; key: (ctx: MessageContext) => string | undefined }>
> = {
  'tools/call': { kind: 'tool', key: requestName },
  'prompts/get': { kind: 'prompt', key: requestName },
  'resources/read': { kind: 'resource', key: requestUri },
};

type SessionDefinitions = Map<string, Map<PinnedKind, Map<string, string>>>;

function snapshotOf(server: string, field: keyof Snapshot, items: unknown[]): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    server: { name: server },
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
    [field]: items,
  };
}

/** Distinctive tool names of the other servers of the session, minus this server's own. */
function otherToolNames(
  session: SessionState,
  server: string,
  own: readonly string[],
): Set<string> {
  const names: string[] = [];
  for (const [other, tools] of session.tools) {
    if (other !== server) names.push(...tools.keys());
  }
  const mine = new Set(own.map((name) => name.toLowerCase()));
  return new Set([...distinctiveToolNames(names)].filter((name) => !mine.has(name)));
}

/** Why a judged definition is withheld, in words. */
function poisonReason(
  entries: readonly DeclaredString[],
  others: ReadonlySet<string>,
): string | undefined {
  const judgement = judgeDefinition(entries, others);
  if (judgement === undefined || !judgement.assessment.malicious) return undefined;
  const reasons = poisoningReasons(judgement.assessment);
  return `its definition carries ${reasons.length > 0 ? reasons.join(', ') : 'text aimed at the model'} (score ${judgement.assessment.score.toFixed(2)})`;
}

function mirrorTools(session: SessionState, server: string, tools: Map<string, string>): void {
  // session.withheld is shared with other controls: only this control's entries are replaced.
  const shared = session.withheld.get(server) ?? new Map<string, string>();
  for (const [name, reason] of shared) {
    if (reason.startsWith(`${ID}: `)) shared.delete(name);
  }
  for (const [name, reason] of tools) shared.set(name, `${ID}: ${reason}`);
  session.withheld.set(server, shared);
}

/**
 * Screens what servers declare before the client sees it. On every listing (tools, prompts,
 * resources, templates) and on the server instructions: definitions the analyzers judge poisoned
 * — the `tool-poisoning` rule's judgement, at the injection threshold — are withheld
 * (`screening.poisonedDefinitions`), and ANSI escapes and invisible Unicode are stripped from every
 * string of the rest (`screening.hiddenText`). Records each server's listed tools in
 * `session.tools` for the other controls. Refuses calls to withheld tools, and to tools the
 * server has not listed in this session (never listed, or removed since).
 */
export function definitions(policy: Policy): GatewayMiddleware {
  const screening = policy.defaults.screening;
  checkOneOf(
    ID,
    screening.poisonedDefinitions,
    POISONED_MODES,
    'defaults.screening.poisonedDefinitions',
  );
  checkOneOf(ID, screening.hiddenText, HIDDEN_MODES, 'defaults.screening.hiddenText');
  const sessions = new WeakMap<SessionState, SessionDefinitions>();

  function withheldOf(ctx: MessageContext, kind: PinnedKind): Map<string, string> {
    const servers = perSession<SessionDefinitions>(sessions, ctx.session, () => new Map());
    let kinds = servers.get(ctx.server);
    if (kinds === undefined) {
      kinds = new Map();
      servers.set(ctx.server, kinds);
    }
    let withheld = kinds.get(kind);
    if (withheld === undefined) {
      withheld = new Map();
      kinds.set(kind, withheld);
    }
    return withheld;
  }

  function screenListing(ctx: MessageContext, method: keyof typeof LISTINGS): void {
    const listing = LISTINGS[method];
    const { poisonedDefinitions: poisonMode, hiddenText } = ctx.policy.defaults.screening;
    const result = ctx.message.result;
    if (!isRecord(result)) return;
    const items: unknown = result[listing.field];
    if (!Array.isArray(items)) return;
    const laterPage = isLaterPage(ctx.request?.params);
    const withheld = withheldOf(ctx, listing.kind);
    if (!laterPage) withheld.clear();

    const isTools = listing.kind === 'tool';
    const keyOf = (item: unknown): string | undefined => {
      const key = isRecord(item) ? item[listing.key] : undefined;
      return typeof key === 'string' ? key : undefined;
    };
    if (isTools) {
      const listed =
        laterPage && ctx.session.tools.has(ctx.server)
          ? (ctx.session.tools.get(ctx.server) ?? new Map<string, Record<string, unknown>>())
          : new Map<string, Record<string, unknown>>();
      if (listed.size + items.length > MAX_LISTED_TOOLS) {
        ctx.deny({
          control: ID,
          reason:
            `server "${ctx.server}" lists more than ${String(MAX_LISTED_TOOLS)} tools; ` +
            'further pages are refused (a list that pages forever would grow without bound).',
          code: GATEWAY_ERROR.limited,
          checklist: CHECKLIST,
          data: { server: ctx.server },
        });
        return;
      }
      for (const item of items) {
        const key = keyOf(item);
        if (key !== undefined && isRecord(item)) listed.set(key, item);
      }
      ctx.session.tools.set(ctx.server, listed);
    }
    const others =
      poisonMode === 'off'
        ? new Set<string>()
        : otherToolNames(
            ctx.session,
            ctx.server,
            isTools ? items.map(keyOf).filter((key) => key !== undefined) : [],
          );

    const poisoned: string[] = [];
    const hidden: string[] = [];
    const kept: unknown[] = [];
    let changed = false;
    for (const item of items) {
      const key = keyOf(item);
      if (key === undefined || !isRecord(item)) {
        kept.push(item);
        continue;
      }
      if (poisonMode !== 'off') {
        const entries = declaredStrings(snapshotOf(ctx.server, listing.field, [item]));
        const reason = poisonReason(entries, others);
        if (reason !== undefined) {
          poisoned.push(key);
          if (poisonMode === 'withhold') {
            withheld.set(key, reason);
            changed = true;
            continue;
          }
        }
      }
      if (hiddenText !== 'off') {
        const stripped = mapStrings(item, stripInvisible);
        if (stripped !== item) {
          hidden.push(key);
          if (hiddenText === 'strip') {
            kept.push(stripped);
            changed = true;
            continue;
          }
        }
      }
      kept.push(item);
    }
    if (isTools) mirrorTools(ctx.session, ctx.server, withheld);
    if (changed) {
      ctx.message = { ...ctx.message, result: { ...result, [listing.field]: kept } };
    }
    if (poisoned.length > 0) {
      ctx.record({
        control: ID,
        action: poisonMode === 'withhold' ? 'withhold' : 'warn',
        reason:
          `${listing.label}s of server "${ctx.server}" judged poisoned: ${listNames(poisoned)}` +
          (poisonMode === 'withhold' ? '; withheld from the client.' : '.'),
        checklist: CHECKLIST,
      });
    }
    if (hidden.length > 0) {
      ctx.record({
        control: ID,
        action: hiddenText === 'strip' ? 'rewrite' : 'warn',
        reason:
          `${listing.label}s of server "${ctx.server}" with ANSI escapes or invisible Unicode: ${listNames(hidden)}` +
          (hiddenText === 'strip' ? '; stripped.' : '.'),
        checklist: CHECKLIST,
      });
    }
  }

  function screenInstructions(ctx: MessageContext): void {
    const { poisonedDefinitions: poisonMode, hiddenText } = ctx.policy.defaults.screening;
    const result = ctx.message.result;
    if (!isRecord(result) || typeof result.instructions !== 'string') return;
    const instructions = result.instructions;
    if (poisonMode !== 'off') {
      const reason = poisonReason(
        declaredStrings({ ...snapshotOf(ctx.server, 'tools', []), instructions }),
        new Set(),
      );
      if (reason !== undefined) {
        if (poisonMode === 'withhold') {
          const rest: Record<string, unknown> = { ...result };
          delete rest.instructions;
          ctx.message = { ...ctx.message, result: rest };
        }
        ctx.record({
          control: ID,
          action: poisonMode === 'withhold' ? 'withhold' : 'warn',
          reason:
            `The instructions of server "${ctx.server}" are judged poisoned: ${reason}` +
            (poisonMode === 'withhold' ? '; withheld from the client.' : '.'),
          checklist: CHECKLIST,
        });
        if (poisonMode === 'withhold') return;
      }
    }
    if (hiddenText === 'off') return;
    const stripped = stripInvisible(instructions);
    if (stripped === instructions) return;
    if (hiddenText === 'strip') {
      ctx.message = { ...ctx.message, result: { ...result, instructions: stripped } };
    }
    ctx.record({
      control: ID,
      action: hiddenText === 'strip' ? 'rewrite' : 'warn',
      reason:
        `The instructions of server "${ctx.server}" hold ANSI escapes or invisible Unicode` +
        (hiddenText === 'strip' ? '; stripped.' : '.'),
      checklist: CHECKLIST,
    });
  }

  function refuseWithheld(ctx: MessageContext, kind: PinnedKind, key: string): boolean {
    const reason = withheldOf(ctx, kind).get(key);
    if (reason === undefined) return false;
    ctx.deny({
      control: ID,
      reason:
        `${LABELS[kind]} "${key}" of server "${ctx.server}" is withheld: ${reason}. ` +
        'Remove the server; or, once you have reviewed the definition and trust it, set ' +
        'defaults.screening.poisonedDefinitions: warn in the policy.',
      checklist: CHECKLIST,
      data: { server: ctx.server, [kind]: key },
    });
    return true;
  }

  /**
   * Refuses a use of a withheld definition, and a call of a tool the session does not know. A tool
   * not listed yet makes the gateway list the server's tools itself first (clients that pipeline
   * list and call, scripts that never list): only a tool still unknown, or withheld, is refused.
   */
  async function refuse(ctx: MessageContext): Promise<boolean> {
    const use = USES[ctx.message.method ?? ''];
    const key = use?.key(ctx);
    if (use === undefined || key === undefined) return false;
    if (refuseWithheld(ctx, use.kind, key)) return true;
    if (use.kind !== 'tool') return false;
    if (ctx.session.tools.get(ctx.server)?.has(key) === true) return false;
    const listed = ctx.listTools === undefined ? false : await ctx.listTools();
    if (refuseWithheld(ctx, 'tool', key)) return true;
    if (ctx.session.tools.get(ctx.server)?.has(key) === true) return false;
    ctx.deny({
      control: ID,
      reason: listed
        ? `${DescribeTool(ctx.server, key)} is not in the server's tool list.`
        : `${DescribeTool(ctx.server, key)} is unknown: the server's tools could not be listed to check it.`,
      code: GATEWAY_ERROR.denied,
      checklist: CHECKLIST,
      data: { server: ctx.server, tool: key },
    });
    return true;
  }

  return async function definitions(ctx, next) {
    if (isRequest(ctx)) {
      if (await refuse(ctx)) return;
    } else if (isResult(ctx)) {
      const method = ctx.request?.method ?? '';
      if (Object.hasOwn(LISTINGS, method)) screenListing(ctx, method as keyof typeof LISTINGS);
      else if (method === 'initialize' || method === 'server/discover') screenInstructions(ctx);
      if (ctx.denied === true) return;
    }
    await next();
  };
}

export const definitionsControl: GatewayControl = {
  id: ID,
  title: 'Definitions: poisoned tools withheld, hidden text stripped, unlisted tools refused',
  checklist: CHECKLIST,
  create: (policy) => definitions(policy),
  warm: () => {
    judgeDefinition(
      [
        { kind: 'tool', item: 'read_note', field: 'description', text: WARM_UP_TEXT },
        {
          kind: 'tool',
          item: 'read_note',
          field: 'inputSchema.properties.path.description',
          text: 'The path of the note.',
        },
      ],
      new Set(),
    );
    judgeDefinition(
      [{ kind: 'instructions', item: '', field: 'instructions', text: WARM_UP_TEXT }],
      new Set(),
    );
  },
};
