import { StartIndex } from './prefilter.js';
import type { Signal, SignalKind } from './signal.js';

/**
 * Shared plumbing for the pattern-based text analyzers: a pattern table runner with cheap
 * keyword pre-filters, and what a field path says about the text in it. Pure.
 */

/**
 * The start index of the analyzers' regexes (`prefilter.ts`): one pass over a text serves every
 * table, apart from the scorer's cues, which run over other (normalised) text.
 */
export const analyzerStarts = new StartIndex();

/** One pattern of an analyzer's table. */
export interface TextPattern {
  /** Stable sub-rule id, e.g. `directive.ignore-previous`. */
  rule: string;
  /**
   * Must carry the `g` flag. Keep it linear: bounded repetitions (`{0,80}`) of one character
   * class, no nested quantifiers.
   */
  re: RegExp;
  weight: number;
  /**
   * Weight in definitions (tool, prompt, resource text), when it differs: definitions are
   * written for the model, so telling it how to answer is ordinary there and suspicious in
   * content (tool results, pages, emails).
   */
  definitionWeight?: number;
  message: string;
  /** BCP 47 tag for non-English patterns. */
  language?: string;
  /**
   * Lower-case substrings; the pattern runs only when the lower-cased text holds one of them
   * (gitleaks-style pre-filter). Omit for patterns gated some other way.
   */
  keywords?: readonly string[];
}

/**
 * The text lower-cased, runs of whitespace folded to one space, for keyword pre-filters — or a
 * function that makes it, called only if a keyword has to be looked for beyond a match.
 */
export type LowerText = string | (() => string);

/**
 * Runs of whitespace other than a single space: replacing these with a space is replacing every
 * `\s+` with one, without touching the (many) single spaces.
 */
const WHITESPACE_TO_FOLD = /[^\S ]\s*| \s+/g;

/**
 * `text.toLowerCase()` with runs of whitespace folded to one space.
 *
 * @example
 * foldLower('Account\n  Numbers'); // 'account numbers'
 */
export function foldLower(text: string): string {
  return text.toLowerCase().replace(WHITESPACE_TO_FOLD, ' ');
}

/** Keyword presence in the last lower-cased text: an absent keyword costs a scan of all of it. */
let keywordMemo: { lower: LowerText; found: Map<string, boolean> } | undefined;

/** Keywords whose presence a piece of the text cannot vouch for (`Σ` lower-cases by context). */
const SIGMA = /[σς]/u;

/**
 * `keywords.some((k) => lower.includes(k))`, looking in the matched text first: a keyword in the
 * match (lower-cased, whitespace folded) is in the whole lower-cased text too.
 */
function holdsKeyword(keywords: readonly string[], match: string, lower: LowerText): boolean {
  const local = foldLower(match);
  if (keywords.some((keyword) => !SIGMA.test(keyword) && local.includes(keyword))) return true;
  if (keywordMemo?.lower !== lower) keywordMemo = { lower, found: new Map() };
  const { found } = keywordMemo;
  const whole = typeof lower === 'string' ? lower : lower();
  return keywords.some((keyword) => {
    let present = found.get(keyword);
    if (present === undefined) {
      present = whole.includes(keyword);
      found.set(keyword, present);
    }
    return present;
  });
}

/** Drops what the pattern runners keep about the last text (its scan, its keywords). */
export function releaseTextCaches(): void {
  analyzerStarts.release();
  keywordMemo = undefined;
  if (presentMemo) {
    for (const n of presentMemo.found) presentScratch[n] = 0;
    presentMemo = undefined;
  }
}

/**
 * Texts shorter than this have their keyword pre-filters checked before the patterns run: cheap
 * on a short text, where running a few hundred regexes is what costs.
 */
const SHORT_TEXT = 1024;

/** At most this many signals per pattern and text: enough to show, bounded for huge inputs. */
const MAX_MATCHES_PER_PATTERN = 8;

/**
 * Registers pattern tables with the one-pass prefilter (`prefilter.ts`), so that one pass over a
 * text serves them all. Tables met unregistered are added on first use.
 */
export function registerPatterns(...tables: readonly (readonly TextPattern[])[]): void {
  for (const table of tables) {
    for (const pattern of table) {
      analyzerStarts.register(pattern.re);
    }
  }
}

/**
 * Every keyword of every table met on a short text, numbered once: one walk of a lower-cased
 * text finds all of them (see {@link presentKeywords}), whichever tables then run on it.
 */
const keywordNumbers = new Map<string, number>();
const allKeywords: string[] = [];
/** Keywords of one and of two or more code units, hashed by their first one or two. */
let keywordTable: KeywordTable | undefined;

interface KeywordTable {
  /** Two-code-unit start hash → keyword numbers: `list[heads[h]]` to `list[heads[h + 1]]`. */
  heads: Int32Array;
  list: Int32Array;
  /** The same for keywords of one code unit, by that code unit's hash. */
  singleHeads: Int32Array;
  singleList: Int32Array;
  /** Holds the empty keyword (found in every text). */
  empty: number;
}

const BUCKETS = 1024;

function pairHash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 22;
}

function singleHash(code: number): number {
  return Math.imul(code, 0x9e3779b1) >>> 22;
}

function keywordNumber(keyword: string): number {
  let n = keywordNumbers.get(keyword);
  if (n === undefined) {
    n = allKeywords.length;
    keywordNumbers.set(keyword, n);
    allKeywords.push(keyword);
    keywordTable = undefined;
  }
  return n;
}

/** Compressed buckets: keyword numbers grouped by hash. */
function buckets(entries: readonly [number, number][]): { heads: Int32Array; list: Int32Array } {
  const heads = new Int32Array(BUCKETS + 1);
  for (const [hash] of entries) heads[hash + 1] = (heads[hash + 1] ?? 0) + 1;
  for (let h = 0; h < BUCKETS; h++) heads[h + 1] = (heads[h + 1] ?? 0) + (heads[h] ?? 0);
  const fill = heads.slice(0, BUCKETS);
  const list = new Int32Array(entries.length);
  for (const [hash, n] of entries) {
    const at = fill[hash] ?? 0;
    list[at] = n;
    fill[hash] = at + 1;
  }
  return { heads, list };
}

function currentKeywordTable(): KeywordTable {
  if (keywordTable) return keywordTable;
  const pairs: [number, number][] = [];
  const singles: [number, number][] = [];
  let empty = -1;
  allKeywords.forEach((keyword, n) => {
    if (keyword.length === 0) empty = n;
    else if (keyword.length === 1) singles.push([singleHash(keyword.charCodeAt(0)), n]);
    else pairs.push([pairHash(keyword.charCodeAt(0), keyword.charCodeAt(1)), n]);
  });
  const two = buckets(pairs);
  const one = buckets(singles);
  keywordTable = {
    heads: two.heads,
    list: two.list,
    singleHeads: one.heads,
    singleList: one.list,
    empty,
  };
  return keywordTable;
}

/** Per keyword number, 1 when the last walked text holds it (see {@link presentKeywords}). */
let presentScratch = new Uint8Array(0);

/** The keywords the last lower-cased short text holds (one walk serves every table). */
let presentMemo:
  { whole: string; table: KeywordTable; present: Uint8Array; found: number[] } | undefined;

/**
 * The keywords `whole` holds (`whole.includes(keyword)` for every known keyword), by number,
 * and the list of those found: one walk of `whole`, each start tried against the keywords that
 * begin with its code units.
 */
function presentKeywords(whole: string): { present: Uint8Array; found: number[] } {
  const table = currentKeywordTable();
  if (presentMemo?.whole === whole && presentMemo.table === table) return presentMemo;
  // One array for every text: cleared where the last text marked it.
  if (presentScratch.length < allKeywords.length) {
    presentScratch = new Uint8Array(allKeywords.length);
  } else if (presentMemo) {
    for (const n of presentMemo.found) presentScratch[n] = 0;
  }
  const present = presentScratch;
  const found: number[] = [];
  const { heads, list, singleHeads, singleList, empty } = table;
  if (empty >= 0) {
    present[empty] = 1;
    found.push(empty);
  }
  const singlesKnown = singleList.length > 0;
  const length = whole.length;
  let next = length > 0 ? whole.charCodeAt(0) : 0;
  for (let i = 0; i < length; i++) {
    const code = next;
    next = i + 1 < length ? whole.charCodeAt(i + 1) : -1;
    if (singlesKnown) {
      const h = singleHash(code);
      for (let k = singleHeads[h] ?? 0, last = singleHeads[h + 1] ?? 0; k < last; k++) {
        const n = singleList[k] ?? 0;
        if (present[n] === 0 && allKeywords[n]?.charCodeAt(0) === code) {
          present[n] = 1;
          found.push(n);
        }
      }
    }
    if (next < 0) break;
    const h = pairHash(code, next);
    for (let k = heads[h] ?? 0, last = heads[h + 1] ?? 0; k < last; k++) {
      const n = list[k] ?? 0;
      if (present[n] === 0 && whole.startsWith(allKeywords[n] ?? '', i)) {
        present[n] = 1;
        found.push(n);
      }
    }
  }
  presentMemo = { whole, table, present, found };
  return presentMemo;
}

/** A table's patterns by keyword (global keyword numbers), and those without keywords. */
interface KeywordIndex {
  /** Patterns without keywords (they always run), in order. */
  always: Int32Array;
  /** Per global keyword number, the patterns of this table that name it. */
  patternsOf: readonly (Int32Array | undefined)[];
}

const keywordIndexes = new WeakMap<readonly TextPattern[], KeywordIndex>();

function keywordIndex(patterns: readonly TextPattern[]): KeywordIndex {
  const known = keywordIndexes.get(patterns);
  if (known) return known;
  const always: number[] = [];
  const byKeyword = new Map<number, number[]>();
  patterns.forEach((pattern, p) => {
    if (pattern.keywords === undefined) {
      always.push(p);
      return;
    }
    for (const keyword of pattern.keywords) {
      const n = keywordNumber(keyword);
      const list = byKeyword.get(n) ?? [];
      if (list.at(-1) !== p) list.push(p);
      byKeyword.set(n, list);
    }
  });
  const patternsOf: (Int32Array | undefined)[] = [];
  for (const [n, list] of byKeyword) patternsOf[n] = Int32Array.from(list);
  const index = { always: Int32Array.from(always), patternsOf };
  keywordIndexes.set(patterns, index);
  return index;
}

/**
 * The patterns of a table worth running on a short text, in table order: those without
 * keywords, and those with a keyword the lower-cased text holds.
 */
function candidates(patterns: readonly TextPattern[], lower: LowerText): Uint8Array {
  const index = keywordIndex(patterns);
  const { found } = presentKeywords(typeof lower === 'string' ? lower : lower());
  const runs = new Uint8Array(patterns.length);
  for (let k = 0; k < index.always.length; k++) runs[index.always[k] ?? 0] = 1;
  for (let k = 0; k < found.length; k++) {
    const own = index.patternsOf[found[k] ?? 0];
    if (own === undefined) continue;
    for (let j = 0; j < own.length; j++) runs[own[j] ?? 0] = 1;
  }
  return runs;
}

/**
 * Runs a pattern table over `text`. `lower` is `text.toLowerCase()` (whitespace may be folded),
 * for the keyword pre-filters, or a function that makes it. Each pattern runs only at the
 * positions its first characters can start at (see `prefilter.ts`); the signals are those of a
 * scan of the whole text.
 */
export function matchPatterns(
  kind: SignalKind,
  text: string,
  lower: LowerText,
  patterns: readonly TextPattern[],
  source: TextSource = 'content',
): Signal[] {
  const signals: Signal[] = [];
  // A short text (a field of a structured result) is lower-cased whole at once: its keyword
  // pre-filters then skip a pattern before it runs, not after it matched (the same signals).
  const runs = text.length < SHORT_TEXT ? candidates(patterns, lower) : undefined;
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p];
    if (pattern === undefined || (runs !== undefined && runs[p] === 0)) continue;
    let count = 0;
    // A short text's candidates hold a keyword already.
    let gated = pattern.keywords === undefined || runs !== undefined;
    for (const match of analyzerStarts.matchesOf(pattern.re, text)) {
      if (match[0] === '') continue;
      // The keyword pre-filter, checked once the pattern matched (the same signals): most
      // patterns match nothing, and `lower.includes` scans all of it for a keyword it lacks.
      if (!gated) {
        if (!holdsKeyword(pattern.keywords ?? [], match[0], lower)) break;
        gated = true;
      }
      signals.push({
        kind,
        rule: pattern.rule,
        start: match.index,
        end: match.index + match[0].length,
        message: pattern.message,
        weight:
          source === 'definition' ? (pattern.definitionWeight ?? pattern.weight) : pattern.weight,
        ...(pattern.language ? { language: pattern.language } : {}),
      });
      if (++count >= MAX_MATCHES_PER_PATTERN) break;
    }
  }
  return signals;
}

/**
 * Where analysed text comes from: `definition` (tool, prompt, resource or instructions text a
 * server declares, written for the model) or `content` (tool results, fetched pages, emails:
 * data that has no business addressing the model).
 */
export type TextSource = 'definition' | 'content';

/** What the field a string was declared in says about it. */
export interface FieldContext {
  source: TextSource;
  /** The field path as given (`inputSchema.properties.sidenote.description`). */
  field?: string;
  /** The text is a name (tool name, parameter name), not prose. */
  isName: boolean;
  /** The parameter the text describes or names, when the field sits in a schema's properties. */
  parameter?: string;
}

/**
 * Reads a declared-string field path: `name` and `…#name` are names; the last
 * `properties.<param>` segment names the parameter.
 *
 * @example
 * fieldContext('inputSchema.properties.sidenote.description', 'definition'); // { isName: false, parameter: 'sidenote', … }
 */
export function fieldContext(
  field: string | undefined,
  source: TextSource = 'content',
): FieldContext {
  if (field === undefined) return { source, isName: false };
  const isName = field === 'name' || field.endsWith('#name') || field.endsWith('.name');
  const match = /(?:^|\.)properties\.([^.#[\]]+)(?:#name|\.[^.]*)?$/.exec(field);
  return { source, field, isName, ...(match?.[1] ? { parameter: match[1] } : {}) };
}

/** Moves signals found in a sub-text back onto the original text's offsets. */
export function shiftSignals(signals: readonly Signal[], offset: number): Signal[] {
  return signals.map((signal) => ({
    ...signal,
    start: signal.start + offset,
    end: signal.end + offset,
  }));
}

/** End of a sentence (not a dot inside a path or file name). */
const SENTENCE_END = /[.!?](?:\s|$)|\n\s*\n/gu;

/** The sentence around [start, end), looking at most `max` characters either side. */
export function sentenceAround(text: string, start: number, end: number, max = 160): string {
  const before = text.slice(Math.max(0, start - max), start);
  let cut = 0;
  for (const match of before.matchAll(SENTENCE_END)) cut = match.index + match[0].length;
  const after = text.slice(end, end + max);
  SENTENCE_END.lastIndex = 0;
  const stop = SENTENCE_END.exec(after);
  return before.slice(cut) + text.slice(start, end) + (stop ? after.slice(0, stop.index) : after);
}

/** A sentence that names something to forbid it ("~/.ssh is rejected"): a security note. */
export const REJECTION =
  /\b(?:rejected|denied|blocked|disallowed|not\s+allowed|forbidden|excluded|refused|prohibited|restricted|protected|never\s+(?:read|access|expose|include|send|share|log|run|execute)|must\s+not\s+(?:be\s+)?(?:read|accessed|exposed|included|sent|shared|logged|run|executed)|cannot\s+(?:be\s+)?(?:read|accessed|run|executed)|(?:do\s+not|don't|never)\s+(?:run|execute|use))\b/iu;
