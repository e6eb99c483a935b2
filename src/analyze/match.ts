import { matchesOf, registerRegexes, releaseScan } from './prefilter.js';
import type { Signal, SignalKind } from './signal.js';

/**
 * Shared plumbing for the pattern-based text analyzers: a pattern table runner with cheap
 * keyword pre-filters, and what a field path says about the text in it. Pure.
 */

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
  releaseScan();
  keywordMemo = undefined;
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
      registerRegexes(pattern.re);
    }
  }
}

/** A table's keywords, numbered, by their first code unit or two. */
interface KeywordIndex {
  /** Per pattern, the numbers of its keywords; undefined for a pattern without keywords. */
  ofPattern: readonly (Int32Array | undefined)[];
  keywords: readonly string[];
  /** Keyword numbers by {@link startKey} of their start; the empty keyword under -1. */
  byStart: ReadonlyMap<number, readonly number[]>;
}

const keywordIndexes = new WeakMap<readonly TextPattern[], KeywordIndex>();

/**
 * The key of the one (`two` false) or two code units at `i` of `text`: a small integer (a fast
 * map key), so two starts may share one; `startsWith` then tells them apart.
 */
function startKey(text: string, i: number, two: boolean): number {
  const first = text.charCodeAt(i);
  return two ? 0x10000 + (((first & 0x3fff) << 16) | text.charCodeAt(i + 1)) : first;
}

function keywordIndex(patterns: readonly TextPattern[]): KeywordIndex {
  const known = keywordIndexes.get(patterns);
  if (known) return known;
  const numbers = new Map<string, number>();
  const keywords: string[] = [];
  const byStart = new Map<number, number[]>();
  const numberOf = (keyword: string): number => {
    let n = numbers.get(keyword);
    if (n !== undefined) return n;
    n = keywords.length;
    numbers.set(keyword, n);
    keywords.push(keyword);
    const key = keyword === '' ? -1 : startKey(keyword, 0, keyword.length >= 2);
    const list = byStart.get(key) ?? [];
    list.push(n);
    byStart.set(key, list);
    return n;
  };
  const ofPattern = patterns.map((pattern) =>
    pattern.keywords === undefined ? undefined : Int32Array.from(pattern.keywords, numberOf),
  );
  const index = { ofPattern, keywords, byStart };
  keywordIndexes.set(patterns, index);
  return index;
}

/**
 * Per keyword number, 1 when `whole` holds the keyword (`whole.includes(keyword)`): one walk of
 * `whole` instead of a scan of it per keyword.
 */
function presentKeywords(index: KeywordIndex, whole: string): Uint8Array {
  const present = new Uint8Array(index.keywords.length);
  const mark = (key: number, at: number): void => {
    const numbers = index.byStart.get(key);
    if (numbers === undefined) return;
    for (let k = 0; k < numbers.length; k++) {
      const n = numbers[k] ?? 0;
      if (present[n] === 0 && whole.startsWith(index.keywords[n] ?? '', at)) present[n] = 1;
    }
  };
  mark(-1, 0);
  for (let i = 0; i < whole.length; i++) {
    mark(startKey(whole, i, false), i);
    if (i + 1 < whole.length) mark(startKey(whole, i, true), i);
  }
  return present;
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
  const short = text.length < SHORT_TEXT;
  let present: Uint8Array | undefined;
  const index = short ? keywordIndex(patterns) : undefined;
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p];
    if (pattern === undefined) continue;
    const own = index?.ofPattern[p];
    if (index && own) {
      present ??= presentKeywords(index, typeof lower === 'string' ? lower : lower());
      let held = false;
      for (let k = 0; k < own.length && !held; k++) held = present[own[k] ?? 0] === 1;
      if (!held) continue;
    }
    let count = 0;
    let gated = pattern.keywords === undefined;
    for (const match of matchesOf(pattern.re, text)) {
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
