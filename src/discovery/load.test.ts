import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToolkitError } from '../core/errors.js';
import { fixturePath } from './__fixtures__/fixture.js';
import { detectClient, detectFormat } from './detect.js';
import { loadConfigFile, parseConfigText } from './load.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warden-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detectClient', () => {
  it.each([
    ['/home/me/.config/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['/home/me/.claude.json', 'claude-code'],
    ['/work/app/.mcp.json', 'claude-code'],
    ['/work/app/.claude/settings.local.json', 'claude-code'],
    ['/home/me/.cursor/mcp.json', 'cursor'],
    ['/work/app/.vscode/mcp.json', 'vscode'],
    ['C:\\Users\\me\\AppData\\Roaming\\Code\\User\\settings.json', 'vscode'],
    ['/home/me/.codeium/windsurf/mcp_config.json', 'windsurf'],
    [
      '/home/me/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      'cline',
    ],
    [
      '/home/me/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
      'roo',
    ],
    ['/work/app/.roo/mcp.json', 'roo'],
    ['/home/me/.gemini/settings.json', 'gemini'],
    ['/home/me/.codex/config.toml', 'codex'],
    ['/home/me/.config/zed/settings.json', 'zed'],
    ['/work/app/.zed/settings.json', 'zed'],
    ['/home/me/.continue/config.yaml', 'continue'],
    ['/work/app/.continue/mcpServers/db.yaml', 'continue'],
    ['/home/me/.config/goose/config.yaml', 'goose'],
    ['C:\\Users\\me\\AppData\\Roaming\\Block\\goose\\config\\config.yaml', 'goose'],
    ['/home/me/.kiro/settings/mcp.json', 'kiro'],
    ['/home/me/.aws/amazonq/mcp.json', 'amazon-q'],
    ['/work/app/.amazonq/mcp.json', 'amazon-q'],
    ['/home/me/.lmstudio/mcp.json', 'lm-studio'],
    ['/work/app/opencode.jsonc', 'opencode'],
    ['/home/me/.config/opencode/opencode.json', 'opencode'],
    ['/work/app/servers.json', 'generic'],
  ] as const)('detects %s as %s', (path, client) => {
    expect(detectClient(path)).toBe(client);
  });

  it.each([
    ['{ "context_servers": {} }', 'zed'],
    ['{ "mcp_servers": { "a": { "command": "a" } } }', 'codex'],
    ['{ "extensions": { "a": { "cmd": "a", "type": "stdio" } } }', 'goose'],
    ['{ "mcp": { "a": { "type": "local", "command": ["a"] } } }', 'opencode'],
    ['{ "mcpServers": [{ "name": "a", "command": "a" }] }', 'continue'],
    ['{ "permissions": { "allow": [] } }', 'claude-code'],
    ['{ "servers": { "a": { "command": "a" } } }', 'vscode'],
    ['{ "mcpServers": { "a": { "command": "a" } } }', 'generic'],
  ] as const)('detects %s by its content as %s', (text, client) => {
    expect(parseConfigText(text, { path: '/tmp/unnamed.json' }).client).toBe(client);
  });

  it('picks the syntax from the extension and the client', () => {
    expect(detectFormat('/a/config.toml', 'generic')).toBe('toml');
    expect(detectFormat('/a/config.yml', 'generic')).toBe('yaml');
    expect(detectFormat('/a/.cursor/mcp.json', 'cursor')).toBe('json');
    expect(detectFormat('/a/.vscode/mcp.json', 'vscode')).toBe('jsonc');
    expect(detectFormat('/a/conf', 'generic', '[mcp_servers.a]\ncommand = "a"\n')).toBe('toml');
    expect(detectFormat('/a/conf', 'generic', 'extensions:\n  a: {}\n')).toBe('yaml');
  });
});

describe('loadConfigFile', () => {
  it('throws FILE_NOT_FOUND naming the path of a missing file', async () => {
    const missing = join(dir, 'nope', 'mcp.json');
    const error = await loadConfigFile(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolkitError);
    expect(error).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect((error as ToolkitError).message).toContain(missing);
  });

  it('throws FILE_UNREADABLE for a directory', async () => {
    await expect(loadConfigFile(dir)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'throws FILE_UNREADABLE for a file it may not read',
    async () => {
      const path = join(dir, 'mcp.json');
      await writeFile(path, '{}');
      await chmod(path, 0o000);
      await expect(loadConfigFile(path)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    },
  );

  it.skipIf(process.platform === 'win32')('records the POSIX permission bits', async () => {
    const path = join(dir, 'mcp.json');
    await copyFile(fixturePath('cursor/.cursor/mcp.json'), path);
    await chmod(path, 0o640);
    const file = await loadConfigFile(path, { client: 'cursor' });
    expect(file.mode).toBe(0o640);
    expect(file.servers).toHaveLength(3);
  });

  it('keeps the client and scope it is given', async () => {
    const path = join(dir, 'anything.json');
    await copyFile(fixturePath('kiro/.kiro/settings/mcp.json'), path);
    const file = await loadConfigFile(path, { client: 'kiro', scope: 'user' });
    expect(file).toMatchObject({ client: 'kiro', scope: 'user', path });
    expect(file.servers.every((s) => s.scope === 'user' && s.source.file === path)).toBe(true);
  });

  it('calls a client file under the home directory user and one in a project project', async () => {
    await mkdir(join(dir, '.cursor'));
    await mkdir(join(dir, 'repo', '.cursor'), { recursive: true });
    await writeFile(join(dir, '.cursor', 'mcp.json'), '{"mcpServers": {}}');
    await writeFile(join(dir, 'repo', '.cursor', 'mcp.json'), '{"mcpServers": {}}');
    const options = { home: dir, platform: process.platform, env: {} };
    expect((await loadConfigFile(join(dir, '.cursor', 'mcp.json'), options)).scope).toBe('user');
    expect((await loadConfigFile(join(dir, 'repo', '.cursor', 'mcp.json'), options)).scope).toBe(
      'project',
    );
  });
});

describe('files a scan must not skip', () => {
  const deep = (depth: number): string =>
    `{"mcpServers":{"evil":{"command":"curl"}},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it('refuses a file nested 3,000 levels deep with a too-deep parse error at the offending bracket', async () => {
    const path = join(dir, '.mcp.json');
    const text = deep(3000);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    await writeFile(path, text);
    const file = await loadConfigFile(path);
    expect(file.servers).toEqual([]);
    // The root object is level 1, so the 256th bracket is the first one over the limit.
    const column = text.indexOf('[') + 256;
    expect(file.parseError).toMatchObject({ kind: 'too-deep', line: 1, column });
  });

  it('refuses deep nesting in JSONC, TOML and YAML too, without throwing', () => {
    const yaml = `mcpServers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const toml = `x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(parseConfigText(deep(5000), { path: '/p/.vscode/settings.json' }).parseError?.kind).toBe(
      'too-deep',
    );
    expect(parseConfigText(yaml, { path: '/p/c.yaml' }).parseError?.kind).toBe('too-deep');
    expect(parseConfigText(toml, { path: '/p/c.toml' }).parseError?.kind).toBe('too-deep');
  });

  it('parses nesting up to the limit, and brackets inside strings do not count', () => {
    const text = `{"mcpServers":{"a":{"command":"x","args":["${'['.repeat(5000)}"]}}}`;
    const file = parseConfigText(text, { path: '/p/.mcp.json' });
    expect(file.parseError).toBeUndefined();
    expect(file.servers).toHaveLength(1);
  });

  it('reports binary content and invalid UTF-8 instead of parsing it', async () => {
    const nul = join(dir, 'nul.json');
    await writeFile(nul, Buffer.from([0x7b, 0x00, 0x7d]));
    expect((await loadConfigFile(nul)).parseError).toMatchObject({ kind: 'binary' });
    const latin = join(dir, 'latin.json');
    await writeFile(latin, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect((await loadConfigFile(latin)).parseError?.message).toMatch(/UTF-8/);
  });

  it('reports an empty strict-JSON client file but accepts an empty JSONC or YAML one', () => {
    expect(parseConfigText('  \n', { path: '/p/.mcp.json' }).parseError?.kind).toBe('empty');
    expect(parseConfigText('', { path: '/p/.vscode/settings.json' }).parseError).toBeUndefined();
    expect(parseConfigText('', { path: '/p/config.yaml' }).parseError).toBeUndefined();
  });

  it('reports a top level that is not an object', () => {
    const file = parseConfigText('[{"command":"x"}]', { path: '/p/.mcp.json' });
    expect(file.parseError).toMatchObject({ kind: 'not-object', message: /an array/ });
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO where a config belongs instead of waiting on it',
    async () => {
      const path = join(dir, 'fifo.json');
      execFileSync('mkfifo', [path]);
      await expect(loadConfigFile(path)).rejects.toMatchObject({
        code: 'FILE_UNREADABLE',
        message: /not a regular file/,
      });
    },
  );
});
