import { describe, expect, it } from 'vitest';
import type { ClientId } from '../core/server-spec.js';
import { configLocations, type ConfigLocation } from './locations.js';

function paths(locations: ConfigLocation[], client: ClientId, scope = 'user'): string[] {
  return locations.filter((l) => l.client === client && l.scope === scope).map((l) => l.path);
}

describe('configLocations', () => {
  it('lists the Linux paths under XDG defaults', () => {
    const all = configLocations({ home: '/home/me', cwd: '/work/app', platform: 'linux', env: {} });
    expect(paths(all, 'claude-desktop')).toEqual([
      '/home/me/.config/Claude/claude_desktop_config.json',
    ]);
    expect(paths(all, 'claude-code')).toEqual([
      '/home/me/.claude.json',
      '/home/me/.claude/settings.json',
    ]);
    expect(paths(all, 'vscode')).toContain('/home/me/.config/Code/User/mcp.json');
    expect(paths(all, 'vscode')).toContain('/home/me/.config/Code - Insiders/User/settings.json');
    expect(paths(all, 'cline')).toContain(
      '/home/me/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    );
    expect(paths(all, 'roo')).toContain(
      '/home/me/.config/Cursor/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
    );
    expect(paths(all, 'windsurf')).toEqual(['/home/me/.codeium/windsurf/mcp_config.json']);
    expect(paths(all, 'codex')).toEqual(['/home/me/.codex/config.toml']);
    expect(paths(all, 'zed')).toEqual(['/home/me/.config/zed/settings.json']);
    expect(paths(all, 'goose')).toEqual(['/home/me/.config/goose/config.yaml']);
    expect(paths(all, 'opencode')).toContain('/home/me/.config/opencode/opencode.json');
    expect(paths(all, 'lm-studio')).toEqual(['/home/me/.lmstudio/mcp.json']);
    expect(paths(all, 'amazon-q')).toEqual(['/home/me/.aws/amazonq/mcp.json']);
    expect(
      all.find((l) => l.client === 'continue' && l.kind === 'directory' && l.scope === 'user'),
    ).toEqual({
      path: '/home/me/.continue/mcpServers',
      client: 'continue',
      scope: 'user',
      kind: 'directory',
    });
  });

  it('lists the project paths under cwd', () => {
    const all = configLocations({ home: '/home/me', cwd: '/work/app', platform: 'linux', env: {} });
    expect(
      all.filter((l) => l.scope === 'project').every((l) => l.path.startsWith('/work/app/')),
    ).toBe(true);
    expect(paths(all, 'claude-code', 'project')).toEqual([
      '/work/app/.mcp.json',
      '/work/app/.claude/settings.json',
      '/work/app/.claude/settings.local.json',
    ]);
    expect(paths(all, 'vscode', 'project')).toEqual([
      '/work/app/.vscode/mcp.json',
      '/work/app/.vscode/settings.json',
    ]);
    expect(paths(all, 'cursor', 'project')).toEqual([
      '/work/app/.cursor/mcp.json',
      '/work/app/.cursor/permissions.json',
    ]);
    expect(paths(all, 'gemini', 'project')).toEqual(['/work/app/.gemini/settings.json']);
    expect(paths(all, 'kiro', 'project')).toEqual(['/work/app/.kiro/settings/mcp.json']);
    expect(paths(all, 'amazon-q', 'project')).toEqual(['/work/app/.amazonq/mcp.json']);
    expect(paths(all, 'roo', 'project')).toEqual(['/work/app/.roo/mcp.json']);
    expect(paths(all, 'opencode', 'project')).toContain('/work/app/opencode.json');
  });

  it('honours XDG_CONFIG_HOME, CODEX_HOME and CLAUDE_CONFIG_DIR', () => {
    const all = configLocations({
      home: '/home/me',
      cwd: '/work/app',
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '/xdg', CODEX_HOME: '/opt/codex', CLAUDE_CONFIG_DIR: '/cc' },
    });
    expect(paths(all, 'vscode')).toContain('/xdg/Code/User/mcp.json');
    expect(paths(all, 'zed')).toEqual(['/xdg/zed/settings.json']);
    expect(paths(all, 'goose')).toEqual(['/xdg/goose/config.yaml']);
    expect(paths(all, 'codex')).toEqual(['/opt/codex/config.toml']);
    expect(paths(all, 'claude-code')).toEqual(['/cc/.claude.json', '/cc/settings.json']);
  });

  it('lists the macOS paths under Library/Application Support', () => {
    const all = configLocations({
      home: '/Users/me',
      cwd: '/Users/me/src/app',
      platform: 'darwin',
      env: {},
    });
    expect(paths(all, 'claude-desktop')).toEqual([
      '/Users/me/Library/Application Support/Claude/claude_desktop_config.json',
    ]);
    expect(paths(all, 'vscode')).toContain(
      '/Users/me/Library/Application Support/Code/User/mcp.json',
    );
    expect(paths(all, 'cline')).toContain(
      '/Users/me/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    );
    expect(paths(all, 'zed')).toEqual(['/Users/me/.config/zed/settings.json']);
    expect(paths(all, 'goose')).toEqual(['/Users/me/.config/goose/config.yaml']);
    expect(paths(all, 'cursor', 'project')).toEqual([
      '/Users/me/src/app/.cursor/mcp.json',
      '/Users/me/src/app/.cursor/permissions.json',
    ]);
  });

  it('lists the Windows paths with backslashes under APPDATA', () => {
    const all = configLocations({
      home: 'C:\\Users\\me',
      cwd: 'D:\\src\\app',
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
    });
    expect(paths(all, 'claude-desktop')).toEqual([
      'C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
    expect(paths(all, 'vscode')).toContain('C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json');
    expect(paths(all, 'cline')).toContain(
      'C:\\Users\\me\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
    );
    expect(paths(all, 'zed')).toEqual(['C:\\Users\\me\\AppData\\Roaming\\Zed\\settings.json']);
    expect(paths(all, 'goose')).toEqual([
      'C:\\Users\\me\\AppData\\Roaming\\Block\\goose\\config\\config.yaml',
    ]);
    expect(paths(all, 'cursor')).toEqual([
      'C:\\Users\\me\\.cursor\\mcp.json',
      'C:\\Users\\me\\.cursor\\permissions.json',
    ]);
    expect(paths(all, 'claude-code')).toContain('C:\\Users\\me\\.claude.json');
    expect(paths(all, 'vscode', 'project')).toContain('D:\\src\\app\\.vscode\\mcp.json');
  });

  it('falls back to the default APPDATA folder on Windows when APPDATA is unset', () => {
    const all = configLocations({
      home: 'C:\\Users\\me',
      cwd: 'C:\\app',
      platform: 'win32',
      env: {},
    });
    expect(paths(all, 'claude-desktop')).toEqual([
      'C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
  });

  it('lists each path once', () => {
    const all = configLocations({ home: '/home/me', cwd: '/work/app', platform: 'linux', env: {} });
    expect(new Set(all.map((l) => l.path)).size).toBe(all.length);
  });
});
