import type { Signal } from '../signal.js';
import {
  type ContextMatches,
  contextMatches,
  type DenseFeature,
  blockSumsReused,
  denseIndex,
  DIMENSION,
  ngrams,
  ngramsFrom,
} from './features.js';
import { type NormalizedText, originSpan } from './normalize.js';

/**
 * The trained scorer's model: logistic regression over hashed features (see `features.ts`),
 * one model per kind of text, scored on overlapping windows of the normalised text (the
 * strongest wins), explained by the features and the span that drove the score. Pure; one pass
 * over the text whatever its length.
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
/** Step between windows (they overlap by half); windows are made of whole steps. */
export const STRIDE = 512;

/** `[from, to)` windows covering normalised text of `length` characters. */
export function windowsOf(length: number): [number, number][] {
  if (length <= WINDOW) return [[0, length]];
  const out: [number, number][] = [];
  for (let from = 0; ; from += STRIDE) {
    const to = Math.min(length, from + WINDOW);
    out.push([from, to]);
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
  /** Context matches, computed on first use. */
  context?: ContextMatches[];
}

function contextOf(input: ScorerInput): ContextMatches[] {
  input.context ??= contextMatches(input.normalized.text);
  return input.context;
}

/** Indices of the windows (of {@link windowsOf}, `count` of them) that hold normalised offset `at`. */
function windowsAt(at: number, count: number): [number, number] {
  if (count <= 1) return [0, 0];
  const first = Math.max(0, Math.floor((at - WINDOW) / STRIDE) + 1);
  const last = Math.min(count - 1, Math.floor(at / STRIDE));
  return [first, last];
}

/**
 * Dense features of each window of the text ({@link windowsOf}), or with `single` of one
 * window over the whole text: signals inside it, context matches in it, and the global ones.
 */
export function windowDense(input: ScorerInput, single = false): DenseFeature[][] {
  const { normalized } = input;
  const count = single ? 1 : windowsOf(normalized.text.length).length;
  // Nothing but the global features (most strings of a result): every window has just those.
  if (contextOf(input).length === 0 && !hasAnalyzerSignal(input.signals)) {
    const out: DenseFeature[][] = [];
    for (let k = 0; k < count; k++) out.push(input.global.slice());
    return out;
  }
  const strongest: Map<string, number>[] = [];
  for (let k = 0; k < count; k++) strongest.push(new Map<string, number>());
  const keep = (k: number, name: string, value: number): void => {
    const map = strongest[k];
    if (map) map.set(name, Math.max(map.get(name) ?? 0, value));
  };
  for (const signal of input.signals) {
    if (signal.kind === 'model') continue;
    const from = normalizedIndex(normalized, signal.start);
    const to = Math.max(from, normalizedIndex(normalized, signal.end) - 1);
    const first = windowsAt(from, count)[0];
    const last = windowsAt(to, count)[1];
    for (let k = first; k <= last; k++) {
      keep(k, `sig:${signal.rule}`, signal.weight);
      keep(k, `kind:${signal.kind}`, signal.weight);
    }
  }
  for (const { name, starts } of contextOf(input)) {
    // The starts are in order: a window already holding the cue is not visited again.
    let marked = -1;
    for (const at of starts) {
      const [first, last] = windowsAt(at, count);
      for (let k = Math.max(first, marked + 1); k <= last; k++) keep(k, name, 1);
      marked = Math.max(marked, last);
    }
  }
  return strongest.map((map) => {
    const out: DenseFeature[] = [...input.global];
    for (const [name, value] of map) out.push({ name, value });
    for (const [a, b] of CONJUNCTIONS) {
      if (map.has(a) && map.has(b)) out.push({ name: `and:${a}+${b}`, value: 1 });
    }
    return out;
  });
}

/** Whether any signal is an analyzer's (not the model's own). */
function hasAnalyzerSignal(signals: readonly Signal[]): boolean {
  for (const signal of signals) if (signal.kind !== 'model') return true;
  return false;
}

/**
 * Pairs of context cues that mean more together than apart (a linear model cannot learn an
 * AND): an obligation about the user, about secrets, about other tools; a secret with sending.
 */
const CONJUNCTIONS: readonly [string, string][] = [
  ['ctx:obligation', 'ctx:user-third-party'],
  ['ctx:obligation', 'ctx:secret-request'],
  ['ctx:obligation', 'ctx:other-tools'],
  ['ctx:obligation', 'ctx:sensitive-path'],
  ['ctx:obligation', 'ctx:call-a-tool'],
  ['ctx:secret-request', 'ctx:send-out'],
  ['ctx:user-third-party', 'ctx:dictated-reply'],
  ['ctx:user-third-party', 'ctx:no-confirmation'],
  ['ctx:crypto-address', 'ctx:obligation'],
];

/** Normalised offset of original offset `at` (binary search over the origin map). */
function normalizedIndex(normalized: NormalizedText, at: number): number {
  const origin = normalized.origin;
  let lo = 0;
  let hi = normalized.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((origin[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sparse feature vector (training). */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  /** 1 where the entry holds a named (dense) feature, not only n-grams (see `dropout` in training). */
  named?: Uint8Array;
}

/**
 * The scaled sparse vector of each window (what training sees; scoring computes the same dot
 * products from per-block sums).
 */
export function vectorize(input: ScorerInput, single = false): SparseVector[] {
  const length = input.normalized.text.length;
  const windows: [number, number][] = single ? [[0, length]] : windowsOf(length);
  const words = windows.map(() => new Map<number, number>());
  const chars = windows.map(() => new Map<number, number>());
  const wordCount = windows.map(() => 0);
  const charCount = windows.map(() => 0);
  const count = windows.length;
  ngrams(input.normalized.text, {
    word(index, anchor) {
      const [first, last] = windowsAt(anchor, count);
      for (let w = first; w <= last; w++) {
        const map = words[w];
        if (!map) continue;
        map.set(index, (map.get(index) ?? 0) + 1);
        wordCount[w] = (wordCount[w] ?? 0) + 1;
      }
    },
    char(index, anchor) {
      const [first, last] = windowsAt(anchor, count);
      for (let w = first; w <= last; w++) {
        const map = chars[w];
        if (!map) continue;
        map.set(index, (map.get(index) ?? 0) + 1);
        charCount[w] = (charCount[w] ?? 0) + 1;
      }
    },
  });
  const dense = windowDense(input, single);
  return windows.map((_, w) => {
    const all = new Map<number, number>();
    const named = new Set<number>();
    const wordScale = (wordCount[w] ?? 0) > 0 ? 1 / Math.sqrt(wordCount[w] ?? 1) : 0;
    const charScale = (charCount[w] ?? 0) > 0 ? 1 / Math.sqrt(charCount[w] ?? 1) : 0;
    for (const [index, count] of words[w] ?? [])
      all.set(index, (all.get(index) ?? 0) + count * wordScale);
    for (const [index, count] of chars[w] ?? [])
      all.set(index, (all.get(index) ?? 0) + count * charScale);
    for (const feature of dense[w] ?? []) {
      const index = denseIndex(feature.name);
      all.set(index, (all.get(index) ?? 0) + feature.value);
      named.add(index);
    }
    const sorted = [...all].sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(sorted, ([index]) => index),
      values: Float32Array.from(sorted, ([, value]) => value),
      named: Uint8Array.from(sorted, ([index]) => (named.has(index) ? 1 : 0)),
    };
  });
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logit of every window, from per-block sums of the n-gram weights (one pass over the text). */
export function windowLogits(
  model: LinearModel,
  input: ScorerInput,
  windows: readonly [number, number][] = windowsOf(input.normalized.text.length),
  dense: readonly (readonly DenseFeature[])[] = windowDense(input),
): number[] {
  const w = model.weights;
  const { wordSum, wordCount, charSum, charCount } = blockSumsReused(
    input.normalized.text,
    w,
    STRIDE,
  );
  return windows.map(([from, to], k) => {
    let ws = 0;
    let wc = 0;
    let cs = 0;
    let cc = 0;
    for (let b = (from / STRIDE) | 0; b * STRIDE < to; b++) {
      ws += wordSum[b] ?? 0;
      wc += wordCount[b] ?? 0;
      cs += charSum[b] ?? 0;
      cc += charCount[b] ?? 0;
    }
    let z = model.bias;
    if (wc > 0) z += ws / Math.sqrt(wc);
    if (cc > 0) z += cs / Math.sqrt(cc);
    for (const feature of dense[k] ?? []) z += (w[denseIndex(feature.name)] ?? 0) * feature.value;
    return z;
  });
}

/** The dense features of `window`, one of {@link windowsOf} (the first when it is none). */
function denseOfWindow(input: ScorerInput, [from, to]: [number, number]): DenseFeature[] {
  const windows = windowsOf(input.normalized.text.length);
  const k = Math.max(
    0,
    windows.findIndex(([a, b]) => a === from && b === to),
  );
  return windowDense(input)[k] ?? [];
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
  /** The span of the original text that drove the score (the window when not explained). */
  start: number;
  end: number;
  /** Features that pushed the score up most, strongest first (empty when not explained). */
  top: Contribution[];
}

/** Scores every window of the input; the strongest wins. */
export function scoreWindows(
  model: LinearModel,
  input: ScorerInput,
): { z: number; window: [number, number]; dense: readonly DenseFeature[] } {
  const windows = windowsOf(input.normalized.text.length);
  const dense = windowDense(input);
  const logits = windowLogits(model, input, windows, dense);
  let best = 0;
  logits.forEach((z, k) => {
    if (z > (logits[best] ?? Number.NEGATIVE_INFINITY)) best = k;
  });
  return {
    z: logits[best] ?? model.bias,
    window: windows[best] ?? [0, 0],
    dense: dense[best] ?? [],
  };
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
  /** The window's dense features, when the caller has them (see {@link windowDense}). */
  windowFeatures?: readonly DenseFeature[],
): Pick<ModelScore, 'start' | 'end' | 'top'> {
  const [from, to] = window;
  const text = input.normalized.text;
  const w = model.weights;
  const reach = Math.min(text.length, to + 5);
  const share = new Float64Array(Math.max(0, reach - from));
  const pending: { index: number; start: number; end: number; unigram: boolean }[] = [];
  const chars: { index: number; start: number; n: number }[] = [];
  // Only the window's own features: read from the word before it (its first bigram's) to the
  // few characters its n-grams read past its end.
  const offset = ngramsFrom(text, from);
  ngrams(text.slice(offset, reach), {
    word(index, anchor, start, end, unigram) {
      anchor += offset;
      if (anchor >= from && anchor < to) {
        pending.push({ index, start: start + offset, end: end + offset, unigram });
      }
    },
    char(index, anchor, n) {
      anchor += offset;
      if (anchor >= from && anchor < to) chars.push({ index, start: anchor, n });
    },
  });
  const wordScale = pending.length > 0 ? 1 / Math.sqrt(pending.length) : 0;
  const charScale = chars.length > 0 ? 1 / Math.sqrt(chars.length) : 0;
  const wordShares = new Map<string, number>();
  for (const { index, start, end, unigram } of pending) {
    const c = (w[index] ?? 0) * wordScale;
    const lo = Math.max(start, from);
    const each = c / Math.max(1, end - lo);
    for (let p = lo; p < end; p++) share[p - from] = (share[p - from] ?? 0) + each;
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
    bestTo = to - from;
  }
  // Widen to whole words.
  let a = from + bestFrom;
  let b = Math.min(reach, from + bestTo);
  while (a > from && /\w/u.test(text.charAt(a - 1))) a--;
  while (b < reach && /\w/u.test(text.charAt(b))) b++;
  const span = originSpan(input.normalized, a, b);

  const dense = (windowFeatures ?? denseOfWindow(input, window)).map((f) => ({
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

/**
 * Scores `input` with `model`; explains the strongest window when its probability reaches
 * `explainFrom` (default: always).
 */
export function scoreInput(model: LinearModel, input: ScorerInput, explainFrom = 0): ModelScore {
  const { z, window, dense } = scoreWindows(model, input);
  const probability = sigmoid(z);
  if (probability < explainFrom) {
    const span = originSpan(input.normalized, window[0], window[1]);
    return { probability, window, start: span.start, end: span.end, top: [] };
  }
  return { probability, window, ...explain(model, input, window, 6, dense) };
}

/** An all-zero model of `kind` (before training). */
export function emptyModel(kind: ModelKind): LinearModel {
  return { kind, weights: new Float32Array(DIMENSION), bias: 0, threshold: 1, high: 1 };
}
