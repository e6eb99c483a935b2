import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('Gemini CLI', () => {
  it('reads command, httpUrl and url servers of settings.json as stdio, http and sse', async () => {
    const file = await loadConfigFile(fixturePath('gemini/.gemini/settings.json'));
    expect(file).toMatchObject({ client: 'gemini', format: 'jsonc' });
    expect(file.servers).toMatchObject([
      {
        name: 'pythonTools',
        transport: 'stdio',
        command: 'python',
        args: ['-m', 'my_mcp_server', '--port', '8080'],
        cwd: './mcp-servers/python',
        env: { DATABASE_URL: '$DB_CONNECTION_STRING', API_KEY: '${EXTERNAL_API_KEY}' },
        source: { pointer: '/mcpServers/pythonTools', line: 6, column: 5 },
      },
      {
        name: 'githubRemote',
        transport: 'http',
        url: 'https://api.githubcopilot.com/mcp/',
        headers: { Authorization: 'Bearer $GITHUB_PAT' },
        source: { line: 18 },
        fields: { url: '/httpUrl' },
      },
      {
        name: 'events',
        transport: 'sse',
        url: 'http://localhost:8080/sse',
        source: { line: 25 },
      },
    ]);
  });

  it('treats trust: true as approving every tool of the server, and trust: false as nothing', async () => {
    const file = await loadConfigFile(fixturePath('gemini/.gemini/settings.json'));
    expect(file.approvals).toEqual([
      {
        server: 'pythonTools',
        tools: ['*'],
        setting: 'trust',
        pointer: '/mcpServers/pythonTools/trust',
      },
    ]);
    expect(file.locate('/mcpServers/pythonTools/trust')).toEqual({ line: 15, column: 7 });
  });

  it('reads url with type http as streamable HTTP', () => {
    const file = parseConfigText(
      '{ "mcpServers": { "x": { "url": "https://x.test/mcp", "type": "http" } } }',
      {
        path: '/p/.gemini/settings.json',
      },
    );
    expect(file.servers[0]?.transport).toBe('http');
  });
});
