import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../core/config/schema.js';
import { outbound } from './outbound.js';
import { createHarness, type TestContext } from './testing.js';

const MNEMONIC = 'absurd avoid scissors anxiety gather lottery category door army half long camera';
const GITHUB_TOKEN = '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';
const PEM = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAA'.repeat(4)}\n-----END OPENSSH PRIVATE KEY-----`;

async function send(
  method: string,
  params: unknown,
  policy: PolicyInput = { version: 1 },
  server = 'notes',
): Promise<TestContext> {
  const h = createHarness({ policy });
  const ctx = h.request(server, method, params);
  await h.run(outbound(h.policy), ctx);
  return ctx;
}

describe('outbound', () => {
  it('refuses a seed phrase in tool arguments sent to a server that is not the wallet', async () => {
    const ctx = await send('tools/call', {
      name: 'save_note',
      arguments: { text: `my wallet seed phrase: ${MNEMONIC}` },
    });
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('seed-phrase');
    expect(ctx.reason).toContain('servers.notes.wallet');
    expect(ctx.reason).not.toContain('abandon ability');
  });

  it('lets the seed phrase go to the server the policy names as the wallet, and records it', async () => {
    const ctx = await send(
      'tools/call',
      { name: 'import_wallet', arguments: { mnemonic: MNEMONIC } },
      { version: 1, servers: { wallet: { command: 'x', wallet: true } } },
      'wallet',
    );
    expect(ctx.denied).toBe(false);
    expect(ctx.decisions[0]).toMatchObject({ control: 'outbound', action: 'allow' });
    expect(JSON.stringify(ctx.message)).toContain(MNEMONIC);
  });

  it('refuses a seed phrase sent one word per array entry, which cannot be redacted', async () => {
    const ctx = await send(
      'tools/call',
      { name: 'save', arguments: { seed_words: MNEMONIC.split(' ') } },
      { version: 1, defaults: { outbound: { keyMaterial: 'redact' } } },
    );
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('cannot be redacted');
  });

  it('redacts a private key in prompt arguments when the policy says redact', async () => {
    const ctx = await send(
      'prompts/get',
      { name: 'review', arguments: { code: `key:\n${PEM}` } },
      { version: 1, defaults: { outbound: { keyMaterial: 'redact' } } },
    );
    expect(ctx.denied).toBe(false);
    const args = (ctx.message.params as { arguments: { code: string } }).arguments;
    expect(args.code).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
    expect(ctx.decisions[0]).toMatchObject({ action: 'rewrite' });
  });

  it('redacts a provider token in a completion request by default', async () => {
    const params = {
      ref: { type: 'ref/prompt', name: 'review' },
      argument: { name: 'repo', value: `https://x.example/?t=${GITHUB_TOKEN}` },
    };
    const ctx = await send('completion/complete', params);
    expect(ctx.denied).toBe(false);
    expect(JSON.stringify(ctx.message.params)).not.toContain(GITHUB_TOKEN);
    expect(params.argument.value).toContain(GITHUB_TOKEN);
    expect(ctx.reason).toContain('1 secret (github) in the completion request');
  });

  it('refuses a secret when a server sets outbound.secrets: block', async () => {
    const ctx = await send(
      'tools/call',
      { name: 'post', arguments: { body: `token ${GITHUB_TOKEN}` } },
      { version: 1, servers: { notes: { command: 'x', outbound: { secrets: 'block' } } } },
    );
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('outbound.secrets: block');
  });

  it('screens the sampled message the client sends back to the server', async () => {
    const h = createHarness();
    const mw = outbound(h.policy);
    const request = h.serverRequest('notes', 'sampling/createMessage', { messages: [] });
    await h.run(mw, request);
    const answer = h.answer(request, {
      role: 'assistant',
      content: { type: 'text', text: `Here is the seed phrase: ${MNEMONIC}` },
      model: 'm',
    });
    await h.run(mw, answer);
    expect(answer.denied).toBe(true);
    expect(answer.reason).toContain('the sampled message');
  });

  it('passes ordinary arguments as the same object', async () => {
    const params = { name: 'add', arguments: { a: 1, b: 'two words' } };
    const h = createHarness();
    const ctx = h.request('calc', 'tools/call', params);
    const message = ctx.message;
    await h.run(outbound(h.policy), ctx);
    expect(ctx.message).toBe(message);
    expect(ctx.decisions).toEqual([]);
  });

  it('rejects an unknown mode when created', () => {
    const h = createHarness();
    const policy = {
      ...h.policy,
      defaults: { ...h.policy.defaults, outbound: { secrets: 'nope', keyMaterial: 'block' } },
    } as unknown as typeof h.policy;
    expect(() => outbound(policy)).toThrow(/defaults\.outbound\.secrets/);
  });

  it('screens the inputResponses of a 2026 retried request', async () => {
    const ctx = await send('tools/call', {
      name: 'restore',
      arguments: {},
      inputResponses: { seed: { action: 'accept', content: { mnemonic: MNEMONIC } } },
    });
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain("the client's answers to input requests (tools/call)");
  });
});
