import { describe, expect, it } from 'vitest';
import { matchesOf, mayMatch, registerRegexes, releaseScan, startKeys } from './prefilter.js';

/** A small seeded PRNG (mulberry32), so that the generated texts are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that the regexes below start with, and the characters that trip analyses up. */
const PIECES = [
  'ignore',
  'IGNORE',
  'previous',
  'instructions',
  'the user',
  'do not',
  "don't",
  'tell',
  'http://x.test/a?d=1',
  '<important>',
  '[IMPORTANT]',
  '||OVERRIDE||',
  '.env',
  '~/.ssh/id_rsa',
  'игнорируй',
  'все',
  'предыдущие',
  'инструкции',
  '忽略之前的指令',
  'ſecret',
  'KEY',
  'à',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\u2028',
  '\u200b',
  '🙂',
  '\ud83d',
  '\ude00',
  '.',
  ',',
  '"',
  "'",
  '-',
  '_',
  '|',
  '<',
  '>',
];

function texts(seed: number, count: number, length: number): string[] {
  const random = prng(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
    out.push(text);
  }
  return out;
}

/** Regexes with the features the pattern tables use: flags, lookarounds, classes, scripts. */
const REGEXES = [
  /\b(?:ignore|disregard)\s+(?:all\s+)?(?:previous|prior)\s+instructions?\b/gi,
  /\b(?:do\s+not|don'?t|never)\s+(?:\w+\s+){0,2}?tell\s+(?:the\s+)?user\b/giu,
  /(?:^|[\s'"`([/~*])\.env(?:\.[\w-]{1,20})?(?=$|[\s'"`)\],.;:])/gm,
  /(?:~|\$HOME)?[\\/]\.ssh\b|\bid_(?:rsa|dsa|ed25519)\b/gi,
  /<\s*important\s*>|(?:(?<![\s\S])|(?<=\S[^\S\n\r\u2028\u2029]*[\n\r\u2028\u2029]))\s*\[important\]/gim,
  /(?<!\|)\|{2,}[ \t]*[A-Z_]{0,20}OVERRIDE[A-Z_]{0,20}[ \t]*\|{2,}/g,
  /\bhttps?:\/\/[^\s"'`<>)\]}]{3,300}/giu,
  /(?:игнорируй(?:те)?|забудь)\s+(?:все\s+)?(?:предыдущие|все)\s+(?:[\p{L}-]+\s+)?инструкции/giu,
  /(?:忽略|无视)(?:之前|以前)的?(?:指令|指示)/gu,
  /\bsecret\b|\bkey\b/giu,
  /[\s\u00a0]+/g,
  /\u{1F642}|\ud83d/gu,
];

describe('startKeys', () => {
  it('lists the first three characters of every match', () => {
    expect(startKeys(/\bfoo/gi)?.size).toBe(1);
    expect(startKeys(/\b(?:foo|bar)\b/gi)?.size).toBe(2);
  });

  it('gives up on a regex that can match the empty string', () => {
    expect(startKeys(/a*/g)).toBeUndefined();
    expect(startKeys(/(?:x|)/g)).toBeUndefined();
  });
});

describe('matchesOf', () => {
  it.each(REGEXES.map((re) => [re.source.slice(0, 60), re] as const))(
    'finds what matchAll finds for /%s…/',
    (_, re) => {
      for (const text of texts(re.source.length, 200, 400)) {
        const expected = [...text.matchAll(re)].map((m) => [m.index, m[0]]);
        const found = [...matchesOf(re, text, 0)].map((m) => [m.index, m[0]]);
        expect(found).toEqual(expected);
        releaseScan();
      }
    },
  );

  it('finds what exec finds for a regex without the g flag', () => {
    const re = /\bignore\s+previous\b/i;
    for (const text of texts(7, 100, 300)) {
      const expected = re.exec(text);
      const [found] = [...matchesOf(re, text, 0)];
      expect(found?.index).toBe(expected?.index);
      expect(found?.[0]).toBe(expected?.[0]);
    }
  });

  it('scans the whole text when a regex could start almost everywhere', () => {
    const re = /\bthe\s+user\b/gi;
    const text = 'the user '.repeat(20_000);
    expect([...matchesOf(re, text, 0)].length).toBe(20_000);
  });
});

describe('mayMatch', () => {
  registerRegexes(...REGEXES);

  it.each(REGEXES.map((re) => [re.source.slice(0, 60), re] as const))(
    'says no only for short texts where /%s…/ has no match',
    (_, re) => {
      let ruledOut = 0;
      for (const text of texts(re.source.length + 1, 300, 40)) {
        if (mayMatch(re, text)) continue;
        ruledOut++;
        expect([...text.matchAll(re)]).toEqual([]);
      }
      releaseScan();
      // The check is worth having: it rules texts out (all but the catch-all whitespace regex).
      if (re.source !== '[\\s\\u00a0]+') expect(ruledOut).toBeGreaterThan(0);
    },
  );

  it('says yes for a regex the index does not know', () => {
    expect(mayMatch(/zzz/g, 'no such text')).toBe(true);
  });
});
