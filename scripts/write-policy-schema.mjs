// Writes schemas/policy.schema.json from the zod policy schema (run by `npm run schema`, which
// first compiles src/core/config/json-schema.ts alone into .tmp/policy-schema).
// src/core/config/json-schema.test.ts fails when the committed file differs.
import { rm, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { URL } from 'node:url';
import * as prettier from 'prettier';
import { policyJsonSchema } from '../.tmp/policy-schema/json-schema.js';

const target = new URL('../schemas/policy.schema.json', import.meta.url);
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(JSON.stringify(policyJsonSchema(), null, 2), {
  ...options,
  parser: 'json',
});
await writeFile(target, text);
await rm(new URL('../.tmp/policy-schema', import.meta.url), { recursive: true, force: true });
process.stderr.write(`wrote ${target.pathname}\n`);
