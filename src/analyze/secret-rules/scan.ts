/**
 * Linear-time building blocks for the secret rules: character classes as code-unit tests,
 * maximal runs, prefixed tokens, and the name or words around a value. Nothing here runs a
 * regex on more than a bounded slice of the text, and a run is measured once however many
 * candidates start inside it (the `RunCache`), so a hostile text (ten megabytes of base64,
 * `sk-sk-sk-…`, a million hex digits) costs a bounded number of reads per character.
 */

export type CharTest = (code: number) => boolean;

export const isDigit: CharTest = (c) => c >= 0x30 && c <= 0x39;
export const isUpper: CharTest = (c) => c >= 0x41 && c <= 0x5a;
export const isLower: CharTest = (c) => c >= 0x61 && c <= 0x7a;
export const isAlnum: CharTest = (c) => isDigit(c) || isUpper(c) || isLower(c);
/** `[A-Za-z0-9_]`. */
export const isWord: CharTest = (c) => isAlnum(c) || c === 0x5f;
/** `[A-Za-z0-9_-]`: base64url and most provider token bodies. */
export const isWordDash: CharTest = (c) => isWord(c) || c === 0x2d;
/** `[A-Za-z0-9-]`. */
export const isAlnumDash: CharTest = (c) => isAlnum(c) || c === 0x2d;
export const isHex: CharTest = (c) =>
  isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
export const isLowerHex: CharTest = (c) => isDigit(c) || (c >= 0x61 && c <= 0x66);
/** `[A-Za-z0-9+/=]`: standard base64. */
export const isBase64: CharTest = (c) => isAlnum(c) || c === 0x2b || c === 0x2f || c === 0x3d;
/** Bitcoin's base58 alphabet: alphanumerics without `0`, `O`, `I`, `l`. */
export const isBase58: CharTest = (c) =>
  isAlnum(c) && c !== 0x30 && c !== 0x4f && c !== 0x49 && c !== 0x6c;
export const isSpace: CharTest = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** A test for the ASCII characters of `chars`, by table. */
export function charSet(chars: string): CharTest {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return (c) => c < 128 && table[c] === 1;
}

/**
 * Per test, its answer for every ASCII code unit: a run is read by table, not by a call per
 * character (the tests are pure; beyond ASCII they are still asked).
 */
const asciiTables = new WeakMap<CharTest, Uint8Array>();

function asciiTable(test: CharTest): Uint8Array {
  let table = asciiTables.get(test);
  if (table === undefined) {
    table = new Uint8Array(128);
    for (let c = 0; c < 128; c++) table[c] = test(c) ? 1 : 0;
    asciiTables.set(test, table);
  }
  return table;
}

/** End of the maximal run of `test` characters starting at `start`. */
export function runEnd(text: string, start: number, test: CharTest): number {
  return runEndBy(text, start, test, asciiTable(test));
}

/** {@link runEnd} with the test's {@link asciiTable}. */
function runEndBy(text: string, start: number, test: CharTest, ascii: Uint8Array): number {
  let end = start;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c < 128 ? ascii[c] !== 1 : !test(c)) break;
  }
  return end;
}

/** Start of the maximal run of `test` characters ending at `end` (exclusive). */
export function runStart(text: string, end: number, test: CharTest, limit = Infinity): number {
  let start = end;
  const floor = Math.max(0, end - limit);
  while (start > floor && test(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * Remembers the last maximal run measured for one character class, so that candidates starting
 * inside it (`sk-sk-sk-…`) are answered without reading the run again.
 */
export class RunCache {
  private start = -1;
  private end = -1;
  private readonly ascii: Uint8Array;
  constructor(
    private readonly text: string,
    private readonly test: CharTest,
  ) {
    this.ascii = asciiTable(test);
  }
  /** End of the maximal run of the class that starts at `from`. */
  endFrom(from: number): number {
    if (from >= this.start && from < this.end) return this.end;
    const end = runEndBy(this.text, from, this.test, this.ascii);
    if (end > from) {
      this.start = from;
      this.end = end;
    }
    return end;
  }
}

/**
 * Maximal runs of at least `min` characters `test` accepts, in order, each passed to `visit`.
 * Reads one character in `min` where runs are short: a run that long must cover the character
 * `min` − 1 places ahead.
 */
export function forEachRun(
  text: string,
  min: number,
  test: CharTest,
  visit: (start: number, end: number) => void,
): void {
  const ascii = asciiTable(test);
  const holds = (c: number): boolean => (c < 128 ? ascii[c] === 1 : test(c));
  let i = 0;
  while (i + min - 1 < text.length) {
    const probe = i + min - 1;
    if (!holds(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && holds(text.charCodeAt(start - 1))) start--;
    const end = runEndBy(text, probe + 1, test, ascii);
    if (end - start >= min) visit(start, end);
    i = end + 1;
  }
}

/** Every index of `needle` in `text`, in order (non-overlapping is not required). */
export function* indexesOf(text: string, needle: string): Generator<number> {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) yield at;
}

/** A provider token: a literal prefix, then a body of one character class. */
export interface TokenFormat {
  prefixes: readonly string[];
  /** The characters of the body; the token is the maximal run of them after the prefix. */
  body: CharTest;
  /** Bounds on the body's length (the maximal run must fit, as `[…]{min,max}(?![…])` would). */
  min: number;
  max: number;
  /** Characters that may not stand right before the prefix (default: `[A-Za-z0-9_]`). */
  notAfter?: CharTest;
  /** A final check of the whole token (prefix and body, at most `max` + prefix characters). */
  shape?: RegExp;
}

/**
 * Characters most token prefixes end in. In a long text, the positions of every prefix that holds
 * one (`ghp_`, `sk-`, `SG.`) are found together: one `indexOf` walk over each anchor character,
 * looking each occurrence up by the character before it, instead of one pass per prefix (and,
 * in a wall of `_` or `-`, a million candidates per prefix).
 */
const ANCHORS = ['_', '-', '.'];

/** Below this length a text is searched with one `indexOf` per prefix; above it, by anchors. */
const ANCHOR_MIN_LENGTH = 65_536;
/** Per prefix: its last anchor character and where it stands in the prefix (-1: none). */
const prefixAnchors = new Map<string, [string, number]>();
const NO_ANCHOR: [string, number] = ['', -1];

function anchorOf(prefix: string): [string, number] {
  let found = prefixAnchors.get(prefix);
  if (found === undefined) {
    found = ['', -1];
    for (const anchor of ANCHORS) {
      const at = prefix.lastIndexOf(anchor);
      if (at > found[1]) found = [anchor, at];
    }
    prefixAnchors.set(prefix, found);
  }
  return found;
}

/**
 * The anchored prefixes asked for so far, per anchor character and by the code unit before the
 * anchor in the prefix (-1: the anchor starts the prefix).
 */
const prefixesByAnchor = new Map<string, Map<number, string[]>>();

function knowPrefix(prefix: string, anchor: string, offset: number): void {
  let byBefore = prefixesByAnchor.get(anchor);
  if (byBefore === undefined) {
    byBefore = new Map();
    prefixesByAnchor.set(anchor, byBefore);
  }
  const before = offset > 0 ? prefix.charCodeAt(offset - 1) : -1;
  const list = byBefore.get(before);
  if (list === undefined) byBefore.set(before, [prefix]);
  else if (!list.includes(prefix)) list.push(prefix);
}

/**
 * Makes the anchored prefixes of `formats` known before any text is searched (each rule module
 * declares its formats once): the first long text then walks each anchor once, not once per
 * prefix met (a million `_` walked forty times).
 */
export function knowTokenFormats(...formats: readonly TokenFormat[]): void {
  for (const { prefixes } of formats) {
    for (const prefix of prefixes) {
      const [anchor, offset] = anchorOf(prefix);
      if (offset !== -1) knowPrefix(prefix, anchor, offset);
    }
  }
}

/** The text the start lists are for, and per known prefix, where it starts in that text. */
let startsText: string | undefined;
let startsOfPrefix = new Map<string, number[]>();

/** Where each known prefix anchored on `anchor` starts in `text`, in order, in one walk. */
function indexAnchor(text: string, anchor: string): void {
  const byBefore = prefixesByAnchor.get(anchor);
  if (byBefore === undefined) return;
  // Per code unit before the anchor: its prefixes, where the anchor stands in each, and the
  // start list each fills.
  const found = new Map<number, { prefix: string; offset: number; starts: number[] }[]>();
  for (const [before, list] of byBefore) {
    found.set(
      before,
      list.map((prefix) => {
        const starts: number[] = [];
        startsOfPrefix.set(prefix, starts);
        return { prefix, offset: (prefixAnchors.get(prefix) ?? NO_ANCHOR)[1], starts };
      }),
    );
  }
  const leading = found.get(-1);
  for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) {
    const list = found.get(text.charCodeAt(at - 1));
    if (list !== undefined) {
      for (const { prefix, offset, starts } of list) {
        const start = at - offset;
        if (start >= 0 && text.startsWith(prefix, start)) starts.push(start);
      }
    }
    if (leading !== undefined) {
      for (const { prefix, starts } of leading) {
        if (text.startsWith(prefix, at)) starts.push(at);
      }
    }
  }
}

/** Where `prefix` (anchored on `anchor` at `offset`) starts in `text`, in order. */
function startsOf(text: string, prefix: string, anchor: string, offset: number): number[] {
  if (startsText !== text) {
    startsText = text;
    startsOfPrefix = new Map();
  }
  let starts = startsOfPrefix.get(prefix);
  if (starts === undefined) {
    // A prefix not known when this text's anchors were walked: known from now on, and this
    // anchor walked again (once per new prefix: the table fills in on the first long texts).
    knowPrefix(prefix, anchor, offset);
    indexAnchor(text, anchor);
    starts = startsOfPrefix.get(prefix) ?? [];
  }
  return starts;
}

/**
 * Pairs of adjacent code units of the last text searched prefix by prefix, hashed: a prefix
 * whose first or last two code units the text lacks is not searched for (the keyword pre-filter
 * of a short string, where one `indexOf` per prefix cost more than the rules).
 */
const PAIR_BITS = 12;
/** Per hashed pair, the number of the text it was last seen in. */
const pairSeenIn = new Int32Array(1 << PAIR_BITS);
let pairText: string | undefined;
let pairTextNumber = 0;

function pairKey(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ second) & ((1 << PAIR_BITS) - 1);
}

/** Whether `text` may hold `prefix`: false only when it lacks the prefix's first or last pair. */
function mayHold(text: string, prefix: string): boolean {
  if (pairText !== text) {
    pairText = text;
    if (++pairTextNumber === 0x7fffffff) {
      pairSeenIn.fill(0);
      pairTextNumber = 1;
    }
    let previous = text.charCodeAt(0);
    for (let i = 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      pairSeenIn[pairKey(previous, c)] = pairTextNumber;
      previous = c;
    }
  }
  const n = prefix.length;
  return (
    n < 2 ||
    (pairSeenIn[pairKey(prefix.charCodeAt(0), prefix.charCodeAt(1))] === pairTextNumber &&
      pairSeenIn[pairKey(prefix.charCodeAt(n - 2), prefix.charCodeAt(n - 1))] === pairTextNumber)
  );
}

/** Forgets the start lists of the last text (so that a large text is not kept alive). */
export function releaseAnchors(): void {
  startsText = undefined;
  startsOfPrefix = new Map();
  pairText = undefined;
}

/** The length of the shortest token of any of `formats` (a shorter text holds none). */
export function shortestToken(formats: readonly TokenFormat[]): number {
  let shortest = Infinity;
  for (const { prefixes, min } of formats) {
    for (const prefix of prefixes) shortest = Math.min(shortest, prefix.length + min);
  }
  return shortest;
}

/** Finds the tokens of a {@link TokenFormat}: each prefix located once, each body run read once. */
export function findTokens(
  text: string,
  format: TokenFormat,
  report: (start: number, end: number) => void,
): void {
  let cache: RunCache | undefined;
  const notAfter = format.notAfter ?? isWord;
  for (const prefix of format.prefixes) {
    // Too short to hold a token: nothing to visit.
    if (text.length < prefix.length + format.min) continue;
    const [anchor, offset] = text.length < ANCHOR_MIN_LENGTH ? NO_ANCHOR : anchorOf(prefix);
    // A text searched prefix by prefix: without this one (most strings), nothing to visit.
    const first =
      offset !== -1
        ? 0
        : text.length >= ANCHOR_MIN_LENGTH || mayHold(text, prefix)
          ? text.indexOf(prefix)
          : -1;
    if (first === -1) continue;
    let next = 0;
    const visit = (at: number): void => {
      if (at < next) return;
      next = at + 1;
      if (at > 0 && notAfter(text.charCodeAt(at - 1))) return;
      const bodyStart = at + prefix.length;
      cache ??= new RunCache(text, format.body);
      const end = cache.endFrom(bodyStart);
      const length = end - bodyStart;
      if (length >= format.min && length <= format.max) {
        if (format.shape === undefined || format.shape.test(text.slice(at, end))) {
          report(at, end);
        }
        // One shape check per run: a later prefix inside it ends where this one did.
        next = end;
      }
    };
    if (offset === -1) {
      for (let at = first; at !== -1; at = text.indexOf(prefix, Math.max(at + 1, next))) {
        visit(at);
      }
    } else {
      for (const start of startsOf(text, prefix, anchor, offset)) {
        if (start >= next) visit(start);
      }
    }
  }
}

/** `[A-Za-z0-9_.-]`: the characters of a variable, key or flag name. */
const isNameChar: CharTest = (c) => isWord(c) || c === 0x2d || c === 0x2e;

/**
 * The name a value at `index` is assigned to, reading back over a quote, spaces and one `:`,
 * `=`, `:=` or `=>` to a name (`"privateKey": "…`, `SECRET=…`, `--token=…`); undefined when
 * the value is not preceded by one. Reads at most 72 characters back.
 */
export function nameBefore(text: string, index: number): string | undefined {
  let i = index;
  const stop = Math.max(0, index - 8);
  while (i > stop && (text[i - 1] === '"' || text[i - 1] === "'" || text[i - 1] === ' ')) i--;
  let operator = false;
  while (i > stop && ':=>'.includes(text[i - 1] ?? '')) {
    i--;
    operator = true;
  }
  if (!operator) return undefined;
  while (i > stop && (text[i - 1] === '"' || text[i - 1] === "'" || text[i - 1] === ' ')) i--;
  const start = runStart(text, i, isNameChar, 64);
  return start < i ? text.slice(start, i) : undefined;
}

/** The text around [start, end): `before` characters before it and `after` after it. */
export function around(
  text: string,
  start: number,
  end: number,
  before = 64,
  after = 64,
): { before: string; after: string } {
  return {
    before: text.slice(Math.max(0, start - before), start),
    after: text.slice(end, Math.min(text.length, end + after)),
  };
}

/** Bits of entropy per character of a string, over its code units (fast; for long runs). */
export function codeUnitEntropy(text: string, start = 0, end = text.length): number {
  const length = end - start;
  if (length <= 0) return 0;
  const counts = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
