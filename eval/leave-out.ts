import { performance } from 'node:perf_hooks';
import type { LinearModel } from '../src/analyze/scorer/index.js';
import { predictRecord, type RecordVectors } from '../src/analyze/scorer/train.js';
import { INJECTION_THRESHOLD, modelWeight } from '../src/analyze/verdict.js';
import {
  fitPopulation,
  type Population,
  sourceGroup,
  trainable,
  type TrainingRecord,
} from '../train/dataset.js';

/**
 * Leave-one-out evaluation of the trained scorer: for each attack family (LOFO) or source
 * (LOSO), retrain without it, choose thresholds on the remaining data only, and measure on what
 * was left out. A record counts as flagged when the deterministic analyzers flagged it (their
 * verdict, computed once without any model) or the retrained model's probability reaches its
 * threshold, weighed with the analyzers' evidence as `verdict.ts` weighs it ({@link modelFlags}).
 */

export interface LeaveOutRow {
  population: Population;
  /** The family or source left out. */
  heldOut: string;
  attacks: number;
  /** Attacks flagged by the analyzers or the retrained model. */
  detected: number;
  /** Attacks flagged by the retrained model alone. */
  modelDetected: number;
  benign: number;
  falseAlarms: number;
  threshold: number;
  seconds: number;
}

export interface LeaveOutOptions {
  /** Analyzer verdicts (no model) by record id. */
  analyzerFlag: ReadonlyMap<string, boolean>;
  vectors: ReadonlyMap<string, RecordVectors>;
  /** Groups smaller than this are pooled into `other (n<k)`. */
  minGroup?: number;
  epochs?: number;
  folds?: number;
  calibration?: 'cross' | 'split';
  /** Only these groups are left out (default: every group). */
  only?: readonly string[];
  log?: (line: string) => void;
}

function groupOf(record: TrainingRecord, by: 'family' | 'source'): string {
  return by === 'family' ? record.family : sourceGroup(record);
}

/**
 * Whether the retrained model makes the record a threat as the product would: for a definition
 * its signal is weighed with the analyzers' evidence (`modelWeight`: alone, without a
 * corroborating analyzer signal, it stays below `medium` until its high threshold); for content
 * it is a `medium` signal at its threshold.
 */
export function modelFlags(model: LinearModel, vectors: RecordVectors): boolean {
  const probability = predictRecord(model, vectors);
  if (!vectors.evidence) return probability >= model.threshold;
  const weight = modelWeight(
    { probability, threshold: model.threshold, high: model.high },
    vectors.evidence.corroborated,
  );
  if (weight <= 0) return false;
  return 1 - (1 - vectors.evidence.score) * (1 - weight) >= INJECTION_THRESHOLD - 1e-9;
}

/** Per-fold training: one fit on two thirds, thresholds from the last third. */
export const FOLD_TRAINING = { calibration: 'split', folds: 3, epochs: 5 } as const;

/**
 * Runs one leave-out scheme over one population's records.
 */
export function leaveOut(
  records: readonly TrainingRecord[],
  population: Population,
  by: 'family' | 'source',
  options: LeaveOutOptions,
): LeaveOutRow[] {
  const minGroup = options.minGroup ?? 1;
  const chosen = records.filter((r) => r.population === population && trainable(r));
  const sizes = new Map<string, number>();
  for (const record of chosen) {
    if (by === 'family' && record.label === 'benign') continue;
    const group = groupOf(record, by);
    sizes.set(group, (sizes.get(group) ?? 0) + 1);
  }
  const label = (record: TrainingRecord): string | undefined => {
    if (by === 'family' && record.label === 'benign') return undefined;
    const group = groupOf(record, by);
    return (sizes.get(group) ?? 0) < minGroup ? `other (n<${String(minGroup)})` : group;
  };
  const groups = [...new Set(chosen.map(label).filter((g): g is string => g !== undefined))]
    .filter((g) => !options.only || options.only.includes(g))
    .sort();
  const rows: LeaveOutRow[] = [];
  for (const group of groups) {
    const started = performance.now();
    const train = chosen.filter((r) => label(r) !== group);
    const test = chosen.filter((r) => label(r) === group);
    const vectorsOf = (r: TrainingRecord): RecordVectors => {
      const v = options.vectors.get(r.id);
      if (!v) throw new Error(`${r.id}: no vectors`);
      return v;
    };
    const model = fitPopulation(population, train.map(vectorsOf), {
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      ...(options.folds !== undefined ? { folds: options.folds } : {}),
      ...(options.calibration !== undefined ? { calibration: options.calibration } : {}),
    });
    const row: LeaveOutRow = {
      population,
      heldOut: group,
      attacks: 0,
      detected: 0,
      modelDetected: 0,
      benign: 0,
      falseAlarms: 0,
      threshold: model.threshold,
      seconds: 0,
    };
    for (const record of test) {
      const byModel = modelFlags(model, vectorsOf(record));
      const flagged = byModel || options.analyzerFlag.get(record.id) === true;
      if (record.label === 'malicious') {
        row.attacks++;
        if (flagged) row.detected++;
        if (byModel) row.modelDetected++;
      } else {
        row.benign++;
        if (flagged) row.falseAlarms++;
      }
    }
    row.seconds = (performance.now() - started) / 1000;
    options.log?.(
      `${population} ${by} ${group}: ${String(row.detected)}/${String(row.attacks)} attacks, ${String(row.falseAlarms)}/${String(row.benign)} benign (${row.seconds.toFixed(1)} s)`,
    );
    rows.push(row);
  }
  return rows;
}
