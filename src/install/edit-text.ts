import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type FormattingOptions,
} from 'jsonc-parser';
import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify as stringifyYaml,
  type Pair,
} from 'yaml';
import { ToolkitError } from '../core/errors.js';
import type { ConfigFormat } from '../core/server-spec.js';
import { parseText } from '../discovery/document.js';
import { indexToml, indexTomlValues } from '../discovery/toml-locator.js';
import { joinPointer } from '../core/server-spec.js';
import { applyOpsToData, hasTo, sameData, type DataPath, type FieldOp } from './field-op.js';

/**
 * Minimal edits to the text of a config file: only the values the ops name change; comments,
 * key order, indentation, line endings and a byte order mark stay as they were. Every edit is
 * checked by parsing the result: it must be the original data with exactly the ops applied, or
 * the edit is refused (a layout this editor does not handle is never half-written).
 */

const BOM = '\uFEFF';

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Applies `ops` to `text` in `format`; throws `CONFIG_INVALID` when the result would be wrong. */
export function editText(
  text: string,
  format: ConfigFormat,
  ops: readonly FieldOp[],
  file = 'the file',
): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const before = parseText(body, format);
  if (before.parseError) {
    throw new ToolkitError(
      'CONFIG_INVALID',
      `${file} does not parse (${before.parseError.message} at line ${String(before.parseError.line)}); it was not changed.`,
      { hint: 'Fix the syntax error, then run the command again.' },
    );
  }
  let edited: string;
  switch (format) {
    case 'json':
    case 'jsonc':
      edited = editJson(body, ops);
      break;
    case 'yaml':
      edited = editYaml(body, ops);
      break;
    case 'toml':
      edited = editToml(body, ops);
      break;
  }
  const after = parseText(edited, format);
  const expected = applyOpsToData(before.data, ops);
  if (after.parseError !== undefined || !sameData(after.data, expected)) {
    const where =
      after.parseError === undefined
        ? `at ${firstDifference(after.data, expected) || '/'}`
        : `(${after.parseError.message})`;
    throw new ToolkitError(
      'CONFIG_INVALID',
      `${file}: the edit could not be made without changing other settings ${where}; it was not changed.`,
      {
        hint: 'This layout of the file is not supported by the editor; change the server entries by hand (see docs/install.md).',
      },
    );
  }
  return bom + edited;
}

/** The JSON pointer of the first place where two values differ ('' when only the root does). */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (sameData(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return at;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      joinPointer(at, key),
    );
    if (found !== undefined) return found;
  }
  return at;
}

// JSON and JSONC: jsonc-parser's `modify` edits one value in place and keeps everything else.

function jsonFormatting(text: string): FormattingOptions {
  const indented = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const tabs = indented.startsWith('\t');
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indented.length, eol: lineEnding(text) };
}

/** A value on one line, spaced the way people write it: `["a", "b"]`, `{ "k": 1 }`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function editJson(text: string, ops: readonly FieldOp[]): string {
  const formattingOptions = jsonFormatting(text);
  let out = text;
  for (const op of ops) {
    // A value written on one line is replaced on one line; anything else goes through `modify`.
    const root = parseTree(out, [], { allowTrailingComma: true });
    const node = root === undefined ? undefined : findNodeAtLocation(root, [...op.path]);
    if (
      hasTo(op) &&
      node !== undefined &&
      !/[\r\n]/.test(out.slice(node.offset, node.offset + node.length))
    ) {
      out = out.slice(0, node.offset) + inlineJson(op.to) + out.slice(node.offset + node.length);
      continue;
    }
    const edits = modify(out, [...op.path], hasTo(op) ? op.to : undefined, { formattingOptions });
    out = applyEdits(out, edits);
  }
  return out;
}

// YAML: text splices at the ranges the `yaml` parser reports, so comments, quoting and spacing of
// everything else stay byte for byte; where no splice fits, the Document API (which keeps comments
// but re-renders the document) does the edit.

function seqIndented(text: string): boolean {
  return !/^([ \t]*)[^\s#-][^\n]*:[ \t]*\r?\n\1- /m.test(text);
}

function editYaml(text: string, ops: readonly FieldOp[]): string {
  let out = text;
  for (const op of ops) out = spliceYaml(out, op) ?? documentEdit(out, op);
  return out;
}

function documentEdit(text: string, op: FieldOp): string {
  const doc = parseDocument(text);
  if (hasTo(op)) {
    const existing: unknown = doc.getIn(op.path, true);
    const node = doc.createNode(op.to);
    const flow = isSeq(existing) && existing.flow === true && existing.items.length > 0;
    if (isCollection(node) && flow) node.flow = true;
    doc.setIn(op.path, node);
  } else {
    doc.deleteIn(op.path);
  }
  const out = doc.toString({ lineWidth: 0, indentSeq: seqIndented(text) });
  return lineEnding(text) === '\r\n' ? out.replace(/\r?\n/g, '\r\n') : out;
}

/** `key: value` lines for a new or rewritten pair, at `indent`. */
function yamlPair(key: string | number, value: unknown, indent: string, text: string): string {
  const eol = lineEnding(text);
  const body = stringifyYaml({ [key]: value }, { lineWidth: 0, indentSeq: seqIndented(text) });
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => indent + line + eol)
    .join('');
}

function spliceYaml(text: string, op: FieldOp): string | undefined {
  const doc = parseDocument(text);
  const parentPath = op.path.slice(0, -1);
  const key = op.path.at(-1);
  const parent: unknown = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (key === undefined || !isMap(parent) || parent.flow === true) return undefined;
  const keyStart = (pair: Pair): number | undefined =>
    isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  const first = parent.items[0];
  const firstStart = first === undefined ? undefined : keyStart(first);
  if (firstStart === undefined) return undefined;
  const indent = ' '.repeat(firstStart - lineStart(text, firstStart));
  const pair = parent.items.find(
    (item) => isScalar(item.key) && String(item.key.value) === String(key),
  );
  const value: unknown = pair?.value;
  const valueRange =
    isScalar(value) || isCollection(value) ? (value.range ?? undefined) : undefined;
  const ownLine = (start: number): boolean =>
    text.slice(lineStart(text, start), start).trim() === '';
  if (hasTo(op)) {
    if (pair !== undefined && valueRange !== undefined) {
      const [from, to] = valueRange;
      const inline =
        (isScalar(value) || (isCollection(value) && value.flow === true)) &&
        !/[\r\n]/.test(text.slice(from, to));
      if (inline) {
        const flow = isCollection(value);
        const padded = flow && /^[[{] /.test(text.slice(from, to));
        const rendered = stringifyYaml(op.to, {
          lineWidth: 0,
          ...(flow || typeof op.to !== 'object'
            ? { collectionStyle: 'flow' as const, flowCollectionPadding: padded }
            : {}),
        }).trimEnd();
        if (/[\r\n]/.test(rendered) || (!flow && typeof op.to === 'object' && op.to !== null))
          return undefined;
        return text.slice(0, from) + rendered + text.slice(to);
      }
      const start = keyStart(pair);
      if (start === undefined || !ownLine(start)) return undefined;
      const lineFrom = lineStart(text, start);
      return (
        text.slice(0, lineFrom) +
        yamlPair(key, op.to, indent, text) +
        text.slice(lineEnd(text, to - 1))
      );
    }
    if (pair !== undefined) return undefined;
    const last = parent.items.at(-1);
    const lastValue: unknown = last?.value;
    const lastEnd =
      isScalar(lastValue) || isCollection(lastValue) ? lastValue.range?.[1] : undefined;
    if (lastEnd === undefined) return undefined;
    const at = lineEnd(text, lastEnd - 1);
    const prefix = at === text.length && !text.endsWith('\n') ? lineEnding(text) : '';
    return text.slice(0, at) + prefix + yamlPair(key, op.to, indent, text) + text.slice(at);
  }
  if (pair === undefined) return text;
  const start = keyStart(pair);
  if (start === undefined || valueRange === undefined || !ownLine(start)) return undefined;
  return text.slice(0, lineStart(text, start)) + text.slice(lineEnd(text, valueRange[1] - 1));
}

// TOML: text edits at the spans the locator finds; new keys go after the table's last key.

const BARE_TOML_KEY = /^[A-Za-z0-9_-]+$/;

function tomlKey(key: string | number): string {
  const text = String(key);
  return BARE_TOML_KEY.test(text) ? text : JSON.stringify(text);
}

/** A value as TOML (inline form). */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  throw new Error(`cannot write ${String(value)} as TOML`);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the end of the line holding `offset` (its newline included). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function editToml(text: string, ops: readonly FieldOp[]): string {
  let out = text;
  for (const op of ops) out = editTomlOnce(out, op);
  return out;
}

function editTomlOnce(text: string, op: FieldOp): string {
  const pointer = joinPointer('', ...op.path);
  const values = indexTomlValues(text);
  const span = values.get(pointer);
  if (hasTo(op)) {
    const written = tomlValue(op.to);
    if (span !== undefined) {
      const trimmedEnd = span.start + text.slice(span.start, span.end).trimEnd().length;
      return text.slice(0, span.start) + written + text.slice(trimmedEnd);
    }
    return insertTomlKey(text, op.path, written, values);
  }
  if (span === undefined) return text;
  const keyOffset = indexToml(text).get(pointer) ?? span.start;
  const start = lineStart(text, keyOffset);
  const onlyKeyOnLine = text.slice(start, keyOffset).trim() === '';
  const end = lineEnd(text, span.end);
  const rest = text.slice(span.end, end).trim();
  if (!onlyKeyOnLine || (rest !== '' && !rest.startsWith('#'))) {
    // Part of an inline table or a line with more on it: refuse (the check after the edit would).
    throw new ToolkitError('CONFIG_INVALID', `cannot remove ${pointer}: it shares its line`);
  }
  return text.slice(0, start) + text.slice(end);
}

function insertTomlKey(
  text: string,
  path: DataPath,
  written: string,
  values: ReadonlyMap<string, { start: number; end: number }>,
): string {
  const parent = joinPointer('', ...path.slice(0, -1));
  const key = path.at(-1);
  if (key === undefined) throw new ToolkitError('CONFIG_INVALID', 'cannot set the root');
  let anchor: number | undefined;
  for (const [pointer, span] of values) {
    const child =
      pointer.startsWith(`${parent}/`) && !pointer.slice(parent.length + 1).includes('/');
    if (child && (anchor === undefined || span.end > anchor)) {
      anchor = span.end;
    }
  }
  if (anchor === undefined) {
    const header = indexToml(text).get(parent);
    if (header === undefined) {
      throw new ToolkitError('CONFIG_INVALID', `no table ${parent} to add ${String(key)} to`);
    }
    anchor = header;
  }
  const at = lineEnd(text, anchor);
  const eol = lineEnding(text);
  const prefix = at === text.length && !text.endsWith('\n') ? eol : '';
  return `${text.slice(0, at)}${prefix}${tomlKey(key)} = ${written}${eol}${text.slice(at)}`;
}
