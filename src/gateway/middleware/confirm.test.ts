import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../core/config/schema.js';
import { connectApprovals } from '../approvals/approvals.js';
import type { EraTracker } from '../classifier.js';
import { confirm } from './confirm.js';
import { taint } from './taint.js';
import { createHarness, type TestContext } from './testing.js';
import type { JsonRpcMessage } from './types.js';

const WALLET_TOOLS = [
  {
    name: 'transfer_funds',
    description: 'Transfers ETH from the wallet to any address.',
    inputSchema: {
      type: 'object',
      properties: { to: { type: 'string' }, amountEth: { type: 'number' } },
    },
  },
  { name: 'get_balance', description: 'Returns the balance.', inputSchema: { type: 'object' } },
];

/** A harness with a real approvals channel to a 2025 client that declared elicitation. */
function setup(policy: PolicyInput = { version: 1 }) {
  const h = createHarness({ policy });
  h.session.tools.set('wallet', new Map(WALLET_TOOLS.map((tool) => [tool.name, tool])));
  const sent: JsonRpcMessage[] = [];
  const era: EraTracker = { value: '2025' };
  const { approvals, channel } = connectApprovals({
    policy: h.policy,
    send: (message) => {
      sent.push(message);
      const waiting = asked.shift();
      if (waiting !== undefined) waiting(message);
    },
    era,
    log: () => undefined,
    now: () => h.now(),
  });
  const asked: ((message: JsonRpcMessage) => void)[] = [];
  channel.noteInitialize({ capabilities: { elicitation: {} } });
  /** The next question the gateway sends the client. */
  const nextQuestion = (): Promise<JsonRpcMessage> =>
    new Promise((resolveQuestion) => {
      asked.push(resolveQuestion);
    });
  const call = (args: Record<string, unknown>, tool = 'transfer_funds'): TestContext => {
    const ctx = h.request('wallet', 'tools/call', { name: tool, arguments: args });
    Object.assign(ctx, { approvals, era: '2025' });
    return ctx;
  };
  return { h, mw: confirm(h.policy), channel, sent, nextQuestion, call };
}

describe('confirm', () => {
  it('asks about a tool classified financial, and forwards it when the user allows it once', async () => {
    const { h, mw, channel, nextQuestion, call } = setup();
    const ctx = call({ to: '0x52908400098527886E0F7030069857D2E4169EE7', amountEth: 2 });
    const question = nextQuestion();
    const running = h.run(mw, ctx);
    const sent = await question;
    expect(sent.method).toBe('elicitation/create');
    expect(JSON.stringify(sent.params)).toContain('classified financial');
    channel.takeAnswer({
      jsonrpc: '2.0',
      id: sent.id ?? null,
      result: { action: 'accept', content: { decision: 'once' } },
    });
    expect((await running).forwarded).toBe(true);
    expect(ctx.decisions.at(-1)).toMatchObject({ control: 'confirm', action: 'approved' });
  });

  it('refuses the call before the server when the user declines', async () => {
    const { h, mw, channel, nextQuestion, call } = setup();
    const ctx = call({ to: '0xabc', amountEth: 2 });
    const question = nextQuestion();
    const running = h.run(mw, ctx);
    channel.takeAnswer({
      jsonrpc: '2.0',
      id: (await question).id ?? null,
      result: { action: 'decline' },
    });
    expect((await running).forwarded).toBe(false);
    expect(ctx.denial?.decision.action).toBe('declined');
    expect(ctx.reason).toContain('the user declined');
  });

  it('does not ask about a tool the policy allows explicitly, nor about a harmless one', async () => {
    const { h, mw, sent, call } = setup({
      version: 1,
      servers: { wallet: { tools: { transfer_funds: { action: 'allow' } } } },
    });
    expect((await h.run(mw, call({ to: '0xabc', amountEth: 1 }))).forwarded).toBe(true);
    expect((await h.run(mw, call({}, 'get_balance'))).forwarded).toBe(true);
    expect(sent).toHaveLength(0);
  });

  it('asks about a tool the policy marks confirm, naming the policy entry', async () => {
    const { h, mw, channel, nextQuestion, call } = setup({
      version: 1,
      servers: { wallet: { tools: { get_balance: { action: 'confirm' } } } },
    });
    const question = nextQuestion();
    const running = h.run(mw, call({}, 'get_balance'));
    const sent = await question;
    expect(JSON.stringify(sent.params)).toContain(
      'servers.wallet.tools.get_balance.action: confirm',
    );
    channel.takeAnswer({
      jsonrpc: '2.0',
      id: sent.id ?? null,
      error: { code: -1, message: 'no UI' },
    });
    expect((await running).forwarded).toBe(false);
  });

  it('does not ask again after "allow for this session", and records each call', async () => {
    const { h, mw, channel, nextQuestion, sent, call } = setup();
    const question = nextQuestion();
    const first = h.run(mw, call({ to: '0xabc', amountEth: 1 }));
    channel.takeAnswer({
      jsonrpc: '2.0',
      id: (await question).id ?? null,
      result: { action: 'accept', content: { decision: 'session' } },
    });
    expect((await first).forwarded).toBe(true);
    const second = call({ to: '0xdef', amountEth: 5 });
    expect((await h.run(mw, second)).forwarded).toBe(true);
    expect(second.decisions.at(-1)?.reason).toContain('allowed by the user for this session');
    expect(sent).toHaveLength(1);
  });

  it('asks once when taint (onInjection: confirm) and the classification both want a yes', async () => {
    const { h, channel, sent, nextQuestion, call } = setup({
      version: 1,
      defaults: { taint: { onInjection: 'confirm' } },
    });
    h.session.taintedBy = { server: 'web', reason: 'a page carried instructions' };
    const chain = [taint(h.policy), confirm(h.policy)];
    const question = nextQuestion();
    const running = h.run(chain, call({ to: '0xabc', amountEth: 1 }));
    const asked = await question;
    expect(JSON.stringify(asked.params)).toContain('untrusted content from server \\"web\\"');
    channel.takeAnswer({
      jsonrpc: '2.0',
      id: asked.id ?? null,
      result: { action: 'accept', content: { decision: 'once' } },
    });
    expect((await running).forwarded).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('refuses, saying how to allow the tool, when nobody can be asked', async () => {
    const h = createHarness({ policy: { version: 1 } });
    h.session.tools.set('wallet', new Map(WALLET_TOOLS.map((tool) => [tool.name, tool])));
    const ctx = h.request('wallet', 'tools/call', { name: 'transfer_funds', arguments: {} });
    expect((await h.run(confirm(h.policy), ctx)).forwarded).toBe(false);
    expect(ctx.denial?.decision.action).toBe('confirm-refused');
    expect(ctx.reason).toContain('servers.wallet.tools.transfer_funds.action: allow');
  });
});
