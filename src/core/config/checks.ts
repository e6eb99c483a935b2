import { envReferenceProblems } from './env-references.js';

/**
 * The checks of a policy that zod cannot express: argument patterns that compile, glob and host
 * syntax, `${env:NAME}` references, and a launch that makes sense (command or url, not both).
 * They run on the raw document, before and independently of the schema, so one run reports
 * every problem; values of the wrong type are left to the schema.
 */

export type PolicyPathSegment = string | number;

/** One problem, before it is given a position in the file. */
export interface RawPolicyProblem {
  path: PolicyPathSegment[];
  /** Point at the key itself (an unknown key, a bad name) or at its value. */
  at: 'key' | 'value';
  message: string;
}

/**
 * `wrap` (the default): the gateway wraps one command line the client config gives it, so a
 * server entry may configure tools and limits only. `gateway`: the gateway starts or connects to
 * every server itself, so each needs `command` or `url`.
 */
export type PolicyMode = 'wrap' | 'gateway';

export interface PolicyCheckOptions {
  mode?: PolicyMode;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compiles an argument `pattern` the way the gateway applies it: Unicode mode, anchored at both
 * ends. Throws a `SyntaxError` when it does not compile.
 *
 * @example
 * compileArgumentPattern('[a-z]+').test('abc'); // true
 * compileArgumentPattern('[a-z]+').test('abc!'); // false
 */
export function compileArgumentPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

const ROOTED_GLOB = /^(?:\/|~[\\/]|~$|\*\*|[A-Za-z]:[\\/]|\\\\)/;

/**
 * What is wrong with a path glob, or undefined when it is sane: rooted (absolute, `~/…` or
 * starting with `**`) unless `relativeTo` names the directory a relative one is resolved
 * against (the server's `cwd`), brackets and braces balanced, no `***`, no `..` segments (paths
 * are resolved before they are matched, so such a pattern could never match).
 */
export function globProblem(
  pattern: string,
  options: { relativeTo?: string } = {},
): string | undefined {
  if (!ROOTED_GLOB.test(pattern) && options.relativeTo === undefined) {
    return (
      `"${pattern}" is relative, and this server has no cwd to resolve it against; write an ` +
      "absolute pattern (/home/me/project/**), ~/… or **/…, or set the server's cwd"
    );
  }
  if (/\*{3,}/.test(pattern)) return `"${pattern}" has "***"; use ** for any depth`;
  if (/(?:^|[\\/])\.\.(?:[\\/]|$)/.test(pattern)) {
    return `"${pattern}" has a ".." segment; paths are resolved before matching, so write the resolved path`;
  }
  // A backslash escapes the next character, except in Windows paths where it separates.
  const windows = /^(?:[A-Za-z]:\\|\\\\)/.test(pattern);
  let brackets = 0;
  let braces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\' && !windows) {
      index++;
      continue;
    }
    if (brackets > 0) {
      if (char === ']') brackets = 0;
      continue;
    }
    if (char === '[') {
      if (pattern[index + 1] === ']') return `"${pattern}" has an empty character class "[]"`;
      brackets = 1;
    } else if (char === '{') {
      if (pattern[index + 1] === '}') return `"${pattern}" has an empty alternation "{}"`;
      braces++;
    } else if (char === '}') {
      braces--;
      if (braces < 0) return `"${pattern}" has a "}" without its "{"`;
    }
  }
  if (brackets > 0) return `"${pattern}" has a "[" without its "]"`;
  if (braces > 0) return `"${pattern}" has a "{" without its "}"`;
  return undefined;
}

const HOST =
  /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?(?::\d{1,5})?$/;
const IPV6_HOST = /^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** What is wrong with an `allowHosts` entry, or undefined: a host name, `*.domain`, IPv4 or `[IPv6]`, with an optional port. */
export function hostProblem(host: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(host);
  if (url) return `"${host}" is a URL; write the host only: "${url[1] ?? ''}"`;
  if (HOST.test(host) || IPV6_HOST.test(host)) return undefined;
  if (host.includes('/')) return `"${host}" has a path; write the host only`;
  if (host.includes('*')) return `"${host}" has a "*" other than a leading "*."`;
  return `"${host}" is not a host name (api.example.com, *.example.com, 10.0.0.1, [::1]:8080)`;
}

function checkArgumentConstraint(
  constraint: Record<string, unknown>,
  path: PolicyPathSegment[],
  cwd: string | undefined,
  problems: RawPolicyProblem[],
): void {
  const { pattern } = constraint;
  if (typeof pattern === 'string' && pattern !== '') {
    try {
      compileArgumentPattern(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({
        path: [...path, 'pattern'],
        at: 'value',
        message: `does not compile as a regular expression (Unicode mode): ${reason}`,
      });
    }
  }
  for (const field of ['allowPaths', 'denyPaths'] as const) {
    const globs = constraint[field];
    if (!Array.isArray(globs)) continue;
    globs.forEach((glob: unknown, index) => {
      const problem =
        typeof glob === 'string' && glob !== ''
          ? globProblem(glob, cwd !== undefined ? { relativeTo: cwd } : {})
          : undefined;
      if (problem) problems.push({ path: [...path, field, index], at: 'value', message: problem });
    });
  }
  const hosts = constraint.allowHosts;
  if (Array.isArray(hosts)) {
    hosts.forEach((host: unknown, index) => {
      const problem = typeof host === 'string' && host !== '' ? hostProblem(host) : undefined;
      if (problem) {
        problems.push({ path: [...path, 'allowHosts', index], at: 'value', message: problem });
      }
    });
  }
}

function checkReferences(value: unknown, path: PolicyPathSegment[], out: RawPolicyProblem[]) {
  if (typeof value !== 'string') return;
  for (const message of envReferenceProblems(value)) out.push({ path, at: 'value', message });
}

function checkServer(
  server: Record<string, unknown>,
  path: PolicyPathSegment[],
  mode: PolicyMode,
  problems: RawPolicyProblem[],
): void {
  const has = (key: string): boolean => server[key] !== undefined && server[key] !== null;
  const nonEmpty = (key: string): boolean => {
    const value = server[key];
    if (Array.isArray(value)) return value.length > 0;
    if (isRecord(value)) return Object.keys(value).length > 0;
    return has(key);
  };
  if (has('command') && has('url')) {
    problems.push({
      path: [...path, 'url'],
      at: 'key',
      message:
        'a server has either command (started over stdio) or url (remote), not both; remove one',
    });
  } else if (has('url')) {
    for (const key of ['args', 'env', 'cwd']) {
      if (nonEmpty(key)) {
        problems.push({
          path: [...path, key],
          at: 'key',
          message: `${key} is for servers started with command; this one has a url`,
        });
      }
    }
  } else if (has('command')) {
    if (nonEmpty('headers')) {
      problems.push({
        path: [...path, 'headers'],
        at: 'key',
        message: 'headers are for remote servers (url); this one is started with command',
      });
    }
  } else if (mode === 'gateway') {
    problems.push({
      path,
      at: 'key',
      message:
        'needs command (a stdio server) or url (a remote one) for the gateway to reach it; only ' +
        '`mcp-warden wrap` works without, taking the command line from the client config',
    });
  }
  checkReferences(server.command, [...path, 'command'], problems);
  checkReferences(server.url, [...path, 'url'], problems);
  const args = server.args;
  if (Array.isArray(args)) {
    args.forEach((arg: unknown, index) => {
      checkReferences(arg, [...path, 'args', index], problems);
    });
  }
  for (const key of ['env', 'headers'] as const) {
    const map = server[key];
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      checkReferences(value, [...path, key, name], problems);
    }
  }
  const tools = server.tools;
  if (isRecord(tools)) {
    for (const [tool, rule] of Object.entries(tools)) {
      if (!isRecord(rule) || !isRecord(rule.arguments)) continue;
      for (const [argument, constraint] of Object.entries(rule.arguments)) {
        if (isRecord(constraint)) {
          checkArgumentConstraint(
            constraint,
            [...path, 'tools', tool, 'arguments', argument],
            typeof server.cwd === 'string' && server.cwd !== '' ? server.cwd : undefined,
            problems,
          );
        }
      }
    }
  }
}

/**
 * The problems zod cannot see in a parsed (not yet validated) policy document.
 *
 * @example
 * checkPolicyData({ version: 1, servers: { fs: { command: 'x', url: 'https://x' } } });
 * // [{ path: ['servers', 'fs', 'url'], at: 'key', message: 'a server has either command … ' }]
 */
export function checkPolicyData(
  data: unknown,
  options: PolicyCheckOptions = {},
): RawPolicyProblem[] {
  const problems: RawPolicyProblem[] = [];
  if (!isRecord(data) || !isRecord(data.servers)) return problems;
  for (const [name, server] of Object.entries(data.servers)) {
    if (isRecord(server)) {
      checkServer(server, ['servers', name], options.mode ?? 'wrap', problems);
    }
  }
  return problems;
}
