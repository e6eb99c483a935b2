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

// Interchangeable words, so a family is not learned as one fixed phrasing. Applied alike to
// attacks and to benign look-alikes (English payloads only).
const SYNONYMS = [
  [
    /\bthe assistant\b/g,
    ['the assistant', 'the AI', 'the model', 'the agent', 'the LLM', 'Claude', 'the AI assistant'],
  ],
  [/\bassistant\b/g, ['assistant', 'AI', 'model', 'agent', 'LLM']],
  [
    /\bthe user\b/g,
    ['the user', 'the human', 'the customer', 'the operator', 'the person you are helping'],
  ],
  [/\bread\b/g, ['read', 'open', 'load', 'access', 'fetch']],
  [/\bsend\b/g, ['send', 'forward', 'upload', 'post', 'transmit']],
  [/\binclude\b/g, ['include', 'add', 'attach', 'put', 'insert']],
  [/\bimmediately\b/g, ['immediately', 'right now', 'at once', 'without delay']],
  [/\bmust\b/g, ['must', 'has to', 'is required to', 'needs to', 'shall']],
  [/\bcall\b/g, ['call', 'invoke', 'use', 'run']],
  [/\bcontents\b/g, ['contents', 'content', 'full text', 'data']],
  [/\bconversation\b/g, ['conversation', 'chat', 'dialogue', 'session']],
  [/\bDo not\b/g, ['Do not', "Don't", 'Never', 'Make sure not to']],
  [/\bdo not\b/g, ['do not', "don't", 'never']],
  [/\bpassword\b/g, ['password', 'passphrase', 'login password']],
  [/\bfile\b/g, ['file', 'document']],
];

/** Swaps some words for synonyms; leaves code spans, URLs and paths intact. */
export function paraphrase(rng, text) {
  const parts = text.split(/(`[^`]*`|https?:\/\/\S+|~?\/\S+|\S+\.\w{2,4}\b)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part;
      for (const [pattern, words] of SYNONYMS) {
        out = out.replace(pattern, (word) => (rng.chance(0.35) ? rng.pick(words) : word));
      }
      return out;
    })
    .join('');
}

/** Sources written in English, where `paraphrase` applies. */
export const ENGLISH_SOURCES = new Set([
  'terse',
  'verbose',
  'markdown',
  'jsonish',
  'casual',
  'formal',
  'xml-tags',
  'chat-template',
  'transcript',
]);
