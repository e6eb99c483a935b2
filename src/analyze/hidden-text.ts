import { type FieldContext, fieldContext } from './match.js';
import type { Signal } from './signal.js';

/**
 * Hidden text: characters a person does not see but a model reads — Unicode tag characters,
 * zero-width and bidi controls, variation-selector smuggling, invisible fillers — plus
 * homoglyph words and whitespace padding that pushes text out of view. Pure, one linear pass.
 */

type HiddenClass = 'tag' | 'zero-width' | 'bidi' | 'selector' | 'invisible' | 'soft-hyphen';

function classify(cp: number): HiddenClass | undefined {
  if (cp < 0xad) return undefined;
  if (cp === 0xad) return 'soft-hyphen';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x180e) {
    return 'zero-width';
  }
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'selector';
  if (
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x2061 && cp <= 0x2064) ||
    (cp >= 0x206a && cp <= 0x206f) ||
    cp === 0x2800 ||
    cp === 0x3164 ||
    cp === 0xffa0 ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1d173 && cp <= 0x1d17a)
  ) {
    return 'invisible';
  }
  return undefined;
}

/**
 * Per code unit, whether the code point it is (or starts: a high surrogate) may be one
 * {@link classify} flags. One lookup instead of a dozen range tests for text beyond ASCII.
 */
const MAYBE_CLASSIFIED = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  const high = code >= 0xd800 && code <= 0xdbff;
  MAYBE_CLASSIFIED[code] = high || classify(code) !== undefined ? 1 : 0;
}

/** Whether the code unit `code` may be, or start, an invisible code point (cheap pre-filter). */
export function mayBeInvisible(code: number): boolean {
  return MAYBE_CLASSIFIED[code] === 1;
}

/**
 * Whether `text` may hold anything this module looks for (cheap pre-filter, one pass): what
 * `/[^\x00-\x7f]|[ \t]{60}|\n[ \t]*\n[ \t]*\n[ \t]*\n/` finds.
 */
function maybeHidden(text: string): boolean {
  let blanks = 0;
  let newlines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return true;
    if (c === 0x20 || c === 0x09) {
      if (++blanks >= 60) return true;
      continue;
    }
    blanks = 0;
    if (c === 0x0a) {
      if (++newlines >= 4) return true;
    } else {
      newlines = 0;
    }
  }
  return false;
}

interface Run {
  cls: HiddenClass;
  start: number;
  end: number;
  codePoints: number[];
}

const EMOJI = /\p{Extended_Pictographic}/u;
/** Scripts that use ZWJ/ZWNJ in ordinary writing: Hebrew and Arabic to Myanmar, Khmer, Mongolian. */
function joinerScript(cp: number | undefined): boolean {
  return cp !== undefined && ((cp >= 0x0590 && cp <= 0x109f) || (cp >= 0x1780 && cp <= 0x18af));
}

function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.codePointAt(index - 2);
  return low;
}

function isEmojiLike(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff)) return true;
  return EMOJI.test(String.fromCodePoint(cp));
}

function isLatinLetter(cp: number | undefined): boolean {
  return (
    cp !== undefined && ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f)
  );
}

/** No positions (shared: ASCII text, the common case, allocates nothing). */
const NONE = new Int32Array(0);

/** The last two texts' non-ASCII positions (`text` and its visible view, say). */
const highCache: { text: string; positions: Int32Array }[] = [];

/**
 * Where `text` holds code units beyond ASCII (U+0080 and up), in order: what the hidden-text and
 * view passes look at, found once per text. In most text they are few; the passes then skip the
 * ASCII in between. Remembers the last two texts.
 */
export function highCodeUnits(text: string): Int32Array {
  for (const entry of highCache) if (entry.text === text) return entry.positions;
  let positions = NONE;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) <= 0x7f) continue;
    // Room for every character from the first one on.
    if (positions.length === 0) positions = new Int32Array(text.length - i);
    positions[count++] = i;
  }
  const entry = { text, positions: count === 0 ? NONE : positions.subarray(0, count) };
  highCache.unshift(entry);
  highCache.length = Math.min(highCache.length, 2);
  return entry.positions;
}

/** Forgets the texts {@link highCodeUnits} remembers. */
export function releaseHighCodeUnits(): void {
  highCache.length = 0;
}

/**
 * Hands `visit` the runs of hidden characters, each once complete, in order, until it returns
 * false. A callback, not a generator: a flood of single invisible characters is one run each.
 */
function eachRun(text: string, visit: (run: Run) => boolean): void {
  // The run being grown: its code points are read once it is complete (a flood is one run, and
  // an array grown a code point at a time costs more than the scan).
  let cls: HiddenClass | undefined;
  let start = 0;
  let end = 0;
  let count = 0;
  // Code point by code point (a lone surrogate is one), skipping what `classify` never flags.
  let next = 0;
  const high = highCodeUnits(text);
  for (let k = 0; k < high.length; k++) {
    const index = high[k] ?? 0;
    // The low half of a surrogate pair read with its high half.
    if (index < next) continue;
    const code = text.charCodeAt(index);
    if (MAYBE_CLASSIFIED[code] === 0) continue;
    const cp = text.codePointAt(index) ?? code;
    const length = cp > 0xffff ? 2 : 1;
    next = index + length;
    const found = classify(cp);
    if (found === undefined) continue;
    if (found === cls && end === index) {
      end = index + length;
      count++;
      continue;
    }
    if (cls !== undefined && !visit(completeRun(text, cls, start, end, count))) return;
    cls = found;
    start = index;
    end = index + length;
    count = 1;
  }
  if (cls !== undefined) visit(completeRun(text, cls, start, end, count));
}

/** The run of `count` code points of class `cls` at [start, end) of `text`. */
function completeRun(
  text: string,
  cls: HiddenClass,
  start: number,
  end: number,
  count: number,
): Run {
  if (count === 1) return { cls, start, end, codePoints: [text.codePointAt(start) ?? 0] };
  const codePoints = new Array<number>(count);
  for (let n = 0, i = start; n < count; n++) {
    const cp = text.codePointAt(i) ?? 0;
    codePoints[n] = cp;
    i += cp > 0xffff ? 2 : 1;
  }
  return { cls, start, end, codePoints };
}

/** Decodes a run of tag characters: U+E0020–E007E carry ASCII. */
function decodeTags(codePoints: readonly number[]): string {
  const units = new Uint16Array(codePoints.length);
  let length = 0;
  for (const cp of codePoints) if (cp >= 0xe0020 && cp <= 0xe007e) units[length++] = cp - 0xe0000;
  return textOfCodeUnits(units.subarray(0, length));
}

/** The string of UTF-16 code units `units` (lone surrogates kept as they are). */
export function textOfCodeUnits(units: Uint16Array): string {
  // In chunks, to stay well inside the argument limit; `apply` takes the typed array as it is,
  // where a spread iterates it (five times slower).
  const chunks: string[] = [];
  for (let k = 0; k < units.length; k += 8192) {
    chunks.push(
      String.fromCharCode.apply(null, units.subarray(k, k + 8192) as unknown as number[]),
    );
  }
  return chunks.join('');
}

/** A subdivision flag (🏴 + lower-case tag letters + cancel tag) is ordinary emoji. */
function isFlagSequence(text: string, run: Run): boolean {
  return (
    codePointBefore(text, run.start) === 0x1f3f4 &&
    run.codePoints.length <= 8 &&
    run.codePoints.at(-1) === 0xe007f &&
    run.codePoints
      .slice(0, -1)
      .every((cp) => (cp >= 0xe0061 && cp <= 0xe007a) || (cp >= 0xe0030 && cp <= 0xe0039))
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Printable share of a decoded string: letters, digits, punctuation, spaces. */
export function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  let printable = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (
      (cp >= 0x20 && cp < 0x7f) ||
      cp === 0x0a ||
      cp === 0x0d ||
      cp === 0x09 ||
      (cp >= 0xa0 && cp !== 0xfffd && !(cp >= 0xd800 && cp <= 0xdfff))
    ) {
      printable++;
    }
  }
  return printable / Array.from(text).length;
}

/**
 * Decodes variation-selector smuggling: each selector carries one byte (U+FE00–FE0F → 0–15,
 * U+E0100–E01EF → 16–255), the bytes are UTF-8.
 */
function decodeSelectors(codePoints: readonly number[]): string | undefined {
  const bytes = codePoints.map((cp) => (cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16));
  const decoded = utf8.decode(Uint8Array.from(bytes));
  return printableRatio(decoded) >= 0.9 ? decoded : undefined;
}

/** Zero-width binary (two distinct characters as 0 and 1, 8 bits per character), when it decodes. */
function decodeZeroWidthBits(codePoints: readonly number[]): string | undefined {
  const distinct = [...new Set(codePoints)].sort((a, b) => a - b);
  if (codePoints.length < 16 || distinct.length !== 2) return undefined;
  for (const one of distinct) {
    const bits = codePoints.map((cp) => (cp === one ? '1' : '0')).join('');
    let decoded = '';
    for (let i = 0; i + 8 <= bits.length; i += 8) {
      decoded += String.fromCharCode(parseInt(bits.slice(i, i + 8), 2));
    }
    if (decoded.length >= 2 && printableRatio(decoded) >= 0.95 && /[a-z]{2}/i.test(decoded)) {
      return decoded;
    }
  }
  return undefined;
}

/** Cyrillic and Greek letters drawn like Latin ones, with the Latin letter they pass for. */
export const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ӏ: 'l',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ё: 'e',
  ї: 'i',
  к: 'k',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Һ: 'H',
  Ӏ: 'I',
  ο: 'o',
  α: 'a',
  ν: 'v',
  ρ: 'p',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

const HAS_CYRILLIC_OR_GREEK = /[\u0370-\u052f]/;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const LATIN = /[A-Za-z]/;

function isCyrillicOrGreek(code: number): boolean {
  return code >= 0x0370 && code <= 0x052f;
}

function hasCyrillicOrGreek(text: string): boolean {
  const high = highCodeUnits(text);
  for (let k = 0; k < high.length; k++) {
    if (isCyrillicOrGreek(text.charCodeAt(high[k] ?? 0))) return true;
  }
  return false;
}

/**
 * The length of the word character (`[\p{L}\p{M}\p{N}_]`) starting at `i`: 1, 2 for a
 * surrogate pair, 0 when there is none.
 */
function wordCharAt(text: string, i: number): number {
  const cp = text.codePointAt(i);
  if (cp === undefined) return 0;
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/**
 * The words (runs of `[\p{L}\p{M}\p{N}_]`, as `/[\p{L}\p{M}\p{N}_]+/gu` finds them) that hold
 * a Cyrillic or Greek character, in order, each grown from such a character both ways.
 */
function* wordsWithCyrillicOrGreek(text: string): Generator<{ index: number; word: string }> {
  let after = 0;
  const high = highCodeUnits(text);
  for (let k = 0; k < high.length; k++) {
    const index = high[k] ?? 0;
    if (index < after || !isCyrillicOrGreek(text.charCodeAt(index))) continue;
    // Cyrillic and Greek are in the BMP: one code unit, never half a pair.
    if (wordCharAt(text, index) === 0) continue;
    let start = index;
    for (;;) {
      const low = start > 0 ? text.charCodeAt(start - 1) : -1;
      if (low >= 0xdc00 && low <= 0xdfff && start >= 2 && wordCharAt(text, start - 2) === 2) {
        start -= 2;
      } else if (start > 0 && wordCharAt(text, start - 1) === 1) {
        start -= 1;
      } else {
        break;
      }
    }
    let end = index;
    for (let length = wordCharAt(text, end); length > 0; length = wordCharAt(text, end)) {
      end += length;
    }
    after = end;
    yield { index: start, word: text.slice(start, end) };
  }
}

/** Words that mix basic Latin letters with Cyrillic/Greek look-alikes: [start, end, skeleton]. */
export function mixedScriptWords(text: string): { start: number; end: number; skeleton: string }[] {
  if (!hasCyrillicOrGreek(text) || !LATIN.test(text)) return [];
  const words: { start: number; end: number; skeleton: string }[] = [];
  for (const match of wordsWithCyrillicOrGreek(text)) {
    const word = match.word;
    if (!LATIN.test(word) || !HAS_CYRILLIC_OR_GREEK.test(word)) continue;
    let confusable = false;
    let skeleton = '';
    for (const char of word) {
      const latin = CONFUSABLES[char];
      if (latin !== undefined) confusable = true;
      skeleton += latin ?? char;
    }
    if (confusable) words.push({ start: match.index, end: match.index + word.length, skeleton });
    if (words.length >= 16) break;
  }
  return words;
}

function isPaddingSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

/**
 * Runs of 60+ spaces followed by text on the same line, and runs of 20+ blank lines followed
 * by text: padding that pushes the text after it out of view. One linear scan.
 */
/** Padding needs a run of this many line breaks and padding spaces (20 blank lines, 60 spaces). */
const MIN_PADDING_RUN = 20;

function isBlank(code: number): boolean {
  return code === 0x0a || code === 0x0d || isPaddingSpace(code);
}

/**
 * Whether `text` holds {@link MIN_PADDING_RUN} line breaks and padding spaces in a row. Reads one
 * character in twenty where runs are short: a run that long must cover the twentieth.
 */
function hasPaddingRun(text: string): boolean {
  let i = 0;
  while (i + MIN_PADDING_RUN - 1 < text.length) {
    const probe = i + MIN_PADDING_RUN - 1;
    if (!isBlank(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && isBlank(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < text.length && isBlank(text.charCodeAt(end))) end++;
    if (end - start >= MIN_PADDING_RUN) return true;
    i = end + 1;
  }
  return false;
}

function paddingSignals(text: string): Signal[] {
  if (!hasPaddingRun(text)) return [];
  const signals: Signal[] = [];
  let lineStart = 0;
  let i = 0;
  while (i < text.length && signals.length < 6) {
    const code = text.charCodeAt(i);
    // Neither a line feed nor a padding space, or one space between two such: the common cases.
    if (code > 0x20 && code < 0xa0) {
      i++;
      continue;
    }
    if (code === 0x20) {
      const next = text.charCodeAt(i + 1);
      if (next > 0x20 && next < 0xa0) {
        i += 2;
        continue;
      }
    }
    if (code === 0x0a) {
      // Count blank lines from here.
      let j = i;
      let blank = 0;
      let lastNewline = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 0x0a) {
          blank++;
          lastNewline = j;
        } else if (!(c === 0x0d || isPaddingSpace(c))) break;
        j++;
      }
      if (blank >= 20 && j < text.length) {
        signals.push({
          kind: 'hidden-text',
          rule: 'hidden.whitespace-padding',
          start: i,
          end: j,
          message: `A run of ${String(blank)} blank lines pushes the text after it out of view.`,
          weight: 0.35,
          revealed: text.slice(j, j + 200),
        });
      }
      lineStart = lastNewline + 1;
      i = blank >= 2 ? lastNewline + 1 : i + 1;
      continue;
    }
    if (isPaddingSpace(code)) {
      let j = i;
      while (j < text.length && isPaddingSpace(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      if (j - i >= 60 && j < text.length && next !== 0x0a && next !== 0x0d) {
        const column = j - lineStart;
        signals.push({
          kind: 'hidden-text',
          rule: 'hidden.whitespace-padding',
          start: i,
          end: j,
          message: `A run of ${String(j - i)} spaces pushes the text after it out of view.`,
          weight: column >= 120 ? 0.45 : 0.3,
          revealed: text.slice(j, j + 200).split('\n')[0] ?? '',
        });
      }
      i = j;
      continue;
    }
    i++;
  }
  return signals;
}

function runSignal(text: string, run: Run, context: FieldContext): Signal | undefined {
  const { start, end, codePoints } = run;
  const length = codePoints.length;
  const before = codePointBefore(text, start);
  const after = text.codePointAt(end);
  switch (run.cls) {
    case 'tag': {
      if (isFlagSequence(text, run)) return undefined;
      const revealed = decodeTags(codePoints);
      return {
        kind: 'hidden-text',
        rule: 'hidden.tag-characters',
        start,
        end,
        message:
          revealed.trim() === ''
            ? 'Invisible Unicode tag characters are embedded in the text.'
            : 'Invisible Unicode tag characters spell out a hidden message.',
        weight: revealed.trim().length >= 3 ? 0.9 : 0.5,
        ...(revealed.trim() === '' ? {} : { revealed }),
      };
    }
    case 'zero-width': {
      if (start === 0 && length === 1 && codePoints[0] === 0xfeff) return undefined;
      const joinersOnly = codePoints.every((cp) => cp === 0x200c || cp === 0x200d);
      if (joinersOnly && (joinerScript(before) || joinerScript(after))) return undefined;
      if (
        codePoints.every((cp) => cp === 0x200d) &&
        isEmojiLike(before) &&
        (isEmojiLike(after) || after === undefined)
      ) {
        return undefined;
      }
      const decoded = decodeZeroWidthBits(codePoints);
      const inWord = isLatinLetter(before) && isLatinLetter(after);
      const weight = decoded
        ? 0.85
        : context.isName
          ? 0.7
          : length >= 4
            ? 0.55
            : inWord
              ? 0.45
              : 0.3;
      return {
        kind: 'hidden-text',
        rule: 'hidden.zero-width',
        start,
        end,
        message: decoded
          ? 'Zero-width characters encode a hidden message.'
          : inWord
            ? 'Zero-width characters split a word, which hides it from filters and readers.'
            : `${String(length)} zero-width character${length === 1 ? '' : 's'} hide${length === 1 ? 's' : ''} in the text.`,
        weight,
        ...(decoded ? { revealed: decoded } : {}),
      };
    }
    case 'bidi':
      return {
        kind: 'hidden-text',
        rule: 'hidden.bidi-control',
        start,
        end,
        message: 'Bidirectional control characters change the order the text is displayed in.',
        weight: context.isName ? 0.7 : 0.5,
      };
    case 'selector': {
      if (length < 2) return undefined;
      const revealed = length >= 3 ? decodeSelectors(codePoints) : undefined;
      return {
        kind: 'hidden-text',
        rule: 'hidden.variation-selectors',
        start,
        end,
        message: revealed
          ? 'A run of Unicode variation selectors smuggles a hidden message.'
          : `A run of ${String(length)} variation selectors carries invisible data.`,
        weight: revealed ? 0.9 : length >= 3 ? 0.6 : 0.3,
        ...(revealed ? { revealed } : {}),
      };
    }
    case 'invisible':
      return {
        kind: 'hidden-text',
        rule: 'hidden.invisible-char',
        start,
        end,
        message: `Invisible filler character${length === 1 ? '' : 's'} (U+${(codePoints[0] ?? 0).toString(16).toUpperCase().padStart(4, '0')}) hide${length === 1 ? 's' : ''} in the text.`,
        weight: context.isName ? 0.6 : 0.4,
      };
    case 'soft-hyphen':
      if (!context.isName && !(isLatinLetter(before) && isLatinLetter(after))) return undefined;
      return {
        kind: 'hidden-text',
        rule: 'hidden.soft-hyphen',
        start,
        end,
        message: 'A soft hyphen (invisible unless the line breaks there) splits a word.',
        weight: context.isName ? 0.6 : 0.1,
      };
  }
}

/**
 * Hidden characters, homoglyph words and whitespace padding in `text`.
 *
 * @example
 * findHiddenText('Add numbers\u{E0049}\u{E0067}\u{E006E}');
 * // [{ kind: 'hidden-text', rule: 'hidden.tag-characters', revealed: 'Ign', … }]
 */
export function findHiddenText(
  text: string,
  context: FieldContext = fieldContext(undefined),
): Signal[] {
  if (!maybeHidden(text)) return [];
  const signals: Signal[] = [];
  eachRun(text, (run) => {
    const signal = runSignal(text, run, context);
    if (signal) signals.push(signal);
    return signals.length < 32;
  });
  for (const word of mixedScriptWords(text)) {
    signals.push({
      kind: 'hidden-text',
      rule: 'hidden.homoglyph',
      start: word.start,
      end: word.end,
      message: `A word mixes Latin with look-alike Cyrillic or Greek letters; it reads as "${word.skeleton.slice(0, 60)}".`,
      weight: context.isName ? 0.75 : 0.45,
      revealed: word.skeleton,
    });
  }
  signals.push(...paddingSignals(text));
  return signals;
}

/** Whether a code point is one the model sees but a person does not (for stripping). */
export function isInvisible(cp: number): boolean {
  const cls = classify(cp);
  return cls !== undefined;
}

/** Whether a run of one class is ordinary writing (emoji, flags, joiners in their scripts). */
function keepRun(text: string, run: Run): boolean {
  switch (run.cls) {
    case 'tag':
      return isFlagSequence(text, run);
    case 'zero-width': {
      const before = codePointBefore(text, run.start);
      const after = text.codePointAt(run.end);
      const joinersOnly = run.codePoints.every((cp) => cp === 0x200c || cp === 0x200d);
      if (joinersOnly && (joinerScript(before) || joinerScript(after))) return true;
      return (
        run.codePoints.every((cp) => cp === 0x200d) &&
        isEmojiLike(before) &&
        (isEmojiLike(after) || after === undefined)
      );
    }
    case 'selector':
      return run.codePoints.length < 2;
    default:
      return false;
  }
}

/**
 * `text` without the characters a person does not see but a model reads: Unicode tag
 * characters, zero-width and bidi controls, runs of variation selectors, invisible fillers and
 * soft hyphens. What is ordinary writing stays: emoji ZWJ sequences and presentation selectors,
 * subdivision flags, ZWJ/ZWNJ in the scripts that use them. Returns `text` itself (the same
 * string) when there is nothing to strip; one pass over the code units beyond ASCII otherwise.
 *
 * @example
 * stripHiddenText('Add numbers\u{E0049}\u{E0067}\u{E006E}'); // 'Add numbers'
 * stripHiddenText('👩‍💻'); // '👩‍💻' (unchanged)
 */
export function stripHiddenText(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  eachRun(text, (run) => {
    if (keepRun(text, run)) return true;
    parts.push(text.slice(copied, run.start));
    copied = run.end;
    return true;
  });
  if (parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
