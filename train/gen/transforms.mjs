// Obfuscations attackers apply to a payload so that keyword lists miss it.

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const LEET = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', l: '1', g: '9', b: '8' };

/** Splits words with zero-width characters: every word, or only some, at random positions. */
export function zeroWidthSplit(rng, text) {
  const density = rng.pick([0.3, 0.6, 1]);
  const mark = rng.pick(ZERO_WIDTH);
  const out = text.replace(/[A-Za-z]{4,}/g, (word) => {
    if (!rng.chance(density)) return word;
    let split = '';
    for (let i = 0; i < word.length; i += 1) {
      split += word[i];
      if (i < word.length - 1 && rng.chance(0.5))
        split += rng.chance(0.8) ? mark : rng.pick(ZERO_WIDTH);
    }
    return split;
  });
  // Always split at least one word: a payload without hidden characters is not this family.
  return out === text ? text.replace(/([A-Za-z]{2})([A-Za-z]{2,})/, `$1${mark}$2`) : out;
}

/** Leetspeak with a random substitution rate, so some words stay readable. */
export function leet(rng, text) {
  const rate = rng.pick([0.5, 0.8, 1]);
  let out = '';
  for (const ch of text) {
    const sub = LEET[ch.toLowerCase()];
    out += sub !== undefined && rng.chance(rate) ? sub : ch;
  }
  return out;
}

export const TRANSFORMS = { 'zero-width': zeroWidthSplit, leet };
