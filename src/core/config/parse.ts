import { isAbsolute, join } from 'node:path';
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import { z } from 'zod';
import { ToolkitError } from '../errors.js';
import {
  checkPolicyData,
  type PolicyCheckOptions,
  type PolicyPathSegment,
  type RawPolicyProblem,
} from './checks.js';
import { Policy } from './schema.js';

/** One thing wrong with a policy file, with where it is. */
export interface PolicyProblem {
  path: PolicyPathSegment[];
  /** `servers.filesystem.tools.write_file.action`; `(document)` for the file as a whole. */
  pathText: string;
  /** 1-based. */
  line: number;
  column: number;
  /** What is wrong: what was found and what is allowed. */
  message: string;
}

/** A policy that does not validate: every problem, each with its path and position. */
export class PolicyError extends ToolkitError {
  readonly file: string;
  readonly problems: readonly PolicyProblem[];

  constructor(file: string, problems: readonly PolicyProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
    const lines = problems.map(
      (p) => `  ${file}:${String(p.line)}:${String(p.column)}  ${p.pathText}: ${p.message}`,
    );
    super('CONFIG_INVALID', `Policy ${file} is not valid (${count}):\n${lines.join('\n')}`, {
      hint: `Fix the problems listed, then check again with \`mcp-warden policy validate ${file}\` (reference: docs/policy.md).`,
    });
    this.name = 'PolicyError';
    this.file = file;
    this.problems = problems;
  }
}

export interface ParsePolicyOptions extends PolicyCheckOptions {
  /**
   * Resolve relative file paths of the policy (`defaults.lockfile`, `audit.file`, each server's
   * `cwd`) against this directory. Left as written when omitted.
   */
  baseDir?: string;
}

/** `servers.filesystem.tools["fs.read"].arguments.path.allowPaths[0]` */
export function formatPolicyPath(path: readonly PolicyPathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${String(segment)}]`;
    else if (/^(?:[A-Za-z_][\w-]*|\*)$/.test(segment))
      text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(document)' : text;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate `word` was most likely meant to be, if one is close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const same = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (same !== undefined) return same;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (
      distance <= 2 &&
      distance * 3 <= Math.max(word.length, 3) &&
      distance < (best?.distance ?? 3)
    ) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

type AnySchema = z.core.$ZodType;

/** The object or record schema at `path`, through optional, default and pipe wrappers. */
function schemaAt(path: readonly PolicyPathSegment[]): AnySchema | undefined {
  let schema: AnySchema | undefined = Policy;
  const unwrap = (s: AnySchema): AnySchema => {
    let current = s;
    for (;;) {
      if (
        current instanceof z.ZodOptional ||
        current instanceof z.ZodDefault ||
        current instanceof z.ZodPrefault ||
        current instanceof z.ZodNullable
      ) {
        current = current.unwrap();
      } else if (current instanceof z.ZodPipe) {
        current = current.in;
      } else {
        return current;
      }
    }
  };
  for (const segment of path) {
    if (schema === undefined) return undefined;
    const inner: AnySchema = unwrap(schema);
    if (inner instanceof z.ZodObject) {
      schema = (inner.shape as Record<string, AnySchema>)[String(segment)];
    } else if (inner instanceof z.ZodRecord) {
      schema = inner.valueType;
    } else if (inner instanceof z.ZodArray) {
      schema = inner.element;
    } else {
      return undefined;
    }
  }
  return schema === undefined ? undefined : unwrap(schema);
}

function allowedKeys(path: readonly PolicyPathSegment[]): string[] {
  const schema = schemaAt(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: unknown, path: readonly PolicyPathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value)) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

/** Values under these keys may be secrets: never echoed in a message. */
function mayBeSecret(path: readonly PolicyPathSegment[]): boolean {
  return path.some((segment) => segment === 'env' || segment === 'headers' || segment === 'args');
}

function describeFound(value: unknown, path: readonly PolicyPathSegment[]): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    if (mayBeSecret(path)) return 'a string';
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `${String(value)} (true/false)`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
};

function typeProblem(
  expected: string,
  found: unknown,
  path: PolicyPathSegment[],
): RawPolicyProblem {
  if (found === undefined) {
    return { path, at: 'value', message: `is required: ${EXPECTED[expected] ?? expected}` };
  }
  let message = `expected ${EXPECTED[expected] ?? expected}, found ${describeFound(found, path)}`;
  if (expected === 'string' && (typeof found === 'number' || typeof found === 'boolean')) {
    message += `; quote it: "${String(found)}"`;
  } else if (expected === 'array' && typeof found === 'string') {
    message += '; write a list: [a, b] or one "- item" per line';
  } else if (expected === 'int' && typeof found === 'number') {
    message = `expected a whole number, found ${String(found)}`;
  } else if (expected === 'object' && found === null) {
    message += '; remove the key or give it entries';
  }
  return { path, at: 'value', message };
}

function keyKind(path: readonly PolicyPathSegment[]): string {
  const parent = path.at(-2);
  if (parent === 'servers') return 'server name';
  if (parent === 'env') return 'environment variable name';
  if (parent === 'tools') return 'tool name';
  if (parent === 'arguments') return 'argument name';
  if (parent === 'headers') return 'header name';
  return 'key';
}

function unknownKeyProblem(
  parentPath: PolicyPathSegment[],
  key: string,
  data: unknown,
): RawPolicyProblem {
  const allowed = allowedKeys(parentPath);
  const guess = closest(key, allowed);
  const value = valueAt(data, [...parentPath, key]);
  let message = `unknown key "${key}"`;
  if (guess !== undefined) {
    message += ` (did you mean "${guess}"?)`;
  } else if (
    parentPath.at(-2) === 'servers' &&
    isRecord(value) &&
    ('action' in value || 'arguments' in value)
  ) {
    message += ` (rules for a tool go under tools: tools.${key})`;
  } else if (
    parentPath.length === 0 &&
    isRecord(value) &&
    ('command' in value || 'url' in value || 'tools' in value)
  ) {
    message += ` (servers go under servers: servers.${key})`;
  }
  message += `; allowed keys: ${allowed.join(', ')}`;
  return { path: [...parentPath, key], at: 'key', message };
}

function issueProblems(issue: z.core.$ZodIssue, data: unknown): RawPolicyProblem[] {
  const path = issue.path.map((segment) =>
    typeof segment === 'symbol' ? String(segment) : segment,
  );
  const found = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKeyProblem(path, key, data));
    case 'invalid_type':
      return [typeProblem(issue.expected, found, path)];
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      if (found === undefined) {
        return [{ path, at: 'value', message: `is required: ${values.join(' or ')}` }];
      }
      if (values.length === 1) {
        return [
          {
            path,
            at: 'value',
            message: `must be ${values[0] ?? ''}, found ${describeFound(found, path)}`,
          },
        ];
      }
      const guess = typeof found === 'string' ? closest(found, values) : undefined;
      const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : '';
      return [
        {
          path,
          at: 'value',
          message: `${describeFound(found, path)} is not allowed${hint}; allowed values: ${values.join(', ')}`,
        },
      ];
    }
    case 'invalid_key': {
      const key = String(path.at(-1) ?? '');
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      let message = `"${key}" is not a valid ${keyKind(path)}: ${reasons}`;
      if (path.at(-2) === 'servers') {
        const fixed = key.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
        if (fixed !== '') message += ` (for example "${fixed}")`;
      }
      return [{ path, at: 'key', message }];
    }
    case 'too_small': {
      const minimum = String(issue.minimum);
      const message =
        issue.origin === 'string'
          ? 'must not be empty'
          : issue.origin === 'array' || issue.origin === 'set'
            ? `needs at least ${minimum} item(s)`
            : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${minimum}, found ${describeFound(found, path)}`;
      return [{ path, at: 'value', message }];
    }
    case 'too_big': {
      const maximum = String(issue.maximum);
      return [
        {
          path,
          at: 'value',
          message: `must be ${issue.inclusive ? 'at most' : 'less than'} ${maximum}, found ${describeFound(found, path)}`,
        },
      ];
    }
    case 'invalid_format': {
      const message =
        issue.format === 'url'
          ? `expected an http:// or https:// URL, found ${describeFound(found, path)}`
          : `${describeFound(found, path)} is not valid: ${issue.message}`;
      return [{ path, at: 'value', message }];
    }
    default:
      return [{ path, at: 'value', message: issue.message }];
  }
}

/** Offset in the text of the key or value at `path`; the nearest ancestor's key when it is missing. */
function offsetOf(doc: Document, path: readonly PolicyPathSegment[], at: 'key' | 'value'): number {
  const start = (node: unknown): number | undefined =>
    isNode(node) && node.range ? node.range[0] : undefined;
  let node: unknown = doc.contents;
  let fallback = start(node) ?? 0;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (!pair) return fallback;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = pair.value;
      fallback = start(keyNode) ?? fallback;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      keyNode = undefined;
      fallback = start(node) ?? fallback;
    } else {
      return fallback;
    }
  }
  if (at === 'key' && keyNode) return start(keyNode) ?? fallback;
  const value = start(node);
  return value !== undefined && !(isScalar(node) && node.value === null) ? value : fallback;
}

function position(
  doc: Document,
  counter: LineCounter,
  problem: RawPolicyProblem,
): PolicyProblem & { offset: number } {
  const offset = offsetOf(doc, problem.path, problem.at);
  const { line, col } = counter.linePos(offset);
  return {
    path: problem.path,
    pathText: formatPolicyPath(problem.path),
    line,
    column: col,
    message: problem.message,
    offset,
  };
}

function resolvePaths(policy: Policy, baseDir: string): Policy {
  const resolveFile = (file: string): string =>
    isAbsolute(file) || file.startsWith('~') ? file : join(baseDir, file);
  const servers = Object.fromEntries(
    Object.entries(policy.servers).map(([name, server]) => [
      name,
      server.cwd === undefined ? server : { ...server, cwd: resolveFile(server.cwd) },
    ]),
  );
  return {
    ...policy,
    defaults: {
      ...policy.defaults,
      ...(policy.defaults.lockfile !== undefined
        ? { lockfile: resolveFile(policy.defaults.lockfile) }
        : {}),
    },
    audit: {
      ...policy.audit,
      ...(policy.audit.file !== undefined ? { file: resolveFile(policy.audit.file) } : {}),
    },
    servers,
  };
}

type PlacedProblem = PolicyProblem & { offset: number };

function fail(file: string, problems: PlacedProblem[]): never {
  problems.sort((a, b) => a.offset - b.offset || a.pathText.localeCompare(b.pathText));
  throw new PolicyError(
    file,
    problems.map(({ path, pathText, line, column, message }) => ({
      path,
      pathText,
      line,
      column,
      message,
    })),
  );
}

function documentProblem(message: string, offset: number, counter: LineCounter): PlacedProblem {
  const { line, col } = counter.linePos(offset);
  return { path: [], pathText: '(document)', line, column: col, message, offset };
}

/**
 * Parses and validates the text of a policy file. Pure: reads nothing. An invalid policy throws
 * a {@link PolicyError} (`code: 'CONFIG_INVALID'`) naming every problem with its path in the
 * document, its line and column, what was found and what is allowed.
 *
 * @example
 * const policy = parsePolicy('version: 1\nservers:\n  fs:\n    action: confirm\n', 'policy.yaml');
 * policy.servers.fs?.action; // 'confirm'
 */
export function parsePolicy(text: string, path: string, options: ParsePolicyOptions = {}): Policy {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    merge: true,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    fail(
      path,
      doc.errors.map((error) =>
        documentProblem(`YAML syntax: ${error.message}`, error.pos[0], counter),
      ),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(path, [documentProblem(`YAML: ${message}`, 0, counter)]);
  }
  if (data === null || data === undefined) {
    fail(path, [
      documentProblem('the policy is empty; it needs at least "version: 1"', 0, counter),
    ]);
  }
  const raw: RawPolicyProblem[] = [];
  const result = Policy.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) raw.push(...issueProblems(issue, data));
  }
  raw.push(...checkPolicyData(data, options));
  if (!result.success || raw.length > 0) {
    fail(
      path,
      raw.map((problem) => position(doc, counter, problem)),
    );
  }
  const policy = result.data;
  return options.baseDir === undefined ? policy : resolvePaths(policy, options.baseDir);
}
