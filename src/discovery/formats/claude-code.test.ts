import { describe, expect, it } from 'vitest';
import { fixturePath } from '../__fixtures__/fixture.js';
import { loadConfigFile } from '../load.js';
import { parseMcpPermission } from './claude-code.js';

describe('Claude Code', () => {
  it('reads user servers and per-project servers of ~/.claude.json', async () => {
    const file = await loadConfigFile(fixturePath('claude-code/home/.claude.json'));
    expect(file.client).toBe('claude-code');
    expect(file.servers).toMatchObject([
      {
        name: 'context7',
        transport: 'http',
        url: 'https://mcp.context7.com/mcp',
        headers: { CONTEXT7_API_KEY: '${CONTEXT7_API_KEY}' },
        source: { pointer: '/mcpServers/context7', line: 7, column: 5 },
      },
      {
        name: 'memory',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-memory'],
        env: {},
        source: { pointer: '/mcpServers/memory', line: 14 },
      },
      {
        name: 'db',
        transport: 'stdio',
        command: '/home/me/bin/db-mcp',
        args: ['--read-only'],
        env: { DATABASE_URL: 'postgres://localhost/dev' },
        source: { pointer: '/projects/~1home~1me~1repo/mcpServers/db', line: 33, column: 9 },
      },
      {
        name: 'linear',
        transport: 'sse',
        url: 'https://mcp.linear.app/sse',
        source: { pointer: '/projects/~1home~1me~1repo/mcpServers/linear', line: 43 },
      },
    ]);
  });

  it('reads MCP rules of a project allowedTools list and ignores other rules', async () => {
    const file = await loadConfigFile(fixturePath('claude-code/home/.claude.json'));
    expect(file.approvals).toEqual([
      {
        server: 'db',
        tools: ['query'],
        setting: 'allowedTools',
        pointer: '/projects/~1home~1me~1repo/allowedTools/0',
      },
    ]);
    expect(file.locate(file.approvals[0]!.pointer)).toEqual({ line: 27, column: 9 });
  });

  it('reads stdio and http servers of a project .mcp.json', async () => {
    const file = await loadConfigFile(fixturePath('claude-code/repo/.mcp.json'));
    expect(file.client).toBe('claude-code');
    expect(file.servers).toMatchObject([
      {
        name: 'playwright',
        transport: 'stdio',
        command: 'npx',
        args: ['@playwright/mcp@latest'],
        source: { line: 3 },
      },
      {
        name: 'sentry',
        transport: 'http',
        url: 'https://mcp.sentry.dev/mcp',
        headers: { Authorization: 'Bearer ${SENTRY_TOKEN}' },
        source: { line: 9 },
        fields: { type: '/type', url: '/url', headers: '/headers' },
      },
    ]);
  });

  it('reads permissions.allow MCP rules of settings.json but not deny rules or enableAllProjectMcpServers', async () => {
    const file = await loadConfigFile(fixturePath('claude-code/repo/.claude/settings.json'));
    expect(file.client).toBe('claude-code');
    expect(file.servers).toEqual([]);
    expect(file.approvals).toEqual([
      {
        server: 'playwright',
        tools: ['*'],
        setting: 'permissions.allow',
        pointer: '/permissions/allow/1',
      },
      {
        server: 'sentry',
        tools: ['*'],
        setting: 'permissions.allow',
        pointer: '/permissions/allow/2',
      },
      {
        server: 'github',
        tools: ['get_issue'],
        setting: 'permissions.allow',
        pointer: '/permissions/allow/3',
      },
    ]);
    expect(file.approvals.map((a) => file.locate(a.pointer)?.line)).toEqual([5, 6, 7]);
  });

  it('splits a permission rule into server and tool', () => {
    expect(parseMcpPermission('mcp__github')).toEqual({ server: 'github', tool: '*' });
    expect(parseMcpPermission('mcp__github__*')).toEqual({ server: 'github', tool: '*' });
    expect(parseMcpPermission('mcp__github__get_issue')).toEqual({
      server: 'github',
      tool: 'get_issue',
    });
    expect(parseMcpPermission('Bash(npm test)')).toBeUndefined();
    expect(parseMcpPermission('mcp__')).toBeUndefined();
  });
});
