import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import picomatch from 'picomatch';
import type { ArgumentConstraint, Policy, ServerPolicy } from '../../core/config/schema.js';
import { canonicalHash } from '../../pin/canonical.js';
import {
  DescribeTool,
  describeTool,
  isRecord,
  isRequest,
  optionsError,
  policyPath,
  requestName,
  toolPolicies,
} from './shared.js';
import {
  GATEWAY_ERROR,
  type GatewayControl,
  type GatewayMiddleware,
  type MessageContext,
} from './types.js';

const ID = 'arguments';
const CHECKLIST = [
  'server.api.input-validation',
  'server.tools.input-validation',
  'server.tools.tool-behavior-constraints',
  'server.isolation.resource-access-control',
  'llm.execution.secure-invocation',
] as const;

/** Compiled validators kept per control, by canonical hash of the schema. */
const MAX_CACHED_SCHEMAS = 1024;
/** Schema errors shown in a message; all of them go in `data`. */
const MAX_SHOWN_ERRORS = 3;

type Matcher = (candidate: string) => boolean;

/** A policy constraint compiled once: matchers ready (also used for resource URIs and roots). */
export interface CompiledConstraint {
  /** Where it is in the policy: `servers.fs.tools.read_file.arguments.path`. */
  path: string;
  allow?: { patterns: readonly string[]; match: Matcher };
  deny?: { patterns: readonly string[]; match: Matcher };
  hosts?: { patterns: readonly string[]; match: (host: string, port: string) => boolean };
  pattern?: RegExp;
  maxLength?: number;
  /** Resolve symlinks of path arguments (local servers only). */
  realpaths: boolean;
  /** Directory relative path arguments are resolved against. */
  base: string;
}

const NOCASE = process.platform === 'win32' || process.platform === 'darwin';

function expandHome(text: string): string {
  if (text === '~') return homedir();
  if (text.startsWith('~/') || text.startsWith('~\\')) return path.join(homedir(), text.slice(2));
  return text;
}

/**
 * The real path of `target`, or of its nearest existing ancestor with the rest appended. Only a
 * missing path is walked past; any other failure (a symlink loop, no permission) is thrown, so
 * the call is refused rather than judged on a path the gateway could not resolve.
 */
function realpathNearest(target: string): string {
  let current = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Compiles path globs: absolute after `~` expansion and resolution against `base`. */
function pathMatcher(
  patterns: readonly string[],
  base: string,
  realpaths: boolean,
  where: string,
): Matcher {
  const sources: string[] = [];
  for (const raw of patterns) {
    if (raw.includes('\0')) throw optionsError(ID, `${where}: "${raw}" contains a NUL byte.`);
    const expanded = expandHome(raw).replaceAll('\\', '/');
    const absolute = expanded.startsWith('**') ? expanded : path.resolve(base, expanded);
    sources.push(absolute);
    if (realpaths) {
      // `/tmp/**` should still match once `/tmp` resolves to `/private/tmp`.
      const scan = picomatch.scan(absolute);
      if (scan.base !== '' && path.isAbsolute(scan.base)) {
        const real = realpathNearest(scan.base);
        if (real !== scan.base) sources.push(absolute.replace(scan.base, real));
      }
    }
  }
  try {
    const matchers = sources.map((source) => picomatch(source, { dot: true, nocase: NOCASE }));
    return (candidate) => matchers.some((match) => match(candidate));
  } catch (error) {
    throw optionsError(ID, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hostMatcher(
  patterns: readonly string[],
  where: string,
): (host: string, port: string) => boolean {
  const compiled = patterns.map((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern.includes('://') || pattern.includes('/')) {
      throw optionsError(
        ID,
        `${where}: "${raw}" must be a host name (api.github.com, *.example.com), not a URL.`,
      );
    }
    const parts =
      /^(\[[^\]]+\])(?::(\d{1,5}))?$/.exec(pattern) ?? /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(pattern);
    const host = parts?.[1] ?? '';
    const port = parts?.[2];
    if (host === '' || /\s/.test(host))
      throw optionsError(ID, `${where}: "${raw}" is not a host name.`);
    return { host, port, wildcard: host.startsWith('*.') };
  });
  return (host, port) =>
    compiled.some((entry) => {
      if (entry.port !== undefined && entry.port !== port) return false;
      if (entry.host === '*') return true;
      if (entry.wildcard)
        return host.endsWith(entry.host.slice(1)) && host.length > entry.host.length - 1;
      return host === entry.host;
    });
}

/** Compiles an argument constraint (or a resource access rule) found at `where` in the policy. */
export function compileConstraint(
  constraint: ArgumentConstraint,
  where: string,
  serverPolicy: ServerPolicy,
): CompiledConstraint {
  const realpaths = serverPolicy.url === undefined;
  const base = path.resolve(expandHome(serverPolicy.cwd ?? process.cwd()));
  const compiled: CompiledConstraint = { path: where, realpaths, base };
  if (constraint.allowPaths !== undefined) {
    compiled.allow = {
      patterns: constraint.allowPaths,
      match: pathMatcher(constraint.allowPaths, base, realpaths, `${where}.allowPaths`),
    };
  }
  if (constraint.denyPaths !== undefined) {
    compiled.deny = {
      patterns: constraint.denyPaths,
      match: pathMatcher(constraint.denyPaths, base, realpaths, `${where}.denyPaths`),
    };
  }
  if (constraint.allowHosts !== undefined) {
    compiled.hosts = {
      patterns: constraint.allowHosts,
      match: hostMatcher(constraint.allowHosts, `${where}.allowHosts`),
    };
  }
  if (constraint.pattern !== undefined) {
    try {
      compiled.pattern = new RegExp(`^(?:${constraint.pattern})$`, 'u');
    } catch (error) {
      throw optionsError(
        ID,
        `${where}.pattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (constraint.maxLength !== undefined) {
    if (!Number.isSafeInteger(constraint.maxLength) || constraint.maxLength <= 0) {
      throw optionsError(ID, `${where}.maxLength must be a positive integer.`);
    }
    compiled.maxLength = constraint.maxLength;
  }
  return compiled;
}

/** What is wrong with one path value, or undefined. */
function checkPath(value: string, c: CompiledConstraint): string | undefined {
  if (value.includes('\0')) return 'contains a NUL byte';
  let raw = value;
  if (/^file:/i.test(raw)) {
    try {
      raw = fileURLToPath(raw);
    } catch {
      return 'is a file: URL that does not name a local path';
    }
  }
  // Backslashes count as separators too: `..\..\etc` must not slip past on any platform.
  const resolved = path.resolve(c.base, expandHome(raw).replaceAll('\\', '/'));
  const candidates = [resolved];
  if (c.realpaths) {
    const real = realpathNearest(resolved);
    if (real !== resolved) candidates.push(real);
  }
  const shown = (candidate: string): string =>
    candidate === value ? `"${candidate}"` : `"${value}" (resolves to ${candidate})`;
  if (c.deny !== undefined) {
    const hit = candidates.find((candidate) => c.deny?.match(candidate) === true);
    if (hit !== undefined) {
      return `${shown(hit)} is inside a denied path (${c.deny.patterns.join(', ')})`;
    }
  }
  if (c.allow !== undefined) {
    const miss = candidates.find((candidate) => c.allow?.match(candidate) !== true);
    if (miss !== undefined) {
      return `${shown(miss)} is outside the allowed paths (${c.allow.patterns.join(', ')})`;
    }
  }
  return undefined;
}

function checkHost(value: string, c: CompiledConstraint): string | undefined {
  if (c.hosts === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `"${value.slice(0, 80)}" is not a URL, and only URLs to ${c.hosts.patterns.join(', ')} are allowed`;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return `"${value.slice(0, 80)}" names no host`;
  const port =
    url.port !== ''
      ? url.port
      : url.protocol === 'https:' || url.protocol === 'wss:'
        ? '443'
        : url.protocol === 'http:' || url.protocol === 'ws:'
          ? '80'
          : '';
  if (!c.hosts.match(host, port)) {
    return `points at host "${host}", which is not one of the allowed hosts (${c.hosts.patterns.join(', ')})`;
  }
  return undefined;
}

/** What is wrong with one argument value under one constraint, or undefined. */
export function checkValue(value: unknown, c: CompiledConstraint): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) {
      const problem = checkValue(entry, c);
      if (problem !== undefined) return `[${String(index)}] ${problem}`;
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    if (c.allow !== undefined || c.deny !== undefined || c.hosts !== undefined) {
      return 'must be a string (or a list of strings) to be checked against the policy';
    }
    if (typeof value === 'number' || typeof value === 'boolean')
      return checkValue(String(value), c);
    return 'must be a string (or a list of strings) to be checked against the policy';
  }
  if (c.maxLength !== undefined && value.length > c.maxLength) {
    return `is ${String(value.length)} characters long, over the limit of ${String(c.maxLength)}`;
  }
  if (c.pattern !== undefined && !c.pattern.test(value)) {
    return `does not match the pattern ${c.pattern.source.slice(4, -2)}`;
  }
  if (c.allow !== undefined || c.deny !== undefined) {
    const problem = checkPath(value, c);
    if (problem !== undefined) return problem;
  }
  return checkHost(value, c);
}

/** `argument "path"`, `argument "items" at /0/name`, `the arguments`. */
function where(instancePath: string): string {
  if (instancePath === '') return 'the arguments';
  const [, first = '', ...rest] = instancePath.split('/');
  const name = first.replaceAll('~1', '/').replaceAll('~0', '~');
  return rest.length === 0 ? `argument "${name}"` : `argument "${name}" at /${rest.join('/')}`;
}

function describeError(error: ErrorObject): string {
  let detail = '';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    detail = ` ("${params.additionalProperty}")`;
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    detail = `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where(error.instancePath)} ${error.message ?? 'is invalid'}${detail}`;
}

/** Draft-07 and draft-06 schemas need the draft-07 validator; the rest is read as 2020-12. */
function dialectOf(schema: Record<string, unknown>): 'draft-07' | '2020-12' | 'other' {
  const declared = schema.$schema;
  if (typeof declared !== 'string') return '2020-12';
  if (/draft-0[67]\/schema/.test(declared)) return 'draft-07';
  if (/2020-12\/schema/.test(declared)) return '2020-12';
  return 'other';
}

/** The JSON Schema compilers (2020-12 and draft-07), with formats. */
interface SchemaCompilers {
  ajv2020: Ajv2020;
  ajv07: Ajv;
}

/**
 * Loads ajv and makes the compilers: on the first schema a session compiles, not at start-up
 * (a `wrap` whose client never calls a tool never loads them).
 */
async function loadCompilers(): Promise<SchemaCompilers> {
  const [{ Ajv }, { Ajv2020 }, formats] = await Promise.all([
    import('ajv'),
    import('ajv/dist/2020.js'),
    import('ajv-formats'),
  ]);
  const ajvOptions = {
    allErrors: true,
    strict: false,
    logger: false,
    allowUnionTypes: true,
  } as const;
  const ajv2020 = new Ajv2020(ajvOptions);
  const ajv07 = new Ajv(ajvOptions);
  formats.default.default(ajv2020);
  formats.default.default(ajv07);
  return { ajv2020, ajv07 };
}

export interface ArgumentsOptions {
  /** Most compiled input schemas kept (default 1024). */
  maxCachedSchemas?: number;
}

/**
 * Validates the arguments of every tools/call: against the tool's own input schema as listed in
 * this session (JSON Schema 2020-12 with ajv, all errors; draft-07 schemas as draft-07), when
 * `defaults.validateArguments` is on, and against the policy's constraints on each argument
 * (`allowPaths`/`denyPaths` globs after resolving `~`, `..` and symlinks; `allowHosts` for URLs;
 * `pattern`; `maxLength`) always. A violation is a JSON-RPC -32602 error that says which argument
 * and why. A tool the session never listed is refused (its schema is unknown).
 */
export function toolArguments(policy: Policy, options: ArgumentsOptions = {}): GatewayMiddleware {
  const maxCached = options.maxCachedSchemas ?? MAX_CACHED_SCHEMAS;
  if (!Number.isSafeInteger(maxCached) || maxCached <= 0) {
    throw optionsError(ID, 'maxCachedSchemas must be a positive integer.');
  }
  let compilers: Promise<SchemaCompilers> | undefined;
  const bySchema = new WeakMap<object, ValidateFunction>();
  const byHash = new Map<string, ValidateFunction>();

  const constraints = new WeakMap<ArgumentConstraint, CompiledConstraint>();
  const compileFor = (
    constraint: ArgumentConstraint,
    at: string,
    serverPolicy: ServerPolicy,
  ): CompiledConstraint => {
    let compiled = constraints.get(constraint);
    if (compiled === undefined) {
      compiled = compileConstraint(constraint, at, serverPolicy);
      constraints.set(constraint, compiled);
    }
    return compiled;
  };
  for (const [server, serverPolicy] of Object.entries(policy.servers)) {
    for (const [tool, toolPolicy] of Object.entries(serverPolicy.tools)) {
      for (const [name, constraint] of Object.entries(toolPolicy.arguments ?? {})) {
        compileFor(
          constraint,
          policyPath('servers', server, 'tools', tool, 'arguments', name),
          serverPolicy,
        );
      }
    }
  }

  /** The validator of a schema, compiled before (or undefined). */
  function cachedValidator(schema: Record<string, unknown>): ValidateFunction | undefined {
    const cached = bySchema.get(schema);
    if (cached !== undefined) return cached;
    const validate = byHash.get(canonicalHash(schema));
    if (validate !== undefined) bySchema.set(schema, validate);
    return validate;
  }

  /** Compiles a schema's validator (with {@link SchemaCompilers}) and keeps it. */
  function compileValidator(
    schema: Record<string, unknown>,
    { ajv2020, ajv07 }: SchemaCompilers,
  ): ValidateFunction {
    const hash = canonicalHash(schema);
    let validate = byHash.get(hash);
    if (validate === undefined) {
      const dialect = dialectOf(schema);
      if (dialect === 'draft-07') {
        validate = ajv07.compile(schema);
      } else {
        const copy: Record<string, unknown> = { ...schema };
        if (dialect === 'other') delete copy.$schema;
        validate = ajv2020.compile(copy);
      }
      if (byHash.size >= maxCached) {
        const oldest = byHash.keys().next().value;
        if (oldest !== undefined) byHash.delete(oldest);
      }
      byHash.set(hash, validate);
    }
    bySchema.set(schema, validate);
    return validate;
  }

  function invalid(
    ctx: MessageContext,
    tool: string,
    reason: string,
    data: Record<string, unknown>,
  ): void {
    ctx.deny({
      control: ID,
      reason: `Invalid arguments for ${describeTool(ctx.server, tool)}: ${reason}.`,
      code: GATEWAY_ERROR.invalidParams,
      checklist: CHECKLIST,
      data: { server: ctx.server, tool, ...data },
      asToolResult: true,
    });
  }

  return async function argumentsControl(ctx, next) {
    if (!isRequest(ctx, 'tools/call')) {
      await next();
      return;
    }
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
    const applicable = toolPolicies(ctx.serverPolicy, tool).flatMap(({ key, policy: toolPolicy }) =>
      Object.entries(toolPolicy.arguments ?? {}).map(([name, constraint]) => ({
        name,
        constraint: compileFor(
          constraint,
          policyPath('servers', ctx.server, 'tools', key, 'arguments', name),
          ctx.serverPolicy,
        ),
      })),
    );
    const validate = ctx.policy.defaults.validateArguments;
    if (!validate && applicable.length === 0) {
      await next();
      return;
    }
    const params = ctx.message.params;
    const args: unknown = isRecord(params) ? (params.arguments ?? {}) : {};
    if (!isRecord(args)) {
      invalid(ctx, tool, 'params.arguments must be an object', {});
      return;
    }
    if (validate) {
      const definition = ctx.session.tools.get(ctx.server)?.get(tool);
      if (definition === undefined) {
        ctx.deny({
          control: ID,
          reason: `${DescribeTool(ctx.server, tool)} has not been listed in this session, so its arguments cannot be checked against its input schema: call tools/list first.`,
          checklist: CHECKLIST,
          data: { server: ctx.server, tool },
        });
        return;
      }
      const schema = definition.inputSchema;
      if (!isRecord(schema)) {
        invalid(
          ctx,
          tool,
          'the tool declares no input schema (inputSchema), so its arguments cannot be checked',
          {},
        );
        return;
      }
      let validator = cachedValidator(schema);
      if (validator === undefined) {
        // The compilers load with the first schema to compile; failing to load blocks the call.
        const loaded = await (compilers ??= loadCompilers());
        try {
          validator = compileValidator(schema, loaded);
        } catch (error) {
          ctx.deny({
            control: ID,
            reason: `The input schema of ${describeTool(ctx.server, tool)} does not compile (${error instanceof Error ? error.message : String(error)}), so its arguments cannot be checked.`,
            checklist: CHECKLIST,
            data: { server: ctx.server, tool },
          });
          return;
        }
      }
      if (!validator(args)) {
        const errors = validator.errors ?? [];
        const shown = errors.slice(0, MAX_SHOWN_ERRORS).map(describeError);
        const more =
          errors.length > MAX_SHOWN_ERRORS
            ? ` (and ${String(errors.length - MAX_SHOWN_ERRORS)} more)`
            : '';
        invalid(ctx, tool, `${shown.join('; ')}${more}`, {
          errors: errors.map((e) => ({
            instancePath: e.instancePath,
            keyword: e.keyword,
            message: e.message,
          })),
        });
        return;
      }
    }
    for (const { name, constraint } of applicable) {
      if (!Object.hasOwn(args, name) || args[name] === undefined) continue;
      const problem = checkValue(args[name], constraint);
      if (problem !== undefined) {
        invalid(ctx, tool, `argument "${name}" ${problem} (${constraint.path})`, {
          argument: name,
          policy: constraint.path,
        });
        return;
      }
    }
    await next();
  };
}

export const argumentsControl: GatewayControl = {
  id: ID,
  title: 'Arguments: input schema and policy constraints on every tool call',
  checklist: CHECKLIST,
  create: (policy) => toolArguments(policy),
};
