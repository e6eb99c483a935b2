import { describe, expect, it } from 'vitest';
import { elicitationParams, GATEWAY_ORIGIN_META, questionText, readChoice } from './question.js';

const call = {
  server: 'wallet',
  method: 'tools/call',
  name: 'transfer_funds',
  args: {
    to: '0x52908400098527886E0F7030069857D2E4169EE7',
    amount: '1.5',
    asset: 'ETH',
    chain: 'mainnet',
    maxFeeGwei: 30,
  },
  reason: 'the tool is classified financial',
};

describe('questionText', () => {
  it('shows server, tool, why, and every argument in full', () => {
    const text = questionText(call);
    expect(text).toContain('Server: wallet');
    expect(text).toContain('Tool: transfer_funds');
    expect(text).toContain('Why you are asked: the tool is classified financial');
    expect(text).toContain('to: "0x52908400098527886E0F7030069857D2E4169EE7"');
    expect(text).toContain('amount: "1.5"');
    expect(text).toContain('asset: "ETH"');
    expect(text).toContain('chain: "mainnet"');
    expect(text).toContain('maxFeeGwei: 30');
  });

  it("sets a recipient's first and last characters apart", () => {
    expect(questionText(call)).toContain(
      'check both ends: starts "0x5290" … ends "169EE7" (42 characters)',
    );
  });

  it('says which facts of a transfer the call leaves to the server', () => {
    expect(questionText(call)).not.toContain('Not stated');
    const bare = { ...call, args: { to: '0xabc', amountEth: 1 } };
    expect(questionText(bare)).toContain(
      'Not stated in the call, so the server decides: asset, chain, fee.',
    );
    expect(questionText({ ...call, args: { id: 'note-1' } })).not.toContain('Not stated');
  });

  it('writes invisible characters out so nothing hides in a value', () => {
    const text = questionText({ ...call, args: { to: 'bob\u200B@example.com\u202E' } });
    expect(text).toContain('bob\\u{200B}@example.com\\u{202E}');
  });
});

describe('elicitationParams', () => {
  it('asks for an explicit choice and marks the request as the gateway’s own', () => {
    const params = elicitationParams(call, true);
    expect(params.requestedSchema.required).toEqual(['decision']);
    expect(params.requestedSchema.properties.decision).toMatchObject({
      type: 'string',
      oneOf: [{ const: 'once' }, { const: 'session' }],
    });
    expect(params._meta[GATEWAY_ORIGIN_META]).toBe('mcp-warden');
  });

  it('offers no session-wide choice when the policy does not', () => {
    const params = elicitationParams(call, false);
    expect(params.requestedSchema.properties.decision).toMatchObject({
      oneOf: [{ const: 'once' }],
    });
  });
});

describe('readChoice', () => {
  it('reads only an accepted, explicit choice as a yes', () => {
    expect(readChoice({ action: 'accept', content: { decision: 'once' } }, true)).toBe('once');
    expect(readChoice({ action: 'accept', content: { decision: 'session' } }, true)).toBe(
      'session',
    );
    expect(readChoice({ action: 'accept', content: { decision: 'session' } }, false)).toBe(
      undefined,
    );
    expect(readChoice({ action: 'accept', content: {} }, true)).toBeUndefined();
    expect(readChoice({ action: 'decline' }, true)).toBeUndefined();
    expect(readChoice({ action: 'cancel' }, true)).toBeUndefined();
    expect(readChoice(undefined, true)).toBeUndefined();
  });
});
