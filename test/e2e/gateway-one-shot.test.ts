// A script that writes its requests to `wrap` and closes stdin — `server < requests.jsonl` —
// gets every answer, even for a tool it calls without listing first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, connectWrapped, fixtures, gatewayEnv } from './gateway-support.js';

describe('wrap: arguments that fail the input schema', () => {
  it('come back as an isError tool result the model can correct from (SEP-1303)', async () => {
    const wrapped = await connectWrapped([process.execPath, join(fixtures, 'escape-artist.mjs')]);
    try {
      await wrapped.client.listTools();
      const result = await wrapped.client.callTool({ name: 'read_file', arguments: { path: 7 } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('Invalid arguments for tool');
    } finally {
      await wrapped.close();
    }
  });
});

describe('wrap: requests piped in from a file', () => {
  it('answers every request before it exits, listing the tools itself for an unlisted call', () => {
    const requests = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'script', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'ping', arguments: {} } },
    ];
    const { env } = gatewayEnv();
    const result = spawnSync(
      process.execPath,
      [bin, 'wrap', '--', process.execPath, join(fixtures, 'escape-artist.mjs')],
      {
        env,
        input: requests.map((request) => JSON.stringify(request)).join('\n') + '\n',
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const answers = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; result?: { content?: unknown } });
    expect(answers.map((answer) => answer.id).sort()).toEqual([1, 2]);
    expect(answers.find((answer) => answer.id === 2)?.result?.content).toEqual([
      { type: 'text', text: 'pong' },
    ]);
  });
});
