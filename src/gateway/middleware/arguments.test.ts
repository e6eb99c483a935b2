import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ToolkitError } from '../../core/errors.js';
import { toolArguments } from './arguments.js';
import { createHarness, type Harness } from './testing.js';
import { GATEWAY_ERROR, type GatewayMiddleware } from './types.js';

let root: string;
let project: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'warden-args-')));
  project = path.join(root, 'project');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  writeFileSync(path.join(project, 'src', 'a.ts'), '');
  writeFileSync(path.join(root, 'secret.txt'), '');
  // A link inside the allowed tree that points out of it.
  symlinkSync(root, path.join(project, 'escape'));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const readFile = {
  name: 'read_file',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string' }, encoding: { enum: ['utf8', 'base64'] } },
    required: ['path'],
    additionalProperties: false,
  },
};
const fetchTool = {
  name: 'fetch',
  inputSchema: { type: 'object', properties: { url: { type: 'string', format: 'uri' } } },
};

function setup(): { h: Harness; mw: GatewayMiddleware } {
  const h = createHarness({
    policy: {
      version: 1,
      servers: {
        fs: {
          command: 'fs-server',
          cwd: project,
          tools: {
            read_file: {
              arguments: {
                path: { allowPaths: [`${project}/**`], denyPaths: ['**/.env'] },
              },
            },
            fetch: {
              arguments: { url: { allowHosts: ['api.github.com', '*.example.com'] } },
            },
            '*': { arguments: { note: { maxLength: 10, pattern: '[a-z ]*' } } },
          },
        },
      },
    },
  });
  h.session.tools.set(
    'fs',
    new Map<string, Record<string, unknown>>([
      ['read_file', readFile],
      ['fetch', fetchTool],
      ['note', { name: 'note', inputSchema: { type: 'object' } }],
    ]),
  );
  return { h, mw: toolArguments(h.policy) };
}

async function call(
  tool: string,
  args: unknown,
): Promise<{ forwarded: boolean; reason?: string; code?: number }> {
  const { h, mw } = setup();
  const ctx = h.request('fs', 'tools/call', { name: tool, arguments: args });
  const { forwarded } = await h.run(mw, ctx);
  return {
    forwarded,
    ...(ctx.denial ? { reason: ctx.denial.decision.reason } : {}),
    ...(ctx.denial?.code === undefined ? {} : { code: ctx.denial.code }),
  };
}

describe('arguments: the input schema', () => {
  it('passes valid arguments on as the same message object', async () => {
    const { h, mw } = setup();
    const ctx = h.request('fs', 'tools/call', {
      name: 'read_file',
      arguments: { path: './src/a.ts' },
    });
    const message = ctx.message;
    expect((await h.run(mw, ctx)).forwarded).toBe(true);
    expect(ctx.message).toBe(message);
  });

  it('refuses a wrong type with -32602, naming the argument and the reason', async () => {
    const outcome = await call('read_file', { path: 42 });
    expect(outcome).toMatchObject({ forwarded: false, code: GATEWAY_ERROR.invalidParams });
    expect(outcome.reason).toContain('argument "path" must be string');
  });

  it('names a missing required argument, an unknown one and the allowed values', async () => {
    expect((await call('read_file', {})).reason).toContain(
      "the arguments must have required property 'path'",
    );
    expect((await call('read_file', { path: 'a', mode: 'x' })).reason).toContain(
      'must NOT have additional properties ("mode")',
    );
    expect((await call('read_file', { path: 'a', encoding: 'utf16' })).reason).toContain(
      'argument "encoding" must be equal to one of the allowed values: "utf8", "base64"',
    );
  });

  it('validates JSON Schema 2020-12 keywords and formats', async () => {
    const { h, mw } = setup();
    h.session.tools.get('fs')?.set('pair', {
      name: 'pair',
      inputSchema: {
        type: 'object',
        properties: {
          xy: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }] },
        },
        dependentRequired: { xy: ['label'] },
        unevaluatedProperties: false,
      },
    });
    const bad = h.request('fs', 'tools/call', { name: 'pair', arguments: { xy: ['a', 1] } });
    await h.run(mw, bad);
    expect(bad.reason).toContain('argument "xy" at /0 must be number');
    expect(bad.reason).toContain('must have property label when property xy is present');
    const url = h.request('fs', 'tools/call', { name: 'fetch', arguments: { url: 'not a uri' } });
    await h.run(mw, url);
    expect(url.reason).toContain('must match format "uri"');
  });

  it('reads a draft-07 schema as draft-07', async () => {
    const { h, mw } = setup();
    h.session.tools.get('fs')?.set('old', {
      name: 'old',
      inputSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { n: { type: 'integer' } },
      },
    });
    const ctx = h.request('fs', 'tools/call', { name: 'old', arguments: { n: 1.5 } });
    await h.run(mw, ctx);
    expect(ctx.reason).toContain('argument "n" must be integer');
  });

  it('compiles a schema once, however many calls and listings use it', async () => {
    const compile = vi.spyOn(Ajv2020.prototype, 'compile');
    const { h, mw } = setup();
    for (let i = 0; i < 3; i++) {
      await h.run(
        mw,
        h.request('fs', 'tools/call', { name: 'read_file', arguments: { path: 'a' } }),
      );
    }
    // A re-listing brings an equal schema in a new object: the hash finds the compiled one.
    h.session.tools.get('fs')?.set('read_file', structuredClone(readFile));
    await h.run(mw, h.request('fs', 'tools/call', { name: 'read_file', arguments: { path: 'a' } }));
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('refuses a call to a tool the session never listed (fail closed)', async () => {
    const outcome = await call('unknown', {});
    expect(outcome.forwarded).toBe(false);
    expect(outcome.reason).toContain('call tools/list first');
  });

  it('passes anything when validation is off and no constraint applies', async () => {
    const h = createHarness({
      policy: { version: 1, defaults: { validateArguments: false } },
    });
    const ctx = h.request('any', 'tools/call', { name: 'unknown', arguments: { x: 1 } });
    expect((await h.run(toolArguments(h.policy), ctx)).forwarded).toBe(true);
  });
});

describe('arguments: policy constraints', () => {
  it('passes a relative path inside allowPaths', async () => {
    expect((await call('read_file', { path: './src/../src/a.ts' })).forwarded).toBe(true);
  });

  it('refuses .. traversal out of allowPaths, showing where the path resolves', async () => {
    const outcome = await call('read_file', { path: '../secret.txt' });
    expect(outcome.code).toBe(GATEWAY_ERROR.invalidParams);
    expect(outcome.reason).toContain(`resolves to ${path.join(root, 'secret.txt')}`);
    expect(outcome.reason).toContain('outside the allowed paths');
    expect(outcome.reason).toContain('servers.fs.tools.read_file.arguments.path');
  });

  it('refuses backslash traversal and NUL bytes', async () => {
    expect((await call('read_file', { path: 'src\\..\\..\\secret.txt' })).forwarded).toBe(false);
    expect((await call('read_file', { path: 'src/a.ts\0.png' })).reason).toContain('NUL');
  });

  it('refuses a path through a symlink that leads out of allowPaths', async () => {
    const outcome = await call('read_file', { path: 'escape/secret.txt' });
    expect(outcome.forwarded).toBe(false);
    expect(outcome.reason).toContain(path.join(root, 'secret.txt'));
  });

  it('refuses a path matching denyPaths, also as a file: URL', async () => {
    expect((await call('read_file', { path: `${project}/src/.env` })).reason).toContain(
      'inside a denied path (**/.env)',
    );
    expect((await call('read_file', { path: `file://${project}/.env` })).forwarded).toBe(false);
  });

  it('allows listed hosts and subdomains of a wildcard, nothing else', async () => {
    expect((await call('fetch', { url: 'https://api.github.com/repos' })).forwarded).toBe(true);
    expect((await call('fetch', { url: 'https://docs.example.com/x' })).forwarded).toBe(true);
    expect((await call('fetch', { url: 'https://example.com/' })).forwarded).toBe(false);
    const trick = await call('fetch', { url: 'https://api.github.com@evil.test/' });
    expect(trick.reason).toContain('points at host "evil.test"');
    expect((await call('fetch', { url: 'https://api.github.com.evil.test/' })).forwarded).toBe(
      false,
    );
  });

  it("applies tools['*'] constraints: pattern and maxLength", async () => {
    expect((await call('note', { note: 'short one' })).forwarded).toBe(true);
    expect((await call('note', { note: 'far too long a note' })).reason).toContain(
      'over the limit of 10',
    );
    expect((await call('note', { note: 'UPPER' })).reason).toContain('does not match the pattern');
  });

  it('refuses an object where a constrained string is expected', async () => {
    const outcome = await call('note', { note: { nested: true } });
    expect(outcome.reason).toContain('must be a string');
  });

  it('rejects an invalid pattern when the control is created, naming where it is', () => {
    const h = createHarness({
      policy: {
        version: 1,
        servers: { fs: { command: 'x', tools: { t: { arguments: { a: { pattern: '(' } } } } } },
      },
    });
    expect(() => toolArguments(h.policy)).toThrow(ToolkitError);
    expect(() => toolArguments(h.policy)).toThrow('servers.fs.tools.t.arguments.a.pattern');
  });
});
