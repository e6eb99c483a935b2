// `wrap` in front of a server that misbehaves on purpose (test/fixtures/servers/
// gateway-misbehaving.mjs): what the client gets, and that the gateway keeps serving.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ERROR } from '../../src/gateway/middleware/types.js';
import {
  auditRecords,
  connectWrapped,
  fixtures,
  waitFor,
  type Wrapped,
} from './gateway-support.js';

const TOKEN = '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';

describe('wrap: a misbehaving server behind the default controls', () => {
  let wrapped: Wrapped;
  const logs: unknown[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-misbehaving-'));
    const policy = join(dir, 'policy.yaml');
    writeFileSync(
      policy,
      [
        'version: 1',
        'servers:',
        '  misbehaving:',
        '    limits:',
        '      maxResponseBytes: 65536',
        // leak_secret hands out a credential, so by default the user would confirm it; this
        // test is about what output screening does to its answer.
        '    tools:',
        '      leak_secret: { action: allow }',
        '      hang:',
        '        limits:',
        '          timeoutMs: 1500',
        '',
      ].join('\n'),
    );
    wrapped = await connectWrapped(
      ['node', join(fixtures, 'gateway-misbehaving.mjs')],
      ['--policy', policy],
      {
        setup(client) {
          client.setNotificationHandler('notifications/message', (notification) => {
            logs.push(notification.params);
          });
        },
      },
    );
    await wrapped.client.listTools();
  });
  afterAll(async () => {
    await wrapped.close();
  });

  const text = (result: { content?: unknown }): string => JSON.stringify(result.content);

  it('redacts secrets in tool output', async () => {
    const result = await wrapped.client.callTool({ name: 'leak_secret', arguments: {} });
    expect(text(result)).not.toContain(TOKEN);
    expect(text(result)).not.toContain('8kBbGm2GQm1Xhbk3rTj0bFzqA6pW9x5bN1cD7eZq');
    expect(text(result)).toContain('config:');
  });

  it('delivers prompt injection marked as untrusted data', async () => {
    const result = await wrapped.client.callTool({ name: 'inject', arguments: {} });
    expect(result._meta).toHaveProperty(['mcp-warden/untrusted']);
    expect(text(result)).toContain('ignore all previous instructions');
  });

  it('survives a flood of notifications and still answers', async () => {
    const result = await wrapped.client.callTool({ name: 'flood', arguments: { count: 20000 } });
    expect(text(result)).toContain('flooded 20000');
    await waitFor(() => logs.length >= 20000, 30_000, 'every notification');
    expect(logs.length).toBe(20000);
    await expect(wrapped.client.ping()).resolves.toBeDefined();
  });

  it('answers a call the server hangs on once the time limit passes', async () => {
    await expect(wrapped.client.callTool({ name: 'hang', arguments: {} })).rejects.toMatchObject({
      code: GATEWAY_ERROR.limited,
      message: expect.stringContaining('servers.misbehaving.tools.hang.limits.timeoutMs'),
    });
    const echo = await wrapped.client.callTool({ name: 'echo', arguments: { text: 'still here' } });
    expect(text(echo)).toContain('still here');
  });

  it('refuses an answer over the size limit without buffering it', async () => {
    await expect(
      wrapped.client.callTool({ name: 'big', arguments: { count: 500_000 } }),
    ).rejects.toMatchObject({
      code: GATEWAY_ERROR.limited,
    });
    const small = await wrapped.client.callTool({ name: 'big', arguments: { count: 100 } });
    expect(text(small)).toContain('x'.repeat(100));
  });

  it('answers a call the server crashed on, restarts it, and serves the next call', async () => {
    const before = await wrapped.client.callTool({ name: 'instance', arguments: {} });
    await expect(wrapped.client.callTool({ name: 'crash', arguments: {} })).rejects.toMatchObject({
      code: GATEWAY_ERROR.unavailable,
    });
    await waitFor(
      () => /restarted; session restored/.test(wrapped.stderr()),
      60_000,
      'the restart',
    );
    const after = await wrapped.client.callTool({ name: 'instance', arguments: {} });
    expect(text(after)).not.toBe(text(before));
  });

  it('re-emits the server’s stderr with secrets redacted', () => {
    expect(wrapped.stderr()).toContain('[misbehaving] gateway-misbehaving starting');
    expect(wrapped.stderr()).not.toContain(TOKEN);
  });

  it('records the decisions in the audit log', () => {
    const decisions = auditRecords(wrapped.stateDir).filter((record) => record.type === 'decision');
    const controls = decisions.map((record) => (record.decision as { control: string }).control);
    expect(controls).toEqual(expect.arrayContaining(['output-screening', 'limits']));
    const lifecycle = auditRecords(wrapped.stateDir).filter(
      (record) => record.type === 'lifecycle',
    );
    expect(lifecycle.map((record) => record.event)).toEqual(
      expect.arrayContaining(['server-started', 'server-down', 'server-restarted']),
    );
  });

  it('writes an alert record after each security decision', () => {
    const alerts = auditRecords(wrapped.stateDir).filter((record) => record.type === 'alert');
    expect(alerts.map((record) => record.event)).toEqual(
      expect.arrayContaining(['output-screening-rewrite']),
    );
    expect(alerts.every((record) => record.event !== 'limits-deny')).toBe(true);
  });
});
