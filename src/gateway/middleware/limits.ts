import type { Limits, Policy, ServerPolicy } from '../../core/config/schema.js';
import {
  describeTool,
  isRecord,
  isRequest,
  optionsError,
  policyPath,
  requestName,
  resultTool,
  toolPolicies,
} from './shared.js';
import {
  GATEWAY_ERROR,
  type GatewayControl,
  type GatewayMiddleware,
  type MessageContext,
} from './types.js';

const ID = 'limits';
const CHECKLIST = [
  'server.api.rate-limiting',
  'client.ai-control.tool-invocation-limits',
  'server.runtime.resource-limits',
  'server.resources.resource-limits',
] as const;

const MINUTE = 60_000;
/** Servers and tools whose limit levels one instance keeps worked out. */
const MAX_CACHED_LEVELS = 1024;
const HOUR = 3_600_000;

/** Requests that do work on the server: counted for rate and concurrency. */
const OPERATIONS = new Set(['tools/call', 'resources/read', 'prompts/get']);

/** One limit value with where the policy set it. */
interface Setting {
  value: number;
  path: string;
}

/** The limits of one level (a tool, a server, everything), each field with its policy path. */
interface LevelLimits {
  perMinute?: Setting;
  perHour?: Setting;
  concurrency?: Setting;
  timeoutMs?: Setting;
  maxResponseBytes?: Setting;
}

function pick(layers: readonly { limits: Limits | undefined; path: string }[]): LevelLimits {
  const out: LevelLimits = {};
  // Earlier layers win: the most specific first.
  for (const { limits, path } of layers) {
    if (limits === undefined) continue;
    if (out.perMinute === undefined && limits.rate?.perMinute !== undefined) {
      out.perMinute = { value: limits.rate.perMinute, path: `${path}.rate.perMinute` };
    }
    if (out.perHour === undefined && limits.rate?.perHour !== undefined) {
      out.perHour = { value: limits.rate.perHour, path: `${path}.rate.perHour` };
    }
    for (const field of ['concurrency', 'timeoutMs', 'maxResponseBytes'] as const) {
      const value = limits[field];
      if (out[field] === undefined && value !== undefined) {
        out[field] = { value, path: `${path}.${field}` };
      }
    }
  }
  return out;
}

function checkLimits(limits: unknown, path: string): void {
  if (limits === undefined) return;
  if (!isRecord(limits)) throw optionsError(ID, `${path} must be an object.`);
  const positive = (value: unknown, at: string): void => {
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) <= 0)) {
      throw optionsError(ID, `${at} must be a positive integer (got ${JSON.stringify(value)}).`);
    }
  };
  if (limits.rate !== undefined) {
    if (!isRecord(limits.rate)) throw optionsError(ID, `${path}.rate must be an object.`);
    positive(limits.rate.perMinute, `${path}.rate.perMinute`);
    positive(limits.rate.perHour, `${path}.rate.perHour`);
  }
  positive(limits.concurrency, `${path}.concurrency`);
  positive(limits.timeoutMs, `${path}.timeoutMs`);
  positive(limits.maxResponseBytes, `${path}.maxResponseBytes`);
}

/** Call times of one key, oldest first, kept for the longest window in use. */
class RollingWindow {
  private times: number[] = [];
  private head = 0;

  /** Calls in the last `span` ms before `now`. */
  count(now: number, span: number): number {
    return this.times.length - this.firstAfter(now - span);
  }

  /** When the call count of the last `span` ms drops below `limit`. */
  retryAt(now: number, span: number, limit: number): number {
    const first = this.firstAfter(now - span);
    const index = this.times.length - limit;
    return (this.times[Math.max(first, index)] ?? now) + span;
  }

  add(now: number, keep: number): void {
    this.times.push(now);
    this.head = this.firstAfter(now - keep);
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Index of the first time after `since` (binary search; times are kept in order). */
  private firstAfter(since: number): number {
    let low = this.head;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.times[mid] ?? 0) > since) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${String(bytes)} bytes`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${String(Math.round(ms / 100) / 10)} s` : `${String(ms)} ms`;
}

/**
 * Rate, concurrency, time and size limits. Rate (rolling minute and hour) and concurrency (calls
 * in flight) apply per tool, per server and over all servers together (`limits.global`); a tool's
 * limits fall back to `tools['*']`, a server's to `defaults.limits`. Every request gets a
 * deadline (`timeoutMs`: the most specific level that sets one): past it the client gets an error
 * and the late answer is dropped. A response over `maxResponseBytes` is replaced by an error. One
 * instance keeps its counters across sessions, so a gateway limits all its clients together.
 */
export function limits(policy: Policy): GatewayMiddleware {
  checkLimits(policy.defaults.limits, 'defaults.limits');
  checkLimits(policy.limits.global, 'limits.global');
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    checkLimits(serverPolicy.limits, policyPath('servers', server, 'limits'));
    for (const [tool, toolPolicy] of Object.entries(serverPolicy.tools)) {
      checkLimits(toolPolicy.limits, policyPath('servers', server, 'tools', tool, 'limits'));
    }
  }
  const windows = new Map<string, RollingWindow>();
  const inFlight = new Map<string, number>();

  interface Level {
    key: string;
    /** `tool "x" of server "s"`, `server "s"`, `all servers`. */
    label: string;
    limits: LevelLimits;
  }

  function levelsFor(ctx: MessageContext, tool: string | undefined): Level[] {
    const server = ctx.server;
    const levels: Level[] = [];
    if (tool !== undefined) {
      const toolLimits = pick(
        toolPolicies(ctx.serverPolicy, tool).map(({ key, policy: toolPolicy }) => ({
          limits: toolPolicy.limits,
          path: policyPath('servers', server, 'tools', key, 'limits'),
        })),
      );
      levels.push({
        key: `t\0${server}\0${tool}`,
        label: describeTool(server, tool),
        limits: toolLimits,
      });
    }
    levels.push({
      key: `s\0${server}`,
      label: `server "${server}"`,
      limits: pick([
        { limits: ctx.serverPolicy.limits, path: policyPath('servers', server, 'limits') },
        { limits: ctx.policy.defaults.limits, path: 'defaults.limits' },
      ]),
    });
    levels.push({
      key: 'g',
      label: 'all servers together',
      limits: pick([{ limits: ctx.policy.limits.global, path: 'limits.global' }]),
    });
    return levels;
  }

  /**
   * The levels of a server (and tool) under a policy, worked out on its first call: the policy
   * does not change while it serves, and this runs twice a call. Tool names come from clients, so
   * the table is emptied when it grows past {@link MAX_CACHED_LEVELS}.
   */
  const levelCache = new WeakMap<Policy, WeakMap<ServerPolicy, Map<string, Level[]>>>();
  function levelsOf(ctx: MessageContext, tool: string | undefined): Level[] {
    let byServerPolicy = levelCache.get(ctx.policy);
    if (byServerPolicy === undefined) {
      byServerPolicy = new WeakMap();
      levelCache.set(ctx.policy, byServerPolicy);
    }
    let byName = byServerPolicy.get(ctx.serverPolicy);
    if (byName === undefined) {
      byName = new Map();
      byServerPolicy.set(ctx.serverPolicy, byName);
    }
    const key = tool === undefined ? ctx.server : `${ctx.server}\0${tool}`;
    let levels = byName.get(key);
    if (levels === undefined) {
      levels = levelsFor(ctx, tool);
      if (byName.size >= MAX_CACHED_LEVELS) byName.clear();
      byName.set(key, levels);
    }
    return levels;
  }

  /** The most specific level's setting of `field`. */
  function first(levels: readonly Level[], field: keyof LevelLimits): Setting | undefined {
    for (const level of levels) {
      const setting = level.limits[field];
      if (setting !== undefined) return setting;
    }
    return undefined;
  }

  function limited(ctx: MessageContext, reason: string, data: Record<string, unknown>): void {
    ctx.deny({
      control: ID,
      reason,
      code: GATEWAY_ERROR.limited,
      checklist: CHECKLIST,
      data: { server: ctx.server, ...data },
    });
  }

  function onRequest(ctx: MessageContext): boolean {
    const method = ctx.message.method ?? '';
    const tool = method === 'tools/call' ? requestName(ctx) : undefined;
    const levels = levelsOf(ctx, tool);
    const now = ctx.now();
    const what =
      tool === undefined ? `${method} on server "${ctx.server}"` : describeTool(ctx.server, tool);

    if (OPERATIONS.has(method)) {
      for (const level of levels) {
        const window = windows.get(level.key);
        if (window === undefined) continue;
        for (const [setting, span, unit] of [
          [level.limits.perMinute, MINUTE, 'minute'],
          [level.limits.perHour, HOUR, 'hour'],
        ] as const) {
          if (setting === undefined || window.count(now, span) < setting.value) continue;
          const wait = Math.max(0, window.retryAt(now, span, setting.value) - now);
          limited(
            ctx,
            `Rate limit: ${level.label} allows ${String(setting.value)} calls per ${unit} (${setting.path}); ${what} was refused, try again in ${formatMs(wait)}.`,
            { limit: setting.path, retryAfterMs: wait },
          );
          return false;
        }
      }
      for (const level of levels) {
        const setting = level.limits.concurrency;
        if (setting === undefined) continue;
        const running = inFlight.get(level.key) ?? 0;
        if (running >= setting.value) {
          limited(
            ctx,
            `Concurrency limit: ${level.label} already has ${String(running)} calls in flight, the most allowed (${setting.path}); ${what} was refused.`,
            { limit: setting.path },
          );
          return false;
        }
      }
    }

    const timeout = first(levels, 'timeoutMs');
    if (timeout !== undefined) {
      if (ctx.setDeadline === undefined) {
        throw new Error(
          'the gateway gives this request no deadline hook (MessageContext.setDeadline), so its time limit cannot be enforced',
        );
      }
      ctx.setDeadline(timeout.value, {
        control: ID,
        reason: `${what} got no answer within ${formatMs(timeout.value)} (${timeout.path}); the call was cancelled.`,
        code: GATEWAY_ERROR.limited,
        checklist: CHECKLIST,
        data: { server: ctx.server, limit: timeout.path },
      });
    }

    if (OPERATIONS.has(method)) {
      const counted = levels.filter(
        (level) => level.limits.perMinute !== undefined || level.limits.perHour !== undefined,
      );
      for (const level of counted) {
        let window = windows.get(level.key);
        if (window === undefined) {
          window = new RollingWindow();
          windows.set(level.key, window);
        }
        window.add(now, level.limits.perHour !== undefined ? HOUR : MINUTE);
      }
      const bounded = levels.filter((level) => level.limits.concurrency !== undefined);
      if (bounded.length > 0) {
        if (ctx.onSettled === undefined) {
          throw new Error(
            'the gateway does not say when a request is over (MessageContext.onSettled), so calls in flight cannot be counted',
          );
        }
        for (const level of bounded) inFlight.set(level.key, (inFlight.get(level.key) ?? 0) + 1);
        ctx.onSettled(() => {
          for (const level of bounded) {
            const running = (inFlight.get(level.key) ?? 1) - 1;
            if (running <= 0) inFlight.delete(level.key);
            else inFlight.set(level.key, running);
          }
        });
      }
    }
    return true;
  }

  function onResponse(ctx: MessageContext): boolean {
    const request = ctx.request;
    if (request === undefined) return true;
    const tool = request.method === 'tools/call' ? resultTool(ctx) : undefined;
    const max = first(levelsOf(ctx, tool), 'maxResponseBytes');
    if (max === undefined) return true;
    // The frame as it arrived when the gateway knows it; else the serialised message.
    const bytes =
      ctx.bytes ??
      Buffer.byteLength(JSON.stringify(ctx.message.result ?? ctx.message.error ?? null));
    if (bytes <= max.value) return true;
    const what =
      tool === undefined
        ? `${request.method} on server "${ctx.server}"`
        : describeTool(ctx.server, tool);
    limited(
      ctx,
      `The answer to ${what} is ${formatBytes(bytes)}, over the limit of ${formatBytes(max.value)} (${max.path}); it was not delivered.`,
      { limit: max.path, bytes },
    );
    return false;
  }

  return async function limits(ctx, next) {
    if (isRequest(ctx)) {
      if (!onRequest(ctx)) return;
    } else if (
      ctx.direction === 'server-to-client' &&
      (ctx.kind === 'response' || ctx.kind === 'error')
    ) {
      if (!onResponse(ctx)) return;
    }
    await next();
  };
}

export const limitsControl: GatewayControl = {
  id: ID,
  title: 'Limits: rate, concurrency, time and size',
  checklist: CHECKLIST,
  create: (policy) => limits(policy),
};
