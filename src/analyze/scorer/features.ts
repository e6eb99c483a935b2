/**
 * Features of the trained scorer, hashed into a fixed-size weight vector:
 *
 * - word unigrams and bigrams of the normalised text (`w:` group); an identifier joined by `_`
 *   (normalisation writes camelCase as snake_case) also gives a unigram per part, so
 *   `ignore_previous_instructions` shares its words' weights with prose,
 * - character 3-, 4- and 5-grams of the normalised text (`c:` group),
 * - dense features: the analyzers' signals (`sig:<rule>`, `kind:<kind>`, valued by their
 *   weight), normalisation facts (`norm:hidden`, `norm:folded`) and context the n-grams do not
 *   see (`ctx:*`: text addressed to the model, authority claims, requests for secrets, orders to
 *   call a tool, names of tools in the session, and for definitions scope mismatch between a
 *   tool's name and parameters and what its text asks).
 *
 * The n-gram groups are scaled by 1/sqrt(count) so that short and long windows weigh alike;
 * scoring adds `w[i]` per occurrence and scales the sums, which equals the dot product with the
 * scaled sparse vector used in training.
 */

import { cueMatches, type CueMatches, cuePattern, INTENT_CUES } from './intent.js';

/** log2 of the number of weights of one model. */
export const HASH_BITS = 18;
export const DIMENSION = 1 << HASH_BITS;
const MASK = DIMENSION - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const SALT_UNIGRAM = 0x3c6ef372;
const SALT_BIGRAM = 0x5be0cd19;
const SALT_CHAR = [0, 0, 0, 0x1f83d9ab, 0x9b05688c, 0x510e527f] as const;

const SALT_DENSE = 0x6a09e667;

/** Final avalanche of a 32-bit hash (murmur3 fmix). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Weight index of a named (dense) feature. */
export function denseIndex(name: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return mix(h ^ SALT_DENSE) & MASK;
}

/** Word characters: ASCII letters and digits, `_`, and every non-ASCII letter-ish code unit. */
const WORD = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const ascii =
    (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  const punctuation =
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xff0f) ||
    (c >= 0x80 && c <= 0xbf) ||
    c === 0xd7 ||
    c === 0xf7;
  WORD[c] = ascii || (c >= 0x80 && !punctuation) ? 1 : 0;
}

const UNDERSCORE = 0x5f;

/** Receives the n-gram features of a normalised text. */
export interface FeatureSink {
  /**
   * A word unigram or bigram covering normalised `[start, end)`; `anchor` (the start of its
   * last word) decides which window it belongs to.
   */
  word(index: number, anchor: number, start: number, end: number, unigram: boolean): void;
  /** A character n-gram starting at normalised `anchor`. */
  char(index: number, anchor: number, n: number): void;
}

/**
 * Emits every n-gram feature of normalised `text`. A window `[from, to)` holds the features
 * anchored in it (an n-gram may read a few characters past its end), so that the windows of a
 * long text can be scored from per-block sums in one pass.
 */
export function ngrams(text: string, sink: FeatureSink): void {
  const length = text.length;
  let previous = 0;
  let previousStart = -1;
  let i = 0;
  while (i < length) {
    if (WORD[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    let h = FNV_OFFSET;
    const start = i;
    let part = FNV_OFFSET;
    let partStart = i;
    let joined = false;
    while (i < length && WORD[text.charCodeAt(i)] === 1) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ c, FNV_PRIME);
      if (c === UNDERSCORE) {
        if (i > partStart) sink.word(mix(part ^ SALT_UNIGRAM) & MASK, start, partStart, i, true);
        joined = true;
        part = FNV_OFFSET;
        partStart = i + 1;
      } else part = Math.imul(part ^ c, FNV_PRIME);
      i++;
    }
    if (joined && i > partStart) {
      sink.word(mix(part ^ SALT_UNIGRAM) & MASK, start, partStart, i, true);
    }
    sink.word(mix(h ^ SALT_UNIGRAM) & MASK, start, start, i, true);
    if (previousStart >= 0) {
      sink.word(
        mix(Math.imul(previous, 31) ^ h ^ SALT_BIGRAM) & MASK,
        start,
        previousStart,
        i,
        false,
      );
    }
    previous = h;
    previousStart = start;
  }
  for (let p = 0; p < length; p++) {
    let h = FNV_OFFSET;
    const max = Math.min(5, length - p);
    for (let n = 1; n <= max; n++) {
      h = Math.imul(h ^ text.charCodeAt(p + n - 1), FNV_PRIME);
      if (n >= 3) sink.char(charIndex(h, n), p, n);
    }
  }
}

/**
 * Where {@link ngrams} can start reading so that the features it emits anchored at `from` and
 * later are those of the whole text: the start of the word before `from` (a bigram anchored at
 * `from` or later reads the word before it whole, and char n-grams read only forward).
 */
export function ngramsFrom(text: string, from: number): number {
  let at = Math.min(from, text.length);
  while (at > 0 && WORD[text.charCodeAt(at - 1)] !== 1) at--;
  while (at > 0 && WORD[text.charCodeAt(at - 1)] === 1) at--;
  return at;
}

/** Weight index of a character n-gram whose FNV hash is `h` (one multiply: the hot loop). */
export function charIndex(h: number, n: number): number {
  return Math.imul(h ^ (SALT_CHAR[n] ?? 0), 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** Per-block sums of the n-gram weights of normalised `text` (see `windowLogits`). */
export interface BlockSums {
  wordSum: Float64Array;
  wordCount: Int32Array;
  charSum: Float64Array;
  charCount: Int32Array;
}

/**
 * The scoring hot loop: what {@link ngrams} emits, summed per block of `block` characters by
 * anchor, without a callback per feature. Must agree with {@link ngrams} (a test holds them
 * together).
 */
export function blockSums(text: string, weights: Float32Array, block: number): BlockSums {
  const blocks = Math.ceil(text.length / block) + 1;
  return blockSumsInto(text, weights, block, {
    wordSum: new Float64Array(blocks),
    wordCount: new Int32Array(blocks),
    charSum: new Float64Array(blocks),
    charCount: new Int32Array(blocks),
  });
}

/** Blocks of the sums kept between calls (a short text has two). */
const SCRATCH_BLOCKS = 8;
const scratchSums: BlockSums = {
  wordSum: new Float64Array(SCRATCH_BLOCKS),
  wordCount: new Int32Array(SCRATCH_BLOCKS),
  charSum: new Float64Array(SCRATCH_BLOCKS),
  charCount: new Int32Array(SCRATCH_BLOCKS),
};

/**
 * {@link blockSums} into arrays kept for the next call when the text is short (read them before
 * calling again), else into new ones.
 */
export function blockSumsReused(text: string, weights: Float32Array, block: number): BlockSums {
  const blocks = Math.ceil(text.length / block) + 1;
  if (blocks > SCRATCH_BLOCKS) return blockSums(text, weights, block);
  scratchSums.wordSum.fill(0);
  scratchSums.wordCount.fill(0);
  scratchSums.charSum.fill(0);
  scratchSums.charCount.fill(0);
  return blockSumsInto(text, weights, block, scratchSums);
}

function blockSumsInto(
  text: string,
  weights: Float32Array,
  block: number,
  sums: BlockSums,
): BlockSums {
  const length = text.length;
  const { wordSum, wordCount, charSum, charCount } = sums;
  let previous = 0;
  let hasPrevious = false;
  let i = 0;
  while (i < length) {
    if (WORD[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    let h = FNV_OFFSET;
    const b = (i / block) | 0;
    let sum = 0;
    let count = 0;
    let part = FNV_OFFSET;
    let partStart = i;
    let joined = false;
    while (i < length && WORD[text.charCodeAt(i)] === 1) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ c, FNV_PRIME);
      if (c === UNDERSCORE) {
        if (i > partStart) {
          sum += weights[mix(part ^ SALT_UNIGRAM) & MASK] ?? 0;
          count++;
        }
        joined = true;
        part = FNV_OFFSET;
        partStart = i + 1;
      } else part = Math.imul(part ^ c, FNV_PRIME);
      i++;
    }
    if (joined && i > partStart) {
      sum += weights[mix(part ^ SALT_UNIGRAM) & MASK] ?? 0;
      count++;
    }
    sum += weights[mix(h ^ SALT_UNIGRAM) & MASK] ?? 0;
    count++;
    if (hasPrevious) {
      sum += weights[mix(Math.imul(previous, 31) ^ h ^ SALT_BIGRAM) & MASK] ?? 0;
      count++;
    }
    wordSum[b] = (wordSum[b] ?? 0) + sum;
    wordCount[b] = (wordCount[b] ?? 0) + count;
    previous = h;
    hasPrevious = true;
  }
  const SHIFT = 32 - HASH_BITS;
  const S3 = SALT_CHAR[3];
  const S4 = SALT_CHAR[4];
  const S5 = SALT_CHAR[5];
  for (let start = 0; start < length; start += block) {
    const end = Math.min(length, start + block);
    let sum = 0;
    let count = 0;
    let c1 = text.charCodeAt(start);
    let c2 = start + 1 < length ? text.charCodeAt(start + 1) : 0;
    for (let p = start; p < end; p++) {
      const c3 = p + 2 < length ? text.charCodeAt(p + 2) : -1;
      if (c3 < 0) break;
      const h3 = Math.imul(
        Math.imul(Math.imul(FNV_OFFSET ^ c1, FNV_PRIME) ^ c2, FNV_PRIME) ^ c3,
        FNV_PRIME,
      );
      sum += weights[Math.imul(h3 ^ S3, 0x9e3779b1) >>> SHIFT] ?? 0;
      count++;
      if (p + 3 < length) {
        const h4 = Math.imul(h3 ^ text.charCodeAt(p + 3), FNV_PRIME);
        sum += weights[Math.imul(h4 ^ S4, 0x9e3779b1) >>> SHIFT] ?? 0;
        count++;
        if (p + 4 < length) {
          const h5 = Math.imul(h4 ^ text.charCodeAt(p + 4), FNV_PRIME);
          sum += weights[Math.imul(h5 ^ S5, 0x9e3779b1) >>> SHIFT] ?? 0;
          count++;
        }
      }
      c1 = c2;
      c2 = c3;
    }
    const b = (start / block) | 0;
    charSum[b] = sum;
    charCount[b] = count;
  }
  return sums;
}

/** The unigram weight index of one word (for tests and explanations). */
export function wordIndex(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return mix(h ^ SALT_UNIGRAM) & MASK;
}

/** One named feature with its value. */
export interface DenseFeature {
  name: string;
  value: number;
}

/** Context the n-grams see only word by word (see `intent.ts`); matched on normalised text. */
const CONTEXT = INTENT_CUES.map((cue) => ({ name: cue.name, pattern: cuePattern(cue) }));

/** Where each context feature matches in normalised text: its name and the match starts. */
export type ContextMatches = CueMatches;

/** Every match of the context features in normalised `text` (a window has those starting in it). */
export function contextMatches(text: string): ContextMatches[] {
  return cueMatches(text);
}

/** Words of a name: `get_user_info`, `getUserInfo` → get, user, info. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((word) => word.length > 0);
}

/** Parameter-name words that reach for the model's context rather than the tool's input. */
const CONTEXT_PARAMETER =
  /^(?:conversation|history|chat|transcript|instructions?|memory|previous|llm|assistant|sidenote)$/u;
const SECRET_WORD =
  /^(?:password|passwd|passphrase|secret|secrets|credential|credentials|ssh|rsa|wallet|mnemonic|seed|cookie|cookies|dotenv)$/u;
const SEND_WORD = /^(?:send|post|upload|email|mail|notify|webhook|http|fetch|request|share|sync)$/u;
/** Secret-bearing parameter names written as one identifier (`privateKey`, `seed_phrase`). */
const SECRET_PARAMETER =
  /private_?keys?|seed_?phrase|secret_?keys?|access_?tokens?|id_rsa|env_?file/u;
/** Destructive or irreversible actions a text may ask for. */
const DESTRUCTIVE_TEXT =
  /\b(?:delete|remove|erase|wipe|drop|truncate|destroy|purge|overwrite|rm -r|format the|shred|uninstall|revoke|reset --hard|clean -f|mkfs|dd if)/u;
const DESTRUCTIVE_WORD =
  /^(?:delete|remove|rm|drop|clear|clean|cleanup|purge|destroy|reset|erase|wipe|uninstall|prune|truncate|kill|stop|cancel|archive|move|rename|update|edit|write|set|manage|admin|revoke|replace|overwrite|sync|patch|put)$/u;
/** Moving funds or granting spending rights. */
const FUNDS_TEXT =
  /\b(?:transfer|send|withdraw|approve|sign|swap|bridge|pay)\b[^.\n]{0,40}\b(?:funds|tokens?|eth|btc|usdc|usdt|sol|balance|allowance|assets|coins|crypto|payment|transaction)\b|\b(?:unlimited|infinite|max(?:imum)?|uint256) (?:allowance|approval|spending)/u;
const FUNDS_WORD =
  /^(?:transfer|send|pay|payment|payments|wallet|swap|approve|approval|sign|transaction|transactions|tx|withdraw|deposit|bridge|token|tokens|erc20|trade|order|invoice|refund|charge|allowance|spend)$/u;

/**
 * Scope mismatch of one definition: what its text asks against what its name and parameters
 * say it does (a search tool with a `conversation_history` parameter; a calculator whose
 * description asks for `~/.ssh`).
 */
export function scopeFeatures(
  name: string,
  parameters: readonly string[],
  text: string,
): DenseFeature[] {
  const own = new Set(nameWords(name));
  const out: DenseFeature[] = [];
  const contextual = parameters.filter((p) => nameWords(p).some((w) => CONTEXT_PARAMETER.test(w)));
  if (contextual.length > 0 && ![...own].some((w) => CONTEXT_PARAMETER.test(w))) {
    out.push({ name: 'scope:context-parameter', value: Math.min(1, contextual.length / 2) });
  }
  const secretParameter = parameters.some(
    (p) =>
      nameWords(p).some((w) => SECRET_WORD.test(w)) ||
      SECRET_PARAMETER.test(nameWords(p).join('_')),
  );
  const ownSecret = [...own].some((w) => SECRET_WORD.test(w));
  if (secretParameter && !ownSecret) out.push({ name: 'scope:secret-parameter', value: 1 });
  const secretText = CONTEXT.find((c) => c.name === 'ctx:secret-request')?.pattern.test(text);
  if (secretText === true && !ownSecret) out.push({ name: 'scope:secret-off-name', value: 1 });
  const sendText = CONTEXT.find((c) => c.name === 'ctx:send-out')?.pattern.test(text);
  if (sendText === true && ![...own].some((w) => SEND_WORD.test(w))) {
    out.push({ name: 'scope:send-off-name', value: 1 });
  }
  if (DESTRUCTIVE_TEXT.test(text) && ![...own].some((w) => DESTRUCTIVE_WORD.test(w))) {
    out.push({ name: 'scope:destructive-off-name', value: 1 });
  }
  if (FUNDS_TEXT.test(text) && ![...own].some((w) => FUNDS_WORD.test(w))) {
    out.push({ name: 'scope:funds-off-name', value: 1 });
  }
  return out;
}
