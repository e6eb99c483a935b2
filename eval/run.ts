import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { useModels } from '../src/analyze/scorer/index.js';
import type { RecordVectors } from '../src/analyze/scorer/train.js';
import {
  corpusRecords,
  dataDir,
  dataRecords,
  offlineRecords,
  trainingSet,
  type TrainingRecord,
  twinWeights,
  vectorsOf,
} from '../train/dataset.js';
import { corpusDir, readCorpus, repoRoot } from './corpus.js';
import { evaluate, type Outcome } from './evaluate.js';
import { FOLD_TRAINING, leaveOut } from './leave-out.js';
import { formatReport, type LeaveOutReport, summarize } from './report.js';
import { evaluateSecrets, formatSecretsReport } from './secrets.js';

/** Leave-one-family-out and leave-one-source-out over the corpus and `train/data`. */
async function leaveOutReport(corpus: string, fast: boolean): Promise<LeaveOutReport> {
  const started = performance.now();
  const data = [...dataRecords(dataDir()), ...(await offlineRecords())];
  const records: TrainingRecord[] = trainingSet([...corpusRecords(corpus), ...data]);
  const weights = twinWeights(records);
  // The analyzers' verdict on every record, without any model.
  const restore = useModels({ content: null, definition: null });
  let analyzerOutcomes: Outcome[];
  try {
    analyzerOutcomes = await evaluate(records.map((r) => r.record));
  } finally {
    restore();
  }
  const analyzerFlag = new Map(analyzerOutcomes.map((o) => [o.id, o.flagged]));
  const vectors = new Map<string, RecordVectors>(
    records.map((r) => [r.id, vectorsOf(r, weights.get(r.id))]),
  );
  const log = (line: string): void => {
    console.error(line);
  };
  const options = {
    analyzerFlag,
    vectors,
    log,
    ...FOLD_TRAINING,
    ...(fast ? { epochs: 3 } : {}),
  };
  const report: LeaveOutReport = {
    family: {
      definition: leaveOut(records, 'definition', 'family', options),
      content: leaveOut(records, 'content', 'family', options),
    },
    source: {
      definition: leaveOut(records, 'definition', 'source', options),
      content: leaveOut(records, 'content', 'source', options),
    },
    dataRecords: data.length,
    minutes: 0,
  };
  report.minutes = (performance.now() - started) / 60_000;
  return report;
}

/**
 * `npm run eval [-- --corpus DIR] [--split tune|holdout|all] [--json] [--write-docs]
 *   [--skip-leave-out] [--fast]`
 *
 * Besides the corpus tables, retrains the scorer per fold for the leave-one-family-out and
 * leave-one-source-out tables (`--skip-leave-out` skips them; `--fast` uses fewer epochs and
 * calibration folds).
 *
 * Always evaluates the whole corpus and reports both splits; `--split` chooses whose misses and
 * false alarms are listed (default `tune`: only those may guide rule changes).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      split: { type: 'string', default: 'tune' },
      json: { type: 'boolean', default: false },
      'write-docs': { type: 'boolean', default: false },
      'skip-leave-out': { type: 'boolean', default: false },
      fast: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const split = values.split;
  if (split !== 'tune' && split !== 'holdout' && split !== 'all') {
    console.error(`--split must be tune, holdout or all (got "${split}")`);
    return 2;
  }
  const dir = corpusDir(values.corpus);
  if (!existsSync(dir)) {
    console.error(`No corpus at ${dir}: pass --corpus DIR or set MCP_WARDEN_CORPUS.`);
    return 2;
  }
  const records = readCorpus(dir);
  if (records.length === 0) {
    console.error(`No *.jsonl records in ${dir}`);
    return 2;
  }
  const outcomes = await evaluate(records);
  const leave = values['skip-leave-out'] ? undefined : await leaveOutReport(dir, values.fast);
  const root = repoRoot();
  const shownDir = relative(root, dir) || '.';
  if (values.json) {
    const listed = outcomes.filter((o) => split === 'all' || o.split === split);
    console.log(
      JSON.stringify({ summary: summarize(outcomes), leaveOut: leave, outcomes: listed }, null, 2),
    );
  } else {
    console.log(
      formatReport(outcomes, {
        listSplit: split,
        corpus: shownDir,
        ...(leave ? { leaveOut: leave } : {}),
      }),
    );
    console.log(formatSecretsReport(evaluateSecrets(dir)));
  }
  if (values['write-docs']) {
    const path = join(root, 'docs', 'detection.md');
    writeFileSync(
      path,
      formatReport(outcomes, {
        listSplit: 'tune',
        corpus: '../shared/corpus',
        ...(leave ? { leaveOut: leave } : {}),
      }),
    );
    console.error(`wrote ${relative(root, path)}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
