import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_IDS } from '../core/server-spec.js';
import type { Snapshot } from '../core/snapshot.js';
import {
  parseSnapshots,
  readSnapshotFile,
  serializeSnapshots,
  writeSnapshotFile,
} from './snapshot-io.js';

const tool = { name: 'add', description: 'Adds.', inputSchema: { type: 'object' } };
const snapshot: Snapshot = {
  schemaVersion: 1,
  server: { name: 'calc', client: 'cursor', transport: 'stdio', target: 'node calc.js' },
  protocol: { era: '2025', version: '2025-11-25' },
  serverInfo: { name: 'calc', version: '1.0.0' },
  capabilities: { tools: {} },
  tools: [tool],
  prompts: [],
  resources: [],
  resourceTemplates: [],
};

describe('parseSnapshots', () => {
  it('reads one snapshot, an array of snapshots, and { snapshots: [...] }', () => {
    expect(parseSnapshots(JSON.stringify(snapshot), 'a.json')).toEqual([snapshot]);
    expect(parseSnapshots(JSON.stringify([snapshot, snapshot]), 'a.json')).toHaveLength(2);
    expect(parseSnapshots(serializeSnapshots([snapshot]), 'a.json')).toEqual([snapshot]);
  });

  it('reads a bare tools/list result, naming the server after the file', () => {
    expect(parseSnapshots(JSON.stringify({ tools: [tool] }), '/x/github-server.json')).toEqual([
      {
        schemaVersion: 1,
        server: { name: 'github-server' },
        tools: [tool],
        prompts: [],
        resources: [],
        resourceTemplates: [],
      },
    ]);
  });

  it('reads a JSON-RPC response wrapping a tools/list result', () => {
    const text = JSON.stringify({
      jsonrpc: '2.0',
      id: 2,
      result: { tools: [tool], nextCursor: 'x' },
    });
    expect(parseSnapshots(text, 'dump.json')[0]).toMatchObject({
      server: { name: 'dump' },
      tools: [tool],
    });
  });

  it('names the file, the JSON path and what was expected', () => {
    const broken = { ...snapshot, tools: [tool, { description: 'no name', inputSchema: {} }] };
    expect(() => parseSnapshots(JSON.stringify({ snapshots: [broken] }), 's.json')).toThrow(
      's.json: snapshots[0].tools[1] is missing required property "name"',
    );
    expect(() =>
      parseSnapshots(
        JSON.stringify({ ...snapshot, protocol: { era: '2024', version: 'x' } }),
        's.json',
      ),
    ).toThrow('s.json: protocol.era must be one of "2025", "2026"');
    expect(() =>
      parseSnapshots(JSON.stringify({ ...snapshot, schemaVersion: 2 }), 's.json'),
    ).toThrow('s.json: schemaVersion must be 1');
    expect(() => parseSnapshots(JSON.stringify({ ...snapshot, extra: 1 }), 's.json')).toThrow(
      's.json: (root) has unknown property "extra"',
    );
    expect(() => parseSnapshots(JSON.stringify({ tools: [{ name: 'x' }] }), 't.json')).toThrow(
      't.json: tools[0] is missing required property "inputSchema"',
    );
    expect(() =>
      parseSnapshots(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          result: { tools: [{ name: 1, inputSchema: {} }] },
        }),
        'r.json',
      ),
    ).toThrow('r.json: result.tools[0].name must be string');
  });

  it('raises CONFIG_INVALID for text that is not JSON or not a snapshot', () => {
    expect(() => parseSnapshots('{', 'bad.json')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => parseSnapshots('42', 'n.json')).toThrow(
      'n.json: (root) must be a snapshot object',
    );
    expect(() =>
      parseSnapshots(JSON.stringify({ jsonrpc: '2.0', id: 1, error: {} }), 'e.json'),
    ).toThrow('e.json: error is a JSON-RPC error response');
  });
});

describe('snapshot files', () => {
  it('writes snapshots that read back equal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'snap-')), 'out.json');
    await writeSnapshotFile(file, [snapshot]);
    expect(await readSnapshotFile(file)).toEqual([snapshot]);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('refuses to write an invalid snapshot', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'snap-')), 'out.json');
    await expect(
      writeSnapshotFile(file, [{ ...snapshot, tools: [{}] } as unknown as Snapshot]),
    ).rejects.toThrow(/snapshots\[0\]\.tools\[0\] is missing required property/);
  });

  it('raises FILE_NOT_FOUND for a missing file', async () => {
    await expect(readSnapshotFile('/no/such/file.json')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('reads a file with a byte order mark', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'snap-')), 'bom.json');
    writeFileSync(file, `\ufeff${JSON.stringify(snapshot)}`);
    expect(await readSnapshotFile(file)).toEqual([snapshot]);
  });
});

describe('schemas/snapshot.schema.json', () => {
  it('lists exactly the client ids of core/server-spec.ts', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/snapshot.schema.json', import.meta.url), 'utf8'),
    ) as { $defs: { server: { properties: { client: { enum: string[] } } } } };
    expect(schema.$defs.server.properties.client.enum).toEqual([...CLIENT_IDS]);
  });
});
