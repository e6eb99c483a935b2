import { CONFUSABLES, isInvisible } from '../hidden-text.js';

/**
 * The text the scorer reads: what a model would understand, in one spelling. Invisible
 * characters (zero-width, tag characters, bidi controls, variation selectors) are dropped and
 * counted, compatibility forms folded (NFKC: full-width, mathematical letters), Cyrillic and
 * Greek look-alikes folded to the Latin letters they pass for, leetspeak inside words folded to
 * letters (`1gn0re` → `ignore`), camelCase written as snake_case (`getUserInfo` →
 * `get_user_info`: one spelling of an identifier, whose parts the features also read as
 * words), letters lower-cased and runs of whitespace made one space.
 * Every character keeps the offset it came from, so a span of the normalised text maps back.
 */
export interface NormalizedText {
  text: string;
  /** `origin[i]` = offset in the input of normalised character `i`; `origin[text.length]` = input length. */
  origin: Int32Array;
  /** Invisible code points dropped (a feature of its own). */
  hidden: number;
  /** Characters folded from look-alikes or leetspeak. */
  folded: number;
}

/** Digits written for letters inside words (`@` and `$` stay: addresses and prices use them). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};

const LEET_CODES = new Int32Array(128).fill(-1);
for (const [from, to] of Object.entries(LEET)) LEET_CODES[from.charCodeAt(0)] = to.charCodeAt(0);

/** Per non-ASCII code point: what it folds to ('' = dropped), computed once. */
const foldCache = new Map<number, string>();

function foldCodePoint(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded !== undefined) return folded;
  const char = String.fromCodePoint(cp);
  if (isInvisible(cp)) folded = '';
  else {
    const compat = char.normalize('NFKC');
    let out = '';
    for (const part of compat) out += CONFUSABLES[part] ?? part;
    folded = out.toLowerCase();
    if (/^\s+$/u.test(folded)) folded = ' ';
  }
  if (foldCache.size < 65_536) foldCache.set(cp, folded);
  return folded;
}

function isAsciiLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isWordish(code: number): boolean {
  return isAsciiLetter(code) || (code < 128 && LEET_CODES[code] !== -1);
}

/**
 * Folds leetspeak in place: in a run of letters and digits with at least two letters, where
 * every digit stands for a letter (`p4ssw0rd`, but not `sha256` or `v2`).
 */
function foldLeet(codes: Uint16Array, n: number): number {
  let folded = 0;
  let i = 0;
  while (i < n) {
    const c = codes[i] ?? 0;
    const wordish =
      isAsciiLetter(c) || (c < 128 && LEET_CODES[c] !== -1) || (c >= 0x30 && c <= 0x39);
    if (!wordish) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let inner = 0;
    let other = 0;
    while (j < n) {
      const d = codes[j] ?? 0;
      if (isAsciiLetter(d)) letters++;
      else if (d < 128 && LEET_CODES[d] !== -1) {
        // Only a digit inside the word stands for a letter: `context7`, `ipv4` stay.
        if (j > i && isWordish(codes[j + 1] ?? 0) && j + 1 < n) inner++;
      } else if (d >= 0x30 && d <= 0x39) other++;
      else break;
      j++;
    }
    if (letters >= 2 && inner > 0 && other === 0 && j - i >= 4) {
      for (let k = i; k < j; k++) {
        const d = codes[k] ?? 0;
        if (d < 128 && LEET_CODES[d] !== -1) {
          codes[k] = LEET_CODES[d] ?? d;
          folded++;
        }
      }
    }
    i = j;
  }
  return folded;
}

const SPACE = 0x20;

const letterLike = new Map<number, boolean>();

function isLetterLike(cp: number): boolean {
  let known = letterLike.get(cp);
  if (known === undefined) {
    known = /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));
    if (letterLike.size < 65_536) letterLike.set(cp, known);
  }
  return known;
}

/** Joiners and the emoji presentation selector: dropped, but ordinary writing, not hiding. */
const JOINERS = new Set([0x200c, 0x200d, 0xfe0f]);

/** End of the terminal escape sequence at `start` (ESC): CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, else two characters. */
function escapeEnd(text: string, start: number): number {
  const next = text.charCodeAt(start + 1);
  if (next === 0x5b) {
    let i = start + 2;
    while (i < text.length && i - start < 64) {
      const c = text.charCodeAt(i);
      if (c >= 0x40 && c <= 0x7e) return i + 1;
      if (c < 0x20 || c > 0x3f) return i;
      i++;
    }
    return i;
  }
  if (next === 0x5d) {
    let i = start + 2;
    while (i < text.length && i - start < 4096) {
      const c = text.charCodeAt(i);
      if (c === 0x07) return i + 1;
      if (c === 0x1b) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
      i++;
    }
    return i;
  }
  return Math.min(text.length, start + 2);
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

const CHUNK = 8192;

/** From this length a string is made through `Buffer` (a copy of bytes, not an argument list). */
const BUFFER_FROM = 4096;

/** Whether a `Uint16Array`'s bytes are UTF-16LE (the platform is little-endian). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The string of `codes[0, n)`, one-byte when every code fits in a byte (most normalised text):
 * regular expressions run several times faster over one-byte strings than over two-byte ones.
 * A long text is decoded by `Buffer` (Latin-1 when it fits, else UTF-16LE, which keeps lone
 * surrogates as they are), a short one with `String.fromCharCode`.
 */
function stringOf(codes: Uint16Array, n: number): string {
  if (n >= BUFFER_FROM) {
    const bytes = new Uint8Array(n);
    let i = 0;
    for (; i < n; i++) {
      const c = codes[i] ?? 0;
      if (c > 0xff) break;
      bytes[i] = c;
    }
    if (i === n) return Buffer.from(bytes.buffer, 0, n).toString('latin1');
    if (LITTLE_ENDIAN) {
      return Buffer.from(codes.buffer, codes.byteOffset, n * 2).toString('utf16le');
    }
  }
  let out = '';
  for (let i = 0; i < n; i += CHUNK) {
    out += String.fromCharCode.apply(
      null,
      codes.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[],
    );
  }
  return out;
}

/** {@link foldFacts}: known (always set), dropped as hidden, folded from a look-alike. */
const KNOWN = 1;
const COUNTS_HIDDEN = 2;
const COUNTS_FOLDED = 4;

/** Per BMP code unit that is a whole code point: its {@link foldFacts} (0: not yet known). */
const FOLD_FACTS = new Uint8Array(0x10000);
/** Per BMP code unit with known facts: what it folds to ({@link foldCodePoint}). */
const FOLD_OUT: string[] = new Array<string>(0x10000).fill('');

/** What normalising code point `cp` (beyond ASCII) counts: a hidden character, a folded letter. */
function foldFacts(cp: number): number {
  const out = foldCodePoint(cp);
  if (out === '') return JOINERS.has(cp) ? KNOWN : KNOWN | COUNTS_HIDDEN;
  // A letter passed off as another (look-alike, full-width, mathematical); folded punctuation
  // (`…` → `...`) is ordinary typography.
  const changed = out.length !== 1 || out.charCodeAt(0) !== cp;
  return changed && out !== String.fromCodePoint(cp).toLowerCase() && isLetterLike(cp)
    ? KNOWN | COUNTS_FOLDED
    : KNOWN;
}

/** Code units of normalised text kept between calls, for texts that fit (most strings of a result). */
const SCRATCH_CAPACITY = 4096;
const scratchCodes = new Uint16Array(SCRATCH_CAPACITY);
const scratchOrigin = new Int32Array(SCRATCH_CAPACITY + 1);

/**
 * A copy of `array` with room for `length` entries (a helper, not a closure: the hot loop's
 * buffers stay local variables).
 */
function grown<T extends Uint16Array | Int32Array>(array: T, length: number): T {
  const more = new (array.constructor as new (length: number) => T)(length);
  more.set(array);
  return more;
}

/** Whether `codes[0, n)` are the code units of `text` (already normalised: no copy needed). */
function unchanged(text: string, codes: Uint16Array, n: number): boolean {
  if (n !== text.length) return false;
  for (let i = 0; i < n; i++) if (codes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Normalises `text` for the scorer (see {@link NormalizedText}). Linear; one pass plus a
 * leetspeak pass over the output.
 *
 * @example
 * normalize('IGN\u200B0RE prev1ous').text; // 'ignore previous'
 */
export function normalize(text: string): NormalizedText {
  // Room for the `_` of camelCase boundaries and a few expansions without growing.
  let capacity = text.length + (text.length >> 4) + 16;
  // A short text is written into buffers kept for the next one (the output is copied out).
  const scratch = capacity <= SCRATCH_CAPACITY;
  let codes = scratch ? scratchCodes : new Uint16Array(capacity);
  let origin = scratch ? scratchOrigin : new Int32Array(capacity + 1);
  if (scratch) capacity = SCRATCH_CAPACITY;
  let n = 0;
  let hidden = 0;
  let folded = 0;
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 0x1b) {
      // Terminal escapes are invisible on a terminal: dropped and counted, never read as words.
      i = escapeEnd(text, i) - 1;
      hidden++;
      continue;
    }
    if (code < 0x80) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (lastSpace) continue;
        code = SPACE;
        lastSpace = true;
      } else {
        lastSpace = false;
        if (code >= 0x41 && code <= 0x5a) {
          const before = i > 0 ? text.charCodeAt(i - 1) : 0;
          // A lower-case letter before a capital: a camelCase boundary (not a digit: `W0RLD`).
          if (before >= 0x61 && before <= 0x7a) {
            if (n >= capacity) {
              capacity *= 2;
              codes = grown(codes, capacity);
              origin = grown(origin, capacity + 1);
            }
            codes[n] = 0x5f;
            origin[n++] = i;
          }
          code += 32;
        }
      }
      if (n >= capacity) {
        capacity *= 2;
        codes = grown(codes, capacity);
        origin = grown(origin, capacity + 1);
      }
      codes[n] = code;
      origin[n++] = i;
      continue;
    }
    const cp = text.codePointAt(i) ?? code;
    const width = cp > 0xffff ? 2 : 1;
    // A code unit that is a whole code point: what it folds to and counts, from the table.
    const unit = code < 0xd800 || code > 0xdfff;
    let facts = unit ? (FOLD_FACTS[code] ?? 0) : 0;
    if (facts === 0) {
      facts = foldFacts(cp);
      if (unit) {
        FOLD_FACTS[code] = facts;
        FOLD_OUT[code] = foldCodePoint(cp);
      }
    }
    const out = unit ? (FOLD_OUT[code] ?? '') : foldCodePoint(cp);
    if (out === '') {
      if ((facts & COUNTS_HIDDEN) !== 0) hidden++;
    } else {
      if ((facts & COUNTS_FOLDED) !== 0) folded++;
      for (let k = 0; k < out.length; k++) {
        let c = out.charCodeAt(k);
        if (isSpace(c)) {
          if (lastSpace) continue;
          c = SPACE;
          lastSpace = true;
        } else lastSpace = false;
        if (n >= capacity) {
          capacity *= 2;
          codes = grown(codes, capacity);
          origin = grown(origin, capacity + 1);
        }
        codes[n] = c;
        origin[n++] = i;
      }
    }
    i += width - 1;
  }
  const leet = foldLeet(codes, n);
  folded += leet;
  // Drop one trailing space so that "text " and "text" read alike.
  if (n > 0 && codes[n - 1] === SPACE) n--;
  const out = leet === 0 && unchanged(text, codes, n) ? text : stringOf(codes, n);
  // A buffer of its own is handed out as it is (a view); the kept one is copied.
  const map = origin === scratchOrigin ? origin.slice(0, n + 1) : origin.subarray(0, n + 1);
  map[n] = text.length;
  return { text: out, origin: map, hidden, folded };
}

/** The input span `[start, end)` of normalised span `[from, to)`. */
export function originSpan(
  normalized: NormalizedText,
  from: number,
  to: number,
): { start: number; end: number } {
  const start = normalized.origin[Math.max(0, Math.min(from, normalized.text.length))] ?? 0;
  const last = Math.max(from, to - 1);
  const lastOrigin = normalized.origin[Math.min(last, normalized.text.length)] ?? start;
  // The input character at `lastOrigin` may be a surrogate pair.
  const end =
    to >= normalized.text.length
      ? (normalized.origin[normalized.text.length] ?? 0)
      : lastOrigin + 1;
  return { start, end: Math.max(start, end) };
}
