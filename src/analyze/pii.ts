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

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]*@)(?![A-Za-z0-9-])/g;
/** Documentation and test domains (RFC 2606, RFC 6761): not anyone's address. */
const RESERVED_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$/i;
/** Local parts that name a service account rather than a person (`git@github.com`). */
const SERVICE_LOCAL = /^(?:git|noreply|no-reply|donotreply|do-not-reply)$/i;

/** `+` country code and 7–14 more digits, in groups separated by single spaces, dots or dashes. */
const PHONE =
  /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,5}(?![\d.-]*\d)(?![\w])/g;
/** North American `(555) 123-4567`. */
const PHONE_NANP = /(?<![\w(])\(\d{3}\) ?\d{3}-\d{4}(?![\w-])/g;

/** 13–19 digits, optionally grouped by single spaces or dashes. */
const CARD = /(?<![\w.,-])\d(?:[ -]?\d){12,18}(?!\w|[.,-]\d)/g;

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
  if (text.includes('@')) {
    for (const match of text.matchAll(EMAIL)) {
      const address = match[0];
      const at = address.lastIndexOf('@');
      if (RESERVED_DOMAIN.test(address.slice(at + 1))) continue;
      if (SERVICE_LOCAL.test(address.slice(0, at))) continue;
      hits.push({ start: match.index, end: match.index + address.length, kind: 'email' });
    }
  }
  checkDeadline(deadline);
  if (text.includes('+')) {
    for (const match of text.matchAll(PHONE)) {
      const digits = digitCount(match[0]);
      if (digits < 8 || digits > 15 || /\d{4}-\d\d-\d\d/.test(match[0])) continue;
      hits.push({ start: match.index, end: match.index + match[0].length, kind: 'phone' });
    }
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
