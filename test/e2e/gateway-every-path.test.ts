// Every path through `mcp-warden wrap` is screened (issue 8): the wallet-every-path fixture,
// a real SDK v2 client that answers sampling, elicitation and roots requests, and the real CLI.
// Each test shows one path: arguments, resources and templates, prompts, sampling,
// elicitation, roots and log notifications — and the audit log holds every decision.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecords, connectWrapped, fixtures, type Wrapped } from './gateway-support.js';

const FIXTURE = join(fixtures, 'wallet-every-path.mjs');
const MNEMONIC = 'absurd avoid scissors anxiety gather lottery category door army half long camera';
const TOKEN = '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';
const SSH_KEY = pathToFileURL(join(homedir(), '.ssh/id_rsa')).href;
const SSH_DIR = pathToFileURL(join(homedir(), '.ssh')).href;
const MARKER = /^\[mcp-warden: the following/;

function policyFile(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-every-path-'));
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, body);
  return file;
}

/** The text of a tool result. */
function textOf(result: { content?: unknown }): string {
  const content = (result.content ?? []) as { type: string; text?: string }[];
  return content.map((part) => part.text ?? '').join('\n');
}

describe('wrap screens every path of the wallet-every-path fixture', () => {
  let wrapped: Wrapped;
  const asked: { method: string; params: unknown }[] = [];
  const logs: { data?: unknown; _meta?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    // screening.secrets: warn, so that what the server saw shows the outbound redaction itself;
    // no confirmation by class, and definitions that read as phishing (a tool that asks for a
    // recovery phrase, on purpose) only warned about: neither is what this test is about.
    const policy = policyFile(
      [
        'version: 1',
        'defaults:',
        '  confirm:',
        '    capabilities: []',
        '  screening:',
        '    secrets: warn',
        '    poisonedDefinitions: warn',
        '  resources:',
        "    denyPaths: ['~/.ssh/**']",
        '',
      ].join('\n'),
    );
    wrapped = await connectWrapped(
      [process.execPath, FIXTURE],
      ['--policy', policy, '--name', 'notes'],
      {
        capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } },
        setup(client) {
          client.setRequestHandler('sampling/createMessage', (request) => {
            asked.push({ method: 'sampling/createMessage', params: request.params });
            return {
              role: 'assistant',
              content: { type: 'text', text: 'a sampled answer' },
              model: 'test-model',
              stopReason: 'endTurn',
            };
          });
          client.setRequestHandler('elicitation/create', (request) => {
            asked.push({ method: 'elicitation/create', params: request.params });
            return { action: 'accept', content: { name: 'Alice' } };
          });
          client.setRequestHandler('roots/list', () => {
            asked.push({ method: 'roots/list', params: {} });
            return {
              roots: [
                { uri: 'file:///tmp/project', name: 'project' },
                { uri: SSH_DIR, name: 'keys' },
              ],
            };
          });
          client.setNotificationHandler('notifications/message', (notification) => {
            logs.push(notification.params);
          });
        },
      },
    );
    await wrapped.client.listTools();
  }, 30_000);
  afterAll(async () => {
    await wrapped.close();
  });

  async function seen(): Promise<string> {
    return textOf(await wrapped.client.callTool({ name: 'seen', arguments: {} }));
  }

  it('refuses a seed phrase in tool arguments before the server sees it', async () => {
    await expect(
      wrapped.client.callTool({
        name: 'echo',
        arguments: { text: `my wallet seed phrase: ${MNEMONIC}` },
      }),
    ).rejects.toThrow(/outbound.*seed-phrase/s);
    await expect(
      wrapped.client.callTool({ name: 'echo', arguments: { seed_words: MNEMONIC.split(' ') } }),
    ).rejects.toThrow(/seed phrase/);
    expect(await seen()).not.toContain('scissors anxiety');
  });

  it('redacts a provider token in tool arguments on its way to the server', async () => {
    const echoed = await wrapped.client.callTool({
      name: 'echo',
      arguments: { text: `deploy with ${TOKEN}` },
    });
    expect(textOf(echoed)).toContain('deploy with [redacted:github');
    expect(await seen()).not.toContain(TOKEN);
  });

  it('refuses a resource read of ~/.ssh/id_rsa under a deny rule on ~/.ssh', async () => {
    await expect(wrapped.client.readResource({ uri: SSH_KEY })).rejects.toThrow(
      /resource-access.*denied path/s,
    );
    expect(await seen()).not.toContain('.ssh');
  });

  it('reads through the resource templates, and marks injected resource content', async () => {
    const { resourceTemplates } = await wrapped.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'notes://{id}',
      'file:///{path}',
    ]);
    const note = await wrapped.client.readResource({ uri: 'notes://42' });
    expect(note.contents[0]).toMatchObject({ text: 'the contents of notes://42' });
    const file = await wrapped.client.readResource({ uri: 'file:///tmp/readme.txt' });
    expect(file.contents[0]).toMatchObject({ text: 'the contents of file:///tmp/readme.txt' });

    const injected = await wrapped.client.readResource({ uri: 'notes://injected' });
    const content = injected.contents[0] as { text: string };
    expect(content.text).toMatch(MARKER);
    expect(injected._meta?.['mcp-warden/untrusted']).toMatchObject({ reason: 'prompt-injection' });
  });

  it('holds prompt arguments to the same path rules and the same secret rules', async () => {
    await expect(
      wrapped.client.getPrompt({ name: 'review', arguments: { file: '~/.ssh/id_rsa' } }),
    ).rejects.toThrow(/resource-access.*argument "file"/s);
    await expect(
      wrapped.client.getPrompt({
        name: 'review',
        arguments: { file: '/tmp/a.txt', note: `seed phrase: ${MNEMONIC}` },
      }),
    ).rejects.toThrow(/outbound.*seed-phrase/s);
    const prompt = await wrapped.client.getPrompt({
      name: 'review',
      arguments: { file: '/tmp/a.txt', note: 'looks fine' },
    });
    expect(prompt.messages[0]?.content).toMatchObject({ text: 'Review /tmp/a.txt: looks fine' });
    expect(await seen()).not.toContain('.ssh');
  });

  it('refuses a server’s elicitation asking for the recovery phrase, and passes a harmless one', async () => {
    const before = asked.filter((entry) => entry.method === 'elicitation/create').length;
    const refused = await wrapped.client.callTool({ name: 'ask_recovery_phrase', arguments: {} });
    expect(textOf(refused)).toMatch(/^elicitation refused: .*asks the user for a secret/s);
    expect(asked.filter((entry) => entry.method === 'elicitation/create')).toHaveLength(before);

    const named = await wrapped.client.callTool({ name: 'ask_name', arguments: {} });
    expect(textOf(named)).toBe('elicited: {"action":"accept","content":{"name":"Alice"}}');
    expect(asked.filter((entry) => entry.method === 'elicitation/create')).toHaveLength(before + 1);
  });

  it('blocks a server’s sampling request that carries an injection', async () => {
    const result = await wrapped.client.callTool({ name: 'ask_model', arguments: {} });
    expect(textOf(result)).toMatch(/^sampling refused: .*instructions aimed at the model/s);
    expect(asked.some((entry) => entry.method === 'sampling/createMessage')).toBe(false);
  });

  it('shows the server only the roots outside the denied paths', async () => {
    const result = await wrapped.client.callTool({ name: 'list_roots', arguments: {} });
    expect(JSON.parse(textOf(result))).toEqual([{ uri: 'file:///tmp/project', name: 'project' }]);
  });

  it('marks a log notification that carries an injection', async () => {
    const result = await wrapped.client.callTool({ name: 'log', arguments: {} });
    expect(textOf(result)).toBe('logged');
    // The notification is delivered before the answer to the call that caused it.
    expect(logs).toHaveLength(1);
    expect(String(logs[0]?.data)).toMatch(MARKER);
    expect(logs[0]?._meta?.['mcp-warden/untrusted']).toMatchObject({ reason: 'prompt-injection' });
  });

  it('writes every decision to the audit log', () => {
    const controls = new Set(
      auditRecords(wrapped.stateDir)
        .filter((record) => record.type === 'decision')
        .map((record) => (record.decision as { control: string }).control),
    );
    for (const control of [
      'outbound',
      'resource-access',
      'output-screening',
      'elicitation',
      'sampling',
      'notifications',
    ]) {
      expect(controls, control).toContain(control);
    }
    // The refused seed phrase is not in the log either (the audit log masks it in arguments).
    const log = readFileSync(join(wrapped.stateDir, 'mcp-warden', 'audit.jsonl'), 'utf8');
    expect(log).not.toContain(MNEMONIC);
  });
});

describe('wrap lets key material reach only the server the policy names as the wallet', () => {
  let wrapped: Wrapped;

  beforeAll(async () => {
    const policy = policyFile(
      [
        'version: 1',
        'defaults:',
        '  confirm:',
        '    capabilities: []',
        '  screening:',
        '    secrets: warn',
        'servers:',
        '  wallet:',
        '    wallet: true',
        '',
      ].join('\n'),
    );
    wrapped = await connectWrapped(
      [process.execPath, FIXTURE],
      ['--policy', policy, '--name', 'wallet'],
    );
    await wrapped.client.listTools();
  }, 30_000);
  afterAll(async () => {
    await wrapped.close();
  });

  it('forwards the seed phrase to the wallet, and records that it did', async () => {
    await wrapped.client.callTool({
      name: 'echo',
      arguments: { text: `seed phrase: ${MNEMONIC}` },
    });
    const decisions = auditRecords(wrapped.stateDir)
      .filter((record) => record.type === 'decision')
      .map((record) => record.decision as { control: string; action: string; reason: string });
    expect(decisions).toContainEqual(
      expect.objectContaining({ control: 'outbound', action: 'allow' }),
    );
    const seen = await wrapped.client.callTool({ name: 'seen', arguments: {} });
    expect(textOf(seen)).toContain(MNEMONIC);
    expect(decisions.find((d) => d.control === 'outbound')?.reason).toContain(
      'servers.wallet.wallet',
    );
  });
});
