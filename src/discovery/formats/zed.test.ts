import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('Zed', () => {
  it('reads the older command-object shape, the newer custom shape and a remote url', async () => {
    const file = await loadConfigFile(fixturePath('zed/zed/settings.json'));
    expect(file).toMatchObject({ client: 'zed', format: 'jsonc' });
    expect(file.servers).toMatchObject([
      {
        name: 'postgres-context-server',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@zeddotdev/postgres-context-server'],
        env: { DATABASE_URL: 'postgresql://localhost/app' },
        source: { pointer: '/context_servers/postgres-context-server', line: 17, column: 5 },
        fields: { command: '/command/path', args: '/command/args', env: '/command/env' },
      },
      {
        name: 'kagi',
        transport: 'stdio',
        command: 'uvx',
        args: ['kagimcp'],
        env: { KAGI_API_KEY: '<key>' },
        source: { line: 27 },
        fields: { command: '/command', args: '/args', env: '/env' },
      },
      {
        name: 'you-com',
        transport: 'http',
        url: 'https://api.you.com/mcp?profile=free',
        headers: { Authorization: 'Bearer <key>' },
        source: { line: 39 },
      },
    ]);
    const [postgres] = file.servers;
    expect(file.locate(postgres!.source.pointer + postgres!.fields.command!)).toEqual({
      line: 19,
      column: 9,
    });
  });

  it('skips servers provided by an extension', async () => {
    const file = await loadConfigFile(fixturePath('zed/zed/settings.json'));
    expect(file.servers.map((s) => s.name)).not.toContain('mcp-server-github');
  });

  it('reads agent.always_allow_tool_actions as approving every tool', async () => {
    const file = await loadConfigFile(fixturePath('zed/zed/settings.json'));
    expect(file.approvals).toEqual([
      {
        server: '*',
        tools: ['*'],
        setting: 'agent.always_allow_tool_actions',
        pointer: '/agent/always_allow_tool_actions',
      },
    ]);
    expect(file.locate('/agent/always_allow_tool_actions')).toEqual({ line: 9, column: 5 });
  });

  it('reads enabled: false as disabled', () => {
    const file = parseConfigText(
      '{ "context_servers": { "a": { "source": "custom", "command": "a-mcp", "enabled": false } } }',
      { path: '/p/.zed/settings.json' },
    );
    expect(file.servers[0]).toMatchObject({ disabled: true, fields: { disabled: '/enabled' } });
  });
});
