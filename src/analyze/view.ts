import { CONFUSABLES, isInvisible, mixedScriptWords } from './hidden-text.js';

/**
 * The text as a model reads it once the tricks are undone: invisible characters and terminal
 * escapes removed, homoglyph words folded to Latin. Pattern analyzers run on this view so that
 * `ig\u200Bnore previous instructions` or `іgnore` (Cyrillic і) still match; offsets map back.
 */
export interface TextView {
  text: string;
  /** `offsets[i]` is the index in the original text of view character `i`; one extra entry for the end. */
  offsets: Int32Array;
}

const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/gu;
/** Whether `text` holds anything the view would change (one pass over code units). */
function maybeHidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xad) {
      if (code === 0x1b) return true;
      continue;
    }
    if (code === 0x9b || (code >= 0x0370 && code <= 0x052f)) return true;
    const cp = text.codePointAt(i) ?? code;
    if (isInvisible(cp)) return true;
  }
  return false;
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
  let changed = false;
  if (text.includes('\x1b') || text.includes('\x9b')) {
    for (const match of text.matchAll(ESCAPE_SEQUENCE)) {
      skip.fill(1, match.index, match.index + match[0].length);
      changed = true;
    }
  }
  for (let index = 0; index < text.length;) {
    const code = text.charCodeAt(index);
    if (code < 0xad) {
      index++;
      continue;
    }
    const cp = text.codePointAt(index) ?? code;
    const length = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp)) {
      skip.fill(1, index, index + length);
      changed = true;
    }
    index += length;
  }
  // The kept characters, copied run by run.
  const parts: string[] = [];
  const kept = new Int32Array(text.length + 1);
  let length = 0;
  let from = -1;
  for (let i = 0; i < text.length; i++) {
    if (skip[i] === 1) {
      if (from >= 0) parts.push(text.slice(from, i));
      from = -1;
      continue;
    }
    if (from < 0) from = i;
    kept[length++] = i;
  }
  if (from >= 0) parts.push(text.slice(from));
  kept[length++] = text.length;
  const offsets = kept.subarray(0, length);
  let view = parts.join('');
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
  return changed ? { text: view, offsets } : undefined;
}

/** Maps a [start, end) span of the view back onto the original text. */
export function mapSpan(
  view: TextView,
  start: number,
  end: number,
): { start: number; end: number } {
  const from = view.offsets[start] ?? 0;
  const last = view.offsets[Math.max(start, end - 1)] ?? from;
  return { start: from, end: end > start ? last + 1 : from };
}
