import { DIMENSION } from './features.js';
import { type LinearModel, type ModelKind, sigmoid, type SparseVector } from './model.js';

/**
 * Deterministic training of the scorer's logistic regression: AdaGrad over examples in a
 * seeded order, L2-regularised, classes balanced by weight. Same examples and options, same
 * weights, bit for bit. Pure.
 */

export interface Example {
  x: SparseVector;
  /** 1 = attack, 0 = benign. */
  y: 0 | 1;
  /** Sample weight (default 1). */
  weight?: number;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength per example. */
  l2?: number;
  /** AdaGrad step size. */
  rate?: number;
  seed?: number;
  /**
   * Share of an example's n-gram entries dropped at each step (the rest scaled up to keep their
   * expected sum), so that no family's wording can carry a fit alone: the weight spreads over
   * more n-grams and onto the named features, which is what carries over to attacks of a family
   * never seen (docs/detection.md, leave-one-family-out). 0: none.
   */
  dropout?: number;
  /** The same for named features (analyzer signals, intent cues). 0: none. */
  namedDropout?: number;
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trained weights and bias (threshold chosen separately). */
export interface Fit {
  weights: Float32Array;
  bias: number;
}

export function train(examples: readonly Example[], options: TrainOptions = {}): Fit {
  const epochs = options.epochs ?? 12;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.rate ?? 0.3;
  const random = prng(options.seed ?? 7);
  const weights = new Float32Array(DIMENSION);
  const squares = new Float32Array(DIMENSION).fill(1e-8);
  let bias = 0;
  let biasSquare = 1e-8;
  const positives = examples.filter((e) => e.y === 1).reduce((s, e) => s + (e.weight ?? 1), 0);
  const negatives = examples.filter((e) => e.y === 0).reduce((s, e) => s + (e.weight ?? 1), 0);
  const total = positives + negatives;
  const classWeight = [
    negatives > 0 ? total / (2 * negatives) : 1,
    positives > 0 ? total / (2 * positives) : 1,
  ] as const;
  const order = examples.map((_, i) => i);
  const dropout = options.dropout ?? 0;
  const namedDropout = options.namedDropout ?? 0;
  const noisy = dropout > 0 || namedDropout > 0;
  let scratch = new Float32Array(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    for (const k of order) {
      const example = examples[k];
      if (!example) continue;
      const { indices, named } = example.x;
      let values = example.x.values;
      if (noisy) {
        if (scratch.length < values.length) scratch = new Float32Array(values.length * 2);
        for (let n = 0; n < values.length; n++) {
          const share = named?.[n] === 1 ? namedDropout : dropout;
          scratch[n] = share > 0 && random() < share ? 0 : (values[n] ?? 0) / (1 - share);
        }
        values = scratch;
      }
      let z = bias;
      for (let n = 0; n < indices.length; n++)
        z += (weights[indices[n] ?? 0] ?? 0) * (values[n] ?? 0);
      const p = sigmoid(z);
      const g = (p - example.y) * classWeight[example.y] * (example.weight ?? 1);
      for (let n = 0; n < indices.length; n++) {
        const i = indices[n] ?? 0;
        const wi = weights[i] ?? 0;
        const gi = g * (values[n] ?? 0) + l2 * wi;
        const sq = (squares[i] ?? 0) + gi * gi;
        squares[i] = sq;
        weights[i] = wi - (rate * gi) / Math.sqrt(sq);
      }
      biasSquare += g * g;
      bias -= (rate * g) / Math.sqrt(biasSquare);
    }
  }
  return { weights, bias };
}

/** Probability of one example under a fit. */
export function predict(fit: Fit, x: SparseVector): number {
  let z = fit.bias;
  for (let n = 0; n < x.indices.length; n++) {
    z += (fit.weights[x.indices[n] ?? 0] ?? 0) * (x.values[n] ?? 0);
  }
  return sigmoid(z);
}

export interface Calibration {
  threshold: number;
  high: number;
}

/**
 * Thresholds from out-of-fold scores: `threshold` lets at most `falseAlarms` of the benign
 * scores through (never below `floor`), `high` a fifth of that.
 */
export function calibrate(
  benignScores: readonly number[],
  falseAlarms: number,
  floor = 0.5,
): Calibration {
  const sorted = [...benignScores].sort((a, b) => b - a);
  const at = (share: number): number => {
    const allowed = Math.floor(sorted.length * share);
    const value = sorted[allowed] ?? 0;
    return Math.min(0.99, Math.max(floor, value + 1e-6));
  };
  const threshold = at(falseAlarms);
  return { threshold, high: Math.max(threshold, at(falseAlarms / 5)) };
}

/** A fitted, calibrated model. */
export function modelOf(kind: ModelKind, fit: Fit, calibration: Calibration): LinearModel {
  return { kind, weights: fit.weights, bias: fit.bias, ...calibration };
}

export { pack, unpack, type PackedModel } from './packed.js';

/** The training views of one record: its windows' vectors, and for long texts the whole. */
export interface RecordVectors {
  y: 0 | 1;
  /** One vector per window (see `windowsOf`); a record's probability is its windows' maximum. */
  windows: SparseVector[];
  /** For texts longer than one window: the vector of the whole text. */
  whole?: SparseVector;
  weight?: number;
  /**
   * The calibration group (its source): out-of-fold scores come from folds of whole groups, so
   * a threshold is set by scores of text from sources the fit never saw.
   */
  group?: string;
  /** Benign text of a real source (written by people for other purposes): see `realFalseAlarms`. */
  real?: boolean;
  /**
   * For definitions, the analyzers' evidence the model's signal is weighed with (see
   * `modelWeight` in `verdict.ts`): their combined poisoning score and whether any of their
   * signals corroborates the model. Evaluation only.
   */
  evidence?: { score: number; corroborated: boolean };
}

export interface FitOptions extends TrainOptions {
  /** Folds of the out-of-fold calibration (0: no calibration, thresholds at `floor`). */
  folds?: number;
  /**
   * `cross` (default): fit on everything, thresholds from `folds` out-of-fold fits. `split`:
   * one fit on all but one fold, thresholds from that fold (cheaper: for leave-out folds).
   */
  calibration?: 'cross' | 'split';
  /** Share of benign records allowed over the threshold on the out-of-fold scores. */
  falseAlarms: number;
  /** Share of real benign records (`real`) allowed over the threshold, out of fold. */
  realFalseAlarms?: number;
  /**
   * Share of the other benign records (look-alikes written for training, the corpus's benign
   * records) allowed over the threshold, out of fold: a large pool of easy real text lowers the
   * bar `falseAlarms` sets on all of them together.
   */
  writtenFalseAlarms?: number;
  /** Lowest threshold. */
  floor?: number;
}

/** Most windows of one benign record used in training. */
const MAX_BENIGN_WINDOWS = 8;

/**
 * Fits on records: a short text is one example; every window of a long benign text is a
 * benign example; a long attack is first learnt whole, then as its strongest window under that
 * first fit (the attack usually sits in one place of a long text).
 */
export function fitRecords(records: readonly RecordVectors[], options: TrainOptions = {}): Fit {
  const first: Example[] = [];
  for (const record of records) {
    const weight = record.weight ?? 1;
    if (record.windows.length <= 1 || record.y === 0) {
      for (const x of record.windows.slice(0, MAX_BENIGN_WINDOWS)) {
        first.push({ x, y: record.y, weight });
      }
    } else {
      first.push({
        x: record.whole ??
          record.windows[0] ?? { indices: new Int32Array(0), values: new Float32Array(0) },
        y: 1,
        weight,
      });
    }
  }
  const initial = train(first, options);
  if (!records.some((r) => r.y === 1 && r.windows.length > 1)) return initial;
  const second: Example[] = [];
  for (const record of records) {
    const weight = record.weight ?? 1;
    if (record.windows.length <= 1 || record.y === 0) {
      for (const x of record.windows.slice(0, MAX_BENIGN_WINDOWS)) {
        second.push({ x, y: record.y, weight });
      }
    } else {
      let best = record.windows[0];
      let bestP = -1;
      for (const x of record.windows) {
        const p = predict(initial, x);
        if (p > bestP) {
          bestP = p;
          best = x;
        }
      }
      if (best) second.push({ x: best, y: 1, weight });
    }
  }
  return train(second, options);
}

/** A record's probability: the maximum over its windows. */
export function predictRecord(fit: Fit, record: RecordVectors): number {
  let best = 0;
  for (const x of record.windows) best = Math.max(best, predict(fit, x));
  return best;
}

/**
 * Fits a model and chooses its thresholds on out-of-fold scores of the same records (never on
 * evaluation data): the records are dealt into `folds` folds by a seeded shuffle, each fold is
 * scored by a fit on the others, and the benign scores set the thresholds.
 */
export function fitCalibrated(
  kind: ModelKind,
  records: readonly RecordVectors[],
  options: FitOptions,
): LinearModel {
  const folds = options.folds ?? 4;
  if (folds < 2) {
    const floor = options.floor ?? 0.5;
    return modelOf(kind, fitRecords(records, options), {
      threshold: floor,
      high: Math.max(floor, 0.8),
    });
  }
  const fold = foldsOf(records, folds, (options.seed ?? 7) + 101);
  const benign: number[] = [];
  const real: number[] = [];
  const written: number[] = [];
  const score = (fit: Fit, f: number): void => {
    records.forEach((record, i) => {
      if (fold[i] !== f || record.y !== 0) return;
      const p = predictRecord(fit, record);
      benign.push(p);
      (record.real === true ? real : written).push(p);
    });
  };
  let fit: Fit;
  if (options.calibration === 'split') {
    fit = fitRecords(
      records.filter((_, i) => fold[i] !== 0),
      options,
    );
    score(fit, 0);
  } else {
    fit = fitRecords(records, options);
    for (let f = 0; f < folds; f++) {
      score(
        fitRecords(
          records.filter((_, i) => fold[i] !== f),
          options,
        ),
        f,
      );
    }
  }
  const bars = [calibrate(benign, options.falseAlarms, options.floor)];
  if (options.realFalseAlarms !== undefined && real.length > 0)
    bars.push(calibrate(real, options.realFalseAlarms, options.floor));
  if (options.writtenFalseAlarms !== undefined && written.length > 0)
    bars.push(calibrate(written, options.writtenFalseAlarms, options.floor));
  return modelOf(kind, fit, {
    threshold: Math.max(...bars.map((bar) => bar.threshold)),
    high: Math.max(...bars.map((bar) => bar.high)),
  });
}

/**
 * The fold of each record: records with a `group` are dealt by whole groups (largest first, each
 * to the fold with fewest records so far), the others by a seeded shuffle.
 */
export function foldsOf(records: readonly RecordVectors[], folds: number, seed: number): number[] {
  const random = prng(seed);
  const fold = records.map(() => Math.floor(random() * folds));
  const sizes = new Map<string, number>();
  for (const record of records) {
    if (record.group !== undefined) sizes.set(record.group, (sizes.get(record.group) ?? 0) + 1);
  }
  if (sizes.size < folds) return fold;
  const load = new Array<number>(folds).fill(0);
  const assigned = new Map<string, number>();
  const order = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [group, size] of order) {
    let best = 0;
    for (let f = 1; f < folds; f++) if ((load[f] ?? 0) < (load[best] ?? 0)) best = f;
    assigned.set(group, best);
    load[best] = (load[best] ?? 0) + size;
  }
  return records.map((record, i) =>
    record.group !== undefined ? (assigned.get(record.group) ?? 0) : (fold[i] ?? 0),
  );
}
