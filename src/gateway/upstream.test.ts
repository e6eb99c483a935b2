import { describe, expect, it } from 'vitest';
import { remoteRefusal } from './upstream.js';

describe('remoteRefusal', () => {
  it('accepts https:// and plain http:// to this machine', () => {
    for (const url of [
      'https://mcp.example.com/mcp',
      'http://127.0.0.1:8080/mcp',
      'http://localhost/mcp',
      'http://[::1]:3000/mcp',
      'http://127.1.2.3/mcp',
    ]) {
      expect(remoteRefusal(new URL(url), { env: {} }), url).toBeUndefined();
    }
  });

  it('refuses plain http:// to another host unless allowed', () => {
    expect(remoteRefusal(new URL('http://mcp.example.com/mcp'), { env: {} })).toMatch(
      /not encrypted/,
    );
    expect(remoteRefusal(new URL('http://127.0.0.1.example.com/mcp'), { env: {} })).toMatch(
      /not encrypted/,
    );
    expect(
      remoteRefusal(new URL('http://mcp.example.com/mcp'), { env: {}, allowHttp: true }),
    ).toBeUndefined();
  });

  it('refuses https:// when certificate checks are turned off for the process', () => {
    expect(
      remoteRefusal(new URL('https://mcp.example.com/mcp'), {
        env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      }),
    ).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED/);
  });

  it('refuses other schemes', () => {
    expect(remoteRefusal(new URL('ws://mcp.example.com/mcp'), { env: {} })).toMatch(
      /not an MCP transport/,
    );
  });
});
