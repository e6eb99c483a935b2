import { describe, expect, it } from 'vitest';
import { classify, eraOf, errorResponse, isBatch } from './classifier.js';

describe('classify', () => {
  it('tells a request by its method and id', () => {
    const out = classify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'echo' } });
    expect(out).toMatchObject({ kind: 'request', id: 7, method: 'tools/call' });
  });

  it('keeps string ids as strings and number ids as numbers', () => {
    expect(classify({ jsonrpc: '2.0', id: '7', method: 'ping' })).toMatchObject({ id: '7' });
    expect(classify({ jsonrpc: '2.0', id: 7, result: {} })).toMatchObject({ id: 7 });
  });

  it('tells a notification by the absence of an id', () => {
    expect(
      classify({ jsonrpc: '2.0', method: 'notifications/progress', params: {} }),
    ).toMatchObject({ kind: 'notification', method: 'notifications/progress' });
  });

  it('tells a response and an error response apart', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, result: { content: [] } }).kind).toBe('response');
    expect(classify({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'x' } }).kind).toBe(
      'error',
    );
  });

  it('accepts an error with a null id (the answer to an unparseable request)', () => {
    expect(
      classify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'x' } }),
    ).toMatchObject({
      kind: 'error',
      id: null,
    });
  });

  it('refuses what is not JSON-RPC 2.0, keeping the id so a request can be answered', () => {
    expect(classify({ id: 3, method: 'ping' })).toEqual({
      kind: 'invalid',
      reason: 'jsonrpc is not "2.0"',
      id: 3,
    });
    expect(classify('ping').kind).toBe('invalid');
    expect(classify({ jsonrpc: '2.0', id: null, method: 'ping' }).kind).toBe('invalid');
    expect(classify({ jsonrpc: '2.0', id: 1 }).kind).toBe('invalid');
    expect(classify({ jsonrpc: '2.0', id: 1, error: 'bad' }).kind).toBe('invalid');
  });

  it('marks the 2025 handshake and the 2026-07-28 stateless era', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} })).toMatchObject({
      era: '2025',
    });
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'server/discover' })).toMatchObject({
      era: '2026',
    });
    const modern = classify({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/list',
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
    });
    expect(modern).toMatchObject({ kind: 'request', era: '2026' });
    expect(classify({ jsonrpc: '2.0', id: 3, method: 'tools/list' })).not.toHaveProperty('era');
  });
});

describe('eraOf', () => {
  it('reads the era from the _meta envelope of any request', () => {
    expect(
      eraOf('resources/read', {
        _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' },
      }),
    ).toBe('2026');
    expect(eraOf('resources/read', { _meta: { progressToken: 1 } })).toBeUndefined();
  });
});

describe('batches and errors', () => {
  it('recognises a batch (2025-03-26)', () => {
    expect(isBatch([{ jsonrpc: '2.0', method: 'ping', id: 1 }])).toBe(true);
    expect(isBatch({})).toBe(false);
  });

  it('builds an error response with optional data', () => {
    expect(errorResponse(1, -32001, 'no')).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32001, message: 'no' },
    });
    expect(errorResponse(null, -32700, 'x', { a: 1 }).error?.data).toEqual({ a: 1 });
  });
});
