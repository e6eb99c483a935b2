import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrokerServer } from './broker.js';

describe('the broker', () => {
  it('outlives a connection that never asks anything (another broker probing it)', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'mcp-warden-broker-')), 'b.sock');
    const broker = await startBrokerServer({ socket });
    expect(broker.status).toBe('serving');
    const probe = createConnection(socket);
    await new Promise((connected) => probe.once('connect', connected));
    probe.destroy();
    await new Promise((closed) => probe.once('close', closed));
    // A wrap joining after the probe still finds it, asks, and gets an answer.
    const wrap = createConnection(socket);
    wrap.write(`${JSON.stringify({ op: 'read', id: 1 })}\n`);
    const answer = await new Promise<string>((got) =>
      wrap.once('data', (chunk) => {
        got(String(chunk));
      }),
    );
    expect(JSON.parse(answer)).toMatchObject({ id: 1, legs: {} });
    wrap.destroy();
    await broker.done;
  });
});
