import { describe, expect, it } from 'vitest';
import { fieldPointer } from '../../core/server-spec.js';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('OpenCode', () => {
  it('reads local servers whose command array holds the arguments, and remote servers', async () => {
    const file = await loadConfigFile(fixturePath('opencode/opencode.jsonc'));
    expect(file).toMatchObject({ client: 'opencode', format: 'jsonc', approvals: [] });
    expect(file.servers).toMatchObject([
      {
        name: 'everything',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-everything'],
        env: { MY_ENV_VAR: 'my_env_var_value' },
        disabled: false,
        argsOffset: 1,
        source: { pointer: '/mcp/everything', line: 6, column: 5 },
        fields: { command: '/command/0', args: '/command', env: '/environment' },
      },
      {
        name: 'sentry',
        transport: 'http',
        url: 'https://mcp.sentry.dev/mcp',
        headers: { Authorization: 'Bearer {env:SENTRY_TOKEN}' },
        disabled: true,
        source: { pointer: '/mcp/sentry', line: 14 },
      },
    ]);
  });

  it('maps an argument index to its element of the command array', async () => {
    const file = await loadConfigFile(fixturePath('opencode/opencode.jsonc'));
    const [everything] = file.servers;
    const pointer = everything!.source.pointer + fieldPointer(everything!, 'args', 1)!;
    expect(pointer).toBe('/mcp/everything/command/2');
    expect(file.locate(pointer)).toEqual({ line: 8, column: 32 });
    expect(file.locate(everything!.source.pointer + everything!.fields.command!)).toEqual({
      line: 8,
      column: 19,
    });
  });

  it('reads the nested mcp.servers map of newer versions', () => {
    const file = parseConfigText(
      '{ "mcp": { "servers": { "s": { "type": "local", "command": ["s-mcp"] } } } }',
      { path: '/p/opencode.json' },
    );
    expect(file.servers).toMatchObject([
      { name: 's', command: 's-mcp', args: [], source: { pointer: '/mcp/servers/s' } },
    ]);
  });
});
