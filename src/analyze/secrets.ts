import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretHit } from '../core/detector.js';
import { matchesOf, registerRegexes } from './prefilter.js';

/**
 * Secrets in text: secretlint's recommended preset (run once, in a batch, before the detectors)
 * plus our own synchronous patterns for what the preset lacks. Pure: no I/O, no clock.
 */

/** Secrets found in the texts an index was built from, and in any text made of them. */
export interface SecretIndex {
  /**
   * Secrets in `text`: secretlint's hits when the text was indexed (or contains a secret found
   * in an indexed text), merged with {@link findSecretsSync}. Synchronous, as
   * `DetectorServices.findSecrets` requires.
   */
  find(text: string): SecretHit[];
}

export interface SecretValueOptions {
  /** Shortest value that counts (default 8). */
  minLength?: number;
  /** Least Shannon entropy in bits per character (default 2.5). */
  minEntropy?: number;
}

/**
 * Context for {@link findSecretsSync}: the name the text is assigned to, when there is one, and
 * how random a value of a secret-named variable must look to count.
 */
export interface FindSecretsOptions extends SecretValueOptions {
  /** Variable, header, flag or key name the text is the value of (`GITHUB_TOKEN`, `--api-key`). */
  name?: string;
}

/** Bits of Shannon entropy per character of `text` (0 for the empty string). */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  let length = 0;
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    length++;
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Splits `GITHUB_TOKEN`, `x-api-key`, `azureClientSecret`, `--api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
}

/** Words that make a name secret on their own, also as the end of a compound (`GITHUBTOKEN`). */
const SECRET_WORDS = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'authtoken',
  'mnemonic',
];
const SECRET_EXACT_WORDS = new Set([
  'pwd',
  'pat',
  'auth',
  'authorization',
  'bearer',
  'jwt',
  'cookie',
  'creds',
]);
/** Words before `key` that do not make it a secret (`PUBLIC_KEY`, `SORT_KEY`). */
const NEUTRAL_KEY_WORDS = new Set([
  'public',
  'pub',
  'primary',
  'sort',
  'partition',
  'foreign',
  'cache',
  'idempotency',
  'routing',
  'lookup',
  'map',
  'index',
  'shortcut',
  'hot',
  'object',
  'row',
  'group',
  'dedup',
  'dedupe',
  'unique',
]);
/** Last words that make a name a setting *about* a secret rather than the secret. */
const NON_SECRET_SUFFIXES = new Set([
  'limit',
  'limits',
  'max',
  'min',
  'count',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'folder',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'mode',
  'type',
  'method',
  'provider',
  'name',
  'user',
  'username',
  'header',
  'prefix',
  'suffix',
  'length',
  'size',
  'ttl',
  'timeout',
  'expiry',
  'expires',
  'expiration',
  'enabled',
  'disabled',
  'enable',
  'disable',
  'required',
  'env',
  'var',
  'id',
  'ids',
  'format',
  'location',
  'field',
  'param',
  'scope',
  'scopes',
  'kind',
  'version',
  'algorithm',
  'alg',
  'cmd',
  'command',
  'helper',
  'store',
  'budget',
  'usage',
  'rate',
  'threshold',
  'strategy',
  'source',
  'issuer',
  'audience',
  'domain',
  'server',
  'region',
  'length',
  'policy',
  'rotation',
  'refresh',
]);
const NON_SECRET_PREFIXES = new Set(['max', 'min', 'num', 'count', 'total']);

/**
 * Whether a variable, header or flag name says its value is a credential.
 *
 * @example
 * isSecretName('GITHUB_PERSONAL_ACCESS_TOKEN'); // true
 * isSecretName('MAX_TOKENS'); // false
 * isSecretName('PASSWORD_FILE'); // false
 */
export function isSecretName(name: string): boolean {
  let words = nameWords(name);
  if (words[0] === 'x' && words.length > 1) words = words.slice(1);
  const last = words.at(-1);
  const first = words[0];
  if (last === undefined || first === undefined) return false;
  if (NON_SECRET_SUFFIXES.has(last) || NON_SECRET_PREFIXES.has(first)) return false;
  for (const [index, word] of words.entries()) {
    if (SECRET_EXACT_WORDS.has(word)) return true;
    if (SECRET_WORDS.some((secret) => word === secret || word.endsWith(secret))) return true;
    if (word === 'key' && index > 0) {
      const before = words[index - 1] ?? '';
      if (!NEUTRAL_KEY_WORDS.has(before) && words[index + 1] !== 'id') return true;
    }
    if (word === 'seed' && (words[index + 1] === 'phrase' || words[index + 1] === 'words')) {
      return true;
    }
  }
  return false;
}

const PLACEHOLDER_EXACT =
  /^(?:x+|\*+|\.+|…|-+|_+|0+|#+|changeme|change[-_ ]?me|replace[-_ ]?me|password|passwd|pass|secret|token|api[-_]?key|key|example|sample|dummy|fake|test|testing|placeholder|none|null|nil|undefined|empty|todo|tbd|fixme|redacted|hidden|masked|n\/a|na|default|true|false|your|mine|foo|bar|foobar|abc|abc123|123456|1234|12345678)$/i;
const PLACEHOLDER_MARKERS =
  /your[-_ ]?|xxxx|\*\*\*|\.\.\.|…|replace[-_ ]?(?:me|with|this)|insert[-_ ]|enter[-_ ]|[-_]here$|^here$|example|placeholder|changeme|change[-_]me|dummy|redacted|<[^<>]*>|password|secret/i;
/** `${VAR}`, `${env:VAR}`, `${input:id}`, `{env:VAR}`, `{{var}}`, `$VAR`, `%VAR%`, `{var}`. */
const REFERENCE =
  /\$\{[^}]*\}|\{\{[^}]*\}\}|\{env:[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{[A-Za-z_][\w.:-]*\}/g;

/**
 * Whether a value is a placeholder or a reference to a secret kept elsewhere rather than a
 * secret: `<your-token>`, `${env:GITHUB_TOKEN}`, `${input:token}`, `{env:X}`, `$VAR`, `xxx`,
 * `changeme`, `your_api_key_here`, the empty string.
 */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (PLACEHOLDER_EXACT.test(text)) return true;
  const withoutReferences = text.replace(REFERENCE, '');
  if (
    withoutReferences !== text &&
    withoutReferences.replace(/^(?:bearer|basic|token)\s+/i, '').length < 8
  ) {
    return true;
  }
  if (PLACEHOLDER_MARKERS.test(text)) return true;
  // Few distinct characters: `aaaaaaaa`, `11111111`, `abababab`.
  if (new Set(text).size <= 3) return true;
  return false;
}

const AUTH_SCHEME = /^(?:bearer|token|basic|apikey|api-key)\s+/i;

/**
 * Whether a value, taken as a whole, looks like a credential rather than a setting: not a
 * placeholder, path, URL, number, boolean or plain word, long enough and random enough.
 */
export function looksLikeSecretValue(value: string, options: SecretValueOptions = {}): boolean {
  const { minLength = 8, minEntropy = 2.5 } = options;
  const text = value.trim().replace(AUTH_SCHEME, '');
  if (text.length < minLength || /\s/.test(text)) return false;
  if (isPlaceholder(text)) return false;
  if (/^(?:true|false|yes|no|on|off|enabled|disabled|null|none)$/i.test(text)) return false;
  if (/^[+-]?\d+(?:[.,:]\d+)*$/.test(text)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false;
  if (/^(?:~|\.{1,2})?[/\\]/.test(text) || /^[A-Za-z]:[/\\]/.test(text)) return false;
  if (/\.(?:json|pem|key|p12|pfx|crt|cer|txt|env|ya?ml|toml|ini|conf|cfg)$/i.test(text))
    return false;
  // A plain word or phrase: `production`, `read-only`, `us-east-1`.
  if (/^[a-z]+(?:[-_.][a-z0-9]+)*$/.test(text)) return false;
  return shannonEntropy(text) >= minEntropy;
}

function hit(start: number, end: number, kind: string): SecretHit {
  return { start, end, kind };
}

/** Provider token formats the recommended preset does not cover. Keyword first, then regex. */
const PROVIDER_PATTERNS: readonly { kind: string; keywords: readonly string[]; pattern: RegExp }[] =
  [
    {
      kind: 'stripe',
      keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
      pattern: /(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9])/g,
    },
    {
      kind: 'tailscale',
      keywords: ['tskey-'],
      pattern: /(?<![A-Za-z])tskey-[a-z]+-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}(?![A-Za-z0-9])/g,
    },
    {
      kind: 'cloudflare',
      keywords: ['cfat_', 'cfut_', 'cfk_'],
      pattern: /(?<![A-Za-z0-9_])cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8}(?![A-Za-z0-9])/g,
    },
    {
      kind: 'google-api-key',
      keywords: ['AIza'],
      pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    },
    // Formats secretlint's preset also knows: here too because the gateway screens tool output
    // synchronously, where secretlint (async) cannot run.
    {
      kind: 'github',
      keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
      pattern:
        /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    },
    {
      kind: 'anthropic',
      keywords: ['sk-ant-'],
      pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/g,
    },
    {
      kind: 'openai',
      keywords: ['sk-'],
      pattern:
        /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?(?!ant-)[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
    },
    {
      kind: 'aws-access-key-id',
      keywords: ['AKIA', 'ASIA'],
      pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    },
    {
      kind: 'slack',
      keywords: ['xox', 'hooks.slack.com'],
      pattern:
        /(?<![A-Za-z0-9-])xox[abposr]-(?:\d+-)+[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
    },
    {
      kind: 'npm',
      keywords: ['npm_'],
      pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
    },
    {
      kind: 'gitlab',
      keywords: ['glpat-'],
      pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    },
    {
      kind: 'sendgrid',
      keywords: ['SG.'],
      pattern: /(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    },
    {
      kind: 'pypi',
      keywords: ['pypi-'],
      pattern: /(?<![A-Za-z0-9])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
    },
  ];

registerRegexes(...PROVIDER_PATTERNS.map(({ pattern }) => pattern));

const PRIVATE_KEY_BLOCK =
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)(?:-----END \1PRIVATE KEY(?: BLOCK)?-----|$)/g;
const JWT =
  /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g;
const URL_USERINFO = /\b[a-z][a-z0-9+.-]{0,30}:\/\/([^\s:/@?#'"<>]+)(?::([^\s/@?#'"<>]*))?@/gi;
const ASSIGNMENT =
  /(?<![\w-])(-{0,2}[A-Za-z_][\w.-]{0,63}?)["']?\s*(?::=|=>|=|:)\s*["']?((?:bearer|basic|token)\s+)?([^\s"'&;,<>(){}[\]`?#]+)/gi;
const HEX_KEY = /(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])/g;
const MNEMONIC = /(?<![A-Za-z][ \t]*)[a-z]{3,8}(?:[ \t]+[a-z]{3,8}){11,23}(?![ \t]*[A-Za-z])/g;
const MNEMONIC_LENGTHS = new Set([12, 15, 18, 21, 24]);
/** Common English words that are not in the BIP-39 list: a sentence, not a seed phrase. */
const NOT_BIP39 = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'your',
  'are',
  'was',
  'were',
  'has',
]);
const KEY_CONTEXT = /priv|secret|key|mnemonic|seed|wallet|phrase|recovery/i;
const NOT_KEY_CONTEXT =
  /public|pub_?key|hash|sha\d*|digest|checksum|commit|integrity|address|txid|tx_?hash/i;

function contextBefore(text: string, index: number, name: string | undefined): string {
  return `${name ?? ''} ${text.slice(Math.max(0, index - 48), index)}`;
}

function findPrivateKeys(text: string, hits: SecretHit[]): void {
  if (!text.includes('PRIVATE KEY')) return;
  for (const match of text.matchAll(PRIVATE_KEY_BLOCK)) {
    const body = (match[2] ?? '').replace(/\\[nrt]|\s/g, '');
    const base64 =
      body.replace(/^(?:[A-Za-z-]+:[^\n]*)+/, '').match(/[A-Za-z0-9+/=]/g)?.length ?? 0;
    if (base64 < 64 || isPlaceholder(body.slice(0, 16))) continue;
    hits.push(hit(match.index, match.index + match[0].length, 'private-key'));
  }
}

function findAssignments(text: string, hits: SecretHit[], options: SecretValueOptions): void {
  if (!/[=:]/.test(text)) return;
  // Names repeat (JSON keys): each is judged once.
  const secretNames = new Map<string, boolean>();
  for (const match of text.matchAll(ASSIGNMENT)) {
    const name = match[1] ?? '';
    const value = match[3] ?? '';
    let secretName = secretNames.get(name);
    if (secretName === undefined) {
      secretName = isSecretName(name);
      secretNames.set(name, secretName);
    }
    if (!secretName || !looksLikeSecretValue(value, options)) continue;
    const start = match.index + match[0].length - value.length;
    hits.push(hit(start, start + value.length, 'secret-assignment'));
  }
}

function findUrlCredentials(text: string, hits: SecretHit[]): void {
  if (!text.includes('://') || !text.includes('@')) return;
  for (const match of text.matchAll(URL_USERINFO)) {
    const user = match[1] ?? '';
    const password = match[2];
    const userStart = match.index + match[0].indexOf('://') + 3;
    if (password === undefined || password === '') {
      // `https://<token>@host`: only a long random user part counts.
      if (looksLikeSecretValue(user, { minLength: 20, minEntropy: 3.5 })) {
        hits.push(hit(userStart, userStart + user.length, 'url-credentials'));
      }
      continue;
    }
    if (password === user || password.length < 4 || isPlaceholder(password)) continue;
    if (/^\$|^%|^\{/.test(password)) continue;
    const start = userStart + user.length + 1;
    hits.push(hit(start, start + password.length, 'url-password'));
  }
}

/**
 * Maximal runs of at least `min` characters `isMember` accepts, in order. Reads one character in
 * `min` where runs are short: a run that long must cover the character `min` − 1 places ahead.
 */
function runsOf(
  text: string,
  min: number,
  isMember: (code: number) => boolean,
): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i + min - 1 < text.length) {
    const probe = i + min - 1;
    if (!isMember(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && isMember(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < text.length && isMember(text.charCodeAt(end))) end++;
    if (end - start >= min) runs.push([start, end]);
    i = end + 1;
  }
  return runs;
}

const isHexDigit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** What a seed phrase is made of: lower-case letters, spaces and tabs. */
const isPhraseChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c === 0x20 || c === 0x09;
/** The shortest seed phrase: twelve words of three letters and the eleven gaps between them. */
const MIN_PHRASE = 12 * 3 + 11;

/**
 * The matches of {@link MNEMONIC}, as `text.matchAll(MNEMONIC)` finds them, looking only inside
 * runs of lower-case letters, spaces and tabs long enough to hold one (each run read with the
 * character after it, which the lookahead tests; the lookbehind sees the text before).
 */
function* mnemonics(text: string): Generator<RegExpExecArray> {
  const scanner = new RegExp(MNEMONIC.source, MNEMONIC.flags);
  for (const [start, end] of runsOf(text, MIN_PHRASE, isPhraseChar)) {
    const head = text.slice(0, end + 1);
    scanner.lastIndex = start;
    for (let match = scanner.exec(head); match !== null; match = scanner.exec(head)) yield match;
  }
}

function findKeyMaterial(text: string, name: string | undefined, hits: SecretHit[]): void {
  const hasContext = KEY_CONTEXT.test(text) || (name !== undefined && KEY_CONTEXT.test(name));
  if (!hasContext) return;
  // `/[0-9a-fA-F]{64}/.test(text)`, without trying 64 characters at every hex digit.
  if (runsOf(text, 64, isHexDigit).length > 0) {
    for (const match of text.matchAll(HEX_KEY)) {
      const context = contextBefore(text, match.index, name);
      const hex = match[0].replace(/^0x/, '');
      if (!KEY_CONTEXT.test(context) || NOT_KEY_CONTEXT.test(context)) continue;
      if (shannonEntropy(hex) < 3) continue;
      hits.push(hit(match.index, match.index + match[0].length, 'hex-private-key'));
    }
  }
  for (const match of mnemonics(text)) {
    const words = match[0].split(/[ \t]+/);
    if (!MNEMONIC_LENGTHS.has(words.length)) continue;
    if (words.some((word) => NOT_BIP39.has(word))) continue;
    if (!KEY_CONTEXT.test(contextBefore(text, match.index, name))) continue;
    hits.push(hit(match.index, match.index + match[0].length, 'seed-phrase'));
  }
}

/**
 * Secrets secretlint's recommended preset misses, synchronously: private key blocks, JWTs, a few
 * provider token formats, passwords in URLs, `NAME=value` assignments with a secret-looking name
 * and value, 64-hex private keys and seed phrases where the context names a key, and (given
 * `options.name`) a whole value assigned to a secret-named variable or header.
 *
 * @example
 * findSecretsSync('abandon ability able about above absent absorb abstract absurd abuse access accident', { name: 'MNEMONIC' });
 * // [{ start: 0, end: 86, kind: 'seed-phrase' }]
 */
export function findSecretsSync(text: string, options: FindSecretsOptions = {}): SecretHit[] {
  const hits: SecretHit[] = [];
  if (text.length < 8) return hits;
  const { name, ...thresholds } = options;
  findPrivateKeys(text, hits);
  if (text.includes('eyJ')) {
    for (const match of text.matchAll(JWT)) {
      hits.push(hit(match.index, match.index + match[0].length, 'jwt'));
    }
  }
  for (const { kind, keywords, pattern } of PROVIDER_PATTERNS) {
    // The keyword pre-filter, checked once the pattern matched (the same hits): most patterns
    // match nothing, and `text.includes` scans all of it for a keyword it lacks.
    let gated = false;
    for (const match of matchesOf(pattern, text)) {
      if (!gated) {
        const found = (keyword: string): boolean => match[0].includes(keyword);
        if (!keywords.some(found) && !keywords.some((keyword) => text.includes(keyword))) break;
        gated = true;
      }
      hits.push(hit(match.index, match.index + match[0].length, kind));
    }
  }
  findUrlCredentials(text, hits);
  findAssignments(text, hits, {});
  findKeyMaterial(text, name, hits);
  // Last, so that a more specific kind found on the same span wins in mergeHits.
  if (name !== undefined && isSecretName(name) && looksLikeSecretValue(text, thresholds)) {
    const trimmed = text.trim();
    const scheme = AUTH_SCHEME.exec(trimmed)?.[0].length ?? 0;
    const start = text.indexOf(trimmed);
    hits.push(hit(start + scheme, start + trimmed.length, 'secret-value'));
  }
  return mergeHits(hits);
}

/**
 * Merges hit lists: sorted by position, hits inside another hit dropped. Of two hits on the same
 * span the one listed first wins (the sort is stable).
 */
export function mergeHits(...lists: readonly (readonly SecretHit[])[]): SecretHit[] {
  const all = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretHit[] = [];
  for (const candidate of all) {
    const last = merged.at(-1);
    if (last && candidate.start >= last.start && candidate.end <= last.end) continue;
    merged.push({ ...candidate });
  }
  return merged;
}

const SECRETLINT_CONFIG = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

/** Breaks `secretlint-disable` comments so that one text cannot switch off the whole batch. */
function neutralize(text: string): string {
  return text.replaceAll('secretlint-', 'secretlint_');
}

function shortRuleId(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

/**
 * Runs secretlint's recommended preset once over all `texts` (joined into one source, ranges
 * mapped back) and returns an index that answers {@link SecretIndex.find} synchronously.
 *
 * @example
 * const index = await buildSecretIndex(['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']);
 * index.find('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'); // [{ start: 0, end: 40, kind: 'github' }]
 */
export async function buildSecretIndex(texts: readonly string[]): Promise<SecretIndex> {
  const unique = [...new Set(texts)].filter((text) => text.length > 0);
  const offsets: number[] = [];
  let content = '';
  for (const text of unique) {
    offsets.push(content.length);
    content += `${neutralize(text)}\n`;
  }
  const byText = new Map<string, SecretHit[]>(unique.map((text) => [text, []]));
  const known = new Set<string>();
  if (content !== '') {
    const result = await lintSource({
      source: { content, filePath: 'mcp-warden-secrets.txt', contentType: 'text' },
      options: { config: SECRETLINT_CONFIG, noPhysicFilePath: true },
    });
    for (const message of result.messages) {
      const [start, end] = message.range;
      const index = lastAtOrBefore(offsets, start);
      const text = unique[index];
      const offset = offsets[index];
      if (text === undefined || offset === undefined) continue;
      const localStart = start - offset;
      const localEnd = Math.min(end - offset, text.length);
      if (localEnd <= localStart) continue;
      const kind = shortRuleId(message.ruleId);
      const secret = text.slice(localStart, localEnd);
      if (PLACEHOLDER_TOKEN.test(secret)) continue;
      if (URL_RULES.has(kind) && !urlCredentialsAreReal(secret)) continue;
      byText.get(text)?.push(hit(localStart, localEnd, kind));
      if (secret.length >= 8) known.add(secret);
    }
  }
  const cache = new Map<string, SecretHit[]>();
  return {
    find(text: string): SecretHit[] {
      const cached = cache.get(text);
      if (cached) return cached.map((h) => ({ ...h }));
      const fromLint = byText.get(text) ?? occurrences(text, known);
      const hits = mergeHits(fromLint, findSecretsSync(text));
      cache.set(text, hits);
      return hits.map((h) => ({ ...h }));
    },
  };
}

const WORD_CHAR = /[A-Za-z0-9]/;

/** Where secrets found elsewhere occur in `text` as whole tokens (a command line joined from args). */
function occurrences(text: string, secrets: ReadonlySet<string>): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const secret of secrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      const end = at + secret.length;
      if (WORD_CHAR.test(text.charAt(at - 1)) || WORD_CHAR.test(text.charAt(end))) continue;
      hits.push(hit(at, end, 'known-secret'));
    }
  }
  return hits;
}

/** Placeholder markers inside a token secretlint matched by its prefix (`xoxb-your-bot-token`). */
const PLACEHOLDER_TOKEN =
  /your[-_ ]|xxxx|\*\*\*|\.\.\.|…|<[^<>]*>|replace[-_]?me|changeme|placeholder|dummy|redacted|insert[-_]/i;

/** secretlint rules that report whole URLs; they let `postgres:postgres@` through. */
const URL_RULES = new Set(['basicauth', 'database-connection-string']);

function urlCredentialsAreReal(url: string): boolean {
  const match = /:\/\/([^\s:/@]*):([^\s/@]*)@/.exec(url);
  if (!match) return true;
  const [, user = '', password = ''] = match;
  return password !== user && !/^(?:\$|%|\{)/.test(password);
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sorted[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
