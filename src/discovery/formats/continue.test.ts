import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('Continue', () => {
  it('reads the mcpServers list of config.yaml, pointing at list items', async () => {
    const file = await loadConfigFile(fixturePath('continue/.continue/config.yaml'));
    expect(file).toMatchObject({ client: 'continue', format: 'yaml', approvals: [] });
    expect(file.servers).toMatchObject([
      {
        name: 'SQLite',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'mcp-sqlite', '/home/me/data/app.db'],
        env: { LOG_LEVEL: 'debug' },
        source: { pointer: '/mcpServers/0', line: 13, column: 5 },
      },
      {
        name: 'Remote Search',
        transport: 'http',
        url: 'https://search.example.com/mcp',
        headers: { Authorization: 'Bearer ${{ secrets.SEARCH_TOKEN }}' },
        source: { pointer: '/mcpServers/1', line: 21, column: 5 },
        fields: { headers: '/requestOptions/headers', url: '/url' },
      },
    ]);
    expect(file.locate('/mcpServers/0/args/2')).toEqual({ line: 18, column: 9 });
    expect(file.locate('/mcpServers/1/requestOptions/headers/Authorization')).toEqual({
      line: 26,
      column: 9,
    });
  });

  it('skips hub blocks pulled in with uses', async () => {
    const file = await loadConfigFile(fixturePath('continue/.continue/config.yaml'));
    expect(file.servers).toHaveLength(2);
  });

  it('reads a block file of .continue/mcpServers', async () => {
    const file = await loadConfigFile(
      fixturePath('continue/.continue/mcpServers/playwright-mcp.yaml'),
    );
    expect(file.servers).toMatchObject([
      {
        name: 'Browser search',
        command: 'npx',
        args: ['@playwright/mcp@latest'],
        source: { pointer: '/mcpServers/0', line: 5 },
      },
    ]);
  });

  it('reads experimental.modelContextProtocolServers of the deprecated config.json', async () => {
    const file = await loadConfigFile(fixturePath('continue/.continue/config.json'));
    expect(file).toMatchObject({ client: 'continue', format: 'jsonc' });
    expect(file.servers).toMatchObject([
      {
        name: 'modelContextProtocolServers[0]',
        transport: 'stdio',
        command: 'uvx',
        args: ['mcp-server-sqlite', '--db-path', '/tmp/test.db'],
        source: { pointer: '/experimental/modelContextProtocolServers/0', line: 6, column: 7 },
        fields: { command: '/transport/command', args: '/transport/args' },
      },
    ]);
  });

  it('reads a JSON block in the Claude mcpServers shape', () => {
    const file = parseConfigText('{ "mcpServers": { "x": { "command": "x-mcp" } } }', {
      path: '/w/.continue/mcpServers/x.json',
    });
    expect(file.servers).toMatchObject([{ name: 'x', client: 'continue', command: 'x-mcp' }]);
  });
});
