import {
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError as JsonParseError,
} from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document as YamlDocument,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { ConfigFormat, ParseFailure, Position } from '../core/server-spec.js';
import { LineIndex, parsePointer } from './pointer.js';
import { indexToml } from './toml-locator.js';

/** A parsed configuration text: its data, a pointer locator, or why it did not parse. */
export interface ParsedText {
  data: unknown;
  parseError?: ParseFailure;
  locate: (pointer: string) => Position | undefined;
}

const nowhere = (): undefined => undefined;

/**
 * How deeply brackets may nest in a config file. Real client configs nest a handful of levels;
 * a file nested thousands deep overflows recursive parsers, and a scanner that skips it would let
 * a project hide its servers behind it.
 */
export const MAX_NESTING = 256;

/**
 * Parses JSON, JSONC, TOML or YAML without throwing. Strict `json` rejects comments and trailing
 * commas (as the clients that read it with `JSON.parse` do); `jsonc` accepts both. Nesting deeper
 * than {@link MAX_NESTING} is a `too-deep` failure, checked in one linear pass before parsing.
 */
export function parseText(text: string, format: ConfigFormat): ParsedText {
  // A byte order mark is invisible in editors, so positions are counted without it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const tooDeep = deepestOffset(body, format);
  if (tooDeep !== undefined) {
    return {
      data: undefined,
      parseError: {
        kind: 'too-deep',
        message: `nested more than ${String(MAX_NESTING)} levels deep; refused rather than parsed`,
        ...new LineIndex(body).position(tooDeep),
      },
      locate: nowhere,
    };
  }
  try {
    switch (format) {
      case 'json':
      case 'jsonc':
        return parseJson(body, format === 'jsonc');
      case 'toml':
        return parseTomlText(body);
      case 'yaml':
        return parseYaml(body);
    }
  } catch (error) {
    // A parser that still overflows its stack (or throws) on hostile input: bad content, not a crash.
    return { data: undefined, parseError: unplaced(error), locate: nowhere };
  }
}

/**
 * The offset where bracket nesting first exceeds {@link MAX_NESTING}, skipping strings (and, for
 * JSON/JSONC, comments); undefined when it never does. Linear, no recursion. YAML indentation
 * nesting is bounded by the parser itself; only its flow brackets are counted here.
 */
function deepestOffset(text: string, format: ConfigFormat): number | undefined {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 /* \\ */ && quote === 34) i++;
      else if (c === quote) quote = 0;
      else if (c === 10 && format !== 'json' && format !== 'jsonc') quote = 0;
      continue;
    }
    if (c === 34 /* " */ || (c === 39 /* ' */ && format !== 'json' && format !== 'jsonc')) {
      quote = c;
    } else if (c === 35 /* # */ && (format === 'toml' || format === 'yaml')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === 47 /* / */ && format === 'jsonc' && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === 47 && format === 'jsonc' && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > MAX_NESTING) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function words(code: string): string {
  const spaced = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function parseJson(text: string, lenient: boolean): ParsedText {
  const errors: JsonParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: !lenient,
    allowTrailingComma: lenient,
    allowEmptyContent: true,
  });
  const lines = new LineIndex(text);
  const first = errors[0];
  if (first) {
    const at = lines.position(first.offset);
    return {
      data: undefined,
      parseError: { message: words(printParseErrorCode(first.error)), ...at },
      locate: nowhere,
    };
  }
  const members = new MemberIndex<JsonNode, JsonNode>(
    (node) => node.children ?? [],
    (property) => {
      const key: unknown = property.children?.[0]?.value;
      return typeof key === 'string' ? key : undefined;
    },
  );
  return {
    data: root ? (getNodeValue(root) as unknown) : undefined,
    locate(pointer) {
      if (!root) return pointer === '' ? { line: 1, column: 1 } : undefined;
      const offset = jsonOffset(root, parsePointer(pointer), members);
      if (offset === undefined) return undefined;
      return lines.position(offset);
    },
  };
}

/**
 * Finds the member of an object (or map) by key. A large object is indexed the first time it is
 * looked into, so that locating every finding of a file with many servers stays linear overall (a
 * search per lookup made 64k servers take a minute); a small one is searched, which is cheaper
 * than an index. A duplicate key is located at its first occurrence.
 */
class MemberIndex<Container extends object, Member> {
  private static readonly SEARCH_BELOW = 32;
  private readonly byContainer = new WeakMap<Container, Map<string, Member>>();

  constructor(
    private readonly membersOf: (container: Container) => readonly Member[],
    private readonly keyOf: (member: Member) => string | undefined,
  ) {}

  get(container: Container, key: string): Member | undefined {
    const list = this.membersOf(container);
    if (list.length < MemberIndex.SEARCH_BELOW) {
      return list.find((member) => this.keyOf(member) === key);
    }
    let index = this.byContainer.get(container);
    if (!index) {
      index = new Map();
      for (const member of list) {
        const name = this.keyOf(member);
        if (name !== undefined && !index.has(name)) index.set(name, member);
      }
      this.byContainer.set(container, index);
    }
    return index.get(key);
  }
}

/** Offset of the property key (for object members) or of the value (for the root and elements). */
function jsonOffset(
  root: JsonNode,
  segments: readonly string[],
  members: MemberIndex<JsonNode, JsonNode>,
): number | undefined {
  let node: JsonNode = root;
  let offset = root.offset;
  for (const segment of segments) {
    if (node.type === 'object') {
      const property = members.get(node, segment);
      const key = property?.children?.[0];
      const value = property?.children?.[1];
      if (!key || !value) return undefined;
      offset = key.offset;
      node = value;
    } else if (node.type === 'array') {
      if (!/^\d+$/.test(segment)) return undefined;
      const element = node.children?.[Number(segment)];
      if (!element) return undefined;
      offset = element.offset;
      node = element;
    } else {
      return undefined;
    }
  }
  return offset;
}

function unplaced(error: unknown): ParseFailure {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { kind: 'too-deep', message: 'nested too deeply to parse', line: 1, column: 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: firstLine(message), line: 1, column: 1 };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

function parseTomlText(text: string): ParsedText {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const message = firstLine(error.message.replace(/^Invalid TOML document:\s*/, ''));
      return {
        data: undefined,
        parseError: { message, line: error.line, column: error.column },
        locate: nowhere,
      };
    }
    // Anything else the parser throws (a stack overflow on absurd nesting) is still bad content.
    return { data: undefined, parseError: unplaced(error), locate: nowhere };
  }
  const lines = new LineIndex(text);
  let offsets: Map<string, number> | undefined;
  return {
    data,
    locate(pointer) {
      offsets ??= indexToml(text);
      const offset = offsets.get(pointer);
      if (offset === undefined) return undefined;
      return lines.position(offset);
    },
  };
}

function parseYaml(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const message = firstLine(first.message).replace(/ at line \d+, column \d+:?$/, '');
    return {
      data: undefined,
      parseError: { message, line: at.line, column: at.col },
      locate: nowhere,
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias bomb ("billion laughs") is refused by the parser: bad content, not a crash.
    return { data: undefined, parseError: unplaced(error), locate: nowhere };
  }
  const members = new MemberIndex<YAMLMap, Pair>(
    (map) => map.items,
    (pair) => {
      const key: unknown = pair.key;
      if (isScalar(key)) return String(key.value);
      return typeof key === 'string' ? key : undefined;
    },
  );
  return {
    data,
    locate(pointer) {
      const offset = yamlOffset(doc, parsePointer(pointer), members);
      if (offset === undefined) return undefined;
      const at = lineCounter.linePos(offset);
      return { line: at.line, column: at.col };
    },
  };
}

function yamlOffset(
  doc: YamlDocument,
  segments: readonly string[],
  members: MemberIndex<YAMLMap, Pair>,
): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? (node.range?.[0] ?? 0) : 0;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = members.get(node, segment);
      if (!pair) return undefined;
      const key: unknown = pair.key;
      const value: unknown = pair.value;
      const keyStart = isScalar(key) ? key.range?.[0] : undefined;
      offset = keyStart ?? valueStart(value) ?? offset;
      node = value;
    } else if (isSeq(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      const item: unknown = node.items[Number(segment)];
      if (item === undefined) return undefined;
      offset = valueStart(item) ?? offset;
      node = item;
    } else {
      return undefined;
    }
  }
  return offset;
}

function valueStart(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}
