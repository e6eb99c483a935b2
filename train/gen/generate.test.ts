import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll, type TrainingRecord } from './build.mjs';
import { recordProblems } from './records.mjs';

const dataDir = join(import.meta.dirname, '..', 'data');
const files = generateAll();
const all: TrainingRecord[] = Object.values(files).flat();

const familiesOf = (records: TrainingRecord[]): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const r of records) out.set(r.family, (out.get(r.family) ?? new Set()).add(r.source));
  return out;
};

describe('synthetic training data', () => {
  it('is the same on every run with the same seed, and differs with another seed', () => {
    expect(JSON.stringify(generateAll())).toBe(JSON.stringify(files));
    expect(JSON.stringify(generateAll(1))).not.toBe(JSON.stringify(files));
  });

  it('matches the committed files, so `npm run generate` has been run after every change', () => {
    for (const [name, records] of Object.entries(files)) {
      const committed = readFileSync(join(dataDir, name), 'utf8');
      expect(committed).toBe(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
  });

  it('writes only valid records with unique ids', () => {
    expect(all.flatMap((r) => recordProblems(r))).toEqual([]);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('labels every record of a file alike and keeps definitions and results apart', () => {
    for (const [name, records] of Object.entries(files)) {
      const label = name.includes('malicious') ? 'malicious' : 'benign';
      expect(records.every((r) => r.label === label)).toBe(true);
      const results = name.startsWith('results-');
      expect(records.every((r) => (r.kind === 'tool_result') === results)).toBe(true);
    }
  });

  it('has the families issue 7 asks for, each written in at least three styles', () => {
    const definitions = familiesOf(files['definitions-malicious.jsonl'] ?? []);
    const results = familiesOf(files['results-malicious.jsonl'] ?? []);
    expect(definitions.size).toBeGreaterThanOrEqual(30);
    expect(results.size).toBeGreaterThanOrEqual(20);
    for (const [family, sources] of [
      ...definitions,
      ...results,
      ...familiesOf(files['definitions-benign.jsonl'] ?? []),
      ...familiesOf(files['results-benign.jsonl'] ?? []),
    ]) {
      expect({ family, sources: sources.size >= 3 }).toEqual({ family, sources: true });
    }
    for (const family of [
      'conditional-trigger',
      'crypto-address-substitution',
      'seed-phrase-phishing',
      'dns-exfiltration',
      'mcp-config-tampering',
      'memory-poisoning',
      'lang-es',
      'lang-ru',
      'leetspeak',
      'zero-width-splitting',
      'schema-enum-injection',
      'schema-default-injection',
      'schema-comment-injection',
      'tool-preference-manipulation',
      'deprecation-claims',
      'out-of-scope-parameters',
    ]) {
      expect(definitions.has(family)).toBe(true);
    }
    for (const family of [
      'fake-system-alert',
      'task-hijack',
      'tool-call-hijack',
      'markdown-image-exfil',
      'ignore-previous',
    ]) {
      expect(results.has(family)).toBe(true);
    }
  });

  it('keeps the sizes in the agreed range', () => {
    const malicious = all.filter((r) => r.label === 'malicious').length;
    const benign = all.length - malicious;
    expect(malicious).toBeGreaterThanOrEqual(3000);
    expect(malicious).toBeLessThanOrEqual(5000);
    expect(benign).toBeGreaterThanOrEqual(2500);
    const bytes = Object.values(files).reduce(
      (n, records) => n + Buffer.byteLength(records.map((r) => JSON.stringify(r)).join('\n')),
      0,
    );
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('hides payloads where issue 7 says attackers put them', () => {
    const schemaText = (r: TrainingRecord, key: string): boolean =>
      JSON.stringify(r.inputSchema ?? {}).includes(`"${key}"`);
    const byFamily = (family: string) => all.filter((r) => r.family === family);
    expect(byFamily('schema-comment-injection').every((r) => schemaText(r, '$comment'))).toBe(true);
    expect(byFamily('schema-examples-injection').every((r) => schemaText(r, 'examples'))).toBe(
      true,
    );
    const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/u;
    expect(byFamily('zero-width-splitting').every((r) => zeroWidth.test(JSON.stringify(r)))).toBe(
      true,
    );
    expect(
      byFamily('out-of-scope-parameters').every((r) =>
        Object.keys(r.inputSchema?.properties ?? {}).some((k) =>
          [
            'llm_model_name',
            'conversation_history',
            'system_prompt',
            'chat_log',
            'previous_tool_outputs',
            'user_environment_variables',
            'assistant_instructions',
            'available_tools',
            'user_full_name_and_address',
          ].includes(k),
        ),
      ),
    ).toBe(true);
  });
});
