import { createHash } from 'node:crypto';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from './__fixtures__/fixture.js';
import { CLIENT_INFO, discoverConfigFiles, loadConfigFile } from './index.js';

let root: string;
let home: string;
let project: string;

async function place(fixture: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await copyFile(fixturePath(fixture), target);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'warden-discover-'));
  home = join(root, 'home');
  project = join(root, 'project');
  await place('cursor/.cursor/mcp.json', join(home, '.cursor', 'mcp.json'));
  await place('claude-code/home/.claude.json', join(home, '.claude.json'));
  await place('codex/.codex/config.toml', join(home, '.codex', 'config.toml'));
  await place('goose/goose/config.yaml', join(home, '.config', 'goose', 'config.yaml'));
  await place(
    'cline/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    join(
      home,
      '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    ),
  );
  await place('zed/zed/settings.json', join(home, '.config', 'zed', 'settings.json'));
  await place('claude-code/repo/.mcp.json', join(project, '.mcp.json'));
  await place('claude-code/repo/.claude/settings.json', join(project, '.claude', 'settings.json'));
  await place('vscode/.vscode/mcp.json', join(project, '.vscode', 'mcp.json'));
  await place('opencode/opencode.jsonc', join(project, 'opencode.jsonc'));
  await place(
    'continue/.continue/mcpServers/playwright-mcp.yaml',
    join(project, '.continue', 'mcpServers', 'playwright-mcp.yaml'),
  );
  await writeFile(join(project, '.continue', 'mcpServers', 'README.md'), '# not a config\n');
  await place('broken/bad.json', join(project, '.cursor', 'mcp.json'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const options = () => ({ home, cwd: project, platform: 'linux' as const, env: {} });

describe('discoverConfigFiles', () => {
  it('finds and loads every client file of a home and a project', async () => {
    const { files, errors } = await discoverConfigFiles(options());
    expect(errors).toEqual([]);
    const found = files.map((f) => [
      f.path.slice(root.length),
      f.client,
      f.scope,
      f.servers.length,
    ]);
    expect(found).toEqual([
      ['/home/.claude.json', 'claude-code', 'user', 4],
      ['/home/.cursor/mcp.json', 'cursor', 'user', 3],
      [
        '/home/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
        'cline',
        'user',
        3,
      ],
      ['/home/.codex/config.toml', 'codex', 'user', 3],
      ['/home/.config/zed/settings.json', 'zed', 'user', 3],
      ['/home/.config/goose/config.yaml', 'goose', 'user', 4],
      ['/project/.mcp.json', 'claude-code', 'project', 2],
      ['/project/.claude/settings.json', 'claude-code', 'project', 0],
      ['/project/.cursor/mcp.json', 'cursor', 'project', 0],
      ['/project/.vscode/mcp.json', 'vscode', 'project', 3],
      ['/project/.continue/mcpServers/playwright-mcp.yaml', 'continue', 'project', 1],
      ['/project/opencode.jsonc', 'opencode', 'project', 2],
    ]);
    const broken = files.find((f) => f.path === join(project, '.cursor', 'mcp.json'));
    expect(broken?.parseError).toEqual({ message: 'Comma expected', line: 5, column: 7 });
    const settings = files.find((f) => f.path.endsWith('.claude/settings.json'));
    expect(settings?.approvals).toHaveLength(3);
  });

  it('reads only the project when includeUser is false, and only the user when includeProject is false', async () => {
    const projectOnly = await discoverConfigFiles({ ...options(), includeUser: false });
    expect(
      projectOnly.files.every((f) => f.scope === 'project' && f.path.startsWith(project)),
    ).toBe(true);
    expect(projectOnly.files).toHaveLength(6);
    const userOnly = await discoverConfigFiles({ ...options(), includeProject: false });
    expect(userOnly.files.every((f) => f.scope === 'user' && f.path.startsWith(home))).toBe(true);
    expect(userOnly.files).toHaveLength(6);
  });

  it('lists a file it cannot read as an error, keeps it as an unreadable file and goes on', async () => {
    await mkdir(join(home, '.gemini'));
    // A symlink loop fails to open even for root, unlike chmod 000.
    await symlink(join(home, '.gemini', 'settings.json'), join(home, '.gemini', 'settings.json'));
    const { files, errors } = await discoverConfigFiles(options());
    expect(files).toHaveLength(13);
    const unreadable = files.find((f) => f.path === join(home, '.gemini', 'settings.json'));
    expect(unreadable).toMatchObject({ client: 'gemini', scope: 'user', servers: [] });
    expect(unreadable?.parseError?.kind).toBe('unreadable');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(join(home, '.gemini', 'settings.json'));
    expect(errors[0]?.error.code).toBe('FILE_UNREADABLE');
  });

  it('skips a directory where a file was expected', async () => {
    await mkdir(join(home, '.kiro', 'settings', 'mcp.json'), { recursive: true });
    const { files, errors } = await discoverConfigFiles(options());
    expect(errors).toEqual([]);
    expect(files.some((f) => f.client === 'kiro')).toBe(false);
  });

  it('finds nothing, and no error, in an empty home and project', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    expect(
      await discoverConfigFiles({ home: empty, cwd: empty, platform: 'linux', env: {} }),
    ).toEqual({ files: [], errors: [] });
  });

  it('reads a file that is both the user and the project file once, as the user file', async () => {
    const { files } = await discoverConfigFiles({ ...options(), cwd: home });
    const cursor = files.filter((f) => f.client === 'cursor');
    expect(cursor.map((f) => f.scope)).toEqual(['user']);
  });
});

async function snapshot(
  dir: string,
): Promise<Map<string, { sha: string; mtimeMs: number; mode: number }>> {
  const out = new Map<string, { sha: string; mtimeMs: number; mode: number }>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile()) continue;
    const info = await stat(path);
    const sha = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    out.set(path, { sha, mtimeMs: info.mtimeMs, mode: info.mode });
  }
  return out;
}

describe('reading configuration', () => {
  it('never writes: bytes, mtime and mode of every file stay as they were', async () => {
    const before = await snapshot(root);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { files } = await discoverConfigFiles(options());
    for (const file of files) await loadConfigFile(file.path);
    await loadConfigFile(join(project, '.cursor', 'mcp.json'), { client: 'cursor' });
    const after = await snapshot(root);
    expect(files.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });
});

describe('CLIENT_INFO', () => {
  it('names every client', () => {
    expect(CLIENT_INFO['claude-code'].name).toBe('Claude Code');
    expect(Object.values(CLIENT_INFO).every((info) => info.name.length > 0)).toBe(true);
  });
});
