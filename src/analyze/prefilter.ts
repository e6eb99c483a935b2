/**
 * Start index for pattern tables: the positions of a text each regex can match at, read off the
 * regex itself, for every registered regex in one pass over the text.
 *
 * A regex such as `/\b(?:ignore|disregard)\s+previous/gi` can only match where the text reads
 * `ignore` or `disreg`. The analysis here works out, from the regex source, what the first six
 * characters of a match can be, as symbols (letters folded to one case, ASCII punctuation kept
 * apart, everything else lumped together): a table keyed by the first three, and per regex the
 * sets allowed for the next three. One pass over the text lists the positions each regex may start
 * at; the regex then runs there only, with the sticky flag. The matches are exactly those of a scan
 * of the whole text: the sets are supersets, and a regex the analysis cannot bound, or one with too
 * many candidates in a text, scans the whole text as before. Pure; the tables are built on first
 * use.
 */

// ── Symbols: one code unit → 6 bits ─────────────────────────────────────────────────────────

/** `a`–`z` are 1–26 (case folded). */
const DIGIT = 27;
/** ASCII whitespace (tab, line feed, vertical tab, form feed, carriage return, space). */
const SPACE = 28;
/** Control characters and every code unit beyond ASCII but the spaces. */
const OTHER = 29;
// ASCII punctuation takes 30–61, one symbol each.
/** Whitespace beyond ASCII (what else `\s` holds: U+00A0, U+2000–U+200A, U+3000, …). */
const WIDE_SPACE = 62;
const SYMBOL_COUNT = 63;
/** Three symbols make a key. */
const KEY_BITS = 18;
const KEY_MASK = (1 << KEY_BITS) - 1;

/** The symbol of every code unit. */
const SYMBOL = new Uint8Array(0x10000);
{
  let next = 30;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0x61 && c <= 0x7a) SYMBOL[c] = c - 0x60;
    else if (c >= 0x41 && c <= 0x5a) SYMBOL[c] = c - 0x40;
    else if (c >= 0x30 && c <= 0x39) SYMBOL[c] = DIGIT;
    else if ((c >= 0x09 && c <= 0x0d) || c === 0x20) SYMBOL[c] = SPACE;
    else if (c > 0x20 && c < 0x7f) SYMBOL[c] = next++;
    else if (c >= 0x80 && /\s/.test(String.fromCharCode(c))) SYMBOL[c] = WIDE_SPACE;
    else SYMBOL[c] = OTHER;
  }
}

// ── Character sets as symbol masks ──────────────────────────────────────────────────────────

/**
 * A set of symbols: bit `s` of `low` (s < 32) or of `high` (s ≥ 32), interned as a small id so
 * that a prefix of masks is a short string (one code unit per mask).
 */
type Mask = number;

const maskLow: number[] = [];
const maskHigh: number[] = [];
const maskIds = new Map<number, Map<number, Mask>>();
const maskSymbols: number[][] = [];

function mask(low: number, high: number): Mask {
  let byHigh = maskIds.get(low | 0);
  if (byHigh === undefined) {
    byHigh = new Map();
    maskIds.set(low | 0, byHigh);
  }
  let id = byHigh.get(high | 0);
  if (id === undefined) {
    id = maskLow.length;
    maskLow.push(low | 0);
    maskHigh.push(high | 0);
    const symbols: number[] = [];
    for (let s = 0; s < 64; s++) {
      if (((s < 32 ? low >>> s : high >>> (s - 32)) & 1) === 1) symbols.push(s);
    }
    maskSymbols.push(symbols);
    byHigh.set(high | 0, id);
  }
  return id;
}

function maskWith(symbols: Iterable<number>): Mask {
  let low = 0;
  let high = 0;
  for (const s of symbols) {
    if (s < 32) low |= 1 << s;
    else high |= 1 << (s - 32);
  }
  return mask(low, high);
}

function hasSymbol(m: Mask, symbol: number): boolean {
  const bits = symbol < 32 ? (maskLow[m] ?? 0) >>> symbol : (maskHigh[m] ?? 0) >>> (symbol - 32);
  return (bits & 1) === 1;
}

/** Masks of one symbol, and of one symbol or {@link OTHER}. */
const SINGLE: Mask[] = [];
const SINGLE_OR_OTHER: Mask[] = [];
for (let s = 0; s < SYMBOL_COUNT; s++) {
  SINGLE.push(maskWith([s]));
  SINGLE_OR_OTHER.push(maskWith([s, OTHER]));
}
/** Masks of character sets by flags and source (`iu/[\\w.-]`). */
const setMasks = new Map<string, Mask>();

const ANY_CHAR: Mask = maskWith(Array.from({ length: SYMBOL_COUNT - 1 }, (_, i) => i + 1));
const ANY_OR_END: Mask = maskWith(Array.from({ length: SYMBOL_COUNT }, (_, i) => i));
const OTHER_ONLY: Mask = maskWith([OTHER]);

/** The ASCII members of a character set, and the symbols of what beyond ASCII may match. */
interface CharSet {
  ascii: boolean[];
  beyond: Set<number>;
  /** Holds ſ (U+017F) or K (U+212A), which /iu folds to `s` and `k`. */
  foldsToAscii: boolean;
}

function emptySet(): CharSet {
  return { ascii: new Array<boolean>(128).fill(false), beyond: new Set(), foldsToAscii: false };
}

function addRange(set: CharSet, from: number, to: number): void {
  for (let c = from; c <= Math.min(to, 127); c++) set.ascii[c] = true;
  if (to < 128) return;
  if ((from <= 0x17f && to >= 0x17f) || (from <= 0x212a && to >= 0x212a)) set.foldsToAscii = true;
  if (from === to) {
    set.beyond.add(to <= 0xffff ? (SYMBOL[to] ?? OTHER) : OTHER);
  } else {
    set.beyond.add(OTHER).add(WIDE_SPACE);
  }
}

const isWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => (c >= 0x09 && c <= 0x0d) || c === 0x20;

/** `\d`, `\w`, `\s` and their negations; anything beyond ASCII counts as possible when unsure. */
function addClassEscape(set: CharSet, letter: string, ignoreCaseUnicode: boolean): void {
  const lower = letter.toLowerCase();
  const test = lower === 'd' ? isDigit : lower === 'w' ? isWord : isSpace;
  const negated = letter !== lower;
  for (let c = 0; c < 128; c++) if (test(c) !== negated) set.ascii[c] = true;
  // \s holds Unicode spaces; \w under /iu holds ſ (U+017F) and K (U+212A); negations hold all.
  if (letter === 's') set.beyond.add(WIDE_SPACE);
  if (letter === 'w' && ignoreCaseUnicode) set.beyond.add(OTHER);
  if (negated) set.beyond.add(OTHER).add(WIDE_SPACE);
}

function maskOf(set: CharSet, negated: boolean, flags: Flags): Mask {
  const member = set.ascii.slice();
  if (flags.ignoreCase && flags.unicode && set.foldsToAscii) {
    // Conservatively both: whichever of ſ and K the set holds.
    member[0x73] = true;
    member[0x6b] = true;
  }
  if (flags.ignoreCase) {
    for (let c = 0x41; c <= 0x5a; c++) {
      const either = (member[c] ?? false) || (member[c + 0x20] ?? false);
      member[c] = either;
      member[c + 0x20] = either;
    }
  }
  const symbols = new Set<number>();
  for (let c = 0; c < 128; c++) {
    if ((member[c] ?? false) !== negated) symbols.add(SYMBOL[c] ?? OTHER);
  }
  // Under /iu, `s` and `k` also match ſ (U+017F) and K (U+212A), both beyond ASCII.
  const folds =
    flags.ignoreCase && flags.unicode && ((member[0x73] ?? false) || (member[0x6b] ?? false));
  for (const symbol of set.beyond) symbols.add(symbol);
  if (folds) symbols.add(OTHER);
  if (negated) symbols.add(OTHER).add(WIDE_SPACE);
  return maskWith(symbols);
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
const ANYTHING: Node = {
  type: 'repeat',
  node: { type: 'set', mask: ANY_CHAR },
  min: 0,
  max: Infinity,
};

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
        set.beyond.add(OTHER).add(WIDE_SPACE);
        return this.maskNode(maskOf(set, false, this.flags));
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
    const { ignoreCase, unicode } = this.flags;
    if (ignoreCase && unicode && (code === 0x17f || code === 0x212a)) {
      // ſ and K match `s` and `k` under /iu.
      return this.maskNode(maskWith([OTHER, SYMBOL[code === 0x17f ? 0x73 : 0x6b] ?? OTHER]));
    }
    const symbol = code <= 0xffff ? (SYMBOL[code] ?? OTHER) : OTHER;
    const folded = code | 0x20;
    const other = ignoreCase && unicode && (folded === 0x73 || folded === 0x6b);
    return this.maskNode((other ? SINGLE_OR_OTHER : SINGLE)[symbol] ?? ANY_CHAR);
  }

  /** One character of a set; under /u, one beyond ASCII may be astral: two code units. */
  private maskNode(m: Mask): Node {
    const node: Node = { type: 'set', mask: m };
    if (!this.flags.unicode || !hasSymbol(m, OTHER)) return node;
    const surrogates: Node = {
      type: 'sequence',
      items: [
        { type: 'set', mask: OTHER_ONLY },
        { type: 'set', mask: OTHER_ONLY },
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
          into.beyond.add(OTHER).add(WIDE_SPACE);
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
    const start = this.i - 1;
    const set = emptySet();
    const code = this.escapeCode(false, set);
    if (code !== undefined) return this.literal(code);
    const key = this.setKey(start, this.i);
    let m = setMasks.get(key);
    if (m === undefined) {
      m = maskOf(set, false, this.flags);
      setMasks.set(key, m);
    }
    return this.maskNode(m);
  }

  /** Character sets repeat (`\\s`, `[\\w.-]`): their masks are computed once per flags. */
  private setKey(start: number, end: number): string {
    const { ignoreCase, unicode } = this.flags;
    return `${ignoreCase ? 'i' : ''}${unicode ? 'u' : ''}/${this.source.slice(start, end)}`;
  }

  private charClass(): Node {
    const start = this.i - 1;
    // The end of the class, to look its mask up before parsing it.
    let end = this.i;
    while (end < this.source.length && this.source[end] !== ']') {
      end += this.source[end] === '\\' ? 2 : 1;
    }
    const known = setMasks.get(this.setKey(start, end + 1));
    if (known !== undefined) {
      this.i = end + 1;
      return this.maskNode(known);
    }
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const set = emptySet();
    while (this.peek() !== ']') {
      if (this.i >= this.source.length) throw new Unsupported('unclosed class');
      const from = this.classAtom(set);
      if (
        from !== undefined &&
        this.peek() === '-' &&
        this.peek(1) !== ']' &&
        this.peek(1) !== ''
      ) {
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
    const m = maskOf(set, negated, this.flags);
    setMasks.set(this.setKey(start, this.i), m);
    return this.maskNode(m);
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

/** How many characters of a match the index reads: three for the table key, three more per regex. */
const DEPTH = 6;
/** Give up on a regex whose first characters take more sequences than this. */
const MAX_SEQUENCES = 20_000;
/**
 * Give up on a regex with more start keys than this (it starts almost anywhere: any three
 * letters are 27³ = 19,683 keys, and listing them costs more at start-up than the index saves).
 */
const MAX_KEYS = 8192;

/**
 * What a node's matches can start with: up to {@link DEPTH} masks, one code unit each; a shorter
 * prefix means the node can end there.
 */
type Prefixes = string[];

function unique(prefixes: Iterable<string>): Prefixes {
  const out = [...new Set(prefixes)];
  if (out.length > MAX_SEQUENCES) throw new Unsupported('too many prefixes');
  return out;
}

function concat(left: Prefixes, right: Prefixes): Prefixes {
  const out: string[] = [];
  for (const a of left) {
    if (a.length >= DEPTH) out.push(a);
    else for (const b of right) out.push((a + b).slice(0, DEPTH));
  }
  return unique(out);
}

function prefixes(node: Node): Prefixes {
  switch (node.type) {
    case 'empty':
      return [''];
    case 'set':
      return [String.fromCharCode(node.mask)];
    case 'sequence': {
      let out: Prefixes = [''];
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
      const out: string[] = [];
      let open: Prefixes = [''];
      const seen = new Set<string>();
      for (let count = 0; ; count++) {
        if (count >= node.min) {
          // From here on the repetition may stop: every open prefix ends the node.
          open = open.filter((prefix) => !seen.has(prefix));
          for (const prefix of open) seen.add(prefix);
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

/** Per start key (three symbols, 6 bits each), the sets allowed at the next three places. */
type StartMap = Map<number, [Mask, Mask, Mask]>;

function union(a: Mask, b: Mask): Mask {
  if (a === b) return a;
  return mask((maskLow[a] ?? 0) | (maskLow[b] ?? 0), (maskHigh[a] ?? 0) | (maskHigh[b] ?? 0));
}

/**
 * What the first six characters of a match of `re` can be: per key of the first three, the sets
 * for the next three. Undefined when `re` can match the empty string, uses syntax this analysis
 * does not know, or may start almost anywhere.
 */
function analyse(re: RegExp): StartMap | undefined {
  if (re.flags.includes('v')) return undefined;
  const flags: Flags = { ignoreCase: re.ignoreCase, unicode: re.unicode, dotAll: re.dotAll };
  let found: Prefixes;
  try {
    found = prefixes(new Parser(re.source, flags).parse());
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const starts: StartMap = new Map();
  // Prefixes that share their first three sets share their keys: each such triple is expanded
  // into keys once, with the union of what its prefixes allow next (a key's sets are the union
  // over every prefix that yields it, in whatever order; the key count grows as it did per prefix).
  const triples = new Map<number, { sets: [Mask, Mask, Mask]; next: [Mask, Mask, Mask] }>();
  for (const prefix of found) {
    if (prefix.length === 0) return undefined;
    const at = (i: number): Mask => (i < prefix.length ? prefix.charCodeAt(i) : ANY_OR_END);
    const sets: [Mask, Mask, Mask] = [at(0), at(1), at(2)];
    const [a = [], b = [], c = []] = sets.map((m) => maskSymbols[m] ?? []);
    if (a.length * b.length * c.length + starts.size > MAX_KEYS) return undefined;
    const next: [Mask, Mask, Mask] = [at(3), at(4), at(5)];
    const id = (sets[0] * 0x10000 + sets[1]) * 0x10000 + sets[2];
    const known = triples.get(id);
    if (known) {
      known.next = [
        union(known.next[0], next[0]),
        union(known.next[1], next[1]),
        union(known.next[2], next[2]),
      ];
      continue;
    }
    triples.set(id, { sets, next });
    // The keys now, so that the count above grows as it would; their sets come below.
    for (const x of a) {
      for (const y of b) {
        for (const z of c) starts.set((x << 12) | (y << 6) | z, NO_NEXT);
      }
    }
  }
  for (const { sets, next } of triples.values()) {
    const [a = [], b = [], c = []] = sets.map((m) => maskSymbols[m] ?? []);
    for (const x of a) {
      for (const y of b) {
        for (const z of c) {
          const key = (x << 12) | (y << 6) | z;
          const known = starts.get(key);
          starts.set(
            key,
            known && known !== NO_NEXT
              ? [union(known[0], next[0]), union(known[1], next[1]), union(known[2], next[2])]
              : next,
          );
        }
      }
    }
  }
  return starts;
}

/** A key whose sets are not known yet (see {@link analyse}). */
const NO_NEXT: [Mask, Mask, Mask] = [0, 0, 0];

/**
 * Every possible key (three symbols, 6 bits each) of the position a match of `re` starts at, or
 * undefined when the index cannot list them (see {@link matchesOf}). For tests and diagnostics.
 *
 * @example
 * startKeys(/\bfoo/gi)?.size; // 1 ('f', 'o', 'o')
 */
export function startKeys(re: RegExp): Set<number> | undefined {
  const starts = analyse(re);
  return starts && new Set(starts.keys());
}

// ── The start table ─────────────────────────────────────────────────────────────────────────

interface IndexedRegex {
  id: number;
  /** The same regex with the sticky flag (and without `g`), to try one position. */
  sticky: RegExp;
  /** What its matches start with, once analysed; undefined: it scans the whole text. */
  starts?: StartMap | undefined;
}

/** Slots: regex id, then the allowed sets of symbols 4, 5 and 6 (low and high 32 bits each). */
const STRIDE = 7;

interface Table {
  /** Key of the first three symbols → group; 0: no regex starts so. */
  keys: Uint16Array;
  /** Group `g` owns the slots from `bounds[g - 1]` to `bounds[g]`. */
  bounds: Int32Array;
  /** Per group (low, high), the union of its slots' sets for symbol 4: one test rejects most. */
  fourth: Int32Array;
  slots: Int32Array;
  /** Per regex id, where its slots are, and the groups that hold them. */
  slotsOf: Int32Array[];
  groupsOf: Int32Array[];
  /** Regexes known when the table was built. */
  count: number;
}

/** The table of `indexed` (each analysed now if it was not yet). */
function buildTable(indexed: readonly IndexedRegex[]): Table {
  const byKey = new Map<number, number[]>();
  for (const entry of indexed) {
    if (!('starts' in entry)) entry.starts = analyse(entry.sticky);
    for (const [key, next] of entry.starts ?? []) {
      const slot = [entry.id];
      for (const m of next) slot.push(maskLow[m] ?? 0, maskHigh[m] ?? 0);
      const slots = byKey.get(key);
      if (slots) slots.push(...slot);
      else byKey.set(key, slot);
    }
  }
  const keys = new Uint16Array(1 << KEY_BITS);
  const groups = new Map<string, number>();
  const bounds = [0];
  const fourth = [0, 0];
  const slots: number[] = [];
  const slotsOf: number[][] = indexed.map(() => []);
  const groupsOf: number[][] = indexed.map(() => []);
  for (const [key, group] of byKey) {
    const signature = group.join(',');
    let id = groups.get(signature);
    if (id === undefined) {
      id = bounds.length;
      if (id > 0xffff) throw new Error('start table: too many groups');
      groups.set(signature, id);
      let low = 0;
      let high = 0;
      for (let k = 0; k < group.length; k += STRIDE) {
        low |= group[k + 1] ?? 0;
        high |= group[k + 2] ?? 0;
        const regex = group[k] ?? 0;
        slotsOf[regex]?.push(slots.length + k);
        if (groupsOf[regex]?.at(-1) !== id) groupsOf[regex]?.push(id);
      }
      fourth.push(low, high);
      slots.push(...group);
      bounds.push(slots.length);
    }
    keys[key] = id;
  }
  return {
    keys,
    bounds: Int32Array.from(bounds),
    fourth: Int32Array.from(fourth),
    slots: Int32Array.from(slots),
    slotsOf: slotsOf.map((list) => Int32Array.from(list)),
    groupsOf: groupsOf.map((list) => Int32Array.from(list)),
    count: indexed.length,
  };
}

// ── One pass over a text ────────────────────────────────────────────────────────────────────

/**
 * Texts shorter than this are scanned whole by every regex: cheap, and a pass has a set-up cost
 * (and the table is built only once a text this long comes).
 */
const INDEX_MIN_LENGTH = 1024;

/**
 * More candidate starts than this share of the text, and a full scan is cheaper (a sticky attempt
 * costs about as much as a full scan does over 25–50 characters).
 */
const MAX_CANDIDATE_SHARE = 1 / 32;

/**
 * At most this many candidates per character of text, all regexes together (a bound on memory);
 * past it, a regex that gets one more scans the whole text instead.
 */
const MAX_CANDIDATES_PER_CHAR = 1 / 4;

interface TextScan {
  text: string;
  table: Table;
  /** Start positions per regex id; undefined for a regex with too many to be worth it. */
  starts: (number[] | undefined)[];
}

function has(lowBits: number, highBits: number, symbol: number): boolean {
  return ((symbol < 32 ? lowBits >>> symbol : highBits >>> (symbol - 32)) & 1) === 1;
}

/** Whether the slot at `k` admits the symbols `s3`, `s4` and `s5` at p + 3 to p + 5. */
function slotAdmits(slots: Int32Array, k: number, s3: number, s4: number, s5: number): boolean {
  return (
    has(slots[k + 1] ?? 0, slots[k + 2] ?? 0, s3) &&
    has(slots[k + 3] ?? 0, slots[k + 4] ?? 0, s4) &&
    has(slots[k + 5] ?? 0, slots[k + 6] ?? 0, s5)
  );
}

/** The start positions of every regex of `current` in `text`: one pass. */
function scanText(text: string, current: Table): TextScan {
  const { keys, bounds, slotsOf, groupsOf, count } = current;
  let { fourth, slots } = current;
  const n = text.length;
  const cap = Math.max(64, Math.floor(n * MAX_CANDIDATE_SHARE));
  const budget = Math.max(1024, Math.floor(n * MAX_CANDIDATES_PER_CHAR));
  let total = 0;
  const starts: (number[] | undefined)[] = [];
  for (let id = 0; id < count; id++) starts.push([]);

  /** A regex given up on (it scans the whole text): its slots stop matching for this pass. */
  const drop = (id: number): void => {
    total -= starts[id]?.length ?? 0;
    starts[id] = undefined;
    if (slots === current.slots) {
      slots = slots.slice();
      fourth = fourth.slice();
    }
    for (const k of slotsOf[id] ?? []) slots.fill(0, k + 1, k + STRIDE);
    for (const group of groupsOf[id] ?? []) {
      let low = 0;
      let high = 0;
      for (let k = bounds[group - 1] ?? 0; k < (bounds[group] ?? 0); k += STRIDE) {
        low |= slots[k + 1] ?? 0;
        high |= slots[k + 2] ?? 0;
      }
      fourth[2 * group] = low;
      fourth[2 * group + 1] = high;
    }
  };

  /** Position `p` has the key `key`, then symbols p + 3 to p + 5 in `tail`. */
  const visit = (p: number, key: number, tail: number): void => {
    const group = keys[key] ?? 0;
    const s3 = tail >>> 12;
    if (!has(fourth[2 * group] ?? 0, fourth[2 * group + 1] ?? 0, s3)) return;
    const s4 = (tail >>> 6) & 63;
    const s5 = tail & 63;
    const last = bounds[group] ?? 0;
    for (let k = bounds[group - 1] ?? 0; k < last; k += STRIDE) {
      if (!slotAdmits(slots, k, s3, s4, s5)) continue;
      const id = slots[k] ?? 0;
      const list = starts[id];
      if (list === undefined) continue;
      if (list.length >= cap || total >= budget) {
        drop(id);
      } else {
        list.push(p);
        total++;
      }
    }
  };

  // `head` holds the symbols at p to p + 2, `tail` those at p + 3 to p + 5 (0 past the end).
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    head = ((head << 6) | (tail >>> 12)) & KEY_MASK;
    tail = ((tail << 6) | (SYMBOL[c] ?? OTHER)) & KEY_MASK;
    if (j >= 5 && keys[head] !== 0) visit(j - 5, head, tail);
  }
  for (let j = n; j < n + 5; j++) {
    head = ((head << 6) | (tail >>> 12)) & KEY_MASK;
    tail = (tail << 6) & KEY_MASK;
    if (j >= 5 && keys[head] !== 0) visit(j - 5, head, tail);
  }
  return { text, table: current, starts };
}

/**
 * Per regex id of the table, 1 when `text` has at least one position the regex may start at: the
 * pass {@link scanText} makes, marking regexes instead of listing positions (for short texts,
 * where listing costs more than it saves but most regexes have nowhere to start).
 */
function possibleIn(text: string, current: Table): Uint8Array {
  const { keys, bounds, fourth, slots, count } = current;
  const possible = new Uint8Array(count);
  const n = text.length;
  const visit = (key: number, tail: number): void => {
    const group = keys[key] ?? 0;
    const s3 = tail >>> 12;
    if (!has(fourth[2 * group] ?? 0, fourth[2 * group + 1] ?? 0, s3)) return;
    const s4 = (tail >>> 6) & 63;
    const s5 = tail & 63;
    const last = bounds[group] ?? 0;
    for (let k = bounds[group - 1] ?? 0; k < last; k += STRIDE) {
      if (slotAdmits(slots, k, s3, s4, s5)) possible[slots[k] ?? 0] = 1;
    }
  };
  // As in scanText: `head` holds the symbols at p to p + 2, `tail` those at p + 3 to p + 5.
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n + 5; j++) {
    head = ((head << 6) | (tail >>> 12)) & KEY_MASK;
    tail = ((tail << 6) | (j < n ? (SYMBOL[text.charCodeAt(j)] ?? OTHER) : 0)) & KEY_MASK;
    if (j >= 5 && keys[head] !== 0) visit(head, tail);
  }
  return possible;
}

function isLowSurrogateInPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const before = text.charCodeAt(i - 1);
  return before >= 0xd800 && before <= 0xdbff;
}

/** Per global regex, a copy that scans whole texts, and whether a scan with it is under way. */
const scanners = new Map<RegExp, { copy: RegExp; busy: boolean }>();

/**
 * What `text.matchAll(re)` yields, from a copy of `re` made once: `matchAll` copies the regex on
 * every call, which cost more than the scan itself on the many short strings of a structured
 * result (a few hundred patterns per string). `re.lastIndex` is read, never written.
 */
function* scanWhole(re: RegExp, text: string): Generator<RegExpExecArray> {
  let scanner = scanners.get(re);
  if (scanner === undefined) {
    scanner = { copy: new RegExp(re.source, re.flags), busy: false };
    scanners.set(re, scanner);
  }
  // A scan inside a scan with the same regex (not done today): the copy is taken, use matchAll.
  if (scanner.busy) {
    yield* text.matchAll(re);
    return;
  }
  const { copy } = scanner;
  const unicode = copy.unicode || copy.flags.includes('v');
  scanner.busy = true;
  try {
    copy.lastIndex = re.lastIndex;
    for (let match = copy.exec(text); match !== null; match = copy.exec(text)) {
      // An empty match moves on by one code point, as matchAll does.
      if (match[0] === '') copy.lastIndex = advance(text, copy.lastIndex, unicode);
      yield match;
    }
  } finally {
    scanner.busy = false;
  }
}

/** The index after `index`: past a whole surrogate pair under /u (AdvanceStringIndex). */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  if (high < 0xd800 || high > 0xdbff) return index + 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/**
 * A start index: the regexes registered with it, their table, and the last text's pass. Regexes
 * run over the same texts share one, so that one pass over a text serves them all; regexes run
 * over other texts keep their own (a pass costs per regex of its table): the analyzers over what
 * a server said, the scorer's cues over its normalised text.
 */
export class StartIndex {
  private readonly regexes = new Map<RegExp, IndexedRegex>();
  private readonly indexed: IndexedRegex[] = [];
  /** Undefined when a regex was added since it was built. */
  private table: Table | undefined;
  private lastScan: TextScan | undefined;
  /** Per regex id, whether the last short text has a position it may start at. */
  private lastPossible: { text: string; table: Table; possible: Uint8Array } | undefined;

  /**
   * Adds regexes (analysed on first use). Registering up front lets one pass over a text serve
   * every table; a regex met unregistered is added then (and the table is built again).
   */
  register(...list: readonly RegExp[]): void {
    for (const re of list) this.entry(re);
  }

  /** Drops the cached pass, which holds on to the last text analysed. */
  release(): void {
    this.lastScan = undefined;
    this.lastPossible = undefined;
  }

  /**
   * False when registered regex `re` cannot match anywhere in `text` (no position has the first
   * characters its matches start with); true when it may, or when the index does not know it.
   */
  mayMatch(re: RegExp, text: string): boolean {
    const entry = this.regexes.get(re);
    if (entry === undefined) return true;
    const current = this.currentTable();
    if (entry.id >= current.count || entry.starts === undefined) return true;
    if (this.lastPossible?.text !== text || this.lastPossible.table !== current) {
      this.lastPossible = { text, table: current, possible: possibleIn(text, current) };
    }
    return this.lastPossible.possible[entry.id] === 1;
  }

  /** {@link matchesOf} with this index. */
  *matchesOf(re: RegExp, text: string, indexFrom = INDEX_MIN_LENGTH): Generator<RegExpExecArray> {
    const entry = re.sticky || text.length < indexFrom ? undefined : this.entry(re);
    const current = entry ? this.currentTable() : undefined;
    const starts =
      entry?.starts && current && entry.id < current.count
        ? this.scanOf(text, current).starts[entry.id]
        : undefined;
    if (entry === undefined || starts === undefined) {
      if (re.global) {
        yield* scanWhole(re, text);
      } else {
        const match = re.exec(text);
        if (match) yield match;
      }
      return;
    }
    yield* matchesAt(re, entry.sticky, text, starts);
  }

  private entry(re: RegExp): IndexedRegex {
    let entry = this.regexes.get(re);
    if (entry === undefined) {
      const sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
      entry = { id: this.indexed.length, sticky };
      this.regexes.set(re, entry);
      this.indexed.push(entry);
      this.table = undefined;
    }
    return entry;
  }

  private currentTable(): Table {
    this.table ??= buildTable(this.indexed);
    return this.table;
  }

  private scanOf(text: string, current: Table): TextScan {
    if (this.lastScan?.text !== text || this.lastScan.table !== current) {
      this.lastScan = scanText(text, current);
    }
    return this.lastScan;
  }
}

/** The matches of sticky `sticky` (a copy of `re`) tried at `starts` (in order), as `re` finds them. */
function* matchesAt(
  re: RegExp,
  sticky: RegExp,
  text: string,
  starts: readonly number[],
): Generator<RegExpExecArray> {
  let from = re.global ? re.lastIndex : 0;
  // The first start at or after `from`, found by halving (the starts are in order): a caller that
  // asks for one match at a time from a later index each time stays linear.
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((starts[mid] ?? 0) < from) low = mid + 1;
    else high = mid;
  }
  for (let k = low; k < starts.length; k++) {
    const position = starts[k] ?? 0;
    if (position < from) continue;
    // A /u scan never starts inside a surrogate pair.
    if (sticky.unicode && isLowSurrogateInPair(text, position)) continue;
    sticky.lastIndex = position;
    const match = sticky.exec(text);
    if (match === null) continue;
    yield match;
    if (!re.global) return;
    // An empty match moves on by one character, as matchAll does.
    from = match[0] === '' ? position + 1 : position + match[0].length;
  }
}

/** The index the scorer's cues share (see {@link StartIndex}); the functions below use it. */
const shared = new StartIndex();

/** Adds regexes to the shared index (see {@link StartIndex.register}). */
export function registerRegexes(...list: readonly RegExp[]): void {
  shared.register(...list);
}

/** Drops the shared index's cached pass, which holds on to the last text analysed. */
export function releaseScan(): void {
  shared.release();
}

/**
 * False when `re`, registered with the shared index, cannot match anywhere in `text`.
 *
 * @example
 * mayMatch(/\bignore\s+previous/giu, 'a list of items'); // false (when registered)
 */
export function mayMatch(re: RegExp, text: string): boolean {
  return shared.mayMatch(re, text);
}

/**
 * The matches of `re` in `text`: what `text.matchAll(re)` yields for a global `re`, or
 * `re.exec(text)` for a non-global one (at most one match). In a text of `indexFrom` characters or
 * more, only the positions the start index lists are tried; one pass over `text` serves every
 * regex of the shared index (the last text's pass is kept until {@link releaseScan}).
 *
 * @example
 * [...matchesOf(/\bignore\s+previous\b/gi, text)].map((m) => m.index);
 */
export function matchesOf(
  re: RegExp,
  text: string,
  indexFrom = INDEX_MIN_LENGTH,
): Generator<RegExpExecArray> {
  return shared.matchesOf(re, text, indexFrom);
}
