import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, readCorpus } from '../eval/corpus.js';
import { evaluate } from '../eval/evaluate.js';
import { type Summary, summarize } from '../eval/report.js';

/**
 * Detection must not regress. Runs `npm run eval`'s evaluation in-process over the labelled
 * corpus (read from `../shared/corpus`, `$MCP_WARDEN_CORPUS`) and holds recall and false-alarm
 * rates to the numbers in `docs/detection.md`, minus a small margin. Skipped when the corpus is
 * not on this machine: it is never copied into the repository.
 */

const dir = corpusDir();
const available = existsSync(dir);
if (!available) {
  console.warn(`detection gate skipped: no corpus at ${dir} (set MCP_WARDEN_CORPUS to its folder)`);
}

/** Floors and ceilings: the reached numbers with about two points of margin. */
const GATE = {
  poisoningRecall: 0.91, // reached 0.934: definitions whose attack is in their text
  definitionRecall: 0.51, // reached 0.539: all definitions, bare injection goals included
  definitionFpr: 0.01, // reached 0.000
  toolResultRecall: 0.65, // reached 0.674
  toolResultFpr: 0.02, // reached 0.007
  holdoutPoisoningRecall: 0.85, // reached 0.905
};

describe.skipIf(!available)(`detection quality gate (corpus at ${dir})`, () => {
  let summary: Summary;
  beforeAll(async () => {
    summary = summarize(await evaluate(readCorpus(dir)));
  }, 120_000);

  it('keeps recall and false alarms at the documented levels', () => {
    const all = (population: string) => summary.metrics[population]?.all;
    expect(all('poisoning')?.recall).toBeGreaterThanOrEqual(GATE.poisoningRecall);
    expect(summary.metrics.poisoning?.holdout?.recall).toBeGreaterThanOrEqual(
      GATE.holdoutPoisoningRecall,
    );
    expect(all('definition')?.recall).toBeGreaterThanOrEqual(GATE.definitionRecall);
    expect(all('definition')?.fpr).toBeLessThanOrEqual(GATE.definitionFpr);
    expect(all('tool_result')?.recall).toBeGreaterThanOrEqual(GATE.toolResultRecall);
    expect(all('tool_result')?.fpr).toBeLessThanOrEqual(GATE.toolResultFpr);
  });

  it('raises no high-severity false alarm on real servers', () => {
    expect(summary.benignServerHighAlarms).toBe(0);
  });
});
