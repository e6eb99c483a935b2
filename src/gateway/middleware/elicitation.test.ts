import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../core/config/schema.js';
import { elicitation, secretRequests } from './elicitation.js';
import { createHarness, type TestContext } from './testing.js';

function form(
  properties: Record<string, unknown>,
  message = 'Please fill in the form.',
): Record<string, unknown> {
  return { mode: 'form', message, requestedSchema: { type: 'object', properties } };
}

async function ask(params: unknown, policy: PolicyInput = { version: 1 }): Promise<TestContext> {
  const h = createHarness({ policy });
  const ctx = h.serverRequest('wallet', 'elicitation/create', params);
  await h.run(elicitation(h.policy), ctx);
  return ctx;
}

describe('elicitation', () => {
  it('refuses a form that asks for the seed phrase', async () => {
    const ctx = await ask(
      form(
        { phrase: { type: 'string', title: 'Your 12-word recovery phrase' } },
        'To restore your wallet, enter your recovery phrase.',
      ),
    );
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('"phrase"');
    expect(ctx.reason).toContain('defaults.elicitation.sensitive: block');
  });

  it('recognises password, private key and card fields by name, title or message', () => {
    expect(secretRequests(form({ password: { type: 'string' } }))).toEqual(['password']);
    expect(secretRequests(form({ privateKey: { type: 'string' } }))).toEqual(['privateKey']);
    expect(
      secretRequests(form({ value: { type: 'string', description: 'Card number (16 digits)' } })),
    ).toEqual(['value']);
    expect(
      secretRequests(form({ answer: { type: 'string' } }, 'Paste your API key to continue.')),
    ).toEqual(['(message)']);
  });

  it('lets an ordinary form through as the same object', async () => {
    const h = createHarness();
    const ctx = h.serverRequest(
      'wallet',
      'elicitation/create',
      form(
        {
          name: { type: 'string', title: 'Display name' },
          network: { type: 'string', enum: ['mainnet', 'testnet'] },
          max_tokens: { type: 'integer' },
        },
        'Choose a network. Your password is never needed here.',
      ),
    );
    const message = ctx.message;
    await h.run(elicitation(h.policy), ctx);
    expect(ctx.denied).toBe(false);
    expect(ctx.message).toBe(message);
  });

  it('only reports under sensitive: warn, and a server entry overrides the default', async () => {
    const ctx = await ask(form({ password: { type: 'string' } }), {
      version: 1,
      servers: { wallet: { command: 'x', elicitation: { sensitive: 'warn' } } },
    });
    expect(ctx.denied).toBe(false);
    expect(ctx.decisions[0]).toMatchObject({ control: 'elicitation', action: 'warn' });
  });

  it('does not judge URL-mode requests on their wording', async () => {
    const ctx = await ask({
      mode: 'url',
      message: 'Sign in to connect your API key.',
      url: 'https://auth.example.com/connect',
      elicitationId: 'e1',
    });
    expect(ctx.denied).toBe(false);
  });

  it('refuses every request from a server the policy does not let ask', async () => {
    const ctx = await ask(form({ name: { type: 'string' } }), {
      version: 1,
      defaults: { elicitation: { action: 'deny' } },
    });
    expect(ctx.denied).toBe(true);
    expect(ctx.reason).toContain('defaults.elicitation.action: deny');
  });

  it('strips invisible text from what the user is shown', async () => {
    const ctx = await ask(form({ name: { type: 'string' } }, 'Pick a name\u200b\u200b\u200b.'));
    expect((ctx.message.params as { message: string }).message).toBe('Pick a name.');
  });

  it('refuses a 2026 input_required result that embeds a request for the seed phrase', async () => {
    const h = createHarness();
    const mw = elicitation(h.policy);
    const call = h.request('wallet', 'tools/call', { name: 'restore', arguments: {} });
    await h.run(mw, call);
    const result = h.result(call, {
      resultType: 'input_required',
      inputRequests: {
        seed: {
          method: 'elicitation/create',
          params: form({ mnemonic: { type: 'string' } }, 'Restore your wallet.'),
        },
      },
    });
    await h.run(mw, result);
    expect(result.denied).toBe(true);
    expect(result.reason).toContain('"mnemonic"');
  });
});
