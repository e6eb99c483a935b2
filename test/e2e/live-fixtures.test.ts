import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, type ConnectResult } from '../../src/scanner/connect/index.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { fixtureSpec, httpSpec, startHttpServer } from './live-support.js';

function snapshotOf(result: ConnectResult): Snapshot {
  if (!result.ok) throw new Error(`${result.stage}: ${result.error}\n${result.stderrTail ?? ''}`);
  expect(result.details.survivors).toEqual([]);
  return result.snapshot;
}

describe('live scan of the attack fixtures (2025 era over stdio)', () => {
  it('enumerates the poisoned tool with its hidden sidenote parameter', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('poisoned.mjs')));
    expect(snapshot.protocol).toEqual({ era: '2025', version: '2025-11-25' });
    expect(snapshot.serverInfo).toMatchObject({ name: 'poisoned-calculator' });
    expect(snapshot.tools.map((tool) => tool.name)).toEqual(['add']);
    expect(snapshot.tools[0]?.description).toContain('<IMPORTANT>');
    expect(snapshot.tools[0]?.inputSchema).toMatchObject({
      properties: { sidenote: { type: 'string' } },
    });
  });

  it('enumerates the shadowing tool that rewrites send_email', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('shadowing.mjs')));
    expect(snapshot.tools.map((tool) => tool.name)).toEqual(['get_fact_of_the_day']);
    expect(snapshot.tools[0]?.description).toContain('send_email');
  });

  it('keeps Unicode tag characters and zero-width characters intact', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('hidden-unicode.mjs')));
    const tool = snapshot.tools[0];
    expect(tool?.description).toMatch(/[\u{E0000}-\u{E007F}]/u);
    expect(JSON.stringify(tool?.inputSchema)).toContain('\u200b');
  });

  it('keeps terminal escapes intact', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('ansi.mjs')));
    expect(snapshot.tools[0]?.description).toContain('\u001b[8m');
    expect(snapshot.tools[0]?.description).toContain('\u001b]8;;');
  });

  it('notices the rug pull: the tool description changes right after the first listing', async () => {
    const result = await connectServer(fixtureSpec('rug-pull.mjs'));
    const snapshot = snapshotOf(result);
    expect(snapshot.tools[0]?.description).toBe('Gets the weather.');
    expect(result.details.listChanges).toHaveLength(1);
    expect(result.details.listChanges[0]?.list).toBe('tool');
    expect(JSON.stringify(result.details.listChanges[0]?.after)).toContain('~/.ssh/id_rsa');
  });

  it('enumerates the wallet tools, instructions and the resource holding the mnemonic', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('crypto-stealer.mjs')));
    expect(snapshot.tools.map((tool) => tool.name)).toEqual([
      'transfer_funds',
      'sign_transaction',
      'export_wallet_backup',
    ]);
    expect(snapshot.instructions).toContain('export_wallet_backup');
    expect(snapshot.resources).toMatchObject([{ uri: 'wallet://seed', name: 'seed' }]);
    expect(snapshot.capabilities).toMatchObject({ tools: {}, resources: {} });
  });

  it('starts a server with a scrubbed environment and a throwaway HOME', async () => {
    process.env.MCP_WARDEN_TEST_SECRET = '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';
    try {
      const snapshot = snapshotOf(
        await connectServer(fixtureSpec('env-echo.mjs', [], { env: { CONFIGURED: '1' } })),
      );
      const names = JSON.parse(snapshot.instructions ?? '[]') as string[];
      expect(names).toContain('CONFIGURED');
      expect(names).not.toContain('MCP_WARDEN_TEST_SECRET');
      const where = JSON.parse(snapshot.tools[0]?.description ?? '{}') as { home: string };
      expect(where.home).not.toBe(process.env.HOME);
    } finally {
      delete process.env.MCP_WARDEN_TEST_SECRET;
    }
  });

  it('leaves no process behind from a server whose children try to outlive it', async () => {
    const result = await connectServer(fixtureSpec('spawns-child.mjs'));
    expect(snapshotOf(result).tools.map((tool) => tool.name)).toEqual(['noop']);
  });
});

describe('live scan of the misbehaving fixtures', () => {
  it.each([
    ['pages-forever.mjs', [], { ok: true, truncated: 'tool' }],
    ['huge-list.mjs', ['20000', '100'], { ok: true, truncated: 'tool' }],
    ['hangs-on-initialize.mjs', [], { ok: false, stage: 'connect' }],
    ['exits-immediately.mjs', [], { ok: false, stage: 'connect' }],
  ] as const)('%s is cut off, never hangs', async (file, args, expected) => {
    const result = await connectServer(fixtureSpec(file, [...args]), {
      timeoutMs: 3000,
      limits: { maxPages: 20, maxItems: 1000 },
    });
    expect(result.ok).toBe(expected.ok);
    expect(result.details.durationMs).toBeLessThan(6000);
    expect(result.details.survivors).toEqual([]);
    if (result.ok && 'truncated' in expected) {
      expect(result.snapshot.truncated?.[0]?.list).toBe(expected.truncated);
    }
    if (!result.ok && 'stage' in expected) expect(result.stage).toBe(expected.stage);
  });
});

describe('the 2026-07-28 era', () => {
  it('is negotiated with server/discover over stdio', async () => {
    const snapshot = snapshotOf(await connectServer(fixtureSpec('modern.mjs')));
    expect(snapshot.protocol).toEqual({ era: '2026', version: '2026-07-28' });
    expect(snapshot.serverInfo).toMatchObject({ name: 'modern-notes', version: '2.0.0' });
    expect(snapshot.instructions).toBe('Notes live in notes:// resources.');
    expect(snapshot.tools.map((tool) => tool.name)).toEqual(['add_note', 'list_notes']);
    expect(snapshot.tools[0]).toMatchObject({
      title: 'Add note',
      outputSchema: { properties: { id: { type: 'string' } } },
      annotations: { destructiveHint: false },
    });
    expect(snapshot.prompts.map((prompt) => prompt.name)).toEqual(['summarize']);
    expect(snapshot.resources.map((resource) => resource.uri)).toEqual(['notes://all']);
    expect(snapshot.resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'notes://{id}',
    ]);
  });

  it('falls back to initialize against a server that serves both eras only when asked to', async () => {
    const auto = snapshotOf(await connectServer(fixtureSpec('modern.mjs', ['both'])));
    expect(auto.protocol?.era).toBe('2026');
    const legacy = snapshotOf(
      await connectServer(fixtureSpec('modern.mjs', ['both']), { protocol: '2025' }),
    );
    expect(legacy.protocol).toEqual({ era: '2025', version: '2025-11-25' });
    expect(legacy.tools.map((tool) => tool.name)).toEqual(['add_note', 'list_notes']);
  });

  it('reports a modern-only server to a client pinned to 2025 as a connect failure', async () => {
    const result = await connectServer(fixtureSpec('modern.mjs'), { protocol: '2025' });
    expect(result).toMatchObject({ ok: false, stage: 'connect' });
  });

  describe('over Streamable HTTP on loopback', () => {
    let server: { port: number; stop: () => Promise<void> };
    beforeAll(async () => {
      server = await startHttpServer(fixtureSpec('modern-http.mjs'), (text) => {
        const match = /LISTENING=(\d+)/.exec(text);
        return match ? Number(match[1]) : undefined;
      });
    });
    afterAll(async () => {
      await server.stop();
    });

    it('sends the configured bearer token and negotiates 2026-07-28', async () => {
      const spec = httpSpec('modern-http', `http://127.0.0.1:${String(server.port)}/mcp`, {
        headers: { Authorization: 'Bearer fixture-token' },
      });
      const result = await connectServer(spec);
      const snapshot = snapshotOf(result);
      expect(result.details.transport).toBe('streamableHttp');
      expect(snapshot.protocol).toEqual({ era: '2026', version: '2026-07-28' });
      expect(snapshot.tools.map((tool) => tool.name)).toEqual(['lookup']);
      expect(snapshot.prompts.map((prompt) => prompt.name)).toEqual(['brief']);
      expect(snapshot.instructions).toBe('Served over Streamable HTTP.');
    });

    it('speaks 2025 to the same server through its stateless fallback when pinned', async () => {
      const spec = httpSpec('modern-http', `http://127.0.0.1:${String(server.port)}/mcp`, {
        headers: { Authorization: 'Bearer fixture-token' },
      });
      const snapshot = snapshotOf(await connectServer(spec, { protocol: '2025' }));
      expect(snapshot.protocol?.era).toBe('2025');
      expect(snapshot.tools.map((tool) => tool.name)).toEqual(['lookup']);
    });

    it('fails at connect without the token, and says it was refused', async () => {
      const spec = httpSpec('modern-http', `http://127.0.0.1:${String(server.port)}/mcp`);
      const result = await connectServer(spec);
      expect(result).toMatchObject({ ok: false, stage: 'connect' });
      if (!result.ok) expect(result.error).toMatch(/401|authoriz/i);
    });
  });
});
