import { describe, expect, it } from 'vitest';
import { EMAIL, emailMatches, findPii, PHONE, phoneMatches } from './pii.js';

const kinds = (text: string): string[] => findPii(text).map((hit) => hit.kind);

describe('findPii', () => {
  it('finds e-mail addresses, international phone numbers and Luhn-valid card numbers', () => {
    const text = 'Write to ada@lovelace.dev, call +44 20 7946 0958, pay with 4111 1111 1111 1111.';
    const hits = findPii(text);
    expect(hits.map((hit) => text.slice(hit.start, hit.end))).toEqual([
      'ada@lovelace.dev',
      '+44 20 7946 0958',
      '4111 1111 1111 1111',
    ]);
    expect(kinds('(555) 123-4567')).toEqual(['phone']);
    expect(kinds('5500-0000-0000-0004')).toEqual(['card-number']);
  });

  it('leaves look-alikes alone: documentation domains, git remotes, package specs, ids and dates', () => {
    expect(findPii('user@example.com and someone@test')).toEqual([]);
    expect(findPii('git@github.com:org/repo.git')).toEqual([]);
    expect(findPii('npm i @scope/pkg@1.2.3')).toEqual([]);
    expect(
      findPii('ts 1700000000000, order 4111111111111112, id 550e8400-e29b-41d4-a716-446655440000'),
    ).toEqual([]);
    expect(findPii('shifted +1 2024-01-05, version 1.2.3+45')).toEqual([]);
  });

  it('reads "+1" and a long run of digits, dots or dashes in linear time', () => {
    // Each of these took seconds per MiB when the regex ran over the whole text.
    const digits = '5'.repeat(200_000);
    const dots = `+1 555 123 4567${'.'.repeat(200_000)}5`;
    const dashes = `+1 555 ${'-1'.repeat(100_000)}`;
    for (const noise of [`+1${digits}`, dots, dashes]) {
      const text = `${noise} call +44 20 7946 0958`;
      expect(findPii(text).map((hit) => text.slice(hit.start, hit.end))).toEqual([
        '+44 20 7946 0958',
      ]);
    }
  });

  /** Seeded strings over the characters the patterns key on. */
  function* samples(count: number): Generator<string> {
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = [
      'a',
      'B',
      'x',
      '1',
      '5',
      '9',
      '+',
      '@',
      '.',
      '-',
      '_',
      '%',
      ' ',
      '(',
      ')',
      '\n',
      'com',
      'de',
      'ab@cd.',
      '+1 ',
      '555',
      '+44 20 ',
      '7946',
    ];
    for (let n = 0; n < count; n++) {
      const parts: string[] = [];
      const length = 1 + Math.floor(random() * 120);
      for (let i = 0; i < length; i++)
        parts.push(alphabet[Math.floor(random() * alphabet.length)] ?? '');
      yield parts.join('');
    }
  }

  it('finds exactly the e-mail and phone matches a scan of the whole text with the regexes finds', () => {
    let emails = 0;
    let phones = 0;
    for (const text of samples(20_000)) {
      const whole = (re: RegExp): [number, string][] =>
        [...text.matchAll(re)].map((match) => [match.index, match[0]]);
      const email = whole(EMAIL);
      const phone = whole(PHONE);
      expect([...emailMatches(text)], text).toEqual(email);
      expect([...phoneMatches(text)], text).toEqual(phone);
      emails += email.length;
      phones += phone.length;
    }
    // The samples do hold both (the comparison is not between two empty lists).
    expect(emails).toBeGreaterThan(1000);
    expect(phones).toBeGreaterThan(1000);
  });
});
