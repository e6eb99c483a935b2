// `mcp-warden gateway`: several real servers — stdio reference servers, a 2026-only server and a
// remote one over Streamable HTTP — behind one stdio MCP server, for a 2025 client and a
// 2026-07-28 client.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ERROR } from '../../src/gateway/middleware/types.js';
import {
  connectGateway,
  everything,
  filesystem,
  fixtures,
  type Wrapped,
} from './gateway-support.js';
import { freePort, startHttpServer, stdioSpec } from './live-support.js';

let remote: { port: number; stop: () => Promise<void> };
let policy: string;
let dir: string;

beforeAll(async () => {
  const port = await freePort();
  remote = await startHttpServer(
    stdioSpec('everything-http', process.execPath, [everything, 'streamableHttp'], {
      env: { PORT: String(port) },
    }),
    (text) => (/(running|listening) on port/i.test(text) ? port : undefined),
  );
  dir = mkdtempSync(join(tmpdir(), 'mcp-warden-multi-'));
  writeFileSync(join(dir, 'note.txt'), 'a note\n');
  policy = join(dir, 'policy.yaml');
  writeFileSync(
    policy,
    [
      'version: 1',
      'defaults:',
      '  limits:',
      '    rate: { perMinute: 1000 }',
      'servers:',
      '  everything:',
      `    command: ${process.execPath}`,
      `    args: [${JSON.stringify(everything)}]`,
      '  fs:',
      `    command: ${process.execPath}`,
      `    args: [${JSON.stringify(filesystem)}, ${JSON.stringify(dir)}]`,
      '  notes:',
      `    command: ${process.execPath}`,
      `    args: [${JSON.stringify(join(fixtures, 'modern.mjs'))}]`,
      '  remote:',
      `    url: http://127.0.0.1:${String(remote.port)}/mcp`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await remote.stop();
});

function names(list: { name: string }[]): string[] {
  return list.map((item) => item.name);
}

describe.each([
  ['a 2025 client (initialize)', 'legacy' as const],
  ['a 2026-07-28 client (server/discover)', 'auto' as const],
])('gateway with %s', (_label, mode) => {
  let gateway: Wrapped;
  beforeAll(async () => {
    gateway = await connectGateway(['gateway', '--policy', policy], {
      versionNegotiation: { mode },
    });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('answers the handshake itself', () => {
    expect(gateway.client.getProtocolEra()).toBe(mode === 'legacy' ? 'legacy' : 'modern');
    expect(gateway.client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      prompts: { listChanged: true },
      resources: { listChanged: true },
    });
    if (mode === 'legacy')
      expect(gateway.client.getServerVersion()).toMatchObject({ name: 'mcp-warden' });
  });

  it('lists every server’s tools as <server>__<tool>', async () => {
    const { tools } = await gateway.client.listTools();
    const listed = names(tools);
    expect(listed).toEqual(
      expect.arrayContaining([
        'everything__echo',
        'fs__read_text_file',
        'notes__add_note',
        'remote__echo',
      ]),
    );
    expect(listed.every((name) => /^(everything|fs|notes|remote)__/.test(name))).toBe(true);
  });

  it('routes calls to the right server', async () => {
    const local = await gateway.client.callTool({
      name: 'everything__echo',
      arguments: { message: 'local' },
    });
    expect(local.content).toEqual([{ type: 'text', text: 'Echo: local' }]);
    const viaHttp = await gateway.client.callTool({
      name: 'remote__echo',
      arguments: { message: 'remote' },
    });
    expect(viaHttp.content).toEqual([{ type: 'text', text: 'Echo: remote' }]);
    const file = await gateway.client.callTool({
      name: 'fs__read_text_file',
      arguments: { path: join(dir, 'note.txt') },
    });
    expect(JSON.stringify(file.content)).toContain('a note');
    const note = await gateway.client.callTool({
      name: 'notes__add_note',
      arguments: { text: 'x' },
    });
    expect(JSON.stringify(note.content)).toContain('called add_note');
  });

  it('refuses a tool name that names no server', async () => {
    await expect(
      gateway.client.callTool({ name: 'echo', arguments: { message: 'x' } }),
    ).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('routes prompts and resources', async () => {
    const { prompts } = await gateway.client.listPrompts();
    expect(names(prompts)).toEqual(
      expect.arrayContaining(['everything__simple-prompt', 'notes__summarize']),
    );
    const prompt = await gateway.client.getPrompt({ name: 'everything__simple-prompt' });
    expect(prompt.messages.length).toBeGreaterThan(0);
    const { resources } = await gateway.client.listResources();
    const uris = resources.map((resource) => resource.uri);
    expect(uris).toContain('notes://all');
    const demo = uris.find((uri) => uri.startsWith('demo://'));
    expect(demo).toBeDefined();
    const read = await gateway.client.readResource({ uri: demo! });
    expect(read.contents[0]?.uri).toBe(demo);
  });

  it('completes a namespaced prompt’s argument', async () => {
    const completion = await gateway.client.complete({
      ref: { type: 'ref/prompt', name: 'everything__completable-prompt' },
      argument: { name: 'department', value: 'E' },
    });
    expect(completion.completion.values.length).toBeGreaterThan(0);
  });

  it('keeps one server’s failure to itself', async () => {
    await expect(
      gateway.client.callTool({ name: 'fs__read_text_file', arguments: { path: '/etc/shadow' } }),
    ).resolves.toMatchObject({ isError: true });
    const still = await gateway.client.callTool({
      name: 'everything__echo',
      arguments: { message: 'ok' },
    });
    expect(still.isError ?? false).toBe(false);
  });
});

describe('gateway without a usable server list', () => {
  it('exits with a usage error when the policy lists no servers', async () => {
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, 'version: 1\n');
    await expect(connectGateway(['gateway', '--policy', empty])).rejects.toThrow(
      /lists no servers/,
    );
  });

  it('marks a server that cannot start as unavailable and serves the others', async () => {
    const partial = join(dir, 'partial.yaml');
    writeFileSync(
      partial,
      [
        'version: 1',
        'servers:',
        '  broken:',
        '    command: /nonexistent/server',
        '  everything:',
        `    command: ${process.execPath}`,
        `    args: [${JSON.stringify(everything)}]`,
        '',
      ].join('\n'),
    );
    const gateway = await connectGateway(['gateway', '--policy', partial], {
      versionNegotiation: { mode: 'legacy' },
    });
    try {
      await gateway.client.listTools();
      await expect(
        gateway.client.callTool({ name: 'broken__x', arguments: {} }),
      ).rejects.toMatchObject({
        code: GATEWAY_ERROR.unavailable,
      });
      const echo = await gateway.client.callTool({
        name: 'everything__echo',
        arguments: { message: 'up' },
      });
      expect(echo.content).toEqual([{ type: 'text', text: 'Echo: up' }]);
      expect(gateway.stderr()).toMatch(/"broken" is left out/);
    } finally {
      await gateway.close();
    }
  });
});
