import { checkDeadline, type Deadline } from './deadline.js';

/**
 * Personal data in text: e-mail addresses, international phone numbers and payment card numbers
 * (Luhn-checked, known issuer prefixes). Conservative on purpose — a gateway that redacts every
 * number that looks like a phone number ruins tool output — and fast: each pattern runs only
 * when a cheap pre-filter finds its marker character. Pure.
 */

export type PiiKind = 'email' | 'phone' | 'card-number';

/** A span of personal data: [start, end) and its kind. */
export interface PiiHit {
  start: number;
  end: number;
  kind: PiiKind;
}

/** @internal Exported for the equivalence test of {@link emailMatches}. */
export const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]*@)(?![A-Za-z0-9-])/g;
/** Documentation and test domains (RFC 2606, RFC 6761): not anyone's address. */
const RESERVED_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$/i;
/** Local parts that name a service account rather than a person (`git@github.com`). */
const SERVICE_LOCAL = /^(?:git|noreply|no-reply|donotreply|do-not-reply)$/i;

/** `+` country code and 7–14 more digits, in groups separated by single spaces, dots or dashes. */
/** @internal Exported for the equivalence test of {@link phoneMatches}. */
export const PHONE =
  /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,5}(?![\d.-]*\d)(?![\w])/g;
/** North American `(555) 123-4567`. */
const PHONE_NANP = /(?<![\w(])\(\d{3}\) ?\d{3}-\d{4}(?![\w-])/g;

/** 13–19 digits, optionally grouped by single spaces or dashes. */
const CARD = /(?<![\w.,-])\d(?:[ -]?\d){12,18}(?!\w|[.,-]\d)/g;

/**
 * The characters of an address's local part, `[A-Za-z0-9._%+-]`: the set {@link EMAIL}'s
 * lookbehind also keeps out of the character before one.
 */
function isLocalPartChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x25 ||
    code === 0x2b ||
    code === 0x2d
  );
}

function isAlphanumeric(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39)
  );
}

/** Longest local part {@link EMAIL} accepts. */
const MAX_LOCAL_PART = 64;
const EMAIL_AT = new RegExp(EMAIL.source, 'y');

/**
 * The matches of {@link EMAIL} in `text` (start, address), as `text.matchAll(EMAIL)` finds them,
 * tried only where one can start: a match's local part is the whole run of local-part characters
 * before its `@` (the lookbehind rules out a start inside the run), so each `@` has one candidate
 * start. A scan from every letter tried up to 64 characters ahead of each.
 */
export function* emailMatches(text: string): Generator<[number, string]> {
  let end = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    const floor = Math.max(0, at - MAX_LOCAL_PART - 1);
    while (start > floor && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    // A run too long, one that starts inside the last match, or one not starting with a letter or digit.
    if (start === at || start < end || at - start > MAX_LOCAL_PART) continue;
    if (!isAlphanumeric(text.charCodeAt(start))) continue;
    EMAIL_AT.lastIndex = start;
    const match = EMAIL_AT.exec(text);
    if (match === null) continue;
    end = start + match[0].length;
    yield [start, match[0]];
  }
}

/** Longest match of {@link PHONE}: `+`, three digits, `(1234)`, five groups of up to five digits, separators. */
const PHONE_REACH = 48;
const PHONE_AT = new RegExp(PHONE.source, 'y');

function isDotOrDash(code: number): boolean {
  return code === 0x2e || code === 0x2d;
}

/**
 * The matches of {@link PHONE} in `text` (start, number), as `text.matchAll(PHONE)` finds them.
 * Each `+` is tried on a window of the text around it, so that the regex's backtracking (many
 * ways to split the digits into groups, each ending in a look-ahead) reads a bounded number of
 * characters: the window holds everything a match can span and, in place of a run of dots and
 * dashes that crosses its edge, the character that ends the run (all the look-ahead
 * `(?![\d.-]*\d)`, which is `(?![.-]*\d)`, needs). Before, `+1` and a million digits took
 * seconds.
 */
export function* phoneMatches(text: string): Generator<[number, string]> {
  let end = 0;
  // The last run of dots and dashes measured, so that a wall of them is read once.
  let runStart = -1;
  let runEnd = -1;
  for (let plus = text.indexOf('+'); plus !== -1; plus = text.indexOf('+', plus + 1)) {
    if (plus < end) continue;
    const from = Math.max(0, plus - 1);
    const edge = Math.min(text.length, plus + PHONE_REACH);
    let window = text.slice(from, edge);
    if (edge < text.length && isDotOrDash(text.charCodeAt(edge - 1))) {
      if (!(edge >= runStart && edge <= runEnd)) {
        runStart = edge;
        runEnd = edge;
        while (runEnd < text.length && isDotOrDash(text.charCodeAt(runEnd))) runEnd++;
      }
      window += text.charAt(runEnd);
    }
    PHONE_AT.lastIndex = plus - from;
    const match = PHONE_AT.exec(window);
    if (match === null) continue;
    end = plus + match[0].length;
    yield [plus, match[0]];
  }
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes and lengths of the major card networks. */
function plausibleCard(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  const six = Number(digits.slice(0, 6));
  if (digits.startsWith('4')) return n === 13 || n === 16 || n === 19; // Visa
  if (two >= 51 && two <= 55) return n === 16; // Mastercard
  if (four >= 2221 && four <= 2720) return n === 16; // Mastercard 2-series
  if (two === 34 || two === 37) return n === 15; // American Express
  if (digits.startsWith('6011') || two === 65 || (six >= 644000 && six <= 649999)) {
    return n >= 16 && n <= 19; // Discover
  }
  if (four >= 3528 && four <= 3589) return n >= 16 && n <= 19; // JCB
  if (two === 36 || two === 38 || (six >= 300000 && six <= 305999)) return n >= 14 && n <= 19; // Diners
  if (two === 62) return n >= 16 && n <= 19; // UnionPay
  return false;
}

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

/**
 * E-mail addresses, phone numbers and card numbers in `text`, sorted by position.
 *
 * @example
 * findPii('Write to ada@lovelace.dev or call +44 20 7946 0958.');
 * // [{ kind: 'email', start: 9, end: 24 }, { kind: 'phone', start: 33, end: 49 }]
 */
export function findPii(text: string, options: { deadline?: Deadline } = {}): PiiHit[] {
  const { deadline } = options;
  const hits: PiiHit[] = [];
  checkDeadline(deadline);
  for (const [start, address] of emailMatches(text)) {
    const at = address.lastIndexOf('@');
    if (RESERVED_DOMAIN.test(address.slice(at + 1))) continue;
    if (SERVICE_LOCAL.test(address.slice(0, at))) continue;
    hits.push({ start, end: start + address.length, kind: 'email' });
  }
  checkDeadline(deadline);
  for (const [start, number] of phoneMatches(text)) {
    const digits = digitCount(number);
    if (digits < 8 || digits > 15 || /\d{4}-\d\d-\d\d/.test(number)) continue;
    hits.push({ start, end: start + number.length, kind: 'phone' });
  }
  checkDeadline(deadline);
  if (text.includes(')')) {
    for (const match of text.matchAll(PHONE_NANP)) {
      hits.push({ start: match.index, end: match.index + match[0].length, kind: 'phone' });
    }
  }
  checkDeadline(deadline);
  if (/\d{4}/.test(text)) {
    for (const match of text.matchAll(CARD)) {
      const digits = match[0].replace(/[ -]/g, '');
      if (!plausibleCard(digits) || !luhn(digits)) continue;
      if (/^(\d)\1+$/.test(digits)) continue;
      // Mixed separators (`4111 1111-1111 1111`) are not how card numbers are written.
      if (/ /.test(match[0]) && /-/.test(match[0])) continue;
      hits.push({ start: match.index, end: match.index + match[0].length, kind: 'card-number' });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
