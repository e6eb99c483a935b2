import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy, type PolicyInput } from '../../core/config/schema.js';
import { ToolkitError } from '../../core/errors.js';
import { limits } from './limits.js';
import { createHarness, type Harness, type TestContext } from './testing.js';
import { GATEWAY_ERROR, type GatewayMiddleware } from './types.js';

function setup(policy: PolicyInput): {
  h: Harness;
  mw: GatewayMiddleware;
  call: (server: string, tool: string) => Promise<TestContext>;
} {
  const h = createHarness({ policy });
  const mw = limits(h.policy);
  return {
    h,
    mw,
    call: async (server, tool) => {
      const ctx = h.request(server, 'tools/call', { name: tool, arguments: {} });
      await h.run(mw, ctx);
      return ctx;
    },
  };
}

describe('limits', () => {
  it('refuses calls over a server rate and says when to try again', async () => {
    const { h, call } = setup({
      version: 1,
      servers: { fs: { command: 'x', limits: { rate: { perMinute: 2 } } } },
    });
    expect((await call('fs', 'a')).denied).toBe(false);
    h.advance(10_000);
    expect((await call('fs', 'b')).denied).toBe(false);
    const third = await call('fs', 'a');
    expect(third.denial?.code).toBe(GATEWAY_ERROR.limited);
    expect(third.reason).toContain(
      'server "fs" allows 2 calls per minute (servers.fs.limits.rate.perMinute)',
    );
    expect(third.reason).toContain('try again in 50 s');
    h.advance(50_001);
    expect((await call('fs', 'a')).denied).toBe(false);
  });

  it("limits one tool by its own rate, or by tools['*'] for each tool", async () => {
    const { call } = setup({
      version: 1,
      servers: {
        fs: {
          command: 'x',
          tools: {
            write: { limits: { rate: { perHour: 1 } } },
            '*': { limits: { rate: { perMinute: 2 } } },
          },
        },
      },
    });
    expect((await call('fs', 'write')).denied).toBe(false);
    expect((await call('fs', 'write')).reason).toContain(
      'tool "write" of server "fs" allows 1 calls per hour',
    );
    expect((await call('fs', 'read')).denied).toBe(false);
    expect((await call('fs', 'read')).denied).toBe(false);
    expect((await call('fs', 'read')).reason).toContain(
      "servers.fs.tools['*'].limits.rate.perMinute",
    );
    expect((await call('fs', 'list')).denied).toBe(false);
  });

  it('keeps limiting a tool after a client called more tool names than the levels table holds', async () => {
    const { call } = setup({
      version: 1,
      servers: {
        fs: {
          command: 'x',
          limits: { rate: { perMinute: 5000 }, concurrency: 5000 },
          tools: {
            write: { limits: { rate: { perHour: 1 } } },
            '*': { limits: { rate: { perMinute: 5000 } } },
          },
        },
      },
    });
    expect((await call('fs', 'write')).denied).toBe(false);
    for (let n = 0; n < 1100; n++) {
      expect((await call('fs', `made-up-${String(n)}`)).reason ?? '').toBe('');
    }
    expect((await call('fs', 'write')).reason).toContain(
      'tool "write" of server "fs" allows 1 calls per hour',
    );
  });

  it('counts the global rate over all servers together', async () => {
    const { call } = setup({ version: 1, limits: { global: { rate: { perMinute: 2 } } } });
    await call('a', 't');
    await call('b', 't');
    expect((await call('c', 't')).reason).toContain('all servers together allows 2 calls');
  });

  it('refuses a call over the concurrency limit until one in flight is answered', async () => {
    const { h, mw, call } = setup({
      version: 1,
      servers: { fs: { command: 'x', limits: { concurrency: 1 } } },
    });
    const first = await call('fs', 'slow');
    expect(first.denied).toBe(false);
    const second = await call('fs', 'slow');
    expect(second.reason).toContain('already has 1 calls in flight');
    await h.run(mw, h.result(first, { content: [] }));
    expect((await call('fs', 'slow')).denied).toBe(false);
  });

  it('frees the slot of a call another control refused, and of one that timed out', async () => {
    const { h, call } = setup({
      version: 1,
      servers: { fs: { command: 'x', limits: { concurrency: 1, timeoutMs: 5000 } } },
    });
    const refused = await call('fs', 't');
    refused.settle(); // what the gateway does when a later control denies the request
    const timed = await call('fs', 't');
    expect(timed.deadline?.ms).toBe(5000);
    h.expire(timed);
    expect(timed.decisions.at(-1)?.reason).toContain('got no answer within 5 s');
    expect((await call('fs', 't')).denied).toBe(false);
  });

  it("gives every request the most specific timeout, a tool's before the server's", async () => {
    const { call } = setup({
      version: 1,
      servers: {
        fs: {
          command: 'x',
          limits: { timeoutMs: 30_000 },
          tools: { build: { limits: { timeoutMs: 600_000 } } },
        },
      },
    });
    expect((await call('fs', 'build')).deadline?.ms).toBe(600_000);
    expect((await call('fs', 'read')).deadline?.ms).toBe(30_000);
    expect((await call('other', 'read')).deadline?.denial.decision.reason).toContain(
      'defaults.limits.timeoutMs',
    );
  });

  it('replaces an answer over maxResponseBytes with an error, and passes a smaller one untouched', async () => {
    const { h, mw } = setup({
      version: 1,
      servers: { fs: { command: 'x', limits: { maxResponseBytes: 1000 } } },
    });
    const request = h.request('fs', 'tools/call', { name: 'dump', arguments: {} });
    await h.run(mw, request);
    const big = h.result(request, { content: [{ type: 'text', text: 'x'.repeat(2000) }] });
    await h.run(mw, big);
    expect(big.denial?.code).toBe(GATEWAY_ERROR.limited);
    expect(big.reason).toContain(
      'over the limit of 1000 bytes (servers.fs.limits.maxResponseBytes)',
    );

    const request2 = h.request('fs', 'tools/call', { name: 'dump', arguments: {} });
    await h.run(mw, request2);
    const small = h.result(request2, { content: [{ type: 'text', text: 'ok' }] });
    const message = small.message;
    expect((await h.run(mw, small)).forwarded).toBe(true);
    expect(small.message).toBe(message);
  });

  it('measures the frame as it arrived when the gateway knows its size', async () => {
    const { h, mw } = setup({
      version: 1,
      servers: { fs: { command: 'x', limits: { maxResponseBytes: 1000 } } },
    });
    const request = h.request('fs', 'resources/read', { uri: 'file:///a' });
    await h.run(mw, request);
    const result = h.result(request, { contents: [] }, { bytes: 5000 });
    await h.run(mw, result);
    expect(result.reason).toContain('4.9 KiB');
  });

  it('fails closed when the gateway offers no deadline hook', async () => {
    const { h, mw } = setup({ version: 1 });
    const ctx = h.request('fs', 'tools/call', { name: 't' });
    Object.assign(ctx, { setDeadline: undefined });
    await expect(mw(ctx, () => Promise.resolve())).rejects.toThrow('setDeadline');
  });

  it('rejects a limit that is not a positive integer when created', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      servers: {
        fs: {
          ...DEFAULT_POLICY.servers.fs,
          args: [],
          env: {},
          headers: {},
          trust: 'trusted',
          tools: {},
          limits: { concurrency: 0 },
        },
      },
    };
    expect(() => limits(policy)).toThrow(ToolkitError);
    expect(() => limits(policy)).toThrow('servers.fs.limits.concurrency');
  });
});
