import { CONFUSABLES, isInvisible } from '../hidden-text.js';

/**
 * The text the scorer reads: what a model would understand, in one spelling. Invisible
 * characters (zero-width, tag characters, bidi controls, variation selectors) are dropped and
 * counted, compatibility forms folded (NFKC: full-width, mathematical letters), Cyrillic and
 * Greek look-alikes folded to the Latin letters they pass for, leetspeak inside words folded to
 * letters (`1gn0re` → `ignore`), letters lower-cased and runs of whitespace made one space.
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

/** Digits and signs written for letters inside words. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
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

/**
 * Folds leetspeak in place: in a run of letters, digits, `@` and `$` with at least two letters,
 * where every digit and sign stands for a letter (`p4ssw0rd`, but not `sha256` or `v2`).
 */
function foldLeet(codes: number[]): number {
  let folded = 0;
  let i = 0;
  const n = codes.length;
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
    let leet = 0;
    let other = 0;
    while (j < n) {
      const d = codes[j] ?? 0;
      if (isAsciiLetter(d)) letters++;
      else if (d < 128 && LEET_CODES[d] !== -1) leet++;
      else if (d >= 0x30 && d <= 0x39) other++;
      else break;
      j++;
    }
    if (letters >= 2 && leet > 0 && other === 0 && j - i >= 4) {
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

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * Normalises `text` for the scorer (see {@link NormalizedText}). Linear; one pass plus a
 * leetspeak pass over the output.
 *
 * @example
 * normalize('IGN\u200B0RE prev1ous').text; // 'ignore previous'
 */
export function normalize(text: string): NormalizedText {
  const codes: number[] = [];
  const origin: number[] = [];
  let hidden = 0;
  let folded = 0;
  let lastSpace = true;
  const push = (code: number, at: number): void => {
    if (isSpace(code)) {
      if (lastSpace) return;
      code = SPACE;
      lastSpace = true;
    } else lastSpace = false;
    codes.push(code);
    origin.push(at);
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      push(code >= 0x41 && code <= 0x5a ? code + 32 : code, i);
      continue;
    }
    const cp = text.codePointAt(i) ?? code;
    const width = cp > 0xffff ? 2 : 1;
    const out = foldCodePoint(cp);
    if (out === '') hidden++;
    else {
      if (out.length !== 1 || out.charCodeAt(0) !== cp) {
        const lower = String.fromCodePoint(cp).toLowerCase();
        if (out !== lower) folded++;
      }
      for (let k = 0; k < out.length; k++) push(out.charCodeAt(k), i);
    }
    i += width - 1;
  }
  folded += foldLeet(codes);
  // Drop one trailing space so that "text " and "text" read alike.
  if (codes.length > 0 && codes[codes.length - 1] === SPACE) {
    codes.pop();
    origin.pop();
  }
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < codes.length; i += CHUNK) {
    out += String.fromCharCode(...codes.slice(i, i + CHUNK));
  }
  const map = new Int32Array(codes.length + 1);
  map.set(origin);
  map[codes.length] = text.length;
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
