import type { SecretHit } from '../../core/detector.js';
import type { Severity } from '../../core/severity.js';

/** A secret found in a text: the span and kind of {@link SecretHit}, how bad a leak is, and whether it is key material. */
export interface SecretMatch extends SecretHit {
  severity: Severity;
  /** A private key or seed phrase: its leak hands over funds or identities and cannot be undone by rotating a token. */
  keyMaterial: boolean;
}

/** What a rule may know about the text beyond its characters. */
export interface RuleContext {
  /** Variable, header, flag or key name the whole text is the value of (`GITHUB_TOKEN`, `--api-key`). */
  name?: string | undefined;
  /**
   * How many more BIP-39 checksum checks the text may cost (shared by the whole scan, so that
   * hostile runs of word-list words stay linear; see the mnemonic rule).
   */
  budget: { checksums: number };
}

/** A text a rule must flag (or must not), with the name it is the value of when that matters. */
export type SecretSample = string | { text: string; name: string };

/**
 * One rule of the secret table, gitleaks-style: a kind (the `[redacted:<kind>]` label and the
 * stable id), how severe a leak is, whether it is key material, a linear-time finder, and its own
 * true and false samples (the tests run every sample through the whole engine).
 */
export interface SecretRule {
  /** kebab-case, permanent: it appears in redacted text, findings and audit records. */
  kind: string;
  title: string;
  severity: Severity;
  keyMaterial: boolean;
  /**
   * Reports every [start, end) the rule finds. Must be linear in the text: no regex runs on
   * more than a bounded slice, and no position is re-read more than a bounded number of times.
   */
  find(text: string, context: RuleContext, report: (start: number, end: number) => void): void;
  /**
   * A text shorter than this holds nothing the rule reports (the engine skips the rule: most
   * strings of a structured result are shorter than most tokens).
   */
  minLength?: number;
  samples: { positive: readonly SecretSample[]; negative: readonly SecretSample[] };
}
