import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, readCorpus, repoRoot } from './corpus.js';
import { evaluate } from './evaluate.js';
import { formatReport, summarize } from './report.js';
import { evaluateSecrets, formatSecretsReport } from './secrets.js';

/**
 * `npm run eval [-- --corpus DIR] [--split tune|holdout|all] [--json] [--write-docs]`
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
  const root = repoRoot();
  const shownDir = relative(root, dir) || '.';
  if (values.json) {
    const listed = outcomes.filter((o) => split === 'all' || o.split === split);
    console.log(JSON.stringify({ summary: summarize(outcomes), outcomes: listed }, null, 2));
  } else {
    console.log(formatReport(outcomes, { listSplit: split, corpus: shownDir }));
    console.log(formatSecretsReport(evaluateSecrets(dir)));
  }
  if (values['write-docs']) {
    const path = join(root, 'docs', 'detection.md');
    writeFileSync(path, formatReport(outcomes, { listSplit: 'tune', corpus: '../shared/corpus' }));
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
