// Builds every training file in memory. Pure: the same seed gives the same records.

import { buildDefinitionFamily } from './build-definitions.mjs';
import { buildPlainDocuments, buildResultFamily } from './build-results.mjs';
import { DOCUMENT_TYPES } from './documents.mjs';
import { BENIGN_DEFINITION_FAMILIES } from './families-benign-definitions.mjs';
import { BENIGN_RESULT_FAMILIES } from './families-benign-results.mjs';
import { DEFINITION_FAMILIES } from './families-definitions.mjs';
import { RESULT_FAMILIES } from './families-results.mjs';
import { createRng } from './prng.mjs';
import { TOOL_CATALOG } from './tool-catalog.mjs';

export const DEFAULT_SEED = 20261203;

/** Records per family for each file (plain tool families: per catalogue tool). */
export const TARGETS = {
  definitionsMalicious: 80,
  resultsMalicious: 70,
  lookalikeDefinitions: 70,
  plainToolsPerTool: 12,
  plainPromptsAndResources: 120,
  lookalikeResults: 60,
  plainDocuments: 60,
};

const ALL_STYLES = {
  terse: [''],
  verbose: [''],
  markdown: [''],
  jsonish: [''],
  casual: [''],
  formal: [''],
};

/** One benign family per catalogue domain: the ordinary tool definitions, rendered in every style. */
function plainToolFamilies() {
  const domains = [...new Set(TOOL_CATALOG.map((t) => t.domain))];
  return domains.map((domain) => {
    const tools = TOOL_CATALOG.filter((t) => t.domain === domain);
    return {
      spec: {
        family: `tools-${domain}`,
        placements: ['none'],
        kinds: ['tool'],
        skeleton: (rng) => rng.pick(tools),
        templates: ALL_STYLES,
      },
      target: TARGETS.plainToolsPerTool * tools.length,
    };
  });
}

const PLAIN_PROMPTS_AND_RESOURCES = {
  family: 'plain-prompts-resources-instructions',
  placements: ['description'],
  kinds: ['prompt', 'resource', 'server_instructions'],
  templates: { terse: [''], casual: [''], formal: [''] },
};

/** @returns {Record<string, object[]>} file name → records */
export function generateAll(seed = DEFAULT_SEED) {
  const rng = createRng(seed);
  const dm = rng.fork('definitions-malicious');
  const rm = rng.fork('results-malicious');
  const db = rng.fork('definitions-benign');
  const rb = rng.fork('results-benign');
  return {
    'definitions-malicious.jsonl': DEFINITION_FAMILIES.flatMap((spec) =>
      buildDefinitionFamily(dm, spec, {
        label: 'malicious',
        prefix: 'dm',
        target: TARGETS.definitionsMalicious,
      }),
    ),
    'definitions-benign.jsonl': [
      ...plainToolFamilies().flatMap(({ spec, target }) =>
        buildDefinitionFamily(db, spec, { label: 'benign', prefix: 'db', target }),
      ),
      ...buildDefinitionFamily(db, PLAIN_PROMPTS_AND_RESOURCES, {
        label: 'benign',
        prefix: 'db',
        target: TARGETS.plainPromptsAndResources,
      }),
      ...BENIGN_DEFINITION_FAMILIES.flatMap((spec) =>
        buildDefinitionFamily(db, spec, {
          label: 'benign',
          prefix: 'db',
          target: TARGETS.lookalikeDefinitions,
        }),
      ),
    ],
    'results-malicious.jsonl': RESULT_FAMILIES.flatMap((spec) =>
      buildResultFamily(rm, spec, {
        label: 'malicious',
        prefix: 'rm',
        target: TARGETS.resultsMalicious,
      }),
    ),
    'results-benign.jsonl': [
      ...DOCUMENT_TYPES.flatMap((type) =>
        buildPlainDocuments(rb, type, { prefix: 'rb', target: TARGETS.plainDocuments }),
      ),
      ...BENIGN_RESULT_FAMILIES.flatMap((spec) =>
        buildResultFamily(rb, spec, {
          label: 'benign',
          prefix: 'rb',
          target: TARGETS.lookalikeResults,
        }),
      ),
    ],
  };
}
