import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('VS Code', () => {
  it('reads the servers of a workspace .vscode/mcp.json written with comments and trailing commas', async () => {
    const file = await loadConfigFile(fixturePath('vscode/.vscode/mcp.json'));
    expect(file).toMatchObject({ client: 'vscode', format: 'jsonc', approvals: [] });
    expect(file.parseError).toBeUndefined();
    expect(file.servers).toMatchObject([
      {
        name: 'Perplexity',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'server-perplexity-ask'],
        env: { PERPLEXITY_API_KEY: '${input:perplexity-key}' },
        envFile: '${workspaceFolder}/.env',
        source: { pointer: '/servers/Perplexity', line: 13, column: 5 },
        fields: { type: '/type', command: '/command', env: '/env', envFile: '/envFile' },
      },
      {
        name: 'github',
        transport: 'http',
        url: 'https://api.githubcopilot.com/mcp/',
        headers: {},
        source: { pointer: '/servers/github', line: 23 },
      },
      {
        name: 'legacy-events',
        transport: 'sse',
        url: 'http://localhost:3001/sse',
        headers: { 'X-Team': 'platform' },
        source: { line: 27 },
      },
    ]);
    expect(file.locate('/servers/Perplexity/env/PERPLEXITY_API_KEY')).toEqual({
      line: 18,
      column: 9,
    });
  });

  it('reads mcp.servers and the global auto-approve of the user settings.json', async () => {
    const file = await loadConfigFile(fixturePath('vscode/Code/User/settings.json'));
    expect(file.client).toBe('vscode');
    expect(file.servers).toMatchObject([
      {
        name: 'time',
        transport: 'stdio',
        command: 'uvx',
        args: ['mcp-server-time', '--local-timezone=Europe/Berlin'],
        source: { pointer: '/mcp/servers/time', line: 9, column: 7 },
      },
    ]);
    expect(file.approvals).toEqual([
      {
        server: '*',
        tools: ['*'],
        setting: 'chat.tools.autoApprove',
        pointer: '/chat.tools.autoApprove',
      },
    ]);
    expect(file.locate('/chat.tools.autoApprove')).toEqual({ line: 6, column: 3 });
  });

  it('reads chat.tools.global.autoApprove and a per-tool approval map', () => {
    const file = parseConfigText(
      '{\n  "chat.tools.global.autoApprove": true,\n  "chat.tools.autoApprove": { "fetch": true, "runInTerminal": false }\n}\n',
      { path: '/home/me/.config/Code/User/settings.json' },
    );
    expect(file.approvals).toEqual([
      {
        server: '*',
        tools: ['*'],
        setting: 'chat.tools.global.autoApprove',
        pointer: '/chat.tools.global.autoApprove',
      },
      {
        server: '*',
        tools: ['fetch'],
        setting: 'chat.tools.autoApprove',
        pointer: '/chat.tools.autoApprove',
      },
    ]);
  });

  it('does not count an auto-approve setting that is false', () => {
    const file = parseConfigText('{ "chat.tools.autoApprove": false }', {
      path: '/w/.vscode/settings.json',
    });
    expect(file.approvals).toEqual([]);
  });
});
