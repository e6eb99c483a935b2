// The real reference servers from the npm registry, over real pipes and real HTTP on loopback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/snapshot.js';
import { connectServer, type ConnectResult } from '../../src/scanner/connect/index.js';
import { collectSnapshots } from '../../src/scanner/live-scan.js';
import { freePort, httpSpec, root, startHttpServer, stdioSpec } from './live-support.js';

const entry = (pkg: string): string =>
  join(root, 'node_modules/@modelcontextprotocol', pkg, 'dist/index.js');

const EVERYTHING_TOOLS = [
  'echo',
  'get-annotated-message',
  'get-env',
  'get-resource-links',
  'get-resource-reference',
  'get-structured-content',
  'get-sum',
  'get-tiny-image',
  'gzip-file-as-resource',
  'toggle-simulated-logging',
  'toggle-subscriber-updates',
  'trigger-long-running-operation',
  'simulate-research-query',
];
const EVERYTHING_PROMPTS = [
  'simple-prompt',
  'args-prompt',
  'completable-prompt',
  'resource-prompt',
];
const EVERYTHING_TEMPLATES = [
  'demo://resource/dynamic/text/{resourceId}',
  'demo://resource/dynamic/blob/{resourceId}',
];

function snapshotOf(result: ConnectResult): Snapshot {
  if (!result.ok) throw new Error(`${result.stage}: ${result.error}\n${result.stderrTail ?? ''}`);
  expect(result.details.survivors).toEqual([]);
  return result.snapshot;
}

function expectEverything(snapshot: Snapshot): void {
  expect(snapshot.protocol).toEqual({ era: '2025', version: '2025-11-25' });
  expect(snapshot.serverInfo).toMatchObject({ name: 'mcp-servers/everything' });
  expect(snapshot.tools.map((tool) => tool.name)).toEqual(EVERYTHING_TOOLS);
  expect(snapshot.prompts.map((prompt) => prompt.name)).toEqual(EVERYTHING_PROMPTS);
  expect(snapshot.resources).toHaveLength(7);
  expect(snapshot.resourceTemplates.map((template) => template.uriTemplate)).toEqual(
    EVERYTHING_TEMPLATES,
  );
  expect(snapshot.truncated).toBeUndefined();
}

describe('@modelcontextprotocol/server-everything', () => {
  it('over stdio, started with node', async () => {
    const result = await connectServer(
      stdioSpec('everything', process.execPath, [entry('server-everything'), 'stdio']),
    );
    expectEverything(snapshotOf(result));
    expect(result.details.transport).toBe('stdio');
  });

  it('over stdio, started with npx from the project (offline)', async () => {
    const result = await connectServer(
      stdioSpec('everything', 'npx', ['-y', '@modelcontextprotocol/server-everything'], {
        cwd: root,
      }),
    );
    expectEverything(snapshotOf(result));
  });

  describe('over HTTP on loopback', () => {
    const servers: { port: number; stop: () => Promise<void> }[] = [];
    let streamable = 0;
    let sse = 0;
    beforeAll(async () => {
      for (const mode of ['streamableHttp', 'sse']) {
        const port = await freePort();
        const started = await startHttpServer(
          stdioSpec(`everything-${mode}`, process.execPath, [entry('server-everything'), mode], {
            env: { PORT: String(port) },
          }),
          (text) => (/(running|listening) on port/i.test(text) ? port : undefined),
        );
        servers.push(started);
        if (mode === 'sse') sse = port;
        else streamable = port;
      }
    });
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
    });

    it('with Streamable HTTP', async () => {
      const result = await connectServer(
        httpSpec('everything-http', `http://127.0.0.1:${String(streamable)}/mcp`),
      );
      expectEverything(snapshotOf(result));
      expect(result.details.transport).toBe('streamableHttp');
    });

    it('with the legacy SSE transport', async () => {
      const result = await connectServer({
        ...httpSpec('everything-sse', `http://127.0.0.1:${String(sse)}/sse`),
        transport: 'sse',
      });
      expectEverything(snapshotOf(result));
      expect(result.details.transport).toBe('sse');
    });

    it('falls back from Streamable HTTP to SSE for an SSE-only server', async () => {
      const result = await connectServer(
        httpSpec('everything-sse', `http://127.0.0.1:${String(sse)}/sse`),
      );
      expectEverything(snapshotOf(result));
      expect(result.details.transport).toBe('sse');
      expect(result.details.warnings.join('\n')).toMatch(/fell back|legacy SSE/);
    });
  });
});

describe('@modelcontextprotocol/server-filesystem and server-memory', () => {
  it('lists the filesystem tools for a sandboxed, read-only root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-fs-'));
    writeFileSync(join(dir, 'hello.txt'), 'hi');
    const snapshot = snapshotOf(
      await connectServer(
        stdioSpec('filesystem', process.execPath, [entry('server-filesystem'), dir]),
      ),
    );
    expect(snapshot.serverInfo).toMatchObject({ name: 'secure-filesystem-server' });
    expect(snapshot.protocol?.era).toBe('2025');
    expect(snapshot.tools.map((tool) => tool.name)).toEqual([
      'read_file',
      'read_text_file',
      'read_media_file',
      'read_multiple_files',
      'write_file',
      'edit_file',
      'create_directory',
      'list_directory',
      'list_directory_with_sizes',
      'directory_tree',
      'move_file',
      'search_files',
      'get_file_info',
      'list_allowed_directories',
    ]);
    const readFile = snapshot.tools.find((tool) => tool.name === 'read_text_file');
    expect(readFile?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('lists the memory tools', async () => {
    const snapshot = snapshotOf(
      await connectServer(stdioSpec('memory', process.execPath, [entry('server-memory')])),
    );
    expect(snapshot.serverInfo).toMatchObject({ name: 'memory-server' });
    expect(snapshot.tools.map((tool) => tool.name)).toEqual([
      'create_entities',
      'create_relations',
      'add_observations',
      'delete_entities',
      'delete_observations',
      'delete_relations',
      'read_graph',
      'search_nodes',
      'open_nodes',
    ]);
  });

  it('scans all three at once with collectSnapshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-fs-'));
    const result = await collectSnapshots(
      [
        stdioSpec('everything', process.execPath, [entry('server-everything'), 'stdio']),
        stdioSpec('filesystem', process.execPath, [entry('server-filesystem'), dir]),
        stdioSpec('memory', process.execPath, [entry('server-memory')]),
      ],
      { concurrency: 3 },
    );
    expect(result.failures).toEqual([]);
    expect(result.snapshots.map((snapshot) => snapshot.tools.length)).toEqual([13, 14, 9]);
  });
});
