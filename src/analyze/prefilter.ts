/**
 * Start index for pattern tables: which positions of a text each regex can match at, read off the
 * regex itself, and which keywords a lower-cased text holds, both from one pass over the text.
 *
 * A regex such as `/\b(?:ignore|disregard)\s+previous/gi` can only match where the text reads
 * `ign…` or `dis…`. {@link startKeys} works out, from the regex source, every possible first three
 * characters of a match (letters folded to one case, ASCII punctuation kept apart, everything else
 * lumped together); one pass over the text then lists the positions each regex may start at, and
 * the regex runs there only, with the sticky flag. The matches are exactly those of a scan of the
 * whole text (the set of start keys is a superset; a regex the analysis cannot bound, or one with
 * too many candidates in a text, is run over the whole text as before). Pure; the tables are built
 * once, on first use.
 */

// ── Symbols: one code unit → 6 bits ─────────────────────────────────────────────────────────

/** Past the end of the text. */
const END = 0;
/** `a`–`z` are 1–26 (case folded). */
const DIGIT = 27;
/** ASCII whitespace (tab, line feed, vertical tab, form feed, carriage return, space). */
const SPACE = 28;
/** Control characters and every code unit beyond ASCII. */
const OTHER = 29;
/** ASCII punctuation takes 30–61, one symbol each. */
const SYMBOL_COUNT = 62;
const KEY_BITS = 18;
const KEY_MASK = (1 << KEY_BITS) - 1;

const SYMBOL = new Uint8Array(128);
{
  let next = 30;
  for (let c = 0; c < 128; c++) {
    if (c >= 0x61 && c <= 0x7a) SYMBOL[c] = c - 0x60;
    else if (c >= 0x41 && c <= 0x5a) SYMBOL[c] = c - 0x40;
    else if (c >= 0x30 && c <= 0x39) SYMBOL[c] = DIGIT;
    else if ((c >= 0x09 && c <= 0x0d) || c === 0x20) SYMBOL[c] = SPACE;
    else if (c > 0x20 && c < 0x7f) SYMBOL[c] = next++;
    else SYMBOL[c] = OTHER;
  }
}

// ── Character sets as symbol masks ──────────────────────────────────────────────────────────

/** A set of symbols, bit `s` for symbol `s`. */
type Mask = bigint;

const ANY_CHAR: Mask = ((1n << BigInt(SYMBOL_COUNT)) - 1n) & ~1n;
const ANY_OR_END: Mask = ANY_CHAR | 1n;
const OTHER_MASK: Mask = 1n << BigInt(OTHER);

/** The ASCII members of a character set and whether anything beyond ASCII may match. */
interface CharSet {
  ascii: boolean[];
  other: boolean;
}

function emptySet(): CharSet {
  return { ascii: new Array<boolean>(128).fill(false), other: false };
}

function addRange(set: CharSet, from: number, to: number): void {
  for (let c = from; c <= Math.min(to, 127); c++) set.ascii[c] = true;
  if (to >= 128) set.other = true;
}

const isWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => (c >= 0x09 && c <= 0x0d) || c === 0x20;

/** `\d`, `\w`, `\s` and their negations; anything beyond ASCII counts as possible when unsure. */
function addClassEscape(set: CharSet, letter: string, ignoreCaseUnicode: boolean): void {
  const test = letter.toLowerCase() === 'd' ? isDigit : letter.toLowerCase() === 'w' ? isWord : isSpace;
  const negated = letter !== letter.toLowerCase();
  for (let c = 0; c < 128; c++) if (test(c) !== negated) set.ascii[c] = true;
  // \s holds Unicode spaces; \w under /iu holds ſ (U+017F) and K (U+212A); negations hold all.
  if (negated || letter === 's' || (letter === 'w' && ignoreCaseUnicode)) set.other = true;
}

function maskOf(set: CharSet, negated: boolean, flags: Flags): Mask {
  const member = set.ascii.slice();
  if (flags.ignoreCase) {
    for (let c = 0x41; c <= 0x5a; c++) {
      const either = (member[c] ?? false) || (member[c + 0x20] ?? false);
      member[c] = either;
      member[c + 0x20] = either;
    }
  }
  // Under /iu, `s` and `k` also match ſ (U+017F) and K (U+212A), both beyond ASCII.
  const foldsBeyondAscii =
    flags.ignoreCase && flags.unicode && ((member[0x73] ?? false) || (member[0x6b] ?? false));
  let mask = 0n;
  for (let c = 0; c < 128; c++) {
    if ((member[c] ?? false) !== negated) mask |= 1n << BigInt(SYMBOL[c] ?? OTHER);
  }
  if (negated || set.other || foldsBeyondAscii) mask |= OTHER_MASK;
  return mask;
}

// ── A small parser for the regex syntax the pattern tables use ──────────────────────────────

interface Flags {
  ignoreCase: boolean;
  unicode: boolean;
  dotAll: boolean;
}

/** What a regex can match, as far as its first characters go. */
type Node =
  | { type: 'set'; mask: Mask }
  | { type: 'empty' }
  | { type: 'sequence'; items: Node[] }
  | { type: 'alternation'; options: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number };

const EMPTY: Node = { type: 'empty' };
/** Anything at all, of any length (backreferences). */
const ANYTHING: Node = { type: 'repeat', node: { type: 'set', mask: ANY_CHAR }, min: 0, max: Infinity };

class Unsupported extends Error {}

class Parser {
  private i = 0;

  constructor(
    private readonly source: string,
    private readonly flags: Flags,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.source.length) throw new Unsupported(`unexpected ${this.peek()}`);
    return node;
  }

  private peek(offset = 0): string {
    return this.source.charAt(this.i + offset);
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] ?? EMPTY) : { type: 'alternation', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { type: 'sequence', items };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const braces = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.i));
      if (!braces) return atom;
      this.i += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
    } else {
      return atom;
    }
    if (this.peek() === '?') this.i++;
    return { type: 'repeat', node: atom, min, max };
  }

  private atom(): Node {
    const c = this.peek();
    this.i++;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.': {
        const set = emptySet();
        for (let code = 0; code < 128; code++) {
          set.ascii[code] = this.flags.dotAll || (code !== 0x0a && code !== 0x0d);
        }
        set.other = true;
        return this.setNode(set, false);
      }
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape();
      default: {
        // Under /u an astral character is one atom; otherwise each code unit is.
        const code = this.flags.unicode
          ? (this.source.codePointAt(this.i - 1) ?? 0)
          : this.source.charCodeAt(this.i - 1);
        if (code > 0xffff) this.i++;
        return this.literal(code);
      }
    }
  }

  private group(): Node {
    let lookaround = false;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') {
        this.i += 2;
        lookaround = true;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (next === '<') {
        const close = this.source.indexOf('>', this.i);
        if (close < 0) throw new Unsupported('group name');
        this.i = close + 1;
      } else {
        throw new Unsupported(`group (?${next}`);
      }
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Unsupported('unclosed group');
    this.i++;
    // Lookarounds consume nothing; what they test is left out (a superset of start keys).
    return lookaround ? EMPTY : inner;
  }

  private literal(code: number): Node {
    const set = emptySet();
    addRange(set, code, code);
    return this.setNode(set, false);
  }

  /** One character of a set; under /u, one that may be astral spans two code units. */
  private setNode(set: CharSet, negated: boolean): Node {
    const mask = maskOf(set, negated, this.flags);
    const node: Node = { type: 'set', mask };
    if (!this.flags.unicode || (mask & OTHER_MASK) === 0n) return node;
    const surrogates: Node = {
      type: 'sequence',
      items: [
        { type: 'set', mask: OTHER_MASK },
        { type: 'set', mask: OTHER_MASK },
      ],
    };
    return { type: 'alternation', options: [node, surrogates] };
  }

  /** A character escape's code, or undefined for a class escape (`\w`) handled by `into`. */
  private escapeCode(inClass: boolean, into: CharSet): number | undefined {
    const c = this.peek();
    this.i++;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        addClassEscape(into, c, this.flags.ignoreCase && this.flags.unicode);
        return undefined;
      case 'p':
      case 'P':
        if (this.flags.unicode && this.peek() === '{') {
          const close = this.source.indexOf('}', this.i);
          if (close < 0) throw new Unsupported('property escape');
          this.i = close + 1;
          addRange(into, 0, 127);
          into.other = true;
          return undefined;
        }
        return c.charCodeAt(0);
      case 'b':
        if (inClass) return 0x08;
        throw new Unsupported('assertion in a class position');
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'v':
        return 0x0b;
      case 'f':
        return 0x0c;
      case '0':
        return 0;
      case 'c': {
        const letter = this.peek();
        if (/[A-Za-z]/.test(letter)) {
          this.i++;
          return letter.charCodeAt(0) % 32;
        }
        return 0x5c;
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.i));
        if (!hex) return 0x78;
        this.i += 2;
        return parseInt(hex[0], 16);
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.source.slice(this.i));
        if (braced && this.flags.unicode) {
          this.i += braced[0].length;
          return parseInt(braced[1] ?? '0', 16);
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.i));
        if (!hex) return 0x75;
        this.i += 4;
        return parseInt(hex[0], 16);
      }
      default:
        if (c === '') throw new Unsupported('trailing backslash');
        return this.source.codePointAt(this.i - 1);
    }
  }

  private escape(): Node {
    const c = this.peek();
    if (c === 'b' || c === 'B') {
      this.i++;
      return EMPTY;
    }
    if (/[1-9]/.test(c) || (c === 'k' && this.peek(1) === '<')) {
      // A backreference matches what a group matched: anything, as far as we know here.
      this.i++;
      if (c === 'k') this.i = this.source.indexOf('>', this.i) + 1;
      else while (/[0-9]/.test(this.peek())) this.i++;
      return ANYTHING;
    }
    const set = emptySet();
    const code = this.escapeCode(false, set);
    if (code !== undefined) addRange(set, code, code);
    return this.setNode(set, false);
  }

  private charClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const set = emptySet();
    while (this.peek() !== ']') {
      if (this.i >= this.source.length) throw new Unsupported('unclosed class');
      const from = this.classAtom(set);
      if (from !== undefined && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const save = this.i;
        this.i++;
        const scratch = emptySet();
        const to = this.classAtom(scratch);
        if (to === undefined) {
          // `[\w-.]`: the dash is literal (and so is what follows).
          this.i = save;
          addRange(set, from, from);
          continue;
        }
        addRange(set, from, to);
        continue;
      }
      if (from !== undefined) addRange(set, from, from);
    }
    this.i++;
    return this.setNode(set, negated);
  }

  /** One class member: a code, or undefined when it was a class escape added to `set`. */
  private classAtom(set: CharSet): number | undefined {
    const c = this.peek();
    if (c === '\\') {
      this.i++;
      return this.escapeCode(true, set);
    }
    const code = this.source.codePointAt(this.i) ?? 0;
    this.i += code > 0xffff && this.flags.unicode ? 2 : 1;
    return code > 0xffff && !this.flags.unicode ? this.source.charCodeAt(this.i - 1) : code;
  }
}

// ── First characters of a match ─────────────────────────────────────────────────────────────

/** How many characters of a match the index reads. */
const DEPTH = 3;
/** Give up on a regex whose first characters take more sequences than this. */
const MAX_SEQUENCES = 20_000;
/** Give up on a regex with more start keys than this (it starts almost anywhere). */
const MAX_KEYS = 60_000;

/** Sequences of up to {@link DEPTH} masks; shorter ones end the node there. */
type Prefixes = Mask[][];

function keyOf(prefix: readonly Mask[]): string {
  return prefix.map((mask) => mask.toString(36)).join(',');
}

function unique(prefixes: Prefixes): Prefixes {
  if (prefixes.length > MAX_SEQUENCES) throw new Unsupported('too many prefixes');
  const seen = new Map<string, Mask[]>();
  for (const prefix of prefixes) seen.set(keyOf(prefix), prefix);
  return [...seen.values()];
}

function concat(left: Prefixes, right: Prefixes): Prefixes {
  const out: Prefixes = [];
  for (const a of left) {
    if (a.length >= DEPTH) {
      out.push(a);
      continue;
    }
    for (const b of right) out.push([...a, ...b].slice(0, DEPTH));
  }
  return unique(out);
}

function prefixes(node: Node): Prefixes {
  switch (node.type) {
    case 'empty':
      return [[]];
    case 'set':
      return [[node.mask]];
    case 'sequence': {
      let out: Prefixes = [[]];
      for (const item of node.items) {
        if (out.every((prefix) => prefix.length >= DEPTH)) break;
        out = concat(out, prefixes(item));
      }
      return out;
    }
    case 'alternation':
      return unique(node.options.flatMap(prefixes));
    case 'repeat': {
      const child = prefixes(node.node);
      const out: Prefixes = [];
      let open: Prefixes = [[]];
      const seen = new Set<string>();
      for (let count = 0; ; count++) {
        if (count >= node.min) {
          // From here on the repetition may stop: every open prefix ends the node.
          open = open.filter((prefix) => !seen.has(keyOf(prefix)));
          for (const prefix of open) seen.add(keyOf(prefix));
          out.push(...open);
        }
        if (count >= node.max || open.length === 0) break;
        if (count > node.min + 64 * DEPTH) throw new Unsupported('repetition');
        const next = concat(open, child);
        out.push(...next.filter((prefix) => prefix.length >= DEPTH));
        open = next.filter((prefix) => prefix.length < DEPTH);
      }
      return unique(out);
    }
  }
}

function symbolsOf(mask: Mask): number[] {
  const out: number[] = [];
  for (let s = 0; s < 64; s++) if ((mask >> BigInt(s)) & 1n) out.push(s);
  return out;
}

/**
 * Every possible key (three symbols, 6 bits each) of the position a match of `re` starts at;
 * undefined when `re` can match the empty string, uses syntax this analysis does not know, or may
 * start almost anywhere.
 *
 * @example
 * startKeys(/\bfoo/gi)?.size; // 1 ('f', 'o', 'o')
 */
export function startKeys(re: RegExp): Set<number> | undefined {
  const flags: Flags = {
    ignoreCase: re.ignoreCase,
    unicode: re.unicode || re.flags.includes('v'),
    dotAll: re.dotAll,
  };
  if (re.flags.includes('v')) return undefined;
  let found: Prefixes;
  try {
    found = prefixes(new Parser(re.source, flags).parse());
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const keys = new Set<number>();
  for (const prefix of found) {
    if (prefix.length === 0) return undefined;
    const [a, b, c] = [0, 1, 2].map((i) => symbolsOf(prefix[i] ?? ANY_OR_END));
    if ((a?.length ?? 0) * (b?.length ?? 0) * (c?.length ?? 0) + keys.size > MAX_KEYS) {
      return undefined;
    }
    for (const x of a ?? []) {
      for (const y of b ?? []) for (const z of c ?? []) keys.add((x << 12) | (y << 6) | z);
    }
  }
  return keys;
}

// ── The start table: key → the regexes (or keywords) that may start there ──────────────────

class StartTable {
  readonly table = new Uint16Array(1 << KEY_BITS);
  /** Members of each group; group 0 is empty. */
  readonly groups: Int32Array[] = [new Int32Array(0)];
  private readonly memo = new Map<string, number>();

  add(id: number, keys: Iterable<number>): void {
    for (const key of keys) {
      const group = this.table[key] ?? 0;
      const memoKey = `${String(group)}+${String(id)}`;
      let next = this.memo.get(memoKey);
      if (next === undefined) {
        const members = this.groups[group] ?? new Int32Array(0);
        if (members.includes(id)) continue;
        if (this.groups.length >= 0xffff) throw new Error('start table: too many groups');
        next = this.groups.length;
        this.groups.push(Int32Array.from([...members, id]));
        this.memo.set(memoKey, next);
      }
      this.table[key] = next;
    }
  }
}

function symbolAt(text: string, i: number): number {
  if (i >= text.length) return END;
  const c = text.charCodeAt(i);
  return c < 128 ? (SYMBOL[c] ?? OTHER) : OTHER;
}

/**
 * Calls `visit(position, group)` for every position of `text` whose key is in the table. One
 * pass, no allocation.
 */
function scanTable(
  text: string,
  table: Uint16Array,
  visit: (position: number, group: number) => void,
): void {
  const n = text.length;
  let key = (symbolAt(text, 0) << 6) | symbolAt(text, 1);
  for (let j = 2; j < n; j++) {
    const c = text.charCodeAt(j);
    key = ((key << 6) | (c < 128 ? (SYMBOL[c] ?? OTHER) : OTHER)) & KEY_MASK;
    const group = table[key] ?? 0;
    if (group !== 0) visit(j - 2, group);
  }
  for (let j = Math.max(n, 2); j < n + 2; j++) {
    key = (key << 6) & KEY_MASK;
    const group = table[key] ?? 0;
    if (group !== 0 && j - 2 < n) visit(j - 2, group);
  }
}

// ── Regexes ─────────────────────────────────────────────────────────────────────────────────

interface IndexedRegex {
  id: number;
  /** The same regex with the sticky flag (and without `g`), to try one position. */
  sticky: RegExp;
  /** Whether the index lists its start positions (false: it always scans the whole text). */
  indexed: boolean;
}

const regexes = new Map<RegExp, IndexedRegex>();
let pendingRegexes: IndexedRegex[] = [];
const regexTable = new StartTable();
let regexCount = 0;

/**
 * Adds regexes to the start index (lazily: the analysis runs on first use). Registering up front
 * lets one pass over a text serve every table; a regex met unregistered is added then.
 */
export function registerRegexes(...list: readonly RegExp[]): void {
  for (const re of list) indexedRegex(re);
}

function indexedRegex(re: RegExp): IndexedRegex {
  let entry = regexes.get(re);
  if (entry === undefined) {
    const flags = re.flags.replace('g', '');
    entry = { id: regexCount++, sticky: new RegExp(re.source, `${flags}y`), indexed: false };
    regexes.set(re, entry);
    pendingRegexes.push(entry);
  }
  return entry;
}

function buildPendingRegexes(): void {
  if (pendingRegexes.length === 0) return;
  for (const entry of pendingRegexes) {
    const keys = startKeys(entry.sticky);
    if (keys === undefined) continue;
    regexTable.add(entry.id, keys);
    entry.indexed = true;
  }
  pendingRegexes = [];
}

/** Start positions per regex id, or undefined for a regex with too many to be worth it. */
interface TextScan {
  text: string;
  /** Regexes known when the scan ran; later ones scan the whole text. */
  count: number;
  starts: (number[] | undefined)[];
}

/**
 * More candidate starts than this share of the text, and a full scan is cheaper (a sticky attempt
 * costs about as much as a full scan does over 25–50 characters).
 */
const MAX_CANDIDATE_SHARE = 1 / 32;

let lastScan: TextScan | undefined;

function scanOf(text: string): TextScan {
  buildPendingRegexes();
  if (lastScan?.text === text && lastScan.count === regexCount) return lastScan;
  const cap = Math.max(64, Math.floor(text.length * MAX_CANDIDATE_SHARE));
  const starts: (number[] | undefined)[] = [];
  for (let id = 0; id < regexCount; id++) starts.push([]);
  const { groups, table } = regexTable;
  scanTable(text, table, (position, group) => {
    const members = groups[group];
    if (members === undefined) return;
    for (const id of members) {
      const list = starts[id];
      if (list === undefined) continue;
      if (list.length >= cap) starts[id] = undefined;
      else list.push(position);
    }
  });
  lastScan = { text, count: regexCount, starts };
  return lastScan;
}

/** Drops the cached scan (it holds the last text analysed). */
export function releaseScan(): void {
  lastScan = undefined;
  lastKeywords = undefined;
}

function isLowSurrogateInPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const before = text.charCodeAt(i - 1);
  return before >= 0xd800 && before <= 0xdbff;
}

/**
 * The matches of `re` in `text`: what `text.matchAll(re)` yields for a global `re` (with
 * `lastIndex` 0), or `re.exec(text)` for a non-global one (at most one match). Only the positions
 * the start index lists are tried.
 */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  const entry = re.sticky ? undefined : indexedRegex(re);
  buildPendingRegexes();
  const starts = entry?.indexed ? scanOf(text).starts[entry.id] : undefined;
  if (entry === undefined || starts === undefined) {
    if (re.global) {
      for (const match of text.matchAll(re)) yield match as RegExpExecArray;
    } else {
      const match = re.exec(text);
      if (match) yield match;
    }
    return;
  }
  const { sticky } = entry;
  const unicode = sticky.unicode || sticky.flags.includes('v');
  let from = re.global ? re.lastIndex : 0;
  for (const position of starts) {
    if (position < from) continue;
    if (unicode && isLowSurrogateInPair(text, position)) continue;
    sticky.lastIndex = position;
    const match = sticky.exec(text);
    if (match === null) continue;
    yield match;
    if (!re.global) return;
    // An empty match moves on by one character, as matchAll does.
    from = match[0] === '' ? position + 1 : position + match[0].length;
  }
}

// ── Keywords ────────────────────────────────────────────────────────────────────────────────

const keywordIds = new Map<string, number>();
const keywordList: string[] = [];
let pendingKeywords: number[] = [];
const keywordTable = new StartTable();

/** Adds lower-case keywords to the one-pass keyword index. */
export function registerKeywords(keywords: readonly string[]): void {
  for (const keyword of keywords) keywordId(keyword);
}

function keywordId(keyword: string): number {
  let id = keywordIds.get(keyword);
  if (id === undefined) {
    id = keywordList.length;
    keywordIds.set(keyword, id);
    keywordList.push(keyword);
    pendingKeywords.push(id);
  }
  return id;
}

function keywordKeys(keyword: string): number[] {
  const symbols = [0, 1, 2].map((i) =>
    i < keyword.length ? [symbolAt(keyword, i)] : symbolsOf(ANY_OR_END),
  );
  const keys: number[] = [];
  for (const x of symbols[0] ?? []) {
    for (const y of symbols[1] ?? []) for (const z of symbols[2] ?? []) keys.push((x << 12) | (y << 6) | z);
  }
  return keys;
}

interface KeywordScan {
  lower: string;
  /** Keywords known when the scan ran. */
  count: number;
  found: Uint8Array;
}

let lastKeywords: KeywordScan | undefined;

function keywordScanOf(lower: string): KeywordScan {
  if (pendingKeywords.length > 0) {
    for (const id of pendingKeywords) {
      const keyword = keywordList[id] ?? '';
      if (keyword !== '') keywordTable.add(id, keywordKeys(keyword));
    }
    pendingKeywords = [];
  }
  if (lastKeywords?.lower === lower && lastKeywords.count === keywordList.length) {
    return lastKeywords;
  }
  const found = new Uint8Array(keywordList.length);
  const { groups, table } = keywordTable;
  // Groups whose keywords have all been found are skipped.
  const remaining = groups.map((members) => members.length);
  scanTable(lower, table, (position, group) => {
    if (remaining[group] === 0) return;
    const members = groups[group];
    if (members === undefined) return;
    let left = 0;
    for (const id of members) {
      if (found[id] === 1) continue;
      if (lower.startsWith(keywordList[id] ?? '', position)) found[id] = 1;
      else left++;
    }
    remaining[group] = left;
  });
  lastKeywords = { lower, count: keywordList.length, found };
  return lastKeywords;
}

/** Whether `lower` holds one of `keywords`: `keywords.some((k) => lower.includes(k))`, in one pass. */
export function hasAnyKeyword(lower: string, keywords: readonly string[]): boolean {
  for (const keyword of keywords) keywordId(keyword);
  const scan = keywordScanOf(lower);
  for (const keyword of keywords) {
    const id = keywordIds.get(keyword) ?? -1;
    if (keyword === '') return true;
    if (id < scan.count ? scan.found[id] === 1 : lower.includes(keyword)) return true;
  }
  return false;
}
