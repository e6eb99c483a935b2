import { describe, expect, it } from 'vitest';
import { callBinding } from './binding.js';
import { ApprovalStore } from './store.js';

const transfer = (to: string, amountEth: number): unknown => ({
  name: 'transfer_funds',
  arguments: { to, amountEth },
});

describe('callBinding', () => {
  it('is the same whatever the key order, _meta or retry fields', () => {
    const a = callBinding('wallet', 'tools/call', {
      name: 'transfer_funds',
      arguments: { to: '0xabc', amountEth: 1 },
    });
    const b = callBinding('wallet', 'tools/call', {
      arguments: { amountEth: 1, to: '0xabc' },
      name: 'transfer_funds',
      _meta: { progressToken: 7 },
      requestState: 'mcp-warden:x',
      inputResponses: { 'mcp-warden/confirm': { action: 'accept' } },
    });
    expect(b).toBe(a);
  });

  it('differs when any argument, the tool or the server differs', () => {
    const base = callBinding('wallet', 'tools/call', transfer('0xabc', 1));
    expect(callBinding('wallet', 'tools/call', transfer('0xabd', 1))).not.toBe(base);
    expect(callBinding('wallet', 'tools/call', transfer('0xabc', 1.0001))).not.toBe(base);
    expect(callBinding('other', 'tools/call', transfer('0xabc', 1))).not.toBe(base);
    expect(
      callBinding('wallet', 'tools/call', {
        name: 'sign',
        arguments: { to: '0xabc', amountEth: 1 },
      }),
    ).not.toBe(base);
  });
});

describe('ApprovalStore', () => {
  const binding = callBinding('wallet', 'tools/call', transfer('0xabc', 1));

  it('accepts the answer to a question once, for the call it was asked about', () => {
    const store = new ApprovalStore(1000);
    const question = store.ask('confirm', binding, 'wallet', 'transfer_funds', 0);
    expect(question.id).toMatch(/^mcp-warden:[A-Za-z0-9_-]{24}$/);
    expect(store.take(question.id, binding, 10)).toMatchObject({ status: 'ok' });
    expect(store.take(question.id, binding, 20)).toEqual({ status: 'unknown' });
  });

  it('refuses an answer for other arguments, and the question is spent', () => {
    const store = new ApprovalStore(1000);
    const question = store.ask('confirm', binding, 'wallet', 'transfer_funds', 0);
    const other = callBinding('wallet', 'tools/call', transfer('0xevil', 1));
    expect(store.take(question.id, other, 10)).toMatchObject({ status: 'mismatch' });
    expect(store.take(question.id, binding, 20)).toEqual({ status: 'unknown' });
  });

  it('refuses an answer that comes after the time to live', () => {
    const store = new ApprovalStore(1000);
    const question = store.ask('confirm', binding, 'wallet', 'transfer_funds', 0);
    expect(store.take(question.id, binding, 1000)).toMatchObject({ status: 'expired' });
    expect(store.size).toBe(0);
  });

  it('forgets expired questions when new ones are asked', () => {
    const store = new ApprovalStore(1000);
    store.ask('confirm', binding, 'wallet', 'transfer_funds', 0);
    store.ask('confirm', binding, 'wallet', 'transfer_funds', 500);
    expect(store.size).toBe(2);
    store.ask('confirm', binding, 'wallet', 'transfer_funds', 1200);
    expect(store.size).toBe(2);
  });

  it('does not know ids it never issued', () => {
    const store = new ApprovalStore(1000);
    expect(store.take('mcp-warden:forged', binding, 0)).toEqual({ status: 'unknown' });
    expect(ApprovalStore.owns('mcp-warden:forged')).toBe(true);
    expect(ApprovalStore.owns('server-state')).toBe(false);
  });

  it('keeps "allow for this session" per asking control, server and tool', () => {
    const store = new ApprovalStore(1000);
    store.allowForSession('confirm', 'wallet', 'transfer_funds', 5);
    expect(store.sessionAllowance('confirm', 'wallet', 'transfer_funds')).toEqual({
      control: 'confirm',
      server: 'wallet',
      tool: 'transfer_funds',
      since: 5,
    });
    expect(store.sessionAllowance('flow-control', 'wallet', 'transfer_funds')).toBeUndefined();
    expect(store.sessionAllowance('confirm', 'wallet', 'sign_transaction')).toBeUndefined();
    expect(store.sessionAllowance('confirm', 'other', 'transfer_funds')).toBeUndefined();
  });

  it('rejects a time to live that is not a positive integer', () => {
    expect(() => new ApprovalStore(0)).toThrow(/approvalTtlMs/);
  });
});
