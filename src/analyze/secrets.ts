import type { SecretHit } from '../core/detector.js';
import {
  findNamedValue,
  KNOWN_SECRET_KIND,
  RANDOM_STRING_RULE,
  SECRET_RULES,
  SECRET_VALUE_KIND,
  secretRule,
  type RuleContext,
  type SecretMatch,
  type SecretRule,
} from './secret-rules/index.js';
import { redactSpans } from '../core/redact.js';
import { checkDeadline, type Deadline } from './deadline.js';
import { releaseAnchors } from './secret-rules/scan.js';
import type { SecretValueOptions } from './secret-rules/values.js';

/**
 * The secret engine: the one rule table (`secret-rules/`) run over a text, in linear time. The
 * scanner's detectors, the gateway's argument and output screening and the audit log all ask
 * here, so what one of them calls a secret, all of them do. Pure: no I/O, no clock.
 */

export {
  isKeyMaterial,
  isWalletKey,
  KEY_MATERIAL_KINDS,
  RANDOM_STRING_RULE,
  SECRET_RULES,
  secretRule,
} from './secret-rules/index.js';
export type { SecretMatch, SecretRule, SecretSample } from './secret-rules/index.js';
export {
  isPlaceholder,
  isSecretName,
  looksLikeSecretValue,
  nameWords,
  shannonEntropy,
} from './secret-rules/values.js';
export type { SecretValueOptions } from './secret-rules/values.js';

/** Secrets found in the texts an index was built from, and in any text made of them. */
export interface SecretIndex {
  /** Secrets in `text`: {@link findSecrets}, plus secrets found in an indexed text that recur here. */
  find(text: string): SecretHit[];
}

/**
 * Context for {@link findSecrets}: the name the text is assigned to, when there is one, how
 * random a value of a secret-named variable must look to count, and whether to mask long random
 * strings too.
 */
export interface FindSecretsOptions extends SecretValueOptions {
  /** Variable, header, flag or key name the text is the value of (`GITHUB_TOKEN`, `--api-key`). */
  name?: string;
  /** Also report long random strings (`random-string`): for the audit log, not for screening. */
  randomStrings?: boolean;
  /** When screening must be done: checked between rules (throws `ScreeningTimeout` past it). */
  deadline?: Deadline;
}

/** BIP-39 checksum checks a text may cost: a floor, then one per 64 characters. */
function checksumBudget(length: number): number {
  return 2048 + Math.ceil(length / 64);
}

function runRule(
  rule: SecretRule,
  text: string,
  context: RuleContext,
  matches: SecretMatch[],
): void {
  const { kind, severity, keyMaterial } = rule;
  rule.find(text, context, (start, end) => {
    if (end > start) matches.push({ start, end, kind, severity, keyMaterial });
  });
}

/**
 * Every secret in `text`, merged (sorted, nested hits dropped): provider tokens, private keys,
 * seed phrases and other key material, JWTs, passwords in URLs, `NAME=value` assignments with a
 * secret name and value, and (given `options.name`) the whole value of a secret-named variable.
 * Linear in the length of `text`.
 *
 * @example
 * findSecrets('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
 * // [{ start: 0, end: 89, kind: 'seed-phrase', severity: 'critical', keyMaterial: true }]
 */
export function findSecrets(text: string, options: FindSecretsOptions = {}): SecretMatch[] {
  const matches: SecretMatch[] = [];
  if (text.length < 8) return matches;
  const { name, randomStrings = false, deadline, ...thresholds } = options;
  const context: RuleContext = { name, budget: { checksums: checksumBudget(text.length) } };
  try {
    for (const rule of SECRET_RULES) {
      checkDeadline(deadline);
      if (text.length >= (rule.minLength ?? 0)) runRule(rule, text, context, matches);
    }
    // After the table, so that a more specific kind found on the same span wins in mergeHits.
    if (name !== undefined) {
      const span = findNamedValue(text, name, thresholds);
      if (span) {
        matches.push({
          start: span[0],
          end: span[1],
          kind: SECRET_VALUE_KIND,
          severity: 'high',
          keyMaterial: false,
        });
      }
    }
    if (randomStrings) {
      checkDeadline(deadline);
      runRule(RANDOM_STRING_RULE, text, context, matches);
    }
  } finally {
    // The anchors hold on to the text; let go of them whether or not the scan finished.
    releaseAnchors();
  }
  return mergeHits(matches);
}

/** {@link findSecrets} under the name existing callers use. */
export const findSecretsSync = findSecrets;

/**
 * Merges hit lists: sorted by position, hits inside another hit dropped. Of two hits on the same
 * span the one listed first wins (the sort is stable).
 */
export function mergeHits<T extends SecretHit>(...lists: readonly (readonly T[])[]): T[] {
  const all = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: T[] = [];
  for (const candidate of all) {
    const last = merged.at(-1);
    if (last && candidate.start >= last.start && candidate.end <= last.end) continue;
    merged.push({ ...candidate });
  }
  return merged;
}

const WORD_CHAR = /[A-Za-z0-9]/;

/** Where secrets found elsewhere occur in `text` as whole tokens (a command line joined from args). */
function occurrences(text: string, secrets: ReadonlySet<string>): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const secret of secrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      const end = at + secret.length;
      if (WORD_CHAR.test(text.charAt(at - 1)) || WORD_CHAR.test(text.charAt(end))) continue;
      hits.push({ start: at, end, kind: KNOWN_SECRET_KIND });
    }
  }
  return hits;
}

/**
 * Scans a batch of texts once and answers {@link SecretIndex.find} for them and for texts made
 * of them: a secret found in one (an argument) is found again where it recurs (the joined
 * command line). Async for callers that batch; the scan itself is synchronous.
 *
 * @example
 * const index = await buildSecretIndex(['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']);
 * index.find('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'); // [{ start: 0, end: 40, kind: 'github', … }]
 */
export function buildSecretIndex(texts: readonly string[]): Promise<SecretIndex> {
  const byText = new Map<string, SecretHit[]>();
  const known = new Set<string>();
  for (const text of new Set(texts)) {
    const hits = findSecrets(text);
    byText.set(text, hits);
    for (const hit of hits) {
      const secret = text.slice(hit.start, hit.end);
      if (secret.length >= 8) known.add(secret);
    }
  }
  return Promise.resolve({
    find(text: string): SecretHit[] {
      // Texts outside the batch (a server's stderr, line after line) are scanned, not kept.
      const hits = byText.get(text) ?? mergeHits(findSecrets(text), occurrences(text, known));
      return hits.map((hit) => ({ ...hit }));
    },
  });
}

/** The severity a kind's rule declares (`high` for kinds outside the table). */
export function secretSeverity(kind: string): SecretMatch['severity'] {
  return secretRule(kind)?.severity ?? 'high';
}

/** A secret found in a JSON value: where (the path of keys and indexes) and what. */
export interface ValueSecret {
  path: (string | number)[];
  match: SecretMatch;
}

/**
 * Secrets in every string of a JSON value (tool arguments, a result, a sampling message), each
 * judged with the key it is the value of as its name (`{"apiKey": "…"}`), and the value with
 * every one of them replaced by `[redacted:<kind>]`. Object keys are checked too. The input is
 * not changed; the copy shares every part that held no secret. For argument screening: a
 * caller blocks, asks or forwards the redacted copy per policy.
 *
 * @example
 * const { value, secrets } = redactSecretsInValue({ mnemonic: 'abandon … about' });
 * // value: { mnemonic: '[redacted:seed-phrase]' }; secrets[0].match.keyMaterial === true
 */
export function redactSecretsInValue(value: unknown): { value: unknown; secrets: ValueSecret[] } {
  const secrets: ValueSecret[] = [];
  const visit = (node: unknown, name: string | undefined, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      const matches = findSecrets(node, name === undefined ? {} : { name });
      if (matches.length === 0) return node;
      for (const match of matches) secrets.push({ path, match });
      return redactSpans(node, matches);
    }
    if (Array.isArray(node)) {
      const items: unknown[] = [];
      let changed = false;
      for (const [index, item] of (node as unknown[]).entries()) {
        const out = visit(item, name, [...path, index]);
        changed ||= out !== item;
        items.push(out);
      }
      return changed ? items : node;
    }
    if (typeof node === 'object' && node !== null) {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
        const safeKey = visit(key, undefined, [...path, key]) as string;
        const safeItem = visit(item, key, [...path, key]);
        changed ||= safeKey !== key || safeItem !== item;
        out[safeKey] = safeItem;
      }
      return changed ? out : node;
    }
    return node;
  };
  return { value: visit(value, undefined, []), secrets };
}
