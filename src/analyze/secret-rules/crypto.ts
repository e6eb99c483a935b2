import { sha256 } from '@noble/hashes/sha2.js';
import { base58, createBase58check } from '@scure/base';
import { validateMnemonic } from '@scure/bip39';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import {
  around,
  codeUnitEntropy,
  findTokens,
  forEachRun,
  indexesOf,
  isAlnum,
  isBase58,
  isDigit,
  isHex,
  nameBefore,
} from './scan.js';
import type { RuleContext, SecretRule } from './types.js';

/**
 * Wallet key material: BIP-39 seed phrases (checksum-validated, every language BIP-39 publishes),
 * raw 32-byte hex keys, Solana secret keys, WIF keys and extended private keys. A leak of any of
 * them hands over the funds; every rule here reports `keyMaterial: true`. The sample keys and
 * phrases were generated at random for these tests and never held anything.
 */

const base58check = createBase58check(sha256);

// ── Context: is a value nearby named or described as a key? ──────────────────────────────────

/** A name that makes a 32/64-byte value a private key (`privateKey`, `WALLET_SECRET`, `seed`). */
const KEY_NAME = /priv|secret|seed|mnemonic|signer|signing|wallet|keypair|key$/i;
/** A name that makes it something public or a digest (`publicKey`, `txHash`, `signature`). */
const NOT_KEY_NAME =
  /pub|hash|digest|checksum|commit|tx|block|address|addr|salt|nonce|root|sha|md5|uuid|sig|id$|ids$/i;
const KEY_WORDS = /priv|secret|mnemonic|seed|wallet|recovery|keypair|signing key|key:/i;
const NOT_KEY_WORDS =
  /public|pub_?key|hash|sha\d*|digest|checksum|commit|integrity|address|txid|transaction|block|merkle|signature/i;

/**
 * Whether the value at [start, end) is described as key material: by its name (`"privateKey": …`,
 * or the name the whole text is the value of), else by the words before it (or, failing those,
 * shortly after it).
 */
function namedAsKey(text: string, start: number, end: number, context: RuleContext): boolean {
  const { before, after } = around(text, start, end, 48, 64);
  const name =
    nameBefore(text, start) ?? (start === 0 && end === text.length ? context.name : undefined);
  if (name !== undefined) {
    // The words before the name, back to the previous field or line: `sha256 digest of the key: …`.
    const clause = before.slice(
      Math.max(...[',', '{', '\n', ';'].map((c) => before.lastIndexOf(c))) + 1,
    );
    return KEY_NAME.test(name) && !NOT_KEY_NAME.test(name) && !NOT_KEY_WORDS.test(clause);
  }
  if (NOT_KEY_WORDS.test(before)) return false;
  if (KEY_WORDS.test(before)) return true;
  if (context.name !== undefined)
    return KEY_NAME.test(context.name) && !NOT_KEY_NAME.test(context.name);
  return /priv|secret|wallet|seed|mnemonic/i.test(after) && !NOT_KEY_WORDS.test(after);
}

/** No letter, digit or `_` right before `start` or at `end`. */
function bounded(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  return !(isAlnum(before) || before === 0x5f) && !(isAlnum(after) || after === 0x5f);
}

// ── BIP-39 ───────────────────────────────────────────────────────────────────────────────────

const WORDLISTS: readonly (readonly string[])[] = [
  english,
  czech,
  french,
  italian,
  japanese,
  korean,
  portuguese,
  simplifiedChinese,
  spanish,
  traditionalChinese,
];
/** The lengths BIP-39 allows. */
const PHRASE_LENGTHS = [24, 21, 18, 15, 12] as const;
/**
 * A run of more word-list words than this is a list (a dictionary, the word list itself), not a
 * phrase with a few words around it.
 */
const MAX_RUN = 48;

interface Lexicon {
  /** word → bit mask of the languages whose list holds it. */
  languages: Map<string, number>;
  /** The {@link wordHash} of every word: a text's words are looked up by hash first. */
  candidates: HashTable;
  /** Per language: word → its index in the list. */
  indexes: Map<string, number>[];
}
let lexicon: Lexicon | undefined;

/** Letters a-z only (most words of most lists). */
const ASCII_WORD = /^[a-z]*$/;

/** Built on first use: both NFKD (as the lists are stored) and NFC (as people type) forms. */
function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const languages = new Map<string, number>();
  const indexes = WORDLISTS.map((list, language) => {
    const index = new Map<string, number>();
    list.forEach((word, i) => {
      index.set(word, i);
      languages.set(word, (languages.get(word) ?? 0) | (1 << language));
      // ASCII is its own NFC form: only the other lists' words are normalised (and added when
      // their NFC form differs).
      if (ASCII_WORD.test(word)) return;
      const composed = word.normalize('NFC');
      if (composed === word) return;
      index.set(composed, i);
      languages.set(composed, (languages.get(composed) ?? 0) | (1 << language));
    });
    return index;
  });
  const candidates: HashTable = {
    hashes: new Int32Array(1 << TABLE_BITS),
    used: new Uint8Array(1 << TABLE_BITS),
  };
  for (const word of languages.keys()) {
    let hash = 0;
    for (let i = 0; i < word.length; i++) hash = wordHash(hash, word.charCodeAt(i));
    let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (candidates.used[slot] === 1 && candidates.hashes[slot] !== hash) {
      slot = (slot + 1) & ((1 << TABLE_BITS) - 1);
    }
    candidates.hashes[slot] = hash;
    candidates.used[slot] = 1;
  }
  lexicon = { languages, candidates, indexes };
  return lexicon;
}

/** A set of hashes, by open addressing. */
interface HashTable {
  hashes: Int32Array;
  used: Uint8Array;
}

/** log2 of the slots of {@link Lexicon.candidates} (about 25,000 words in 65,536 slots). */
const TABLE_BITS = 16;

/** Whether a word of the lists has {@link wordHash} `hash`. */
function isCandidate(table: HashTable, hash: number): boolean {
  let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - TABLE_BITS);
  while (table.used[slot] === 1) {
    if (table.hashes[slot] === hash) return true;
    slot = (slot + 1) & ((1 << TABLE_BITS) - 1);
  }
  return false;
}

/** One step of a word's hash (ASCII folded to lower case, as the lists are). */
function wordHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code >= 0x41 && code <= 0x5a ? code + 0x20 : code)) | 0;
}

/** Letters of a word: ASCII letters, and everything beyond ASCII that is not a space or punctuation. */
const WORD = 1;
/** What may stand between two words of a phrase: spaces, numbering, list and JSON punctuation. */
const GAP = 2;
/** Every UTF-16 code unit's class, by table: the scan reads one byte per character. */
const CHAR_CLASS = new Uint8Array(0x10000);
{
  for (let c = 0x80; c < 0x10000; c++) CHAR_CLASS[c] = WORD;
  for (let c = 0x2000; c <= 0x206f; c++) CHAR_CLASS[c] = 0;
  for (const c of [0xa0, 0x3000, 0x3001, 0xff0c]) CHAR_CLASS[c] = GAP;
  for (const c of [0x3002, 0x3003, 0xfeff]) CHAR_CLASS[c] = 0;
  for (let c = 0x41; c <= 0x5a; c++) CHAR_CLASS[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) CHAR_CLASS[c] = WORD;
  for (let c = 0x30; c <= 0x39; c++) CHAR_CLASS[c] = GAP;
  for (const char of ' \t\n\r,.;:)(-"\'[]{}|*#') CHAR_CLASS[char.charCodeAt(0)] = GAP;
}
const MAX_GAP = 12;

interface Word {
  start: number;
  end: number;
  key: string;
}

/** The BIP-39 checksum of `words` in one language, from their indexes (no string work). */
function checksumValid(words: readonly Word[], indexes: Map<string, number>): boolean {
  const bits = words.length * 11;
  const checksumBits = words.length / 3;
  const entropyBytes = (bits - checksumBits) / 8;
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  let accumulator = 0;
  let held = 0;
  let out = 0;
  for (const word of words) {
    const index = indexes.get(word.key);
    if (index === undefined) return false;
    accumulator = (accumulator << 11) | index;
    held += 11;
    while (held >= 8) {
      held -= 8;
      bytes[out++] = (accumulator >>> held) & 0xff;
    }
    accumulator &= (1 << held) - 1;
  }
  if (held > 0) bytes[out] = (accumulator << (8 - held)) & 0xff;
  const checksum = (bytes[entropyBytes] ?? 0) >>> (8 - checksumBits);
  const hash = sha256(bytes.subarray(0, entropyBytes));
  return (hash[0] ?? 0) >>> (8 - checksumBits) === checksum;
}

/** @scure/bip39's own verdict, on the words in the list's spelling. */
function confirmed(words: readonly Word[], language: number): boolean {
  const list = WORDLISTS[language] ?? english;
  const indexes = getLexicon().indexes[language];
  const spelled = words.map((word) => list[indexes?.get(word.key) ?? -1] ?? '');
  return validateMnemonic(spelled.join(' '), list as string[]);
}

/**
 * Phrases in one run of word-list words (all of one language at least): the longest valid
 * window first, then on after it. When the scan's checksum budget is spent, a run of 12 to
 * {@link MAX_RUN} words is reported unchecked: a hostile text costs a bounded amount, and a
 * possible phrase is masked rather than let through.
 */
function phrasesIn(
  run: readonly Word[],
  mask: number,
  context: RuleContext,
  report: (start: number, end: number) => void,
): void {
  if (run.length < 12 || run.length > MAX_RUN) return;
  const { indexes } = getLexicon();
  let position = 0;
  while (position + 12 <= run.length) {
    let matched = 0;
    for (const length of PHRASE_LENGTHS) {
      if (position + length > run.length) continue;
      const window = run.slice(position, position + length);
      if (context.budget.checksums <= 0) {
        matched = length;
        break;
      }
      for (let language = 0; language < WORDLISTS.length && matched === 0; language++) {
        if ((mask & (1 << language)) === 0) continue;
        context.budget.checksums--;
        const index = indexes[language];
        if (index && checksumValid(window, index) && confirmed(window, language)) matched = length;
      }
      if (matched > 0) break;
    }
    if (matched > 0) {
      const first = run[position];
      const last = run[position + matched - 1];
      if (first && last) report(first.start, last.end);
      position += matched;
    } else position++;
  }
}

export const SEED_PHRASE_RULE: SecretRule = {
  kind: 'seed-phrase',
  title: 'BIP-39 seed phrase (12–24 words, checksum-valid, any BIP-39 language)',
  severity: 'critical',
  keyMaterial: true,
  // Twelve words of one character (CJK) and eleven gaps.
  minLength: 23,
  find(text, context, report) {
    const { languages, candidates } = getLexicon();
    const all = (1 << WORDLISTS.length) - 1;
    // The run of word-list words being read, each looked up exactly (sliced, its spelling
    // checked); a run of fewer than 12 holds no phrase.
    let run: Word[] = [];
    let mask = all;
    const flush = (): void => {
      if (run.length >= 12) phrasesIn(run, mask, context, report);
      run = [];
      mask = all;
    };
    /** One word of a candidate run, looked up exactly (what a word-by-word scan does). */
    const exactWord = (start: number, end: number, ascii: boolean): void => {
      let key = text.slice(start, end);
      let bits = languages.get(key) ?? 0;
      if (bits === 0 && ascii) {
        key = key.toLowerCase();
        bits = languages.get(key) ?? 0;
      }
      if (bits === 0 || (mask & bits) === 0) flush();
      if (bits !== 0) {
        // Past MAX_RUN the run is a list, not a phrase: counted, no longer stored.
        if (run.length <= MAX_RUN) run.push({ start, end, key });
        mask &= bits;
      }
    };
    // Words are first known by hash only, as candidates (a word of the lists is one; a few other
    // words are too), in candidate runs: candidates with nothing but gaps between them. A run of
    // words lies inside one, so only a candidate run that reaches 12 is looked up exactly (its
    // first 12 then, the rest as they come).
    let pending: number[] = [];
    let exact = false;
    const endCandidateRun = (): void => {
      flush();
      pending = [];
      exact = false;
    };
    let gapOk = true;
    let gap = 0;
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const kind = CHAR_CLASS[c];
      if (kind === WORD) {
        let hash = wordHash(0, c);
        let ascii = c < 0x80;
        let j = i + 1;
        for (; j < text.length; j++) {
          const d = text.charCodeAt(j);
          if (CHAR_CLASS[d] !== WORD) break;
          hash = wordHash(hash, d);
          ascii &&= d < 0x80;
        }
        const length = j - i;
        const candidate =
          (ascii ? length >= 3 && length <= 10 : length <= 12) && isCandidate(candidates, hash);
        if (!candidate || !gapOk) endCandidateRun();
        if (candidate) {
          if (exact) exactWord(i, j, ascii);
          else {
            pending.push(i, j, ascii ? 1 : 0);
            if (pending.length === 3 * 12) {
              exact = true;
              for (let k = 0; k < pending.length; k += 3) {
                exactWord(pending[k] ?? 0, pending[k + 1] ?? 0, pending[k + 2] === 1);
              }
            }
          }
        }
        gapOk = true;
        gap = 0;
        i = j;
        continue;
      }
      if (c === 0x5c && 'nrt'.includes(text[i + 1] ?? '')) {
        gap += 2;
        i += 2;
      } else {
        if (kind !== GAP) gapOk = false;
        gap++;
        i++;
      }
      if (gap > MAX_GAP) gapOk = false;
    }
    endCandidateRun();
  },
  samples: {
    positive: [
      'above defense carbon purpose vocal price powder royal large voice crime spend',
      'my seed: wood smile impulse lemon girl layer fit random jump address demand crisp vast photo verb clever genius neck shock laugh tribe live swim client. Keep it safe.',
      '1. joke 2. poet 3. accuse 4. salon 5. abuse 6. rice 7. airport 8. major 9. diagram 10. shock 11. toilet 12. asset 13. offer 14. shop 15. average',
      'chuckle\npoverty\npretty\ndiagram\nice\nprovide\ncasual\nwreck\nera\nflee\nrent\ngain\nguilt\nvolume\nrent\nrule\ncarry\nhorn',
      'happy, pulse, behave, crisp, meadow, region, donkey, master, guide, peanut, ketchup, neutral, vault, foster, jelly, nurse, armed, cabbage, chicken, screen, defense',
      '{"mnemonic": ["above", "defense", "carbon", "purpose", "vocal", "price", "powder", "royal", "large", "voice", "crime", "spend"]}',
      '"backup": "above\\ndefense\\ncarbon\\npurpose\\nvocal\\nprice\\npowder\\nroyal\\nlarge\\nvoice\\ncrime\\nspend"',
      'すいか　たよる　だいじょうぶ　ぐんしょく　いわう　ちちおや　すすめる　しっかり　てんてき　そらまめ　げんき　きせつ',
      'acceso mula atún reloj tropa precoz chupar gamba eco gratis ficha virtud',
      '其 撞 居 冠 妇 授 皱 纶 企 蜡 烷 迁',
      'Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    ],
    negative: [
      // Twelve word-list words whose checksum fails.
      'above defense carbon purpose vocal price powder royal large voice crime crime',
      'key: the quick brown fox jumps over the lazy dog and then runs far away',
      'we need to review the budget and plan the project scope before the end of the month',
      'abandon ability able about above absent absorb abstract absurd abuse access',
    ],
  },
};

// ── Raw hex keys ─────────────────────────────────────────────────────────────────────────────

export const HEX_PRIVATE_KEY_RULE: SecretRule = {
  kind: 'hex-private-key',
  title:
    '32-byte hex private key (Ethereum / secp256k1 / ed25519 seed), named or described as a key',
  severity: 'critical',
  keyMaterial: true,
  find(text, context, report) {
    forEachRun(text, 64, isHex, (runStart, end) => {
      if (end - runStart !== 64) return;
      const start =
        text.startsWith('0x', runStart - 2) || text.startsWith('0X', runStart - 2)
          ? runStart - 2
          : runStart;
      if (!bounded(text, start, end)) return;
      if (codeUnitEntropy(text, runStart, end) < 3) return;
      if (namedAsKey(text, start, end, context)) report(start, end);
    });
  },
  samples: {
    positive: [
      {
        text: '1e17d483995397ce5a83e1eb04c796c7c51b53ecfdaa5939d4a142a3fa2b3d0d',
        name: 'WALLET_PRIVATE_KEY',
      },
      'private key: 0x1e17d483995397ce5a83e1eb04c796c7c51b53ecfdaa5939d4a142a3fa2b3d0d',
      '{"address": "0x52908400098527886E0F7030069857D2E4169EE7", "privateKey": "0x7739d18bc86ff008c35b19890059e5b76c20ea922e4b24e823826bf14a634d9a"}',
      'PRIVATE_KEY=7739d18bc86ff008c35b19890059e5b76c20ea922e4b24e823826bf14a634d9a',
      'forgot this here 0x7739d18bc86ff008c35b19890059e5b76c20ea922e4b24e823826bf14a634d9a! Do not send money to this wallet',
    ],
    negative: [
      '1e17d483995397ce5a83e1eb04c796c7c51b53ecfdaa5939d4a142a3fa2b3d0d',
      'sha256 digest of the release key: 1e17d483995397ce5a83e1eb04c796c7c51b53ecfdaa5939d4a142a3fa2b3d0d',
      '{"txHash": "0x7739d18bc86ff008c35b19890059e5b76c20ea922e4b24e823826bf14a634d9a", "from": "wallet"}',
      'DOTENV_PUBLIC_KEY="037cfbfc90234cfdab7eb54050566293789efaa1a35dc420749662db400dc9c4b2"',
      'private key: 0x0000000000000000000000000000000000000000000000000000000000000000',
    ],
  },
};

// ── Solana ───────────────────────────────────────────────────────────────────────────────────

/** `[n, n, …]` of exactly 64 integers 0–255 starting at `open`: the end after `]`, or -1. */
function byteArrayEnd(text: string, open: number): number {
  let i = open + 1;
  let count = 0;
  const seen = new Set<number>();
  const stop = Math.min(text.length, open + 64 * 6 + 8);
  for (;;) {
    while (
      i < stop &&
      (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')
    )
      i++;
    let value = 0;
    let digits = 0;
    while (i < stop && digits < 4 && isDigit(text.charCodeAt(i))) {
      value = value * 10 + text.charCodeAt(i) - 0x30;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || value > 255) return -1;
    count++;
    seen.add(value);
    while (
      i < stop &&
      (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')
    )
      i++;
    if (text[i] === ']') return count === 64 && seen.size >= 16 ? i + 1 : -1;
    if (text[i] !== ',' || count >= 64) return -1;
    i++;
  }
}

export const SOLANA_SECRET_KEY_RULE: SecretRule = {
  kind: 'solana-secret-key',
  title: 'Solana secret key (64-byte JSON array, or base58 named as a key)',
  severity: 'critical',
  keyMaterial: true,
  find(text, context, report) {
    for (const open of indexesOf(text, '[')) {
      const end = byteArrayEnd(text, open);
      if (end === -1) continue;
      const name = nameBefore(text, open);
      if (name !== undefined && NOT_KEY_NAME.test(name)) continue;
      if (name === undefined && NOT_KEY_WORDS.test(around(text, open, end, 48, 0).before)) continue;
      report(open, end);
    }
    forEachRun(text, 86, isAlnum, (start, end) => {
      if (end - start > 88) return;
      for (let i = start; i < end; i++) if (!isBase58(text.charCodeAt(i))) return;
      if (!namedAsKey(text, start, end, context)) return;
      if (base58.decode(text.slice(start, end)).length === 64) report(start, end);
    });
  },
  samples: {
    positive: [
      '[162,234,29,199,8,43,216,157,119,24,124,85,41,23,51,53,246,12,49,109,197,96,17,111,93,53,156,29,87,87,110,152,159,147,66,71,233,13,182,220,251,164,96,24,181,7,123,45,171,168,66,208,71,64,149,23,247,78,255,45,237,176,149,63]',
      'SOLANA_PRIVATE_KEY=27Jdze93jp5tyf4F1CTiKagRBdRYNCv1p5UUhQon4bsMx4qGytaYthvzS7KuqC5rYTECLoJPNLq7nWt1Adz17rMp',
      {
        text: '27Jdze93jp5tyf4F1CTiKagRBdRYNCv1p5UUhQon4bsMx4qGytaYthvzS7KuqC5rYTECLoJPNLq7nWt1Adz17rMp',
        name: 'WALLET_SECRET',
      },
    ],
    negative: [
      '{"signature": "58yjoiK7qLt2J3N6nCBmCEKZPRLRGBubaVLLPvHMvRRrjfUMErSBF8cJiAMPoTBGWFsmzzcpU4bZszapA5pSytcA"}',
      'transaction 58yjoiK7qLt2J3N6nCBmCEKZPRLRGBubaVLLPvHMvRRrjfUMErSBF8cJiAMPoTBGWFsmzzcpU4bZszapA5pSytcA confirmed',
      '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]',
      '[1, 2, 3]',
    ],
  },
};

// ── WIF and extended keys (base58check) ──────────────────────────────────────────────────────

function decodesTo(text: string, check: (bytes: Uint8Array) => boolean): boolean {
  try {
    return check(base58check.decode(text));
  } catch {
    return false;
  }
}

export const WIF_PRIVATE_KEY_RULE: SecretRule = {
  kind: 'wif-private-key',
  title: 'Bitcoin WIF private key (base58check-validated)',
  severity: 'critical',
  keyMaterial: true,
  find(text, _context, report) {
    forEachRun(text, 51, isAlnum, (start, end) => {
      if (end - start > 52 || !'5KL9c'.includes(text[start] ?? '')) return;
      for (let i = start; i < end; i++) if (!isBase58(text.charCodeAt(i))) return;
      const valid = decodesTo(
        text.slice(start, end),
        (bytes) =>
          (bytes[0] === 0x80 || bytes[0] === 0xef) &&
          (bytes.length === 33 || (bytes.length === 34 && bytes[33] === 0x01)),
      );
      if (valid) report(start, end);
    });
  },
  samples: {
    positive: [
      '5JDpyQLHQMeDB4b4G4LxAYNsjfCSKjNLETZXxr2RM2xqntjryQb',
      'import L5dUfiMkxL4W8G7uuUndxk3JKiJXR3MyXVtMAmeYG29a9To69dxx into the wallet',
      'testnet: cSdLZH4gbZTpcBareEcRDfHDYndFPRaLnCkF2UsBUXWfW4BPubcs',
    ],
    negative: [
      '5JDpyQLHQMeDB4b4G4LxAYNsjfCSKjNLETZXxr2RM2xqntjryQc',
      'L5dUfiMkxL4W8G7uuUndxk3JKiJXR3MyXVtMAmeYG29a9To69dxxZ',
    ],
  },
};

const EXTENDED_PREFIXES = [
  'xprv',
  'tprv',
  'yprv',
  'zprv',
  'uprv',
  'vprv',
  'Yprv',
  'Zprv',
  'Uprv',
  'Vprv',
];

export const EXTENDED_PRIVATE_KEY_RULE: SecretRule = {
  kind: 'extended-private-key',
  title: 'BIP-32 extended private key (xprv, tprv, …; base58check-validated)',
  severity: 'critical',
  keyMaterial: true,
  minLength: 4 + 107,
  find(text, _context, report) {
    findTokens(
      text,
      { prefixes: EXTENDED_PREFIXES, body: isBase58, min: 107, max: 108, notAfter: isAlnum },
      (start, end) => {
        if (decodesTo(text.slice(start, end), (bytes) => bytes.length === 78 && bytes[45] === 0)) {
          report(start, end);
        }
      },
    );
  },
  samples: {
    positive: [
      'xprv9yd1cqsyMt4tgUXh7EPe5Vk7KiGDn8dnmwXoV4dKyvGj1RSd8qXxqq1v3Yx5DbhKgd6gsB1bZwPvvtv13Cnhr2HdasEizhn1KCfcoK32QMq',
      'tprv8gYfLHSxVp21r6nAXPxDuZeP5rFHtLGh7DRopmqjV4YGsPHM82RGZ133cUKY8PLSnp89jVp7bdg1y1sVAVyEggwie3i6KdTkzZttCwUyM2M',
    ],
    negative: [
      'xpub6Cd83QfrUNaiGSUW4ycrACMAjbta7HzK1WQKvXcEeYYrFKgWDbzpMkxfk3CGxtd2QaFeYnce5yEfDZeEXrvCWz555uFF77U85ZDAAxDwQJS',
      'xprv9yd1cqsyMt4tgUXh7EPe5Vk7KiGDn8dnmwXoV4dKyvGj1RSd8qXxqq1v3Yx5DbhKgd6gsB1bZwPvvtv13Cnhr2HdasEizhn1KCfcoK32QMr',
      'the xprv prefix',
    ],
  },
};
