import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile } from '../load.js';

describe('Claude Desktop', () => {
  it('reads every stdio server of claude_desktop_config.json with its position', async () => {
    const path = fixturePath('claude-desktop/claude_desktop_config.json');
    const file = await loadConfigFile(path);
    expect(file).toMatchObject({ client: 'claude-desktop', format: 'json', approvals: [] });
    expect(file.servers.map((s) => [s.name, s.source.line, s.source.column])).toEqual([
      ['filesystem', 3, 5],
      ['github', 12, 5],
      ['sqlite', 26, 5],
    ]);
    expect(file.servers[1]).toMatchObject({
      name: 'github',
      client: 'claude-desktop',
      transport: 'stdio',
      command: 'docker',
      args: [
        'run',
        '-i',
        '--rm',
        '-e',
        'GITHUB_PERSONAL_ACCESS_TOKEN',
        'ghcr.io/github/github-mcp-server',
      ],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: '<your-token>' },
      headers: {},
      disabled: false,
      source: { file: path, pointer: '/mcpServers/github', line: 12, column: 5 },
      fields: { command: '/command', args: '/args', env: '/env' },
    });
  });

  it('locates an argument and an env value of a server', async () => {
    const file = await loadConfigFile(fixturePath('claude-desktop/claude_desktop_config.json'));
    expect(file.locate('/mcpServers/github/args/5')).toEqual({ line: 20, column: 9 });
    expect(file.locate('/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN')).toEqual({
      line: 23,
      column: 9,
    });
    expect(file.locate('/mcpServers/nope')).toBeUndefined();
  });
});

describe('Cursor', () => {
  it('reads stdio, SSE and streamable HTTP servers of ~/.cursor/mcp.json', async () => {
    const file = await loadConfigFile(fixturePath('cursor/.cursor/mcp.json'));
    expect(file.client).toBe('cursor');
    expect(file.servers).toMatchObject([
      {
        name: 'postgres',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://localhost/mydb'],
        env: { PGPASSWORD: '${env:PGPASSWORD}' },
        envFile: '${workspaceFolder}/.env',
        source: { pointer: '/mcpServers/postgres', line: 3 },
        fields: { envFile: '/envFile' },
      },
      {
        name: 'figma',
        transport: 'sse',
        url: 'http://127.0.0.1:3845/sse',
        source: { pointer: '/mcpServers/figma', line: 11 },
        fields: { url: '/url' },
      },
      {
        name: 'stripe',
        transport: 'http',
        url: 'https://mcp.stripe.com',
        headers: { Authorization: 'Bearer ${env:STRIPE_SECRET_KEY}' },
        source: { pointer: '/mcpServers/stripe', line: 14 },
      },
    ]);
  });
});

describe('Windsurf', () => {
  it('reads serverUrl remote servers and disabled servers of mcp_config.json', async () => {
    const file = await loadConfigFile(fixturePath('windsurf/.codeium/windsurf/mcp_config.json'));
    expect(file.client).toBe('windsurf');
    expect(file.servers).toMatchObject([
      {
        name: 'brave-search',
        transport: 'stdio',
        command: 'npx',
        env: { BRAVE_API_KEY: '<your-brave-key>' },
        disabled: false,
        source: { line: 3 },
      },
      {
        name: 'notion',
        transport: 'http',
        url: 'https://mcp.notion.com/mcp',
        headers: { Authorization: 'Bearer ${env:NOTION_TOKEN}' },
        source: { pointer: '/mcpServers/notion', line: 11 },
        fields: { url: '/serverUrl', headers: '/headers' },
      },
      {
        name: 'puppeteer',
        disabled: true,
        source: { line: 17 },
        fields: { disabled: '/disabled' },
      },
    ]);
  });
});

describe('Cline', () => {
  it('reads servers with slashes in their names, streamableHttp and autoApprove lists', async () => {
    const file = await loadConfigFile(
      fixturePath('cline/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'),
    );
    expect(file.client).toBe('cline');
    const git = 'github.com/modelcontextprotocol/servers/tree/main/src/git';
    expect(file.servers).toMatchObject([
      {
        name: git,
        transport: 'stdio',
        command: 'uvx',
        args: ['mcp-server-git', '--repository', '/home/me/projects/app'],
        source: {
          pointer: '/mcpServers/github.com~1modelcontextprotocol~1servers~1tree~1main~1src~1git',
          line: 3,
        },
      },
      {
        name: 'weather',
        disabled: true,
        env: { OPENWEATHER_API_KEY: '<key>' },
        source: { line: 19 },
      },
      {
        name: 'remote-docs',
        transport: 'http',
        url: 'https://docs.example.com/mcp',
        headers: { 'X-Api-Key': '${DOCS_KEY}' },
        source: { line: 32 },
      },
    ]);
    expect(file.approvals).toEqual([
      {
        server: git,
        tools: ['git_status', 'git_diff_unstaged', 'git_log'],
        setting: 'autoApprove',
        pointer:
          '/mcpServers/github.com~1modelcontextprotocol~1servers~1tree~1main~1src~1git/autoApprove',
      },
      {
        server: 'remote-docs',
        tools: ['search_docs'],
        setting: 'autoApprove',
        pointer: '/mcpServers/remote-docs/autoApprove',
      },
    ]);
    expect(file.locate(file.approvals[1]!.pointer)).toEqual({ line: 33, column: 7 });
  });
});

describe('Roo Code', () => {
  it('reads the global mcp_settings.json with streamable-http and alwaysAllow', async () => {
    const file = await loadConfigFile(
      fixturePath('roo/rooveterinaryinc.roo-cline/settings/mcp_settings.json'),
    );
    expect(file.client).toBe('roo');
    expect(file.servers).toMatchObject([
      { name: 'filesystem', transport: 'stdio', source: { line: 3 } },
      {
        name: 'context7',
        transport: 'http',
        url: 'https://mcp.context7.com/mcp',
        headers: { CONTEXT7_API_KEY: '<key>' },
        source: { line: 16 },
      },
    ]);
    expect(file.approvals).toEqual([
      {
        server: 'filesystem',
        tools: ['read_file', 'list_directory'],
        setting: 'alwaysAllow',
        pointer: '/mcpServers/filesystem/alwaysAllow',
      },
    ]);
    expect(file.locate('/mcpServers/filesystem/alwaysAllow')?.line).toBe(10);
  });

  it('reads the project .roo/mcp.json with cwd and an sse server', async () => {
    const file = await loadConfigFile(fixturePath('roo/.roo/mcp.json'));
    expect(file.servers).toMatchObject([
      {
        name: 'project-db',
        transport: 'stdio',
        command: 'python',
        args: ['-m', 'project_db_mcp'],
        cwd: '/home/me/projects/app/tools',
        env: { DB_PATH: './data/app.sqlite' },
        source: { line: 3 },
        fields: { cwd: '/cwd' },
      },
      {
        name: 'events',
        transport: 'sse',
        url: 'http://localhost:8080/events',
        source: { line: 10 },
      },
    ]);
    expect(file.approvals).toMatchObject([{ server: 'project-db', tools: ['query'] }]);
    expect(file.locate(file.approvals[0]!.pointer)?.line).toBe(8);
  });
});

describe('Kiro', () => {
  it('reads autoApprove lists, a wildcard approval and a disabled remote server', async () => {
    const file = await loadConfigFile(fixturePath('kiro/.kiro/settings/mcp.json'));
    expect(file.client).toBe('kiro');
    expect(file.servers).toMatchObject([
      { name: 'fetch', command: 'uvx', args: ['mcp-server-fetch'], source: { line: 3 } },
      { name: 'aws-docs', env: { AWS_DOCUMENTATION_PARTITION: 'aws' }, source: { line: 12 } },
      {
        name: 'remote',
        transport: 'http',
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: 'Bearer ${EXAMPLE_TOKEN}' },
        disabled: true,
        source: { line: 21 },
      },
    ]);
    expect(file.approvals).toEqual([
      {
        server: 'fetch',
        tools: ['fetch'],
        setting: 'autoApprove',
        pointer: '/mcpServers/fetch/autoApprove',
      },
      {
        server: 'aws-docs',
        tools: ['*'],
        setting: 'autoApprove',
        pointer: '/mcpServers/aws-docs/autoApprove',
      },
    ]);
    expect(file.locate('/mcpServers/aws-docs/autoApprove')?.line).toBe(19);
  });
});

describe('Amazon Q Developer', () => {
  it('reads ~/.aws/amazonq/mcp.json with a stdio and an http server', async () => {
    const file = await loadConfigFile(fixturePath('amazon-q/.aws/amazonq/mcp.json'));
    expect(file.client).toBe('amazon-q');
    expect(file.servers).toMatchObject([
      {
        name: 'awslabs.core-mcp-server',
        transport: 'stdio',
        command: 'uvx',
        args: ['awslabs.core-mcp-server@latest'],
        env: { FASTMCP_LOG_LEVEL: 'ERROR' },
        source: { pointer: '/mcpServers/awslabs.core-mcp-server', line: 3 },
      },
      {
        name: 'remote-docs',
        transport: 'http',
        url: 'https://docs.example.com/mcp',
        headers: { 'X-Api-Key': '<key>' },
        source: { line: 12 },
      },
    ]);
    expect(file.locate('/mcpServers/awslabs.core-mcp-server/args/0')).toEqual({
      line: 5,
      column: 16,
    });
  });
});

describe('LM Studio', () => {
  it('reads ~/.lmstudio/mcp.json with a remote and a stdio server', async () => {
    const file = await loadConfigFile(fixturePath('lm-studio/.lmstudio/mcp.json'));
    expect(file.client).toBe('lm-studio');
    expect(file.servers).toMatchObject([
      {
        name: 'hf-mcp-server',
        transport: 'http',
        url: 'https://huggingface.co/mcp',
        headers: { Authorization: 'Bearer <YOUR_HF_TOKEN>' },
        source: { line: 3 },
      },
      { name: 'duckduckgo', transport: 'stdio', command: 'uvx', source: { line: 9 } },
    ]);
  });
});
