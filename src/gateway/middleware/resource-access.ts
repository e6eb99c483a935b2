import type { ArgumentConstraint, Policy, ServerPolicy } from '../../core/config/schema.js';
import { checkValue, compileConstraint, type CompiledConstraint } from './arguments.js';
import { isRecord, isRequest, listNames, policyPath, requestName, requestUri } from './shared.js';
import type { GatewayControl, GatewayMiddleware, MessageContext } from './types.js';

const ID = 'resource-access';
const CHECKLIST = [
  'server.resources.resource-access-control',
  'server.resources.resource-template-security',
  'server.isolation.resource-access-control',
  'server.data.data-access-control',
] as const;

/** The resource rules that apply to one server: `defaults.resources` combined with its own. */
export interface ResourceRules {
  allowPaths?: string[];
  denyPaths?: string[];
  allowHosts?: string[];
  roots?: string[];
}

/**
 * `defaults.resources` with a server's `resources`: denied paths add up (a server entry cannot
 * lift a default denial), the other fields of the server replace the default's.
 */
export function resourceRules(policy: Policy, serverPolicy: ServerPolicy): ResourceRules {
  const base = policy.defaults.resources;
  const own = serverPolicy.resources ?? {};
  const deny = [...(base.denyPaths ?? []), ...(own.denyPaths ?? [])];
  const allowPaths = own.allowPaths ?? base.allowPaths;
  const allowHosts = own.allowHosts ?? base.allowHosts;
  const roots = own.roots ?? base.roots;
  return {
    ...(allowPaths === undefined ? {} : { allowPaths }),
    ...(deny.length === 0 ? {} : { denyPaths: deny }),
    ...(allowHosts === undefined ? {} : { allowHosts }),
    ...(roots === undefined ? {} : { roots }),
  };
}

interface CompiledRules {
  /** `file:` URIs and path-like arguments. */
  paths?: CompiledConstraint;
  /** `http(s):`/`ws(s):` URIs and URL arguments. */
  hosts?: CompiledConstraint;
  /** The client's roots shown to the server. */
  roots?: CompiledConstraint;
}

function compileRules(server: string, serverPolicy: ServerPolicy, policy: Policy): CompiledRules {
  const rules = resourceRules(policy, serverPolicy);
  const at =
    serverPolicy.resources === undefined
      ? 'defaults.resources'
      : policyPath('servers', server, 'resources');
  const compiled: CompiledRules = {};
  const compile = (constraint: ArgumentConstraint): CompiledConstraint =>
    compileConstraint(constraint, at, serverPolicy);
  if (rules.allowPaths !== undefined || rules.denyPaths !== undefined) {
    compiled.paths = compile({
      ...(rules.allowPaths === undefined ? {} : { allowPaths: rules.allowPaths }),
      ...(rules.denyPaths === undefined ? {} : { denyPaths: rules.denyPaths }),
    });
  }
  if (rules.allowHosts !== undefined) compiled.hosts = compile({ allowHosts: rules.allowHosts });
  if (rules.roots !== undefined || rules.denyPaths !== undefined) {
    compiled.roots = compile({
      ...(rules.roots === undefined ? {} : { allowPaths: rules.roots }),
      ...(rules.denyPaths === undefined ? {} : { denyPaths: rules.denyPaths }),
    });
  }
  return compiled;
}

const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);

function schemeOf(text: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
}

/** What is wrong with a resource URI, or undefined. Other schemes are the server's own names. */
function checkUri(uri: string, rules: CompiledRules): string | undefined {
  const scheme = schemeOf(uri);
  if (scheme === 'file')
    return rules.paths === undefined ? undefined : checkValue(uri, rules.paths);
  if (scheme !== undefined && WEB_SCHEMES.has(scheme)) {
    return rules.hosts === undefined ? undefined : checkValue(uri, rules.hosts);
  }
  return undefined;
}

/** A path written as such: absolute, home-relative, dot-relative or a Windows drive path. */
const PATH_LIKE = /^(?:\/|~(?:[\\/]|$)|\.{1,2}(?:[\\/]|$)|[A-Za-z]:[\\/])/;

/** What is wrong with a prompt or completion argument that names a path or a URL, or undefined. */
function checkArgument(value: string, rules: CompiledRules): string | undefined {
  if (PATH_LIKE.test(value)) {
    return rules.paths === undefined ? undefined : checkValue(value, rules.paths);
  }
  return schemeOf(value) === undefined ? undefined : checkUri(value, rules);
}

/** The string arguments of a prompts/get or completion/complete request, by name. */
function argumentsOf(ctx: MessageContext): [string, string][] {
  const params = ctx.message.params;
  if (!isRecord(params)) return [];
  const out: [string, string][] = [];
  const addAll = (record: unknown): void => {
    if (!isRecord(record)) return;
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'string') out.push([name, value]);
    }
  };
  if (ctx.message.method === 'prompts/get') {
    addAll(params.arguments);
  } else {
    const argument = params.argument;
    if (isRecord(argument) && typeof argument.value === 'string') {
      out.push([typeof argument.name === 'string' ? argument.name : 'value', argument.value]);
    }
    if (isRecord(params.context)) addAll(params.context.arguments);
  }
  return out;
}

/**
 * Applies the policy's path and host rules (`defaults.resources` and `servers.<name>.resources`)
 * to everything a client asks of a server's resources and prompts: `resources/read` and
 * `resources/subscribe` URIs (`file:` against `allowPaths`/`denyPaths` after resolving `~`, `..`
 * and symlinks, exactly as tool arguments are; `http(s):` against `allowHosts`), and the
 * arguments of `prompts/get` and `completion/complete` that are paths or URLs. The client's
 * answer to `roots/list` is cut down to the roots the policy grants (`roots`) outside the denied
 * paths (also a 2026-07-28 roots answer among a retried request's `inputResponses`). Contents
 * coming back are screened by `output-screening`.
 */
export function resourceAccess(policy: Policy): GatewayMiddleware {
  const compiled = new WeakMap<ServerPolicy, CompiledRules>();
  const rulesFor = (server: string, serverPolicy: ServerPolicy): CompiledRules => {
    let rules = compiled.get(serverPolicy);
    if (rules === undefined) {
      rules = compileRules(server, serverPolicy, policy);
      compiled.set(serverPolicy, rules);
    }
    return rules;
  };
  for (const [server, serverPolicy] of Object.entries(policy.servers))
    rulesFor(server, serverPolicy);

  function refuse(ctx: MessageContext, what: string, problem: string): void {
    ctx.deny({
      control: ID,
      reason: `Refused ${what} of server "${ctx.server}": ${problem} (${ctx.serverPolicy.resources === undefined ? 'defaults.resources' : policyPath('servers', ctx.server, 'resources')}).`,
      checklist: CHECKLIST,
      data: { server: ctx.server },
    });
  }

  /** The client's roots answer cut to the grant: the same object when nothing is hidden. */
  function screenRoots(
    ctx: MessageContext,
    rules: CompiledRules,
    result: unknown,
  ): Record<string, unknown> | undefined {
    const constraint = rules.roots;
    if (constraint === undefined || !isRecord(result) || !Array.isArray(result.roots)) {
      return undefined;
    }
    const kept: unknown[] = [];
    const dropped: string[] = [];
    for (const root of result.roots as unknown[]) {
      const uri = isRecord(root) && typeof root.uri === 'string' ? root.uri : undefined;
      const problem =
        uri === undefined
          ? 'has no uri'
          : schemeOf(uri) === 'file'
            ? checkValue(uri, constraint)
            : constraint.allow === undefined
              ? undefined
              : 'is not a file: URI, and only granted folders may be shown';
      if (problem === undefined) kept.push(root);
      else dropped.push(uri ?? '?');
    }
    if (dropped.length === 0) return undefined;
    ctx.record({
      control: ID,
      action: 'rewrite',
      reason: `Hid ${String(dropped.length)} of the client's roots from server "${ctx.server}" (${listNames(dropped)}): outside what the policy grants.`,
      checklist: CHECKLIST,
    });
    return { ...result, roots: kept };
  }

  /** 2026-07-28: the roots answers among the `inputResponses` of a retried request. */
  function screenInputResponses(ctx: MessageContext): void {
    const params = ctx.message.params;
    if (!isRecord(params) || !isRecord(params.inputResponses)) return;
    const rules = rulesFor(ctx.server, ctx.serverPolicy);
    let responses: Record<string, unknown> = params.inputResponses;
    for (const [key, response] of Object.entries(params.inputResponses)) {
      const cut = screenRoots(ctx, rules, response);
      if (cut !== undefined) responses = { ...responses, [key]: cut };
    }
    if (responses !== params.inputResponses) {
      ctx.message = { ...ctx.message, params: { ...params, inputResponses: responses } };
    }
  }

  return async function resourceAccess(ctx, next) {
    if (isRequest(ctx)) {
      screenInputResponses(ctx);
      const method = ctx.message.method;
      if (method === 'resources/read' || method === 'resources/subscribe') {
        const uri = requestUri(ctx);
        if (uri === undefined) {
          refuse(ctx, method, 'the request names no resource (params.uri)');
          return;
        }
        const problem = checkUri(uri, rulesFor(ctx.server, ctx.serverPolicy));
        if (problem !== undefined) {
          refuse(ctx, `${method} of "${uri}"`, `the URI ${problem}`);
          return;
        }
      } else if (method === 'prompts/get' || method === 'completion/complete') {
        const rules = rulesFor(ctx.server, ctx.serverPolicy);
        if (rules.paths !== undefined || rules.hosts !== undefined) {
          for (const [name, value] of argumentsOf(ctx)) {
            const problem = checkArgument(value, rules);
            if (problem !== undefined) {
              const what =
                method === 'prompts/get'
                  ? `prompt "${requestName(ctx) ?? '?'}"`
                  : 'the completion request';
              refuse(ctx, what, `argument "${name}" ${problem}`);
              return;
            }
          }
        }
      }
    } else if (
      ctx.direction === 'client-to-server' &&
      ctx.kind === 'response' &&
      ctx.request?.method === 'roots/list'
    ) {
      const cut = screenRoots(ctx, rulesFor(ctx.server, ctx.serverPolicy), ctx.message.result);
      if (cut !== undefined) ctx.message = { ...ctx.message, result: cut };
    }
    await next();
  };
}

export const resourceAccessControl: GatewayControl = {
  id: ID,
  title: 'Resource access: path and host rules on resources, prompts, completions and roots',
  checklist: CHECKLIST,
  create: (policy) => resourceAccess(policy),
};
