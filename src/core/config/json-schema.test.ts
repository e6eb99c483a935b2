import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as prettier from 'prettier';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from './json-schema.js';

const schemaFile = fileURLToPath(new URL('../../../schemas/policy.schema.json', import.meta.url));
const example = new URL('../../../examples/policy.yaml', import.meta.url);

/** What `npm run schema` writes: the generated schema, formatted by the project's prettier. */
async function generated(): Promise<string> {
  const options = (await prettier.resolveConfig(schemaFile)) ?? {};
  return prettier.format(JSON.stringify(policyJsonSchema(), null, 2), {
    ...options,
    parser: 'json',
  });
}

describe('schemas/policy.schema.json', () => {
  it('is exactly what `npm run schema` generates from the zod schema', async () => {
    // On failure: run `npm run schema` and commit the result.
    expect(readFileSync(schemaFile, 'utf8')).toBe(await generated());
  });

  it('is draft 2020-12 with a title and descriptions for editors', () => {
    const schema = policyJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('mcp-warden policy');
    expect(JSON.stringify(schema)).toContain('Per tool; `*` for every tool of the server.');
  });

  it('accepts the example policy and rejects an unknown key, as the zod schema does', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('uri', true);
    const validate = ajv.compile(policyJsonSchema());
    expect(validate(parseYaml(readFileSync(example, 'utf8')))).toBe(true);
    expect(validate({ version: 1, defaults: { screnning: {} } })).toBe(false);
    expect(validate({ version: 1, servers: { 'bad name': {} } })).toBe(false);
  });
});
