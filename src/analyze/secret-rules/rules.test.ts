import { validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../secrets.js';
import { isKeyMaterial, KEY_MATERIAL_KINDS, RANDOM_STRING_RULE, SECRET_RULES } from './index.js';
import type { SecretSample } from './types.js';

const textOf = (sample: SecretSample): string =>
  typeof sample === 'string' ? sample : sample.text;
const nameOf = (sample: SecretSample): string | undefined =>
  typeof sample === 'string' ? undefined : sample.name;
const find = (sample: SecretSample) => {
  const name = nameOf(sample);
  return findSecrets(textOf(sample), name === undefined ? {} : { name });
};

describe('the secret rule table', () => {
  it('has unique kebab-case kinds, each with positive and negative samples', () => {
    const kinds = SECRET_RULES.map((rule) => rule.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const rule of SECRET_RULES) {
      expect(rule.kind).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.samples.positive.length, rule.kind).toBeGreaterThan(0);
      expect(rule.samples.negative.length, rule.kind).toBeGreaterThan(0);
    }
  });

  describe.each(SECRET_RULES.map((rule) => [rule.kind, rule] as const))('%s', (kind, rule) => {
    it.each(rule.samples.positive.map((sample) => [textOf(sample).slice(0, 60), sample]))(
      'flags %j',
      (_, sample) => {
        const hits = find(sample);
        expect(hits.map((hit) => hit.kind)).toContain(kind);
        const hit = hits.find((h) => h.kind === kind);
        expect(hit?.keyMaterial).toBe(rule.keyMaterial);
        expect(hit?.severity).toBe(rule.severity);
      },
    );
    it.each(rule.samples.negative.map((sample) => [textOf(sample).slice(0, 60), sample]))(
      'does not flag %j',
      (_, sample) => {
        expect(find(sample).map((hit) => hit.kind)).not.toContain(kind);
      },
    );
  });

  it('has an opt-in random-string rule with its own samples', () => {
    for (const sample of RANDOM_STRING_RULE.samples.positive) {
      expect(findSecrets(textOf(sample), { randomStrings: true }).map((h) => h.kind)).toContain(
        'random-string',
      );
      expect(findSecrets(textOf(sample)).map((h) => h.kind)).not.toContain('random-string');
    }
    for (const sample of RANDOM_STRING_RULE.samples.negative) {
      expect(findSecrets(textOf(sample), { randomStrings: true })).toEqual([]);
    }
  });
});

describe('isKeyMaterial', () => {
  it('answers from the table: private keys and seeds are key material, tokens are not', () => {
    for (const kind of [
      'private-key',
      'seed-phrase',
      'hex-private-key',
      'solana-secret-key',
      'wif-private-key',
      'extended-private-key',
      'gcp-service-account',
    ]) {
      expect(isKeyMaterial(kind), kind).toBe(true);
    }
    for (const kind of ['github', 'jwt', 'secret-assignment', 'aws-secret-access-key']) {
      expect(isKeyMaterial(kind), kind).toBe(false);
    }
    expect([...KEY_MATERIAL_KINDS].every((kind) => isKeyMaterial(kind))).toBe(true);
  });
});

describe('seed phrases', () => {
  it('agrees with @scure/bip39 on the checksum', () => {
    const valid = 'above defense carbon purpose vocal price powder royal large voice crime spend';
    const invalid = 'above defense carbon purpose vocal price powder royal large voice crime crime';
    expect(validateMnemonic(valid, english)).toBe(true);
    expect(validateMnemonic(invalid, english)).toBe(false);
    expect(findSecrets(valid).map((h) => h.kind)).toEqual(['seed-phrase']);
    expect(findSecrets(invalid)).toEqual([]);
  });

  it('spans exactly the phrase inside a sentence', () => {
    const phrase = 'above defense carbon purpose vocal price powder royal large voice crime spend';
    const text = `Your recovery words are: ${phrase}. Write them down.`;
    const [hit] = findSecrets(text);
    expect(text.slice(hit?.start, hit?.end)).toBe(phrase);
  });

  it('finds every copy of a phrase repeated in one run of words', () => {
    const phrase = 'above defense carbon purpose vocal price powder royal large voice crime spend';
    expect(findSecrets(`${phrase} ${phrase} ${phrase}`)).toHaveLength(3);
  });
});

describe('the rule table on long texts (prefixes found through the shared anchor index)', () => {
  const filler = 'Plain notes - nothing_secret here. '.repeat(2048);
  it.each(
    SECRET_RULES.flatMap((rule) =>
      rule.samples.positive
        .filter((sample): sample is string => typeof sample === 'string')
        .map((sample) => [rule.kind, sample.slice(0, 40), sample] as const),
    ),
  )('%s: still flags %j inside 140 KiB of text', (kind, _, sample) => {
    const text = `${filler}\n${sample}\n${filler}`;
    expect(text.length).toBeGreaterThan(65_536);
    expect(findSecrets(text).map((hit) => hit.kind)).toContain(kind);
  });
});
