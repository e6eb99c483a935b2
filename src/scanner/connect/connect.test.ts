import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerSpec } from '../../core/server-spec.js';
import { connectServer, describeTarget, snapshotServer } from './index.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/servers');

function fixture(file: string, args: string[] = []): ServerSpec {
  return {
    name: file.replace(/\.mjs$/, ''),
    client: 'generic',
    scope: 'project',
    source: { file: 'mcp.json', pointer: '/mcpServers/x', line: 1, column: 1 },
    transport: 'stdio',
    command: process.execPath,
    args: [join(fixtures, file), ...args],
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: {},
  };
}

describe('connectServer limits', () => {
  it('gives up on a server that never answers the handshake, within the timeout', async () => {
    const started = Date.now();
    const result = await connectServer(fixture('hangs-on-initialize.mjs'), { timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(1500 + 3000);
    expect(result).toMatchObject({ ok: false, stage: 'connect' });
    if (!result.ok) expect(result.error).toMatch(/timed out/);
    expect(result.details.survivors).toEqual([]);
  });

  it('stops following a cursor that never ends after maxPages', async () => {
    const result = await connectServer(fixture('pages-forever.mjs'), { limits: { maxPages: 10 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.tools).toHaveLength(10);
    expect(result.snapshot.truncated).toEqual([
      { list: 'tool', reason: 'stopped after 10 pages: the server kept returning a nextCursor' },
    ]);
  });

  it('keeps at most maxItems definitions of a huge list', async () => {
    const result = await connectServer(fixture('huge-list.mjs', ['5000', '10']), {
      limits: { maxItems: 100 },
    });
    expect(result.ok && result.snapshot.tools.length).toBe(100);
    expect(result.ok && result.snapshot.truncated).toEqual([
      { list: 'tool', reason: 'more than 100 items' },
    ]);
  });

  it('keeps at most maxBytes of definitions', async () => {
    const result = await connectServer(fixture('huge-list.mjs', ['1000', '1000']), {
      limits: { maxBytes: 100_000 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.tools.length).toBeGreaterThan(50);
    expect(result.snapshot.tools.length).toBeLessThan(100);
    expect(result.snapshot.truncated?.[0]?.reason).toBe('definitions exceed 100000 bytes');
  });

  it('cuts the connection when one message exceeds maxMessageBytes, and keeps what it learnt', async () => {
    const result = await connectServer(fixture('huge-list.mjs', ['2000', '1000']), {
      limits: { maxMessageBytes: 256 * 1024 },
    });
    expect(result).toMatchObject({ ok: false, stage: 'list' });
    if (result.ok) return;
    expect(result.partial?.serverInfo?.name).toBe('huge-list');
    expect(result.partial?.truncated?.[0]?.list).toBe('tool');
    expect(result.details.warnings.join('\n')).toMatch(/exceeded 262144 bytes/);
  });

  it('reports a server that exits at once, with its stderr redacted', async () => {
    const result = await connectServer(fixture('exits-immediately.mjs'));
    expect(result).toMatchObject({ ok: false, stage: 'connect' });
    if (result.ok) return;
    expect(result.error).toMatch(/exited \(code 3\)/);
    expect(result.stderrTail).toContain('[redacted:github]');
    expect(result.stderrTail).not.toContain('wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
  });

  it('fails at the spawn stage when the command does not exist', async () => {
    const result = await connectServer({ ...fixture('x.mjs'), command: 'no-such-server-xyz' });
    expect(result).toMatchObject({ ok: false, stage: 'spawn' });
  });

  it('fails at the connect stage when nothing listens at the URL', async () => {
    const result = await connectServer({
      ...fixture('x.mjs'),
      transport: 'http',
      command: undefined,
      url: 'http://127.0.0.1:9/mcp',
    });
    expect(result).toMatchObject({ ok: false, stage: 'connect' });
  });
});

describe('describeTarget', () => {
  it('redacts a token given as a flag value', () => {
    const target = describeTarget({
      transport: 'stdio',
      command: 'npx',
      args: ['-y', 'server', '--api-key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    });
    expect(target).toMatch(/^npx -y server --api-key \[redacted:stripe\]/);
    expect(target).not.toContain('4eC39HqLyjWDarjtT1zdp7dc');
  });

  it('redacts secrets in a URL query and password', () => {
    const target = describeTarget({
      transport: 'http',
      args: [],
      url: 'https://user:hunter2hunter2@mcp.example.com/mcp?api_key=Zx9Qw2Er7Ty5Ui3Op1As8Df6Gh4Jk0L',
    });
    expect(target).not.toContain('hunter2hunter2');
    expect(target).not.toContain('Zx9Qw2Er7Ty5Ui3Op1As8Df6Gh4Jk0L');
  });

  it('redacts a provider token found by secretlint in a snapshot identity', async () => {
    const server = await snapshotServer({
      ...fixture('x.mjs'),
      args: ['--token', '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'],
    });
    expect(server.target).not.toContain('wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
  });
});
