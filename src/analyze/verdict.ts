import type { SecretHit } from '../core/detector.js';
import type { Severity } from '../core/severity.js';
import type { ModelVerdict } from './scorer/index.js';
import type { Signal } from './signal.js';
import { isKeyMaterial } from './secret-rules/index.js';

/**
 * One place that turns signals into a judgement, shared by the definition rules (scan) and
 * the gateway's tool-result check: a combined score, a severity, and the injection verdict.
 *
 * The score is a noisy-OR over the strongest signal of each sub-rule: independent pieces of
 * evidence (a secrecy demand, a sensitive path, a send-to-URL instruction) reinforce each other,
 * while repeating one pattern does not. Weak signals (emphasis words, bare mentions of
 * "credentials") share a small budget, so a long benign description full of "IMPORTANT" and
 * "must" cannot add up to an attack on its own.
 */

/** Signals weaker than this count only within {@link WEAK_BUDGET}. */
export const WEAK_SIGNAL = 0.2;
/** Most that weak signals together add to the score. */
export const WEAK_BUDGET = 0.2;
/** Score at and above which text counts as an attack (a `medium` finding, a gateway block). */
export const INJECTION_THRESHOLD = 0.5;

/** Score bands: the lowest score of each severity. */
const BANDS: readonly [Severity, number][] = [
  ['critical', 0.9],
  ['high', 0.7],
  ['medium', INJECTION_THRESHOLD],
  ['low', 0.35],
];

/** Combined score of `signals`, 0..1. */
export function scoreSignals(signals: readonly Signal[]): number {
  const strongest = new Map<string, number>();
  for (const signal of signals) {
    strongest.set(signal.rule, Math.max(strongest.get(signal.rule) ?? 0, signal.weight));
  }
  let miss = 1;
  let weak = 0;
  for (const weight of [...strongest.values()].sort((a, b) => b - a)) {
    if (weight >= WEAK_SIGNAL) {
      miss *= 1 - Math.min(weight, 0.99);
    } else {
      const add = Math.min(weight, WEAK_BUDGET - weak);
      if (add <= 0) continue;
      weak += add;
      miss *= 1 - add;
    }
  }
  return 1 - miss;
}

/** Severity of a score; undefined below the `low` band. */
export function severityOfScore(score: number): Severity | undefined {
  return BANDS.find(([, floor]) => score >= floor - 1e-9)?.[0];
}

export interface Assessment {
  score: number;
  severity: Severity | undefined;
  /** `score >= INJECTION_THRESHOLD`. */
  malicious: boolean;
  /** The signals, strongest first. */
  signals: Signal[];
}

/**
 * Judges a set of signals (one text, or every string of one definition).
 *
 * @example
 * assessSignals(analyzeText(description)).malicious;
 */
export function assessSignals(signals: readonly Signal[]): Assessment {
  const score = scoreSignals(signals);
  return {
    score,
    severity: severityOfScore(score),
    malicious: score >= INJECTION_THRESHOLD - 1e-9,
    signals: [...signals].sort((a, b) => b.weight - a.weight || a.start - b.start),
  };
}

/** Secret hits (from `findSecretsSync` or a secret index) as signals. */
export function secretSignals(hits: readonly SecretHit[]): Signal[] {
  return hits.map((hit) => ({
    kind: 'secret',
    rule: `secret.${hit.kind}`,
    start: hit.start,
    end: hit.end,
    message: `A ${hit.kind} secret appears in the text.`,
    weight: isKeyMaterial(hit.kind) ? 0.95 : 0.8,
  }));
}

/**
 * The verdict on a tool result (or any text flowing back to the model): signals from
 * `analyzeText` plus secret hits. The gateway blocks or redacts when `malicious`.
 *
 * @example
 * const verdict = toolResultVerdict(analyzeText(text), secretIndex.find(text));
 * if (verdict.malicious) { … }
 */
export function toolResultVerdict(
  signals: readonly Signal[],
  secrets: readonly SecretHit[] = [],
): Assessment {
  return assessSignals([...signals, ...secretSignals(secrets)]);
}

/** The model's weight between its thresholds without analyzer evidence: the `low` band. */
export const UNCORROBORATED_MODEL_WEIGHT = 0.45;

/**
 * How far from its threshold towards its high threshold the model must go, without analyzer
 * evidence, to reach `medium` (0: at its threshold, 1: only at its high threshold).
 */
export const UNCORROBORATED_SHARE = 0.5;

/** Whether any analyzer signal is evidence on its own (at least {@link WEAK_SIGNAL}). */
export function corroborates(signals: readonly Signal[]): boolean {
  return signals.some((signal) => signal.weight >= WEAK_SIGNAL);
}

/** Rule id of the trained scorer's signal. */
export const MODEL_RULE = 'model.injection';

/**
 * The weight the trained scorer's verdict carries in the score: nothing below the model's
 * calibrated threshold (its own signals still count through the analyzers), the `medium` band
 * ({@link INJECTION_THRESHOLD}) at the threshold, `high` at the model's high threshold, up to
 * 0.9 at certainty. The deterministic analyzers (tag characters, ANSI conceal, decoded payloads)
 * keep their own weights, so their verdicts stand alone.
 *
 * `corroborated: false` (no analyzer signal of at least {@link WEAK_SIGNAL} on the text) keeps
 * the model alone below the `medium` band until it is {@link UNCORROBORATED_SHARE} of the way
 * to its high threshold: for definitions, where real servers the model never saw are rated as
 * attacks more often than its out-of-fold calibration says (docs/detection.md).
 */
export function modelWeight(
  verdict: Pick<ModelVerdict, 'probability' | 'threshold' | 'high'>,
  corroborated = true,
): number {
  const { probability: p, threshold, high } = verdict;
  if (p < threshold) return 0;
  if (!corroborated && p < threshold + UNCORROBORATED_SHARE * (high - threshold))
    return UNCORROBORATED_MODEL_WEIGHT;
  if (p < high)
    return (
      INJECTION_THRESHOLD +
      (0.7 - INJECTION_THRESHOLD) * ((p - threshold) / Math.max(1e-9, high - threshold))
    );
  return 0.7 + 0.2 * Math.min(1, (p - high) / Math.max(1e-9, 1 - high));
}

/**
 * The trained scorer's verdict as a signal (`model.injection`) on the span that drove it,
 * with the contributing features as its reasons; undefined below the model's threshold.
 */
export function modelSignal(
  verdict: ModelVerdict,
  span: { start: number; end: number } = verdict,
  corroborated = true,
): Signal | undefined {
  const weight = modelWeight(verdict, corroborated);
  if (weight <= 0) return undefined;
  const features = verdict.top.map((c) => c.feature);
  return {
    kind: 'model',
    rule: MODEL_RULE,
    start: span.start,
    end: span.end,
    message: `The trained scorer rates this text as an attack (p=${verdict.probability.toFixed(2)}, threshold ${verdict.threshold.toFixed(2)})${features.length > 0 ? `; driven by ${features.join(', ')}` : ''}.`,
    weight,
    model: {
      probability: Math.round(verdict.probability * 1000) / 1000,
      threshold: Math.round(verdict.threshold * 1000) / 1000,
      features,
    },
  };
}
