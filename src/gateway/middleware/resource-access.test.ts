import { homedir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../core/config/schema.js';
import { resourceAccess, resourceRules } from './resource-access.js';
import { createHarness, type Harness, type TestContext } from './testing.js';

const SSH_KEY = pathToFileURL(`${homedir()}/.ssh/id_rsa`).href;
const DENY_SSH: PolicyInput = {
  version: 1,
  defaults: { resources: { denyPaths: ['~/.ssh/**'] } },
};

async function ask(
  method: string,
  params: unknown,
  policy: PolicyInput = DENY_SSH,
): Promise<TestContext> {
  const h = createHarness({ policy });
  const ctx = h.request('files', method, params);
  await h.run(resourceAccess(h.policy), ctx);
  return ctx;
}

async function answerRoots(h: Harness, roots: unknown[]): Promise<TestContext> {
  const mw = resourceAccess(h.policy);
  const request = h.serverRequest('files', 'roots/list');
  await h.run(mw, request);
  const answer = h.answer(request, { roots });
  await h.run(mw, answer);
  return answer;
}

describe('resource-access', () => {
  it('refuses a resources/read of ~/.ssh/id_rsa under a deny rule on ~/.ssh', async () => {
    const ctx = await ask('resources/read', { uri: SSH_KEY });
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('inside a denied path (~/.ssh/**)');
    expect(ctx.reason).toContain('defaults.resources');
  });

  it('refuses the same file reached through .. and percent-encoding', async () => {
    const sneaky = `${pathToFileURL(`${homedir()}/projects`).href}/../%2Essh/id_rsa`;
    const ctx = await ask('resources/subscribe', { uri: sneaky });
    expect(ctx.denied).toBe(true);
  });

  it('refuses a file: URI with a remote host, which names no local path', async () => {
    const ctx = await ask('resources/read', { uri: 'file://evil.example/etc/passwd' });
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('does not name a local path');
  });

  it('lets other files and the server’s own URI schemes through', async () => {
    expect((await ask('resources/read', { uri: 'file:///tmp/notes.txt' })).denied).toBe(false);
    expect((await ask('resources/read', { uri: 'wallet://balance' })).denied).toBe(false);
  });

  it('holds http resources to allowHosts, with a server entry replacing the default', async () => {
    const policy: PolicyInput = {
      version: 1,
      defaults: { resources: { allowHosts: ['docs.example.com'] } },
      servers: { files: { command: 'x', resources: { allowHosts: ['api.example.com'] } } },
    };
    expect((await ask('resources/read', { uri: 'https://api.example.com/x' }, policy)).denied).toBe(
      false,
    );
    const ctx = await ask('resources/read', { uri: 'https://docs.example.com/x' }, policy);
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('servers.files.resources');
  });

  it('checks prompt and completion arguments that are paths', async () => {
    const prompt = await ask('prompts/get', {
      name: 'review',
      arguments: { file: '~/.ssh/id_ed25519', style: 'terse' },
    });
    expect(prompt.denied).toBe(true);
    expect(prompt.reason).toContain('prompt "review"');
    expect(prompt.reason).toContain('argument "file"');

    const completion = await ask('completion/complete', {
      ref: { type: 'ref/resource', uri: 'file:///{path}' },
      argument: { name: 'path', value: `${homedir()}/.ssh/` },
    });
    expect(completion.denied).toBe(true);
    expect(
      (await ask('prompts/get', { name: 'review', arguments: { file: '/tmp/a' } })).denied,
    ).toBe(false);
  });

  it('adds a server’s denied paths to the default ones', () => {
    const h = createHarness({
      policy: {
        version: 1,
        defaults: { resources: { denyPaths: ['~/.ssh/**'] } },
        servers: { files: { command: 'x', resources: { denyPaths: ['~/.aws/**'] } } },
      },
    });
    expect(resourceRules(h.policy, h.serverPolicy('files')).denyPaths).toEqual([
      '~/.ssh/**',
      '~/.aws/**',
    ]);
  });

  it('shows the server only the roots the policy grants', async () => {
    const h = createHarness({
      policy: {
        version: 1,
        defaults: { resources: { roots: ['/work/project/**'], denyPaths: ['~/.ssh/**'] } },
      },
    });
    const answer = await answerRoots(h, [
      { uri: 'file:///work/project', name: 'project' },
      { uri: 'file:///work/project/sub' },
      { uri: pathToFileURL(homedir()).href, name: 'home' },
      { uri: 'https://example.com/' },
    ]);
    expect((answer.message.result as { roots: unknown[] }).roots).toEqual([
      { uri: 'file:///work/project', name: 'project' },
      { uri: 'file:///work/project/sub' },
    ]);
    expect(answer.decisions[0]).toMatchObject({ control: 'resource-access', action: 'rewrite' });
    expect(answer.reason).toContain('Hid 2');
  });

  it('leaves roots alone where the policy grants nothing and denies nothing', async () => {
    const h = createHarness();
    const roots = [{ uri: 'file:///anywhere' }];
    const answer = await answerRoots(h, roots);
    expect((answer.message.result as { roots: unknown[] }).roots).toBe(roots);
  });

  it('cuts a 2026 roots answer in the inputResponses of a retried request', async () => {
    const ctx = await ask('tools/call', {
      name: 'scan',
      arguments: {},
      inputResponses: {
        r: {
          roots: [{ uri: 'file:///tmp/project' }, { uri: pathToFileURL(`${homedir()}/.ssh`).href }],
        },
      },
    });
    expect(ctx.denied).toBe(false);
    const params = ctx.message.params as { inputResponses: { r: { roots: unknown[] } } };
    expect(params.inputResponses.r.roots).toEqual([{ uri: 'file:///tmp/project' }]);
  });
});
