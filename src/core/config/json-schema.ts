import { z } from 'zod';
import { Policy } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a policy file as people write it (before defaults), for
 * editors: `schemas/policy.schema.json` is this, written by `npm run schema`.
 *
 * @example
 * policyJsonSchema().$schema; // 'https://json-schema.org/draft/2020-12/schema'
 */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Policy, { target: 'draft-2020-12', io: 'input' });
}
