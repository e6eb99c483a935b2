import type { Signal } from '../signal.js';
import {
  contextFeatures,
  type DenseFeature,
  denseIndex,
  DIMENSION,
  type FeatureSink,
  ngrams,
} from './features.js';
import { type NormalizedText, originSpan } from './normalize.js';

/**
 * The trained scorer's model: logistic regression over hashed features (see `features.ts`),
 * one model per kind of text, scored on sliding windows of the normalised text (the maximum
 * wins), explained by the features and the span that drove the score. Pure.
 */

/** `definition`: a tool, prompt, resource or server instructions; `content`: a tool result or other data. */
export type ModelKind = 'definition' | 'content';

export interface LinearModel {
  kind: ModelKind;
  /** One weight per hashed feature ({@link DIMENSION}). */
  weights: Float32Array;
  bias: number;
  /** Probability at and above which text counts as an attack, chosen on training folds. */
  threshold: number;
  /** Probability at and above which the verdict is `high` (fewer false alarms than `threshold`). */
  high: number;
}

/** Characters of normalised text scored at once; longer texts are scored window by window. */
export const WINDOW = 1024;
/** Step between windows (they overlap by half). */
export const STRIDE = 512;

/** `[from, to)` windows covering normalised text of `length` characters. */
export function windowsOf(length: number): [number, number][] {
  if (length <= WINDOW) return [[0, length]];
  const out: [number, number][] = [];
  for (let from = 0; ; from += STRIDE) {
    const to = Math.min(length, from + WINDOW);
    out.push([to - WINDOW, to]);
    if (to === length) return out;
  }
}

/** What the scorer is given besides the text. */
export interface ScorerInput {
  normalized: NormalizedText;
  /** Analyzer signals, spans in the original text; model signals are ignored. */
  signals: readonly Signal[];
  /** Features of the whole text (normalisation, scope). */
  global: readonly DenseFeature[];
}

/** Dense features of one window: signals inside it, its context, and the global ones. */
export function windowDense(input: ScorerInput, from: number, to: number): DenseFeature[] {
  const { normalized } = input;
  const span = originSpan(normalized, from, to);
  const strongest = new Map<string, number>();
  const keep = (name: string, value: number): void => {
    strongest.set(name, Math.max(strongest.get(name) ?? 0, value));
  };
  for (const signal of input.signals) {
    if (signal.kind === 'model') continue;
    if (signal.end <= span.start || signal.start >= span.end) {
      // An empty window (empty text) still sees signals on the whole input.
      if (from !== to) continue;
    }
    keep(`sig:${signal.rule}`, signal.weight);
    keep(`kind:${signal.kind}`, signal.weight);
  }
  const out: DenseFeature[] = [...input.global];
  for (const [name, value] of strongest) out.push({ name, value });
  out.push(...contextFeatures(normalized.text.slice(from, to)));
  return out;
}

/** A sparse feature vector (training). */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The scaled sparse vector of one window (what training sees; scoring computes the same dot product). */
export function vectorize(input: ScorerInput, from: number, to: number): SparseVector {
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const sink: FeatureSink = {
    word(index) {
      words.set(index, (words.get(index) ?? 0) + 1);
    },
    char(index) {
      chars.set(index, (chars.get(index) ?? 0) + 1);
    },
  };
  const counts = ngrams(input.normalized.text, from, to, sink);
  const all = new Map<number, number>();
  const wordScale = counts.words > 0 ? 1 / Math.sqrt(counts.words) : 0;
  const charScale = counts.chars > 0 ? 1 / Math.sqrt(counts.chars) : 0;
  for (const [index, count] of words) all.set(index, (all.get(index) ?? 0) + count * wordScale);
  for (const [index, count] of chars) all.set(index, (all.get(index) ?? 0) + count * charScale);
  for (const feature of windowDense(input, from, to)) {
    const index = denseIndex(feature.name);
    all.set(index, (all.get(index) ?? 0) + feature.value);
  }
  const indices = new Int32Array(all.size);
  const values = new Float32Array(all.size);
  let k = 0;
  for (const [index, value] of [...all].sort((a, b) => a[0] - b[0])) {
    indices[k] = index;
    values[k] = value;
    k++;
  }
  return { indices, values };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logit of one window. */
export function windowLogit(
  model: LinearModel,
  input: ScorerInput,
  from: number,
  to: number,
): number {
  const w = model.weights;
  let wordSum = 0;
  let charSum = 0;
  const sink: FeatureSink = {
    word(index) {
      wordSum += w[index] ?? 0;
    },
    char(index) {
      charSum += w[index] ?? 0;
    },
  };
  const counts = ngrams(input.normalized.text, from, to, sink);
  let z = model.bias;
  if (counts.words > 0) z += wordSum / Math.sqrt(counts.words);
  if (counts.chars > 0) z += charSum / Math.sqrt(counts.chars);
  for (const feature of windowDense(input, from, to)) {
    z += (w[denseIndex(feature.name)] ?? 0) * feature.value;
  }
  return z;
}

/** One feature's share of a score. */
export interface Contribution {
  /** `"ignore previous"` (a word or word pair), `sig:directive.ignore-previous`, `ctx:authority`. */
  feature: string;
  /** Its share of the logit. */
  weight: number;
}

export interface ModelScore {
  probability: number;
  /** The scored window, normalised offsets. */
  window: [number, number];
  /** The span of the original text that drove the score. */
  start: number;
  end: number;
  /** Features that pushed the score up most, strongest first. */
  top: Contribution[];
}

/** Scores every window of the input; the strongest wins. */
export function scoreWindows(
  model: LinearModel,
  input: ScorerInput,
): { z: number; window: [number, number] } {
  let best = Number.NEGATIVE_INFINITY;
  let window: [number, number] = [0, 0];
  for (const [from, to] of windowsOf(input.normalized.text.length)) {
    const z = windowLogit(model, input, from, to);
    if (z > best) {
      best = z;
      window = [from, to];
    }
  }
  return { z: best, window };
}

/**
 * Why a window scored as it did: per-character contributions (each n-gram's share spread over
 * the characters it covers), the contiguous span with the largest positive sum, and the word
 * features and dense features that added most.
 */
export function explain(
  model: LinearModel,
  input: ScorerInput,
  window: [number, number],
  max = 6,
): Pick<ModelScore, 'start' | 'end' | 'top'> {
  const [from, to] = window;
  const text = input.normalized.text;
  const w = model.weights;
  const share = new Float64Array(Math.max(0, to - from));
  const wordShares = new Map<string, number>();
  const pending: { index: number; start: number; end: number; unigram: boolean }[] = [];
  const chars: { index: number; start: number; n: number }[] = [];
  const counts = ngrams(text, from, to, {
    word(index, start, end, unigram) {
      pending.push({ index, start, end, unigram });
    },
    char(index, start, n) {
      chars.push({ index, start, n });
    },
  });
  const wordScale = counts.words > 0 ? 1 / Math.sqrt(counts.words) : 0;
  const charScale = counts.chars > 0 ? 1 / Math.sqrt(counts.chars) : 0;
  for (const { index, start, end, unigram } of pending) {
    const c = (w[index] ?? 0) * wordScale;
    const each = c / (end - start);
    for (let p = start; p < end; p++) share[p - from] = (share[p - from] ?? 0) + each;
    const name = unigram ? text.slice(start, end) : text.slice(start, end).replace(/\W+/gu, ' ');
    wordShares.set(name, (wordShares.get(name) ?? 0) + c);
  }
  for (const { index, start, n } of chars) {
    const each = ((w[index] ?? 0) * charScale) / n;
    for (let p = start; p < start + n; p++) share[p - from] = (share[p - from] ?? 0) + each;
  }
  // Kadane: the contiguous run of characters that adds most.
  let bestSum = 0;
  let bestFrom = 0;
  let bestTo = 0;
  let sum = 0;
  let runFrom = 0;
  for (let i = 0; i < share.length; i++) {
    if (sum <= 0) {
      sum = 0;
      runFrom = i;
    }
    sum += share[i] ?? 0;
    if (sum > bestSum) {
      bestSum = sum;
      bestFrom = runFrom;
      bestTo = i + 1;
    }
  }
  if (bestTo === 0) {
    bestFrom = 0;
    bestTo = share.length;
  }
  // Widen to whole words.
  let a = from + bestFrom;
  let b = from + bestTo;
  while (a > from && /\w/u.test(text.charAt(a - 1))) a--;
  while (b < to && /\w/u.test(text.charAt(b))) b++;
  const span = originSpan(input.normalized, a, b);

  const dense = windowDense(input, from, to).map((f) => ({
    feature: f.name,
    weight: (w[denseIndex(f.name)] ?? 0) * f.value,
  }));
  const words = [...wordShares].map(([feature, weight]) => ({ feature: `"${feature}"`, weight }));
  const top = [...dense, ...words]
    .filter((c) => c.weight > 0)
    .sort((x, y) => y.weight - x.weight || x.feature.localeCompare(y.feature))
    .slice(0, max)
    .map((c) => ({ feature: c.feature, weight: Math.round(c.weight * 1000) / 1000 }));
  return { start: span.start, end: span.end, top };
}

/** Scores `input` with `model` and explains the strongest window. */
export function scoreInput(model: LinearModel, input: ScorerInput): ModelScore {
  const { z, window } = scoreWindows(model, input);
  const probability = sigmoid(z);
  return { probability, window, ...explain(model, input, window) };
}

/** An all-zero model of `kind` (before training). */
export function emptyModel(kind: ModelKind): LinearModel {
  return { kind, weights: new Float32Array(DIMENSION), bias: 0, threshold: 1, high: 1 };
}
