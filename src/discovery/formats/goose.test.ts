import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile } from '../load.js';

describe('Goose', () => {
  it('reads stdio, streamable_http and sse extensions and skips builtins', async () => {
    const file = await loadConfigFile(fixturePath('goose/goose/config.yaml'));
    expect(file).toMatchObject({ client: 'goose', format: 'yaml' });
    expect(file.servers).toMatchObject([
      {
        name: 'github',
        transport: 'stdio',
        command: 'github-mcp-server',
        args: [],
        env: {},
        envPassthrough: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
        disabled: false,
        source: { pointer: '/extensions/github', line: 12, column: 3 },
        fields: {
          command: '/cmd',
          env: '/envs',
          envPassthrough: '/env_keys',
          disabled: '/enabled',
        },
      },
      {
        name: 'filesystem',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
        env: { NODE_ENV: 'production' },
        disabled: true,
        source: { line: 24 },
      },
      {
        name: 'remote-tools',
        transport: 'http',
        url: 'https://example.com/mcp',
        headers: { 'X-Team': 'platform' },
        source: { line: 34 },
        fields: { url: '/uri', headers: '/headers' },
      },
      {
        name: 'legacy-sse',
        transport: 'sse',
        url: 'http://localhost:8000/sse',
        source: { line: 44 },
      },
    ]);
    expect(file.locate('/extensions/filesystem/envs/NODE_ENV')).toEqual({ line: 31, column: 7 });
    expect(file.locate('/extensions/filesystem/args/2')).toEqual({ line: 29, column: 61 });
  });

  it('reads GOOSE_MODE: auto as approving every tool', async () => {
    const file = await loadConfigFile(fixturePath('goose/goose/config.yaml'));
    expect(file.approvals).toEqual([
      { server: '*', tools: ['*'], setting: 'GOOSE_MODE', pointer: '/GOOSE_MODE' },
    ]);
    expect(file.locate('/GOOSE_MODE')).toEqual({ line: 3, column: 1 });
  });
});
