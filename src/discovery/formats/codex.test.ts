import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile, parseConfigText } from '../load.js';

describe('Codex CLI', () => {
  it('reads [mcp_servers.<name>] tables with their header lines', async () => {
    const file = await loadConfigFile(fixturePath('codex/.codex/config.toml'));
    expect(file).toMatchObject({ client: 'codex', format: 'toml' });
    expect(file.servers).toMatchObject([
      {
        name: 'context7',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@upstash/context7-mcp'],
        env: { LOG_LEVEL: 'info', CACHE_DIR: '/tmp/context7' },
        envPassthrough: ['HTTPS_PROXY', 'CONTEXT7_API_KEY'],
        disabled: false,
        source: { pointer: '/mcp_servers/context7', line: 5, column: 1 },
        fields: { command: '/command', args: '/args', env: '/env', envPassthrough: '/env_vars' },
      },
      {
        name: 'figma.desktop',
        transport: 'http',
        url: 'http://127.0.0.1:3845/mcp',
        headers: { 'X-Figma-Region': 'us-east-1' },
        envPassthrough: ['FIGMA_OAUTH_TOKEN'],
        disabled: true,
        source: { pointer: '/mcp_servers/figma.desktop', line: 16 },
        fields: { url: '/url', headers: '/http_headers', disabled: '/enabled' },
      },
      {
        name: 'github',
        transport: 'stdio',
        command: 'docker',
        args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: '<token>' },
        source: { pointer: '/mcp_servers/github', line: 22 },
      },
    ]);
  });

  it('locates keys, subtables, inline tables and elements of multi-line arrays', async () => {
    const file = await loadConfigFile(fixturePath('codex/.codex/config.toml'));
    expect(file.locate('')).toEqual({ line: 1, column: 1 });
    expect(file.locate('/model')).toEqual({ line: 1, column: 1 });
    expect(file.locate('/mcp_servers')).toEqual({ line: 5, column: 1 });
    expect(file.locate('/mcp_servers/context7/command')).toEqual({ line: 6, column: 1 });
    expect(file.locate('/mcp_servers/context7/env_vars/1/name')).toEqual({ line: 8, column: 30 });
    expect(file.locate('/mcp_servers/context7/env')).toEqual({ line: 12, column: 1 });
    expect(file.locate('/mcp_servers/context7/env/CACHE_DIR')).toEqual({ line: 14, column: 1 });
    expect(file.locate('/mcp_servers/figma.desktop/http_headers/X-Figma-Region')).toEqual({
      line: 19,
      column: 18,
    });
    expect(file.locate('/mcp_servers/github/args/3')).toEqual({ line: 28, column: 3 });
    expect(file.locate('/mcp_servers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN')).toEqual({
      line: 30,
      column: 9,
    });
    expect(file.locate('/mcp_servers/github/tools/create_issue')).toEqual({ line: 36, column: 1 });
    expect(file.locate('/mcp_servers/nope')).toBeUndefined();
  });

  it('reads approve modes as approvals and ignores prompt', async () => {
    const file = await loadConfigFile(fixturePath('codex/.codex/config.toml'));
    expect(file.approvals).toEqual([
      {
        server: 'context7',
        tools: ['*'],
        setting: 'default_tools_approval_mode',
        pointer: '/mcp_servers/context7/default_tools_approval_mode',
      },
      {
        server: 'github',
        tools: ['get_issue'],
        setting: 'approval_mode',
        pointer: '/mcp_servers/github/tools/get_issue/approval_mode',
      },
    ]);
    expect(file.approvals.map((a) => file.locate(a.pointer)?.line)).toEqual([10, 34]);
  });

  it('reads servers written as dotted keys and inline tables under [mcp_servers]', () => {
    const text = [
      '[mcp_servers]',
      'docs = { command = "docs-mcp", args = ["--stdio"] }',
      "remote.url = 'https://remote.test/mcp'",
      '',
    ].join('\n');
    const file = parseConfigText(text, { path: '/home/me/.codex/config.toml' });
    expect(file.servers).toMatchObject([
      { name: 'docs', command: 'docs-mcp', args: ['--stdio'], source: { line: 2, column: 1 } },
      { name: 'remote', transport: 'http', url: 'https://remote.test/mcp', source: { line: 3 } },
    ]);
    expect(file.locate('/mcp_servers/docs/args/0')).toEqual({ line: 2, column: 40 });
    expect(file.locate('/mcp_servers/remote/url')).toEqual({ line: 3, column: 8 });
  });

  it('locates elements of arrays of tables and keys after multi-line strings', () => {
    const text = [
      'note = """',
      'a [fake] = "header"',
      '"""',
      '[[profiles]]',
      'name = "a"',
      '[[profiles]]',
      'name = "b"',
      '[profiles.extra]',
      'k = 1',
      '',
    ].join('\n');
    const file = parseConfigText(text, { path: '/x/config.toml', client: 'codex' });
    expect(file.parseError).toBeUndefined();
    expect(file.locate('/profiles/0/name')).toEqual({ line: 5, column: 1 });
    expect(file.locate('/profiles/1')).toEqual({ line: 6, column: 1 });
    expect(file.locate('/profiles/1/extra/k')).toEqual({ line: 9, column: 1 });
    expect(file.locate('/a')).toBeUndefined();
  });
});
