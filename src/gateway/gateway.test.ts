import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ServerPolicy } from '../core/config/schema.js';
import { clientPipes, fakeUpstream, type FakeServer } from './__fixtures__/fake-upstream.js';
import { startGateway } from './gateway.js';
import { decodeCursor } from './namespacing.js';
import type { RunningGateway } from './wrap.js';

interface Fixture {
  tools?: string[];
  prompts?: string[];
  resources?: string[];
  templates?: string[];
  /** tools/list pages: tool names per page. */
  pages?: string[][];
  modern?: boolean;
  instructions?: string;
}

/** A fake server declaring the given definitions; every call answers with who it reached. */
function server(name: string, fixture: Fixture): FakeServer {
  return (message, api) => {
    const { id, method, params } = message as {
      id?: number | string;
      method?: string;
      params?: Record<string, unknown>;
    };
    if (id === undefined) return;
    const reply = (result: unknown): void => {
      api.send({ jsonrpc: '2.0', id, result });
    };
    const capabilities = {
      ...(fixture.tools || fixture.pages ? { tools: {} } : {}),
      ...(fixture.prompts ? { prompts: {} } : {}),
      ...(fixture.resources || fixture.templates ? { resources: { subscribe: true } } : {}),
      logging: {},
    };
    switch (method) {
      case 'initialize':
        if (fixture.modern) {
          api.send({ jsonrpc: '2.0', id, error: { code: -32600, message: 'use server/discover' } });
          return;
        }
        reply({
          protocolVersion: '2025-11-25',
          capabilities,
          serverInfo: { name, version: '1' },
          ...(fixture.instructions ? { instructions: fixture.instructions } : {}),
        });
        return;
      case 'server/discover':
        if (!fixture.modern) {
          api.send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
          return;
        }
        reply({ supportedVersions: ['2026-07-28'], capabilities, ttlMs: 0, cacheScope: 'private' });
        return;
      case 'tools/list': {
        if (fixture.pages) {
          const page = typeof params?.cursor === 'string' ? Number(params.cursor) : 0;
          reply({
            tools: (fixture.pages[page] ?? []).map((tool) => ({ name: tool, inputSchema: {} })),
            ...(page + 1 < fixture.pages.length ? { nextCursor: String(page + 1) } : {}),
          });
          return;
        }
        reply({ tools: (fixture.tools ?? []).map((tool) => ({ name: tool, inputSchema: {} })) });
        return;
      }
      case 'prompts/list':
        reply({ prompts: (fixture.prompts ?? []).map((prompt) => ({ name: prompt })) });
        return;
      case 'resources/list':
        reply({ resources: (fixture.resources ?? []).map((uri) => ({ uri, name: uri })) });
        return;
      case 'resources/templates/list':
        reply({
          resourceTemplates: (fixture.templates ?? []).map((uriTemplate) => ({
            uriTemplate,
            name: 't',
          })),
        });
        return;
      case 'tools/call':
        if (params?.name === 'ask') {
          api.send({ jsonrpc: '2.0', id: 0, method: 'roots/list' });
          return;
        }
        reply({
          content: [
            { type: 'text', text: `${name}:${String(params?.name)}` },
            { type: 'resource_link', uri: `${name}://linked`, name: 'linked' },
          ],
        });
        return;
      case 'prompts/get':
      case 'resources/read':
      case 'resources/subscribe':
      case 'completion/complete':
        reply({ server: name, params });
        return;
      case 'logging/setLevel':
      case 'ping':
        reply({});
        return;
      default:
        if (method === undefined) {
          // The client's answer to our roots/list: close the tool call.
          reply({ content: [{ type: 'text', text: `${name} got ${JSON.stringify(message)}` }] });
          api.send({
            jsonrpc: '2.0',
            id: 'call',
            result: { content: [{ type: 'text', text: 'done' }] },
          });
        }
    }
  };
}

let running: RunningGateway | undefined;
afterEach(async () => {
  await running?.stop('test over');
  running = undefined;
});

async function gateway(servers: Record<string, Fixture>) {
  const fake = fakeUpstream(
    Object.fromEntries(
      Object.entries(servers).map(([name, fixture]) => [name, server(name, fixture)]),
    ),
  );
  const client = clientPipes();
  const logs: string[] = [];
  running = await startGateway(
    Object.keys(servers).map((name) => ({
      name,
      serverPolicy: ServerPolicy.parse({}),
      command: 'x',
    })),
    {
      policy: DEFAULT_POLICY,
      middlewares: [],
      input: client.input,
      output: client.output,
      log: (text) => logs.push(text),
      connect: fake.connect,
      serverInfo: { name: 'mcp-warden', version: '9.9.9' },
    },
  );
  return { fake, client, logs };
}

async function initialize(client: ReturnType<typeof clientPipes>) {
  client.send({
    jsonrpc: '2.0',
    id: 'init',
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: { roots: {} },
      clientInfo: { name: 'c', version: '1' },
    },
  });
  const answer = await client.next((m) => m.id === 'init');
  client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return answer;
}

describe('gateway: one MCP server for several', () => {
  it('answers a tools/list sent right behind initialize with every server’s tools', async () => {
    const { client } = await gateway({
      github: { tools: ['create_issue'] },
      fs: { tools: ['read'] },
    });
    // An SDK client pipelines: it does not wait for the initialize answer before listing.
    client.send({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'c', version: '1' },
      },
    });
    client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    client.send({ jsonrpc: '2.0', id: 'list', method: 'tools/list', params: {} });
    const list = await client.next((m) => m.id === 'list');
    const names = (list.result as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(names.sort()).toEqual(['fs__read', 'github__create_issue']);
  });

  it('answers initialize itself, merging capabilities and instructions', async () => {
    const { client, fake } = await gateway({
      github: { tools: ['create_issue'], instructions: 'Use issues.' },
      fs: { resources: ['file:///a'] },
    });
    const answer = await initialize(client);
    expect(answer.result).toMatchObject({
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'mcp-warden', version: '9.9.9' },
      capabilities: {
        tools: { listChanged: true },
        resources: { listChanged: true, subscribe: true },
        logging: {},
      },
      instructions: 'Server "github":\nUse issues.',
    });
    // Each server got the client's own handshake (with its capabilities).
    expect(fake.received.get('fs')?.[0]).toContain('"roots":{}');
  });

  it('lists tools and prompts as <server>__<name>, alphabetically by server', async () => {
    const { client } = await gateway({
      zeta: { tools: ['run'], prompts: ['hello'] },
      alpha: { tools: ['run', 'read'] },
    });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const tools = (await client.next((m) => m.id === 1)).result as { tools: { name: string }[] };
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'alpha__run',
      'alpha__read',
      'zeta__run',
    ]);
    client.send({ jsonrpc: '2.0', id: 2, method: 'prompts/list' });
    const prompts = (await client.next((m) => m.id === 2)).result as {
      prompts: { name: string }[];
    };
    expect(prompts.prompts.map((prompt) => prompt.name)).toEqual(['zeta__hello']);
  });

  it('routes a call to its server under the server’s own name', async () => {
    const { client, fake } = await gateway({ alpha: { tools: ['run'] }, zeta: { tools: ['run'] } });
    await initialize(client);
    client.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'zeta__run', arguments: {} },
    });
    const answer = await client.next((m) => m.id === 3);
    expect(JSON.stringify(answer.result)).toContain('zeta:run');
    expect(fake.received.get('zeta')?.at(-1)).toContain('"name":"run"');
    expect(fake.received.get('alpha')?.some((line) => line.includes('tools/call'))).toBe(false);
  });

  it('refuses a tool name without a known server prefix', async () => {
    const { client } = await gateway({ alpha: { tools: ['run'] } });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'run' } });
    expect((await client.next((m) => m.id === 4)).error).toMatchObject({
      code: -32602,
      message: /unknown tool "run"/,
    });
  });

  it('pages through every server with cursors of its own', async () => {
    const { client } = await gateway({
      a: { pages: [['a1'], ['a2']] },
      b: { pages: [['b1'], ['b2'], ['b3']] },
    });
    await initialize(client);
    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      client.send({
        jsonrpc: '2.0',
        id: `p${String(page)}`,
        method: 'tools/list',
        params: cursor === undefined ? {} : { cursor },
      });
      const result = (await client.next((m) => m.id === `p${String(page)}`)).result as {
        tools: { name: string }[];
        nextCursor?: string;
      };
      names.push(...result.tools.map((tool) => tool.name));
      cursor = result.nextCursor;
      if (cursor === undefined) break;
      expect(decodeCursor(cursor)).toBeDefined();
    }
    expect(names).toEqual(['a__a1', 'b__b1', 'a__a2', 'b__b2', 'b__b3']);
  });

  it('keeps resource URIs, hides a URI a later server also lists, and routes reads to the owner', async () => {
    const { client, fake, logs } = await gateway({
      alpha: { resources: ['file:///shared', 'file:///a'] },
      beta: { resources: ['file:///shared', 'file:///b'], templates: ['beta://item/{id}'] },
    });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 5, method: 'resources/list' });
    const listed = (await client.next((m) => m.id === 5)).result as {
      resources: { uri: string; name: string }[];
    };
    expect(listed.resources.map((resource) => resource.uri)).toEqual([
      'file:///shared',
      'file:///a',
      'file:///b',
    ]);
    expect(listed.resources[0]?.name).toBe('alpha__file:///shared');
    expect(logs.join('\n')).toMatch(/"beta" also declares file:\/\/\/shared/);
    client.send({ jsonrpc: '2.0', id: 6, method: 'resources/templates/list' });
    await client.next((m) => m.id === 6);
    for (const [id, uri, owner] of [
      [7, 'file:///shared', 'alpha'],
      [8, 'file:///b', 'beta'],
      [9, 'beta://item/42', 'beta'],
    ] as const) {
      client.send({ jsonrpc: '2.0', id, method: 'resources/read', params: { uri } });
      expect((await client.next((m) => m.id === id)).result).toMatchObject({ server: owner });
    }
    client.send({
      jsonrpc: '2.0',
      id: 10,
      method: 'resources/read',
      params: { uri: 'nowhere://x' },
    });
    expect((await client.next((m) => m.id === 10)).error).toMatchObject({ code: -32002 });
    expect(fake.received.get('alpha')?.some((line) => line.includes('nowhere'))).toBe(false);
  });

  it('routes a resource link returned by a tool back to the server that returned it', async () => {
    const { client } = await gateway({
      alpha: { tools: ['run'], resources: [] },
      beta: { tools: ['run'], resources: [] },
    });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 'beta__run' } });
    await client.next((m) => m.id === 11);
    client.send({
      jsonrpc: '2.0',
      id: 12,
      method: 'resources/read',
      params: { uri: 'beta://linked' },
    });
    expect((await client.next((m) => m.id === 12)).result).toMatchObject({ server: 'beta' });
  });

  it('routes prompts/get and prompt completions by namespaced name', async () => {
    const { client } = await gateway({
      alpha: { prompts: ['hello'] },
      beta: { prompts: ['hello'] },
    });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 13, method: 'prompts/get', params: { name: 'beta__hello' } });
    expect((await client.next((m) => m.id === 13)).result).toMatchObject({
      server: 'beta',
      params: { name: 'hello' },
    });
    client.send({
      jsonrpc: '2.0',
      id: 14,
      method: 'completion/complete',
      params: {
        ref: { type: 'ref/prompt', name: 'alpha__hello' },
        argument: { name: 'x', value: '' },
      },
    });
    expect((await client.next((m) => m.id === 14)).result).toMatchObject({
      server: 'alpha',
      params: { ref: { name: 'hello' } },
    });
  });

  it('gives server→client requests ids of its own and routes the answer back', async () => {
    const { client, fake } = await gateway({ alpha: { tools: ['ask'] }, beta: { tools: ['ask'] } });
    await initialize(client);
    client.send({
      jsonrpc: '2.0',
      id: 'call',
      method: 'tools/call',
      params: { name: 'beta__ask' },
    });
    const roots = await client.next((m) => m.method === 'roots/list');
    expect(roots.id).not.toBe(0);
    client.send({ jsonrpc: '2.0', id: roots.id, result: { roots: [] } });
    await client.next((m) => m.id === 'call');
    const answer = fake.received.get('beta')?.find((line) => line.includes('"roots":[]'));
    expect(answer).toContain('"id":0');
  });

  it('answers ping itself and fans logging/setLevel out', async () => {
    const { client, fake } = await gateway({ alpha: { tools: ['x'] }, beta: { tools: ['y'] } });
    await initialize(client);
    client.send({ jsonrpc: '2.0', id: 15, method: 'ping' });
    expect((await client.next((m) => m.id === 15)).result).toEqual({});
    client.send({ jsonrpc: '2.0', id: 16, method: 'logging/setLevel', params: { level: 'info' } });
    expect((await client.next((m) => m.id === 16)).result).toEqual({});
    for (const name of ['alpha', 'beta']) {
      expect(fake.received.get(name)?.some((line) => line.includes('logging/setLevel'))).toBe(true);
    }
  });

  it('speaks 2026-07-28 to a stateless client: discover joins modern servers by discover, old ones by initialize', async () => {
    const { client, fake } = await gateway({
      legacy: { tools: ['old'] },
      modern: { tools: ['new'], modern: true },
    });
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
    };
    client.send({ jsonrpc: '2.0', id: 'd', method: 'server/discover', params: { _meta: meta } });
    const discover = await client.next((m) => m.id === 'd');
    expect(discover.result).toMatchObject({
      supportedVersions: ['2026-07-28'],
      capabilities: { tools: { listChanged: true } },
      cacheScope: 'private',
    });
    expect(
      fake.received
        .get('legacy')
        ?.some((line) => line.includes('"method":"initialize"') && line.includes('elicitation')),
    ).toBe(true);
    client.send({ jsonrpc: '2.0', id: 'l', method: 'tools/list', params: { _meta: meta } });
    const listed = (await client.next((m) => m.id === 'l')).result as {
      tools: { name: string }[];
      ttlMs?: number;
    };
    expect(listed.tools.map((tool) => tool.name)).toEqual(['legacy__old', 'modern__new']);
    expect(listed.ttlMs).toBe(0);
  });
});
