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
 * Parses JSON, JSONC, TOML or YAML without throwing. Strict `json` rejects comments and trailing
 * commas (as the clients that read it with `JSON.parse` do); `jsonc` accepts both.
 */
export function parseText(text: string, format: ConfigFormat): ParsedText {
  // A byte order mark is invisible in editors, so positions are counted without it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  switch (format) {
    case 'json':
    case 'jsonc':
      return parseJson(body, format === 'jsonc');
    case 'toml':
      return parseTomlText(body);
    case 'yaml':
      return parseYaml(body);
  }
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
  return {
    data: root ? (getNodeValue(root) as unknown) : undefined,
    locate(pointer) {
      if (!root) return pointer === '' ? { line: 1, column: 1 } : undefined;
      const offset = jsonOffset(root, parsePointer(pointer));
      if (offset === undefined) return undefined;
      return lines.position(offset);
    },
  };
}

/** Offset of the property key (for object members) or of the value (for the root and elements). */
function jsonOffset(root: JsonNode, segments: readonly string[]): number | undefined {
  let node: JsonNode = root;
  let offset = root.offset;
  for (const segment of segments) {
    if (node.type === 'object') {
      const property = node.children?.find((p) => p.children?.[0]?.value === segment);
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
  return {
    data,
    locate(pointer) {
      const offset = yamlOffset(doc, parsePointer(pointer));
      if (offset === undefined) return undefined;
      const at = lineCounter.linePos(offset);
      return { line: at.line, column: at.col };
    },
  };
}

function yamlOffset(doc: YamlDocument, segments: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? (node.range?.[0] ?? 0) : 0;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key: unknown = item.key;
        return isScalar(key) ? String(key.value) === segment : key === segment;
      });
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
