import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ServerPolicy } from '../../core/config/schema.js';
import { createSessionState, Pipeline } from '../pipeline.js';
import { compose, deferredChain, instantiate } from './compose.js';
import { GATEWAY_ERROR, type GatewayMiddleware, type JsonRpcMessage } from './types.js';

const call: JsonRpcMessage = {
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text: 'hi' } },
};

function runWith(middleware: GatewayMiddleware, message: JsonRpcMessage = call) {
  const pipeline = new Pipeline({
    middleware,
    policy: DEFAULT_POLICY,
    session: createSessionState(),
    now: () => 1000,
  });
  return pipeline.run({
    direction: 'client-to-server',
    server: 'everything',
    serverPolicy: ServerPolicy.parse({}),
    kind: 'request',
    message,
  });
}

function run(middlewares: Parameters<typeof compose>[0], message: JsonRpcMessage = call) {
  return runWith(compose(middlewares), message);
}

describe('compose', () => {
  it('runs middlewares as an onion: in order on the way in, in reverse on the way out', async () => {
    const trace: string[] = [];
    const layer =
      (name: string): GatewayMiddleware =>
      async (_ctx, next) => {
        trace.push(`${name} in`);
        await next();
        trace.push(`${name} out`);
      };
    const outcome = await run([layer('a'), layer('b'), layer('c')]);
    expect(trace).toEqual(['a in', 'b in', 'c in', 'c out', 'b out', 'a out']);
    expect(outcome).toMatchObject({ action: 'forward', rewritten: false });
  });

  it('forwards the very same message object when no control touched it', async () => {
    const outcome = await run([async (_ctx, next) => next()]);
    expect(outcome.action === 'forward' && outcome.message).toBe(call);
  });

  it('reports a rewrite when a control replaced the message', async () => {
    const outcome = await run([
      async function redact(ctx, next) {
        ctx.message = { ...ctx.message, params: { name: 'echo', arguments: { text: '****' } } };
        await next();
      },
    ]);
    expect(outcome).toMatchObject({ action: 'forward', rewritten: true });
  });

  it('blocks the message, naming the control, when next() is called twice', async () => {
    const outcome = await run([
      async function twice(_ctx, next) {
        await next();
        await next();
      },
    ]);
    expect(outcome.action).toBe('deny');
    if (outcome.action !== 'deny') return;
    expect(outcome.denial.code).toBe(GATEWAY_ERROR.controlFailed);
    expect(outcome.denial.decision.control).toBe('twice');
    expect(outcome.denial.decision.reason).toMatch(/next\(\) called more than once/);
  });

  it('turns a throw into a controlFailed denial naming the innermost control that threw', async () => {
    const outcome = await run([
      { id: 'outer', middleware: async (_ctx, next) => next() },
      {
        id: 'screening',
        middleware: () => {
          throw new Error('regex blew up');
        },
      },
    ]);
    expect(outcome).toMatchObject({
      action: 'deny',
      denial: {
        code: GATEWAY_ERROR.controlFailed,
        decision: { control: 'screening', action: 'deny' },
        data: { control: 'screening' },
      },
    });
  });

  it('fails closed when a control neither calls next() nor denies', async () => {
    const outcome = await run([{ id: 'forgetful', middleware: () => Promise.resolve() }]);
    expect(outcome).toMatchObject({
      action: 'deny',
      denial: { decision: { control: 'forgetful' }, code: GATEWAY_ERROR.controlFailed },
    });
  });

  it('stops the chain at a denial and keeps the decisions recorded before it', async () => {
    let reachedInner = false;
    const outcome = await run([
      async (ctx, next) => {
        ctx.record({ control: 'warn-only', action: 'warn', reason: 'looked odd' });
        await next();
      },
      async (ctx, next) => {
        ctx.deny({ control: 'tool-access', reason: 'echo is denied by policy' });
        await next();
      },
      async (_ctx, next) => {
        reachedInner = true;
        await next();
      },
    ]);
    expect(reachedInner).toBe(false);
    expect(outcome.decisions.map((d) => d.action)).toEqual(['warn', 'deny']);
    expect(outcome).toMatchObject({
      action: 'deny',
      denial: { code: GATEWAY_ERROR.denied, message: /tool-access.*echo is denied/ },
    });
  });

  it('names a control that throws after denying by its denial, not as a failure', async () => {
    const outcome = await run([
      (ctx) => {
        ctx.deny({ control: 'limits', reason: 'rate', code: GATEWAY_ERROR.limited });
        throw new Error('oops');
      },
    ]);
    expect(outcome).toMatchObject({ action: 'deny', denial: { code: GATEWAY_ERROR.limited } });
  });

  it('instantiates controls with the policy and names each after its id', async () => {
    const seen: string[] = [];
    const chain = instantiate(
      [
        {
          id: 'probe',
          title: 'Probe',
          checklist: [],
          create: (policy) => async (_ctx, next) => {
            seen.push(String(policy.version));
            await next();
          },
        },
      ],
      DEFAULT_POLICY,
      {},
    );
    expect(chain.map((entry) => entry.id)).toEqual(['probe']);
    await run(chain);
    expect(seen).toEqual(['1']);
  });
});

describe('deferredChain', () => {
  it('holds a message that comes while the controls load, then runs it through them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let loads = 0;
    const seen: string[] = [];
    const chain = deferredChain(async () => {
      loads++;
      await gate;
      return [
        {
          id: 'deny-echo',
          middleware: (ctx) => {
            seen.push(ctx.message.method ?? '');
            ctx.deny({ control: 'deny-echo', reason: 'no echo' });
            return Promise.resolve();
          },
        },
      ];
    });
    const pending = runWith(chain.middleware);
    const ready = chain.ready();
    expect(seen).toEqual([]);
    release();
    await ready;
    expect((await pending).action).toBe('deny');
    expect(seen).toEqual(['tools/call']);
    expect(loads).toBe(1);
  });

  it('blocks every message and refuses to be ready when the controls cannot be loaded', async () => {
    const chain = deferredChain(() => Promise.reject(new Error('module not found')));
    await expect(chain.ready()).rejects.toThrow('module not found');
    const outcome = await runWith(chain.middleware);
    expect(outcome.action).toBe('deny');
    if (outcome.action === 'deny') {
      expect(outcome.denial.code).toBe(GATEWAY_ERROR.controlFailed);
      expect(outcome.denial.decision.reason).toContain('module not found');
    }
  });

  it('composes a list given as it is at once', async () => {
    const chain = deferredChain([]);
    await chain.ready();
    expect((await runWith(chain.middleware)).action).toBe('forward');
  });
});
