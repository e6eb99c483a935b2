// Builds every training file in memory. Pure: the same seed gives the same records.

import { buildDefinitionFamily } from './build-definitions.mjs';
import { buildResultFamily } from './build-results.mjs';
import { DEFINITION_FAMILIES } from './families-definitions.mjs';
import { createRng } from './prng.mjs';
import { RESULT_FAMILIES } from './families-results.mjs';

export const DEFAULT_SEED = 20261203;

/** Records per family for each file. */
export const TARGETS = { definitionsMalicious: 80, resultsMalicious: 70 };

/** @returns {Record<string, object[]>} file name → records */
export function generateAll(seed = DEFAULT_SEED) {
  const rng = createRng(seed);
  const definitionsMalicious = DEFINITION_FAMILIES.flatMap((spec) =>
    buildDefinitionFamily(rng.fork('definitions-malicious'), spec, {
      label: 'malicious',
      prefix: 'dm',
      target: TARGETS.definitionsMalicious,
    }),
  );
  const resultsMalicious = RESULT_FAMILIES.flatMap((spec) =>
    buildResultFamily(rng.fork('results-malicious'), spec, {
      label: 'malicious',
      prefix: 'rm',
      target: TARGETS.resultsMalicious,
    }),
  );
  return {
    'definitions-malicious.jsonl': definitionsMalicious,
    'results-malicious.jsonl': resultsMalicious,
  };
}
