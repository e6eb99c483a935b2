import {
  CONFUSABLES,
  highCodeUnits,
  isInvisible,
  mayBeInvisible,
  mixedScriptWords,
  textOfCodeUnits,
} from './hidden-text.js';

/**
 * The text as a model reads it once the tricks are undone: invisible characters and terminal
 * escapes removed, homoglyph words folded to Latin. Pattern analyzers run on this view so that
 * `ig\u200Bnore previous instructions` or `іgnore` (Cyrillic і) still match; offsets map back.
 */
export interface TextView {
  text: string;
  /**
   * The runs of the original text the view keeps, in order: run `r` starts at view index
   * `runs[2 * r]` and at original index `runs[2 * r + 1]`.
   */
  runs: Int32Array;
  /** Length of the original text (where the end of the view maps to). */
  sourceLength: number;
}

const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/gu;
/**
 * Whether `text` holds anything the view would change: an ESC, or a code unit from U+00AD up that
 * is Cyrillic or Greek or (with what follows) an invisible code point.
 */
function maybeHidden(text: string): boolean {
  if (text.includes('\x1b')) return true;
  const high = highCodeUnits(text);
  for (let k = 0; k < high.length; k++) {
    const i = high[k] ?? 0;
    const code = text.charCodeAt(i);
    if (code >= 0x0370 && code <= 0x052f) return true;
    if (mayBeInvisible(code) && isInvisible(text.codePointAt(i) ?? code)) return true;
  }
  return false;
}

/** Runs past this many are not sliced one by one: the kept code units are copied instead. */
const MAX_SLICED_RUNS = 1024;

/** The kept characters of `text`: its runs sliced and joined, or its kept code units copied. */
function keptText(text: string, skip: Uint8Array, runs: Int32Array, length: number): string {
  if (runs.length / 2 <= MAX_SLICED_RUNS) {
    const parts: string[] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const from = runs[r + 1] ?? 0;
      parts.push(text.slice(from, from + (runs[r + 2] ?? length) - (runs[r] ?? 0)));
    }
    return parts.join('');
  }
  const units = new Uint16Array(length);
  let v = 0;
  for (let i = 0; i < text.length; i++) if (skip[i] === 0) units[v++] = text.charCodeAt(i);
  return textOfCodeUnits(units);
}

/**
 * The visible view of `text`, or undefined when it equals `text` (the common case, at the cost
 * of one pass over the text).
 *
 * @example
 * visibleView('ig\u200Bnore')?.text; // 'ignore'
 */
export function visibleView(text: string): TextView | undefined {
  if (!maybeHidden(text)) return undefined;
  const skip = new Uint8Array(text.length);
  // Spans marked skipped (escape sequences, invisible code points); they may touch or overlap.
  let skipped = 0;
  let changed = false;
  if (text.includes('\x1b') || text.includes('\x9b')) {
    for (const match of text.matchAll(ESCAPE_SEQUENCE)) {
      skip.fill(1, match.index, match.index + match[0].length);
      skipped++;
      changed = true;
    }
  }
  // Code point by code point from U+00AD up (a lone surrogate is one).
  let next = 0;
  const high = highCodeUnits(text);
  for (let k = 0; k < high.length; k++) {
    const index = high[k] ?? 0;
    const code = text.charCodeAt(index);
    if (index < next || !mayBeInvisible(code)) continue;
    const cp = text.codePointAt(index) ?? code;
    const length = cp > 0xffff ? 2 : 1;
    next = index + length;
    if (isInvisible(cp)) {
      skip[index] = 1;
      if (length === 2) skip[index + 1] = 1;
      skipped++;
      changed = true;
    }
  }
  // The runs of kept characters: at most one more than the skipped spans.
  const runs = new Int32Array(2 * (skipped + 1));
  let count = 0;
  let length = 0;
  for (let i = 0; i < text.length;) {
    if (skip[i] === 1) {
      i++;
      continue;
    }
    const from = i;
    while (i < text.length && skip[i] === 0) i++;
    runs[count++] = length;
    runs[count++] = from;
    length += i - from;
  }
  const kept = runs.subarray(0, count);
  let view = keptText(text, skip, kept, length);
  const words = mixedScriptWords(view);
  if (words.length > 0) {
    changed = true;
    // Look-alike letters folded to Latin, code unit by code unit, inside the mixed words only.
    const folded: string[] = [];
    let at = 0;
    for (const word of words) {
      folded.push(view.slice(at, word.start));
      for (let i = word.start; i < word.end; i++) {
        const char = view.charAt(i);
        folded.push(CONFUSABLES[char] ?? char);
      }
      at = word.end;
    }
    folded.push(view.slice(at));
    view = folded.join('');
  }
  return changed ? { text: view, runs: kept, sourceLength: text.length } : undefined;
}

/** The index in the original text of view character `i` (the end of the view for its length). */
function offsetOf(view: TextView, i: number): number | undefined {
  if (i === view.text.length) return view.sourceLength;
  if (i < 0 || i > view.text.length) return undefined;
  // The last run starting at or before `i`.
  const { runs } = view;
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((runs[2 * mid] ?? 0) <= i) low = mid;
    else high = mid - 1;
  }
  return (runs[2 * low + 1] ?? 0) + i - (runs[2 * low] ?? 0);
}

/** Maps a [start, end) span of the view back onto the original text. */
export function mapSpan(
  view: TextView,
  start: number,
  end: number,
): { start: number; end: number } {
  const from = offsetOf(view, start) ?? 0;
  const last = offsetOf(view, Math.max(start, end - 1)) ?? from;
  return { start: from, end: end > start ? last + 1 : from };
}
