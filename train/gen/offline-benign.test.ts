import { describe, expect, it } from 'vitest';
import {
  chunkParagraphs,
  packageCommentRecords,
  packageDocRecords,
  realServerRecords,
} from './offline-benign.mjs';
import { recordProblems } from './records.mjs';

const sortedById = (ids: string[]): boolean =>
  ids.every((id, i) => i === 0 || (ids[i - 1] ?? '') < id);

describe('offline benign text', () => {
  it('splits markdown into paragraph-sized chunks without cutting words', () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkParagraphs(
      `# Title\n\nFirst paragraph that is long enough to be kept as a chunk of its own text.\n\n${long}`,
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 1200)).toBe(true);
    expect(chunks.join(' ')).toContain('word0 word1');
    expect(chunks.some((c) => c.startsWith('ord'))).toBe(false);
  });

  it('reads package READMEs from node_modules as valid, sorted, repeatable benign records', () => {
    const records = packageDocRecords();
    expect(records.length).toBeGreaterThan(500);
    expect(records.flatMap((r) => recordProblems(r))).toEqual([]);
    expect(records.every((r) => r.label === 'benign' && r.source === 'npm-readme')).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(JSON.stringify(packageDocRecords())).toBe(JSON.stringify(records));
  });

  it('reads JSDoc comments of declaration files as valid, unique, repeatable benign records', () => {
    const records = packageCommentRecords();
    expect(records.length).toBeGreaterThan(500);
    expect(records.flatMap((r) => recordProblems(r))).toEqual([]);
    expect(records.every((r) => r.source === 'npm-jsdoc' && !(r.text ?? '').includes('*/'))).toBe(
      true,
    );
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(JSON.stringify(packageCommentRecords())).toBe(JSON.stringify(records));
  });

  it('lists the definitions of the real MCP servers in node_modules over stdio', async () => {
    const records = await realServerRecords();
    expect(records.flatMap((r) => recordProblems(r))).toEqual([]);
    expect(sortedById(records.map((r) => r.id))).toBe(true);
    const sources = new Set(records.map((r) => r.source));
    expect([...sources].sort()).toEqual([
      'server-everything',
      'server-filesystem',
      'server-memory',
    ]);
    const tools = records.filter((r) => r.kind === 'tool').map((r) => r.name);
    expect(tools).toEqual(expect.arrayContaining(['echo', 'read_text_file', 'create_entities']));
  });
});
