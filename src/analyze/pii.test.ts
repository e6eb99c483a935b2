import { describe, expect, it } from 'vitest';
import { findPii } from './pii.js';

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
});
