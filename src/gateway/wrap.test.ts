import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, Policy, ServerPolicy } from '../core/config/schema.js';
import type { AuditEvent } from './audit/index.js';
import { clientPipes, fakeUpstream, type FakeServer } from './__fixtures__/fake-upstream.js';
import type { MiddlewareEntry } from './middleware/compose.js';
import { defaultControls } from './middleware/index.js';
import { GATEWAY_ERROR, type JsonRpcMessage } from './middleware/types.js';
import { startWrap, type RunningGateway } from './wrap.js';

const INIT = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: { sampling: {} },
    clientInfo: { name: 't', version: '1' },
  },
};

/** A small well-behaved server: initialize, tools/list, echo, sampling round trip, hang. */
const everything: FakeServer = (message, api) => {
  const { id, method, params } = message as {
    id?: number;
    method?: string;
    params?: Record<string, unknown>;
  };
  if (id === undefined) return;
  if (method === 'initialize') {
    api.send({
      jsonrpc: '2.0',
      id,
      result: {
        protocolVersion: '2025-11-25',
        capabilities: { tools: { listChanged: true }, logging: {} },
        serverInfo: { name: 'fake', version: '1' },
      },
    });
  } else if (method === 'tools/list') {
    api.send({
      jsonrpc: '2.0',
      id,
      result: { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] },
    });
  } else if (method === 'tools/call' && params?.name === 'echo') {
    api.send({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'echo' }] } });
  } else if (method === 'tools/call' && params?.name === 'ask') {
    api.send({
      jsonrpc: '2.0',
      id: 'srv-1',
      method: 'sampling/createMessage',
      params: { messages: [], maxTokens: 5 },
    });
  } else if (method === 'tools/call' && params?.name === 'progress') {
    const token = (params._meta as { progressToken?: number } | undefined)?.progressToken;
    api.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: token, progress: 1 },
    });
    api.send({ jsonrpc: '2.0', id, result: { content: [] } });
  } else if (method === 'tools/call' && params?.name === 'crash') {
    api.die();
  } else if (method === 'tools/call' && params?.name === 'hang') {
    // never answers
  } else if (method === 'ping' || method === 'logging/setLevel') {
    api.send({ jsonrpc: '2.0', id, result: {} });
  } else if (method === undefined) {
    // The client's answer to our sampling request: finish the tool call it belongs to.
    api.send({
      jsonrpc: '2.0',
      id: 99,
      result: { content: [{ type: 'text', text: JSON.stringify(message) }] },
    });
  }
};

let running: RunningGateway | undefined;
afterEach(async () => {
  await running?.stop('test over');
  running = undefined;
});

async function wrap(
  options: {
    policy?: Policy;
    middlewares?: MiddlewareEntry[];
    audit?: AuditEvent[];
    server?: FakeServer;
    maxRestarts?: number;
    healthCheck?: { intervalMs: number; timeoutMs: number };
  } = {},
) {
  const fake = fakeUpstream({ fake: options.server ?? everything });
  const client = clientPipes();
  const logs: string[] = [];
  running = await startWrap(
    { name: 'fake', serverPolicy: ServerPolicy.parse({}), command: 'unused' },
    {
      policy: options.policy ?? DEFAULT_POLICY,
      middlewares: options.middlewares ?? [],
      input: client.input,
      output: client.output,
      log: (text) => logs.push(text),
      connect: fake.connect,
      restart: {
        maxRestarts: options.maxRestarts ?? 3,
        windowMs: 60_000,
        initialDelayMs: 5,
        maxDelayMs: 20,
      },
      ...(options.healthCheck === undefined ? {} : { healthCheck: options.healthCheck }),
      ...(options.audit === undefined
        ? {}
        : { audit: { append: (event: AuditEvent) => options.audit?.push(event) } }),
    },
  );
  return { fake, client, logs, gateway: running };
}

describe('wrap: the per-message path', () => {
  it('forwards what it judged: a frame with duplicate keys reaches the server as the parsed value', async () => {
    const { fake, client } = await wrap();
    client.sendLine(
      '{"jsonrpc":"2.0",  "id":1,"method":"tools/call","params":{"name":"rm_rf","name":"echo"}}',
    );
    const answer = await client.next((m) => m.id === 1);
    expect(answer.result).toEqual({ content: [{ type: 'text', text: 'echo' }] });
    expect(fake.received.get('fake')).toEqual([
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}',
    ]);
  });

  it.each([
    [
      'params null',
      '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":null}',
      'params is null',
    ],
    [
      'params a string',
      '{"jsonrpc":"2.0","id":7,"method":"tools/list","params":"x"}',
      'params is a string',
    ],
    [
      'params a number',
      '{"jsonrpc":"2.0","id":7,"method":"ping","params":1}',
      'params is a number',
    ],
    [
      'a request with a result',
      '{"jsonrpc":"2.0","id":7,"method":"ping","result":{}}',
      'cannot carry result or error',
    ],
    ['an id and no method', '{"jsonrpc":"2.0","id":7}', 'neither a request'],
  ])('answers a malformed frame (%s) with an error and never forwards it', async (_, line, why) => {
    const { fake, client } = await wrap();
    client.sendLine(line);
    const answer = await client.next((m) => m.id === 7);
    expect(answer.error).toMatchObject({ code: -32600, message: expect.stringContaining(why) });
    expect(fake.received.get('fake') ?? []).toEqual([]);
  });

  it('lists the tools itself when a client calls one it never listed, then calls it', async () => {
    const { fake, client } = await wrap({ middlewares: defaultControls(DEFAULT_POLICY) });
    client.send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 4)).result).toEqual({
      content: [{ type: 'text', text: 'echo' }],
    });
    const methods = (fake.received.get('fake') ?? []).map(
      (line) => (JSON.parse(line) as JsonRpcMessage).method,
    );
    expect(methods).toEqual(['tools/list', 'tools/call']);
  });

  it('still refuses a tool the server does not list', async () => {
    const { client } = await wrap({ middlewares: defaultControls(DEFAULT_POLICY) });
    client.send({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'nope' } });
    expect((await client.next((m) => m.id === 6)).error).toMatchObject({
      code: GATEWAY_ERROR.denied,
      message: expect.stringContaining("is not in the server's tool list"),
    });
  });

  it('answers a request a control denies itself; the server never sees it', async () => {
    const { fake, client } = await wrap({
      middlewares: [
        async function toolAccess(ctx, next) {
          if (ctx.kind === 'request') {
            ctx.deny({ control: 'tool-access', reason: 'echo is denied', checklist: ['x.y'] });
            return;
          }
          await next();
        },
      ],
    });
    client.send({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'echo' } });
    const answer = await client.next((m) => m.id === 5);
    expect(answer.error).toMatchObject({
      code: GATEWAY_ERROR.denied,
      data: { control: 'tool-access', checklist: ['x.y'] },
    });
    expect(fake.received.get('fake') ?? []).toEqual([]);
  });

  it('re-serialises only a message a control rewrote', async () => {
    const { client } = await wrap({
      middlewares: [
        async function redact(ctx, next) {
          if (ctx.kind === 'response') {
            ctx.message = { ...ctx.message, result: { content: [{ type: 'text', text: '****' }] } };
            ctx.record({ control: 'output-screening', action: 'rewrite', reason: 'redacted' });
          }
          await next();
        },
      ],
    });
    client.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 2)).result).toEqual({
      content: [{ type: 'text', text: '****' }],
    });
  });

  it('fails closed with a JSON-RPC error naming a control that throws, and keeps serving', async () => {
    const { client } = await wrap({
      middlewares: [
        {
          id: 'output-screening',
          middleware: async (ctx, next) => {
            if (ctx.kind === 'response' && ctx.request?.tool === 'echo') throw new Error('boom');
            await next();
          },
        },
      ],
    });
    client.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 3)).error).toMatchObject({
      code: GATEWAY_ERROR.controlFailed,
      data: { control: 'output-screening' },
    });
    client.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
    expect((await client.next((m) => m.id === 4)).result).toEqual({});
  });

  it('writes the request, the decisions and the response summary to the audit log before forwarding', async () => {
    const audit: AuditEvent[] = [];
    const { client } = await wrap({
      audit,
      middlewares: [
        async (ctx, next) => {
          if (ctx.kind === 'request')
            ctx.record({ control: 'arguments', action: 'warn', reason: 'odd' });
          await next();
        },
      ],
    });
    client.send({
      jsonrpc: '2.0',
      id: 6,
      method: 'tools/call',
      params: { name: 'echo', arguments: { a: 1 } },
    });
    await client.next((m) => m.id === 6);
    const calls = audit.filter((event) => event.id === 6);
    expect(calls.map((event) => event.type)).toEqual(['request', 'decision', 'response']);
    expect(calls[0]).toMatchObject({ tool: 'echo', args: { a: 1 }, direction: 'client-to-server' });
    expect(calls[2]?.summary).toMatchObject({ content: 1 });
  });

  it('loads its controls once the server is started, before it reads the client', async () => {
    const fake = fakeUpstream({ fake: everything });
    const client = clientPipes();
    const startsWhenLoading: number[] = [];
    running = await startWrap(
      { name: 'fake', serverPolicy: ServerPolicy.parse({}), command: 'unused' },
      {
        policy: DEFAULT_POLICY,
        middlewares: () => {
          startsWhenLoading.push(fake.starts.get('fake') ?? 0);
          return Promise.resolve([
            {
              id: 'no-echo',
              middleware: (ctx, next) => {
                if (ctx.message.method !== 'tools/call') return next();
                ctx.deny({ control: 'no-echo', reason: 'no echo today' });
                return Promise.resolve();
              },
            },
          ]);
        },
        input: client.input,
        output: client.output,
        log: () => undefined,
        connect: fake.connect,
      },
    );
    expect(startsWhenLoading).toEqual([1]);
    client.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 3)).error).toMatchObject({
      code: GATEWAY_ERROR.denied,
      data: { control: 'no-echo' },
    });
    expect(fake.received.get('fake') ?? []).toEqual([]);
  });

  it('does not start, and stops its server, when its controls cannot be loaded', async () => {
    const fake = fakeUpstream({ fake: everything });
    const client = clientPipes();
    let closed = 0;
    const started = startWrap(
      { name: 'fake', serverPolicy: ServerPolicy.parse({}), command: 'unused' },
      {
        policy: DEFAULT_POLICY,
        middlewares: () => Promise.reject(new Error('a control module is missing')),
        input: client.input,
        output: client.output,
        log: () => undefined,
        connect: async (spec, handlers) => {
          const transport = await fake.connect(spec, handlers);
          return {
            ...transport,
            close: () => {
              closed++;
              return transport.close();
            },
          };
        },
      },
    );
    await expect(started).rejects.toThrow('a control module is missing');
    expect(fake.starts.get('fake')).toBe(1);
    expect(closed).toBe(1);
  });

  it('withholds what it could not record in the audit log', async () => {
    const fake = fakeUpstream({ fake: everything });
    const client = clientPipes();
    running = await startWrap(
      { name: 'fake', serverPolicy: ServerPolicy.parse({}), command: 'unused' },
      {
        policy: DEFAULT_POLICY,
        middlewares: [],
        input: client.input,
        output: client.output,
        log: () => undefined,
        connect: fake.connect,
        audit: {
          append(event) {
            if (event.type === 'request') throw new Error('disk full');
          },
        },
      },
    );
    client.send({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 7)).error).toMatchObject({
      code: GATEWAY_ERROR.controlFailed,
      data: { control: 'audit' },
    });
    expect(fake.received.get('fake') ?? []).toEqual([]);
  });
});

describe('wrap: correlation', () => {
  it('passes a server→client request through with its own id and routes the answer back', async () => {
    const { fake, client } = await wrap();
    client.send({ jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'ask' } });
    const sampling = await client.next((m) => m.method === 'sampling/createMessage');
    expect(sampling.id).toBe('srv-1');
    client.send({
      jsonrpc: '2.0',
      id: 'srv-1',
      result: { role: 'assistant', content: { type: 'text', text: 'hi' } },
    });
    const done = await client.next((m) => m.id === 99);
    expect(JSON.stringify(done.result)).toContain('srv-1');
    expect(fake.received.get('fake')?.at(-1)).toContain('"id":"srv-1"');
  });

  it('drops a client answer to a server request nobody made', async () => {
    const { fake, client, logs } = await wrap();
    client.send({ jsonrpc: '2.0', id: 'nobody', result: {} });
    client.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await client.next((m) => m.id === 1);
    expect(fake.received.get('fake')?.some((line) => line.includes('nobody'))).toBe(false);
    expect(logs.join('\n')).toMatch(/unknown request nobody/);
  });

  it('passes progress notifications and the final result', async () => {
    const { client } = await wrap();
    client.send({
      jsonrpc: '2.0',
      id: 8,
      method: 'tools/call',
      params: { name: 'progress', _meta: { progressToken: 77 } },
    });
    const progress = await client.next((m) => m.method === 'notifications/progress');
    expect(progress.params).toMatchObject({ progressToken: 77 });
    expect((await client.next((m) => m.id === 8)).result).toEqual({ content: [] });
  });

  it('delivers what the server sent in order, however long each message spends in the controls', async () => {
    const { client } = await wrap({
      middlewares: [
        async function slowNotifications(ctx, next) {
          if (ctx.kind === 'notification') {
            await new Promise((resolveWait) => setTimeout(resolveWait, 30));
          }
          await next();
        },
      ],
    });
    client.send({
      jsonrpc: '2.0',
      id: 40,
      method: 'tools/call',
      params: { name: 'progress', _meta: { progressToken: 5 } },
    });
    await client.next((m) => m.id === 40);
    const order = client.lines.map((line) => JSON.parse(line) as { id?: number; method?: string });
    expect(order.map((m) => m.method ?? m.id)).toEqual(['notifications/progress', 40]);
  });

  it('refuses a second request with an id still in flight', async () => {
    const { client } = await wrap();
    client.send({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'hang' } });
    client.send({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 9)).error).toMatchObject({ code: -32600 });
  });

  it('answers an unparseable frame with a parse error and keeps going', async () => {
    const { client } = await wrap();
    client.sendLine('{nope');
    expect((await client.next((m) => m.id === null)).error).toMatchObject({ code: -32700 });
    client.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await client.next((m) => m.id === 1)).result).toEqual({});
  });

  it('splits a batch into its messages', async () => {
    const { client } = await wrap();
    client.sendLine(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'ping' },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo' } },
      ]),
    );
    expect((await client.next((m) => m.id === 1)).result).toEqual({});
    expect((await client.next((m) => m.id === 2)).result).toBeDefined();
  });
});

describe('wrap: deadlines and failures', () => {
  it('answers a call the server never answers once the policy timeout passes, and cancels it upstream', async () => {
    const policy = Policy.parse({ version: 1, defaults: { limits: { timeoutMs: 50 } } });
    const { fake, client } = await wrap({ policy });
    client.send({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'hang' } });
    const answer = await client.next((m) => m.id === 10);
    expect(answer.error).toMatchObject({
      code: GATEWAY_ERROR.limited,
      data: { control: 'timeout' },
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    expect(fake.received.get('fake')?.at(-1)).toContain('notifications/cancelled');
  });

  it('lets a control set the deadline and hear when the request is over', async () => {
    const settled: string[] = [];
    const { client } = await wrap({
      middlewares: [
        async function limits(ctx, next) {
          if (ctx.kind === 'request' && ctx.direction === 'client-to-server') {
            ctx.setDeadline?.(30, { control: 'limits', reason: 'too slow', checklist: ['c'] });
            ctx.onSettled?.(() => settled.push(String(ctx.message.id)));
          }
          await next();
        },
      ],
    });
    client.send({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 'hang' } });
    client.send({ jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 11)).error).toMatchObject({
      code: GATEWAY_ERROR.limited,
      message: /limits.*too slow/,
      data: { control: 'limits', checklist: ['c'] },
    });
    await client.next((m) => m.id === 12);
    expect(settled.sort()).toEqual(['11', '12']);
  });

  it('fails the calls in flight when the server dies, restarts it and replays the handshake', async () => {
    const { fake, client } = await wrap();
    client.send(INIT);
    await client.next((m) => m.id === 0);
    client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    client.send({ jsonrpc: '2.0', id: 20, method: 'logging/setLevel', params: { level: 'debug' } });
    await client.next((m) => m.id === 20);
    client.send({ jsonrpc: '2.0', id: 21, method: 'tools/call', params: { name: 'hang' } });
    client.send({ jsonrpc: '2.0', id: 22, method: 'tools/call', params: { name: 'crash' } });
    const lost = await client.next((m) => m.id === 21);
    expect(lost.error).toMatchObject({ code: GATEWAY_ERROR.unavailable, message: /went away/ });
    expect((await client.next((m) => m.id === 22)).error).toMatchObject({
      code: GATEWAY_ERROR.unavailable,
    });
    // After the restart: list_changed tells the client to look again, and calls work.
    await client.next((m) => m.method === 'notifications/tools/list_changed');
    expect(fake.starts.get('fake')).toBe(2);
    const replay = fake.received.get('fake') ?? [];
    const afterRestart = replay.slice(replay.findIndex((line) => line.includes('"crash"')) + 1);
    expect(afterRestart.map((line) => (JSON.parse(line) as JsonRpcMessage).method)).toEqual([
      'initialize',
      'notifications/initialized',
      'logging/setLevel',
    ]);
    client.send({ jsonrpc: '2.0', id: 23, method: 'tools/call', params: { name: 'echo' } });
    expect((await client.next((m) => m.id === 23)).result).toBeDefined();
  });

  it('restarts a server that stops answering the health-check ping', async () => {
    let pings = 0;
    const { client, fake, logs } = await wrap({
      healthCheck: { intervalMs: 20, timeoutMs: 40 },
      server: (message, api) => {
        if (message.method === 'ping') {
          pings += 1;
          return; // alive, but deaf
        }
        everything(message, api);
      },
    });
    client.send(INIT);
    await client.next((m) => m.id === 0);
    client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await client.next((m) => m.method === 'notifications/tools/list_changed');
    expect(pings).toBeGreaterThan(0);
    expect(fake.starts.get('fake')).toBeGreaterThanOrEqual(2);
    expect(logs.join('\n')).toMatch(/health check: no answer to ping/);
  });

  it('gives up after the restart budget and stops with exit code 1', async () => {
    const { client, gateway } = await wrap({
      maxRestarts: 0,
      server: (message, api) => {
        if (message.method === 'tools/call') api.die();
      },
    });
    client.send({ jsonrpc: '2.0', id: 30, method: 'tools/call', params: { name: 'x' } });
    expect((await client.next((m) => m.id === 30)).error).toMatchObject({
      code: GATEWAY_ERROR.unavailable,
    });
    expect(await gateway.done).toBe(1);
  });

  it('stops when the client closes stdin', async () => {
    const { client, gateway } = await wrap();
    client.input.end();
    expect(await gateway.done).toBe(0);
  });
});
