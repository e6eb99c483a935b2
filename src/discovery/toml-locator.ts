import { joinPointer } from '../core/server-spec.js';

/**
 * Finds where each key, table and array element of a TOML document starts, as JSON pointers to
 * UTF-16 offsets. smol-toml gives values but no positions; this scanner walks the same text (which
 * must already have parsed) and records table headers (`[mcp_servers.github]`, `[[a.b]]`), keys of
 * `key = value` lines (dotted keys too), keys inside inline tables and elements of arrays.
 *
 * Tables record the offset of their header's `[` (or of the first key that implies them); keys
 * record the offset of the key; array elements the offset of the element. The first occurrence wins.
 */
export function indexToml(text: string): Map<string, number> {
  return new TomlScanner(text).run();
}

/** Where the value of a `key = value` pair is written: UTF-16 offsets, `end` exclusive. */
export interface TomlValueSpan {
  start: number;
  end: number;
}

/**
 * The value span of every `key = value` pair (inline-table members included), by JSON pointer;
 * what an editor replaces to change one value and nothing else. The first occurrence wins.
 */
export function indexTomlValues(text: string): Map<string, TomlValueSpan> {
  const scanner = new TomlScanner(text);
  scanner.run();
  return scanner.values;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class TomlScanner {
  private pos = 0;
  private readonly offsets = new Map<string, number>();
  readonly values = new Map<string, TomlValueSpan>();
  /** Arrays of tables seen so far (`[[x]]`), by joined path, with their element count. */
  private readonly tableArrays = new Map<string, number>();

  constructor(private readonly text: string) {}

  run(): Map<string, number> {
    this.record('', 0);
    let table: (string | number)[] = [];
    while (this.pos < this.text.length) {
      const before = this.pos;
      this.skipBlank(true);
      if (this.pos >= this.text.length) break;
      const c = this.text[this.pos];
      if (c === '[') {
        table = this.header();
      } else {
        this.keyValue(table);
      }
      this.skipToLineEnd();
      if (this.pos === before) this.pos++;
    }
    return this.offsets;
  }

  private record(pointer: string, offset: number): void {
    if (!this.offsets.has(pointer)) this.offsets.set(pointer, offset);
  }

  private pointerOf(path: readonly (string | number)[]): string {
    return joinPointer('', ...path);
  }

  /** Resolves a header's keys to a path, stepping into the last element of arrays of tables. */
  private resolve(keys: readonly string[]): (string | number)[] {
    const path: (string | number)[] = [];
    const plain: string[] = [];
    for (const key of keys) {
      path.push(key);
      plain.push(key);
      const count = this.tableArrays.get(plain.join('\u0000'));
      if (count !== undefined && plain.length < keys.length) path.push(count - 1);
    }
    return path;
  }

  private header(): (string | number)[] {
    const start = this.pos;
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const keys = this.keys().map((k) => k.key);
    this.skipInline();
    this.pos += isArray ? 2 : 1;
    const path = this.resolve(keys);
    for (let i = 1; i <= path.length; i++) this.record(this.pointerOf(path.slice(0, i)), start);
    if (!isArray) return path;
    const id = keys.join('\u0000');
    const index = this.tableArrays.get(id) ?? 0;
    this.tableArrays.set(id, index + 1);
    const element = [...path, index];
    this.record(this.pointerOf(element), start);
    return element;
  }

  private keyValue(base: readonly (string | number)[]): void {
    const keys = this.keys();
    if (keys.length === 0) return;
    const path = [...base];
    for (const { key, offset } of keys) {
      path.push(key);
      this.record(this.pointerOf(path), offset);
    }
    this.skipInline();
    if (this.text[this.pos] !== '=') return;
    this.pos++;
    this.skipInline();
    const start = this.pos;
    this.value(path);
    const pointer = this.pointerOf(path);
    if (!this.values.has(pointer)) this.values.set(pointer, { start, end: this.pos });
  }

  private keys(): { key: string; offset: number }[] {
    const keys: { key: string; offset: number }[] = [];
    for (;;) {
      this.skipInline();
      const offset = this.pos;
      const c = this.text[this.pos];
      let key: string | undefined;
      if (c === '"') key = this.basicString();
      else if (c === "'") key = this.literalString();
      else {
        let end = this.pos;
        while (end < this.text.length && BARE_KEY.test(this.text[end] ?? '')) end++;
        if (end === this.pos) break;
        key = this.text.slice(this.pos, end);
        this.pos = end;
      }
      keys.push({ key, offset });
      this.skipInline();
      if (this.text[this.pos] !== '.') break;
      this.pos++;
    }
    return keys;
  }

  private value(path: (string | number)[]): void {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      if (c === '"') this.basicString();
      else this.literalString();
      return;
    }
    if (c === '[') {
      this.pos++;
      let index = 0;
      for (;;) {
        this.skipBlank(true);
        if (this.pos >= this.text.length || this.text[this.pos] === ']') break;
        const element = [...path, index];
        this.record(this.pointerOf(element), this.pos);
        const before = this.pos;
        this.value(element);
        index++;
        this.skipBlank(true);
        if (this.text[this.pos] === ',') this.pos++;
        else if (this.pos === before) this.pos++;
      }
      this.pos++;
      return;
    }
    if (c === '{') {
      this.pos++;
      for (;;) {
        this.skipBlank(true);
        if (this.pos >= this.text.length || this.text[this.pos] === '}') break;
        const before = this.pos;
        this.keyValue(path);
        this.skipBlank(true);
        if (this.text[this.pos] === ',') this.pos++;
        else if (this.pos === before) this.pos++;
      }
      this.pos++;
      return;
    }
    while (this.pos < this.text.length && !/[,\]}#\r\n]/.test(this.text[this.pos] ?? ''))
      this.pos++;
  }

  private basicString(): string {
    if (this.text.startsWith('"""', this.pos)) {
      const start = this.pos + 3;
      let end = start;
      while (end < this.text.length && !this.text.startsWith('"""', end)) {
        end += this.text[end] === '\\' ? 2 : 1;
      }
      while (this.text[end + 3] === '"') end++;
      this.pos = end + 3;
      return this.text.slice(start, end);
    }
    const start = this.pos;
    let end = start + 1;
    while (end < this.text.length && this.text[end] !== '"' && this.text[end] !== '\n') {
      end += this.text[end] === '\\' ? 2 : 1;
    }
    this.pos = end + 1;
    const raw = this.text.slice(start, end + 1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }

  private literalString(): string {
    const triple = this.text.startsWith("'''", this.pos);
    const quote = triple ? "'''" : "'";
    const start = this.pos + quote.length;
    let end = this.text.indexOf(quote, start);
    if (end === -1) end = this.text.length;
    if (triple) while (this.text[end + 3] === "'") end++;
    this.pos = end + quote.length;
    return this.text.slice(start, end);
  }

  /** Skips spaces and tabs (and, with `lines`, newlines and comments). */
  private skipBlank(lines: boolean): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (lines && (c === '\n' || c === '\r')) this.pos++;
      else if (lines && c === '#') this.skipToLineEnd();
      else break;
    }
  }

  private skipInline(): void {
    this.skipBlank(false);
  }

  private skipToLineEnd(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
  }
}
