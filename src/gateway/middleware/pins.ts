import type { Policy } from '../../core/config/schema.js';
import type { PinChange, PinnedKind } from '../../core/pin-change.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../core/snapshot.js';
import { canonicalHash } from '../../pin/canonical.js';
import { diffPins, type Lockfile, type ServerPins } from '../../pin/lockfile.js';
import {
  checkOneOf,
  isLaterPage,
  isRecord,
  isRequest,
  isResult,
  listNames,
  optionsError,
  perSession,
  policyPath,
  requestName,
  requestUri,
} from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext, SessionState } from './types.js';

const ID = 'pins';
const CHECKLIST = [
  'server.integrity.integrity-verification',
  'client.management.tool-verification',
  'client.management.version-control',
  'client.management.secure-updates',
] as const;

const MODES = ['enforce', 'warn', 'off'];

/** The listings pins compare, with the collection and key of each. */
export const LISTINGS = {
  'tools/list': { kind: 'tool', field: 'tools', key: 'name', label: 'Tool' },
  'prompts/list': { kind: 'prompt', field: 'prompts', key: 'name', label: 'Prompt' },
  'resources/list': { kind: 'resource', field: 'resources', key: 'uri', label: 'Resource' },
  'resources/templates/list': {
    kind: 'resourceTemplate',
    field: 'resourceTemplates',
    key: 'uriTemplate',
    label: 'Resource template',
  },
} as const satisfies Record<
  string,
  { kind: PinnedKind; field: keyof Snapshot; key: string; label: string }
>;
type ListMethod = keyof typeof LISTINGS;

/** Requests that use one definition, with the kind and where its key is. */
const USES: Readonly<
  Record<string, { kind: PinnedKind; key: (ctx: MessageContext) => string | undefined }>
> = {
  'tools/call': { kind: 'tool', key: requestName },
  'prompts/get': { kind: 'prompt', key: requestName },
  'resources/read': { kind: 'resource', key: requestUri },
};

const LABELS: Readonly<Record<PinnedKind, string>> = {
  tool: 'Tool',
  prompt: 'Prompt',
  resource: 'Resource',
  resourceTemplate: 'Resource template',
  instructions: 'The server instructions',
};

const EMPTY_PINS: ServerPins = {
  tools: {},
  prompts: {},
  resources: {},
  resourceTemplates: {},
};

export interface PinsOptions {
  /** The approved definitions; a message's `ctx.lockfile` (a reloaded one) takes precedence. */
  lockfile?: Lockfile;
}

interface SessionPins {
  /** Withheld definitions: server → kind → key → why. */
  withheld: Map<string, Map<PinnedKind, Map<string, string>>>;
  /** Servers already warned about having no lockfile. */
  warnedUnpinned: Set<string>;
}

function emptySnapshot(server: string): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    server: { name: server },
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
  };
}

/** Why a change withholds a definition, in words. */
function describeChange(change: PinChange, pinned: boolean, server: string): string {
  if (change.status === 'added') {
    return pinned
      ? 'it is new since the server was pinned'
      : `server "${server}" is not in the lockfile`;
  }
  const fields = change.fields.map((field) => field.path);
  const shown = fields.slice(0, 5).join(', ');
  const more = fields.length > 5 ? ` and ${String(fields.length - 5)} more` : '';
  return `its definition changed since it was pinned (${shown}${more})`;
}

function mirrorTools(
  session: SessionState,
  server: string,
  tools: Map<string, string> | undefined,
): void {
  // session.withheld is shared with other controls: only this control's entries are replaced.
  const shared = session.withheld.get(server) ?? new Map<string, string>();
  for (const [name, reason] of shared) {
    if (reason.startsWith('pins: ')) shared.delete(name);
  }
  for (const [name, reason] of tools ?? []) shared.set(name, `pins: ${reason}`);
  session.withheld.set(server, shared);
}

/**
 * Compares every listing (tools, prompts, resources, resource templates) and the server
 * instructions with the lockfile. `enforce`: new or changed definitions are left out of the
 * listing, and later requests that use them are refused with what changed and how to approve it
 * (`mcp-warden pin`). `warn`: recorded, passed. Re-checked on every listing. Without a lockfile
 * nothing is compared (one warning per server and session); with one, a server missing from it
 * counts as all new.
 */
export function pins(policy: Policy, options: PinsOptions = {}): GatewayMiddleware {
  checkOneOf(ID, policy.defaults.pins, MODES, 'defaults.pins');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    if (serverPolicy.pins !== undefined) {
      checkOneOf(ID, serverPolicy.pins, MODES, policyPath('servers', server, 'pins'));
    }
  }
  if (options.lockfile !== undefined && !isRecord(options.lockfile.servers)) {
    throw optionsError(ID, 'the lockfile has no "servers" object.');
  }
  const sessions = new WeakMap<SessionState, SessionPins>();

  function state(ctx: MessageContext): SessionPins {
    return perSession(sessions, ctx.session, () => ({
      withheld: new Map(),
      warnedUnpinned: new Set(),
    }));
  }

  function withheldOf(ctx: MessageContext, kind: PinnedKind): Map<string, string> | undefined {
    return state(ctx).withheld.get(ctx.server)?.get(kind);
  }

  /** The pins to compare with, or undefined (after a one-time warning) without a lockfile. */
  function pinsFor(ctx: MessageContext): { pins: ServerPins; pinned: boolean } | undefined {
    const lockfile = ctx.lockfile ?? options.lockfile;
    if (lockfile === undefined) {
      const warned = state(ctx).warnedUnpinned;
      if (!warned.has(ctx.server)) {
        warned.add(ctx.server);
        ctx.record({
          control: ID,
          action: 'warn',
          reason: `No lockfile: the definitions of server "${ctx.server}" are not compared with approved ones. Run \`mcp-warden pin\` to pin them.`,
          checklist: CHECKLIST,
        });
      }
      return undefined;
    }
    const serverPins = Object.hasOwn(lockfile.servers, ctx.server)
      ? lockfile.servers[ctx.server]
      : undefined;
    return serverPins === undefined
      ? { pins: EMPTY_PINS, pinned: false }
      : { pins: serverPins, pinned: true };
  }

  function checkListing(ctx: MessageContext, method: ListMethod, mode: 'enforce' | 'warn'): void {
    const listing = LISTINGS[method];
    const result = ctx.message.result;
    if (!isRecord(result)) return;
    const items: unknown = result[listing.field];
    if (!Array.isArray(items)) return;
    const server =
      state(ctx).withheld.get(ctx.server) ?? new Map<PinnedKind, Map<string, string>>();
    state(ctx).withheld.set(ctx.server, server);
    const withheld = isLaterPage(ctx.request?.params)
      ? (server.get(listing.kind) ?? new Map<string, string>())
      : new Map<string, string>();
    server.set(listing.kind, withheld);

    const found = pinsFor(ctx);
    if (found !== undefined) {
      const reasons = new Map<string, string>();
      const wellFormed: Record<string, unknown>[] = [];
      for (const item of items) {
        const key = isRecord(item) ? item[listing.key] : undefined;
        if (isRecord(item) && typeof key === 'string') wellFormed.push(item);
      }
      const snapshot = { ...emptySnapshot(ctx.server), [listing.field]: wellFormed };
      for (const change of diffPins(found.pins, snapshot)) {
        if (change.kind !== listing.kind || change.status === 'removed') continue;
        reasons.set(change.key, describeChange(change, found.pinned, ctx.server));
      }
      const malformed = items.filter(
        (item) => !wellFormed.includes(item as Record<string, unknown>),
      );
      if (reasons.size > 0 || malformed.length > 0) {
        const names = [...reasons.keys()];
        const what = `${listing.label}s of server "${ctx.server}" that differ from the lockfile: ${listNames(names)}`;
        if (mode === 'warn') {
          ctx.record({
            control: ID,
            action: 'warn',
            reason: `${what}. Review them and run \`mcp-warden pin\` to approve.`,
            checklist: CHECKLIST,
          });
        } else {
          for (const [key, reason] of reasons) withheld.set(key, reason);
          const kept = items.filter((item) => {
            if (!isRecord(item)) return false;
            const key = item[listing.key];
            return typeof key === 'string' && !reasons.has(key);
          });
          ctx.message = { ...ctx.message, result: { ...result, [listing.field]: kept } };
          ctx.record({
            control: ID,
            action: 'withhold',
            reason:
              `${what}${malformed.length > 0 ? ` (and ${String(malformed.length)} malformed)` : ''}; withheld until ` +
              'approved with `mcp-warden pin`.',
            checklist: CHECKLIST,
          });
        }
      }
    }
    if (listing.kind === 'tool') mirrorTools(ctx.session, ctx.server, withheld);
  }

  function checkInstructions(ctx: MessageContext, mode: 'enforce' | 'warn'): void {
    const result = ctx.message.result;
    if (!isRecord(result) || typeof result.instructions !== 'string') return;
    const found = pinsFor(ctx);
    if (found === undefined) return;
    const pinned = found.pins.instructions;
    if (pinned !== undefined && pinned.hash === canonicalHash(result.instructions)) return;
    const why =
      pinned === undefined
        ? found.pinned
          ? 'they are new since the server was pinned'
          : `server "${ctx.server}" is not in the lockfile`
        : 'they changed since the server was pinned';
    if (mode === 'warn') {
      ctx.record({
        control: ID,
        action: 'warn',
        reason: `The instructions of server "${ctx.server}" differ from the lockfile: ${why}.`,
        checklist: CHECKLIST,
      });
      return;
    }
    const rest: Record<string, unknown> = { ...result };
    delete rest.instructions;
    ctx.message = { ...ctx.message, result: rest };
    ctx.record({
      control: ID,
      action: 'withhold',
      reason: `The instructions of server "${ctx.server}" were withheld: ${why}. Run \`mcp-warden pin\` to approve them.`,
      checklist: CHECKLIST,
    });
  }

  return async function pins(ctx, next) {
    const mode = ctx.serverPolicy.pins ?? ctx.policy.defaults.pins;
    if (mode === 'off') {
      await next();
      return;
    }
    if (isRequest(ctx)) {
      const use = USES[ctx.message.method ?? ''];
      const key = use?.key(ctx);
      if (use !== undefined && key !== undefined) {
        const reason = withheldOf(ctx, use.kind)?.get(key);
        if (reason !== undefined) {
          ctx.deny({
            control: ID,
            reason:
              `${LABELS[use.kind]} "${key}" of server "${ctx.server}" is withheld: ${reason}. ` +
              'Review the change and run `mcp-warden pin` to approve it.',
            checklist: CHECKLIST,
            data: { server: ctx.server, [use.kind]: key },
          });
          return;
        }
      }
    } else if (isResult(ctx)) {
      const method = ctx.request?.method ?? '';
      if (Object.hasOwn(LISTINGS, method)) checkListing(ctx, method as ListMethod, mode);
      else if (method === 'initialize') checkInstructions(ctx, mode);
    }
    await next();
  };
}

export const pinsControl: GatewayControl = {
  id: ID,
  title: 'Pins: definitions compared with the lockfile on every listing',
  checklist: CHECKLIST,
  create: (policy, options) => pins(policy, options),
};
