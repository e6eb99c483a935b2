// `wrap` as a real child process with a capped heap (`node --max-old-space-size=64`) in front of
// a server that attacks its memory (test/fixtures/servers/hostile.mjs): it stays up, sheds or
// refuses with a clear error where a bound is hit, and answers a ping afterwards. The bounds are
// documented in docs/gateway.md ("Memory bounds").
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_BOUNDS } from '../../src/gateway/session.js';
import { bin, fixtures, gatewayEnv } from './gateway-support.js';

const HEAP_MB = 64;

interface Message {
  id?: number;
  method?: string;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A line-level client: every request and answer is one frame, nothing is buffered for it. */
class RawClient {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { done: (message: Message) => void; fail: (error: Error) => void }
  >();
  notifications = 0;
  exited: number | null | undefined;
  /** Set when the test ends the gateway itself: questions still open are not failures then. */
  closing = false;
  stderr = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Message;
      if (message.id === undefined) {
        this.notifications += 1;
        return;
      }
      this.waiting.get(message.id)?.done(message);
      this.waiting.delete(message.id);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    child.on('exit', (code) => {
      this.exited = code;
      if (this.closing) return;
      // A gateway that died (out of memory) fails every question still open, with its stderr.
      for (const { fail } of this.waiting.values()) {
        fail(new Error(`the gateway exited (${String(code)}):\n${this.stderr}`));
      }
      this.waiting.clear();
    });
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Message> {
    const id = ++this.nextId;
    const answer = new Promise<Message>((done, fail) => this.waiting.set(id, { done, fail }));
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return answer;
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** The ids of the requests sent so far, oldest first. */
  get sent(): number {
    return this.nextId;
  }
}

const running: RawClient[] = [];
afterEach(() => {
  for (const client of running.splice(0)) {
    client.closing = true;
    client.child.kill('SIGKILL');
  }
});

async function startWrap(limits: string[]): Promise<RawClient> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-memory-'));
  const policy = join(dir, 'policy.yaml');
  writeFileSync(
    policy,
    [
      'version: 1',
      'defaults:',
      '  limits:',
      '    rate: { perMinute: 1000000, perHour: 100000000 }',
      ...limits.map((line) => `    ${line}`),
      '',
    ].join('\n'),
  );
  const { env } = gatewayEnv();
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${String(HEAP_MB)}`,
      bin,
      'wrap',
      '--no-sandbox',
      '--policy',
      policy,
      '--name',
      'hostile',
      '--',
      process.execPath,
      join(fixtures, 'hostile.mjs'),
    ],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const client = new RawClient(child);
  running.push(client);
  const init = await client.send('initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'memory-test', version: '1.0.0' },
  });
  expect(init.result?.serverInfo).toMatchObject({ name: 'hostile' });
  client.notify('notifications/initialized');
  return client;
}

async function stillServes(client: RawClient): Promise<void> {
  expect(await client.send('ping')).toMatchObject({ result: {} });
  expect(client.exited, client.stderr).toBeUndefined();
}

describe('wrap with a capped heap against a server that attacks its memory', () => {
  it('refuses the pages of a tool list past its bound instead of holding them', async () => {
    const client = await startWrap([]);
    let cursor: string | undefined;
    let refusal: Message['error'];
    // Pages of 200 KB for ever: 80 MB in 400 pages, more than the whole heap.
    for (let page = 0; page < 400 && refusal === undefined; page++) {
      const answer = await client.send('tools/list', cursor === undefined ? {} : { cursor });
      refusal = answer.error;
      cursor = answer.result?.nextCursor as string;
    }
    expect(refusal?.message).toMatch(
      new RegExp(
        `lists more than ${String(SESSION_BOUNDS.maxListedToolBytes)} bytes of tools; further pages are refused`,
      ),
    );
    // A fresh listing starts again from the first page.
    expect((await client.send('tools/list')).result?.tools).toHaveLength(3);
    await stillServes(client);
  }, 90_000);

  it(`refuses requests past ${String(SESSION_BOUNDS.maxInFlight)} in flight, with a clear error`, async () => {
    const client = await startWrap(['concurrency: 100000']);
    await client.send('tools/list');
    const first = client.sent + 1;
    const calls = Array.from({ length: SESSION_BOUNDS.maxInFlight + 50 }, () =>
      client.send('tools/call', { name: 'hang', arguments: {} }),
    );
    // The calls past the bound are answered at once; the others hang until their deadline.
    const refused = await Promise.all(calls.slice(SESSION_BOUNDS.maxInFlight));
    for (const answer of refused) {
      expect(answer.error?.message).toMatch(/requests to server "hostile" are already in flight/);
    }
    // The client gives up on the hung calls; the session takes requests again.
    for (let id = first; id < first + SESSION_BOUNDS.maxInFlight; id++) {
      client.notify('notifications/cancelled', { requestId: id, reason: 'giving up' });
    }
    await stillServes(client);
  });

  it('passes on a flood of notifications half the size of its heap, in order', async () => {
    const client = await startWrap([]);
    await client.send('tools/list');
    // 4,000 notifications of 8 KB: written by the server at once, read no faster than delivered.
    const flooded = await client.send('tools/call', {
      name: 'flood',
      arguments: { count: 4000, size: 8000 },
    });
    expect(flooded.result).toMatchObject({ content: [{ text: 'flooded' }] });
    // Every notification came before the answer that followed them.
    expect(client.notifications).toBe(4000);
    await stillServes(client);
  }, 90_000);

  it('drops an answer far over the size limit without reading it into memory', async () => {
    const client = await startWrap(['maxResponseBytes: 1048576']);
    await client.send('tools/list');
    const huge = await client.send('tools/call', {
      name: 'huge',
      arguments: { count: 64 * 1024 * 1024 },
    });
    expect(huge.error?.message).toMatch(/over the 1048576-byte limit/);
    await stillServes(client);
  });
});
