// `mcp-warden wrap` in front of the real reference servers, driven by the SDK v2 client over
// stdio: every protocol feature must still work through the gateway with the default policy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  auditRecords,
  connectWrapped,
  everything,
  filesystem,
  fixtures,
  type Wrapped,
} from './gateway-support.js';

describe('wrap: @modelcontextprotocol/server-everything through the default policy', () => {
  let wrapped: Wrapped;
  const requests: string[] = [];
  const logs: unknown[] = [];

  beforeAll(async () => {
    wrapped = await connectWrapped(['node', everything], [], {
      capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } },
      setup(client) {
        client.setRequestHandler('sampling/createMessage', () => {
          requests.push('sampling/createMessage');
          return {
            role: 'assistant',
            content: { type: 'text', text: 'a sampled answer' },
            model: 'test-model',
            stopReason: 'endTurn',
          };
        });
        client.setRequestHandler('elicitation/create', () => {
          requests.push('elicitation/create');
          return { action: 'accept', content: { color: 'blue' } };
        });
        client.setRequestHandler('roots/list', () => {
          requests.push('roots/list');
          return { roots: [{ uri: 'file:///tmp/project', name: 'project' }] };
        });
        client.setNotificationHandler('notifications/message', (notification) => {
          logs.push(notification.params);
        });
      },
    });
  });
  afterAll(async () => {
    await wrapped.close();
  });

  it('negotiates the session with the server itself (the handshake passes through)', () => {
    expect(wrapped.client.getServerVersion()).toMatchObject({ name: 'mcp-servers/everything' });
    expect(wrapped.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    expect(wrapped.stderr()).toMatch(/started "server-everything"/);
  });

  it('lists the tools, including those registered for the client’s capabilities', async () => {
    const { tools } = await wrapped.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'echo',
        'get-sum',
        'trigger-sampling-request',
        'trigger-elicitation-request',
        'get-roots-list',
      ]),
    );
  });

  it('calls echo and get-sum', async () => {
    const echo = await wrapped.client.callTool({
      name: 'echo',
      arguments: { message: 'through the gateway' },
    });
    expect(echo.content).toEqual([{ type: 'text', text: 'Echo: through the gateway' }]);
    const sum = await wrapped.client.callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } });
    expect(JSON.stringify(sum.content)).toContain('42');
  });

  it('gets prompts with and without arguments', async () => {
    const { prompts } = await wrapped.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toContain('args-prompt');
    const simple = await wrapped.client.getPrompt({ name: 'simple-prompt' });
    expect(simple.messages.length).toBeGreaterThan(0);
    const withArgs = await wrapped.client.getPrompt({
      name: 'args-prompt',
      arguments: { city: 'Lyon' },
    });
    expect(JSON.stringify(withArgs.messages)).toContain('Lyon');
  });

  it('lists and reads resources and resource templates', async () => {
    const { resources } = await wrapped.client.listResources();
    expect(resources.length).toBeGreaterThan(0);
    const first = resources[0]!;
    const read = await wrapped.client.readResource({ uri: first.uri });
    expect(read.contents[0]?.uri).toBe(first.uri);
    const { resourceTemplates } = await wrapped.client.listResourceTemplates();
    const template = resourceTemplates.find((t) => t.uriTemplate.includes('/text/'));
    expect(template).toBeDefined();
    const dynamic = await wrapped.client.readResource({
      uri: template!.uriTemplate.replace('{resourceId}', '3'),
    });
    expect(dynamic.contents).toHaveLength(1);
  });

  it('completes a prompt argument', async () => {
    const completion = await wrapped.client.complete({
      ref: { type: 'ref/prompt', name: 'completable-prompt' },
      argument: { name: 'department', value: 'E' },
    });
    expect(completion.completion.values.length).toBeGreaterThan(0);
  });

  it('passes progress notifications of a long-running call', async () => {
    const progress: number[] = [];
    const result = await wrapped.client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      { onprogress: (update) => progress.push(update.progress) },
    );
    expect(result.isError ?? false).toBe(false);
    // The gateway writes all three before the result; the SDK client may drop the last one when
    // it reads it in the same chunk as the result (its progress handler ends with the request).
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([1, 2, 3].slice(0, progress.length));
  });

  it('passes logging notifications after logging/setLevel', async () => {
    // Deprecated in 2026-07-28, but this is a 2025-era server: the level is how it logs.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    await wrapped.client.setLoggingLevel('debug');
    await wrapped.client.callTool({ name: 'toggle-simulated-logging', arguments: {} });
    await new Promise((resolveWait) => setTimeout(resolveWait, 2500));
    await wrapped.client.callTool({ name: 'toggle-simulated-logging', arguments: {} });
    expect(logs.length).toBeGreaterThan(0);
  });

  it('passes server→client requests: sampling, elicitation and roots', async () => {
    const sampled = await wrapped.client.callTool({
      name: 'trigger-sampling-request',
      arguments: { prompt: 'hello', maxTokens: 10 },
    });
    expect(JSON.stringify(sampled.content)).toContain('a sampled answer');
    const elicited = await wrapped.client.callTool({
      name: 'trigger-elicitation-request',
      arguments: {},
    });
    expect(JSON.stringify(elicited.content)).toMatch(/accept/);
    const roots = await wrapped.client.callTool({ name: 'get-roots-list', arguments: {} });
    expect(JSON.stringify(roots.content)).toContain('file:///tmp/project');
    expect(requests).toEqual(
      expect.arrayContaining(['sampling/createMessage', 'elicitation/create', 'roots/list']),
    );
  });

  it('answers ping through the server', async () => {
    await expect(wrapped.client.ping()).resolves.toBeDefined();
  });

  it('writes a hash-chained audit record for every call before forwarding it', () => {
    const records = auditRecords(wrapped.stateDir);
    const echo = records.filter((record) => record.tool === 'echo');
    expect(echo.map((record) => record.type)).toEqual(['request', 'response']);
    expect(records[0]).toMatchObject({ type: 'lifecycle', event: 'opened' });
  });
});

const PAGE = z.object({
  tools: z.array(z.object({ name: z.string() })),
  nextCursor: z.string().optional(),
});

describe('wrap: pagination through the gateway', () => {
  it('follows a server’s cursors page by page', async () => {
    const wrapped = await connectWrapped(['node', join(fixtures, 'pages-forever.mjs')]);
    try {
      const names: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        // One page per request (listTools() would walk every page itself).
        const result = await wrapped.client.request(
          { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
          PAGE,
        );
        names.push(...result.tools.map((tool) => tool.name));
        cursor = result.nextCursor;
      }
      expect(names).toEqual(['tool_0', 'tool_1', 'tool_2']);
    } finally {
      await wrapped.close();
    }
  });
});

describe('wrap: @modelcontextprotocol/server-filesystem', () => {
  it('reads and writes inside the allowed directory, and the server refuses outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-fs-'));
    writeFileSync(join(dir, 'hello.txt'), 'hello from disk\n');
    const wrapped = await connectWrapped(['node', filesystem, dir]);
    try {
      await wrapped.client.listTools();
      const read = await wrapped.client.callTool({
        name: 'read_text_file',
        arguments: { path: join(dir, 'hello.txt') },
      });
      expect(JSON.stringify(read.content)).toContain('hello from disk');
      const written = await wrapped.client.callTool({
        name: 'write_file',
        arguments: { path: join(dir, 'new.txt'), content: 'written through the gateway' },
      });
      expect(written.isError ?? false).toBe(false);
      const outside = await wrapped.client.callTool({
        name: 'read_text_file',
        arguments: { path: '/etc/hostname' },
      });
      expect(outside.isError).toBe(true);
    } finally {
      await wrapped.close();
    }
  });
});
