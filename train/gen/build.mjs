// Builds every training file in memory. Pure: the same seed gives the same records.

import { buildDefinitionFamily } from './build-definitions.mjs';
import { DEFINITION_FAMILIES } from './families-definitions.mjs';
import { createRng } from './prng.mjs';

export const DEFAULT_SEED = 20261203;

/** Records per family for each file. */
export const TARGETS = { definitionsMalicious: 80 };

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
  return { 'definitions-malicious.jsonl': definitionsMalicious };
}
