import { posix, win32 } from 'node:path';
import type { ClientId, ConfigScope } from '../core/server-spec.js';

/** Where one client keeps (or may keep) its MCP configuration. */
export interface ConfigLocation {
  path: string;
  client: ClientId;
  scope: ConfigScope;
  /** `directory`: every `*.yaml`, `*.yml` and `*.json` file directly inside is one config file. */
  kind?: 'directory';
}

export interface LocationOptions {
  /** The user's home directory. */
  home: string;
  /** The project directory (workspace root). */
  cwd: string;
  platform: NodeJS.Platform;
  /** Read for `APPDATA`, `XDG_CONFIG_HOME`, `CLAUDE_CONFIG_DIR`, `CODEX_HOME`, `CONTINUE_GLOBAL_DIR`. */
  env: Readonly<Record<string, string | undefined>>;
}

/** VS Code and the editors built on it, whose `User/globalStorage` can hold Cline and Roo. */
const EXTENSION_HOSTS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'] as const;
/** The editors whose own `User/mcp.json` and `settings.json` use the VS Code MCP format. */
const VSCODE_EDITIONS = ['Code', 'Code - Insiders'] as const;

const CLINE_SETTINGS = ['saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'] as const;
const ROO_SETTINGS = ['rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'] as const;

/**
 * Every path where a supported client keeps MCP configuration on `platform`, user files first.
 * Pure: computes paths (with `path.win32` for Windows, `path.posix` otherwise) and touches nothing,
 * so any platform can be asked about on any machine.
 *
 * @example
 * configLocations({ home: '/home/me', cwd: '/work/app', platform: 'linux', env: {} })
 *   .find((l) => l.client === 'cursor' && l.scope === 'project');
 * // { path: '/work/app/.cursor/mcp.json', client: 'cursor', scope: 'project' }
 */
export function configLocations(options: LocationOptions): ConfigLocation[] {
  const { home, cwd, platform, env } = options;
  const path = platform === 'win32' ? win32 : posix;
  const join = (...parts: string[]): string => path.join(...parts);
  const set = (name: string): string | undefined => {
    const value = env[name];
    return value !== undefined && value.trim() !== '' ? value : undefined;
  };

  const xdgConfig = set('XDG_CONFIG_HOME') ?? join(home, '.config');
  const appData = set('APPDATA') ?? join(home, 'AppData', 'Roaming');
  /** Where Electron apps keep their data: `%APPDATA%`, `~/Library/Application Support`, XDG. */
  const appDir =
    platform === 'win32'
      ? appData
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : xdgConfig;
  const claudeDir = set('CLAUDE_CONFIG_DIR');
  const codexHome = set('CODEX_HOME') ?? join(home, '.codex');
  const continueHome = set('CONTINUE_GLOBAL_DIR') ?? join(home, '.continue');
  const zedDir =
    platform === 'win32'
      ? join(appData, 'Zed')
      : platform === 'darwin'
        ? join(home, '.config', 'zed')
        : join(xdgConfig, 'zed');
  const gooseDir =
    platform === 'win32' ? join(appData, 'Block', 'goose', 'config') : join(xdgConfig, 'goose');

  const user: ConfigLocation[] = [];
  const addUser = (client: ClientId, file: string, kind?: 'directory'): void => {
    user.push({ path: file, client, scope: 'user', ...(kind ? { kind } : {}) });
  };

  addUser('claude-desktop', join(appDir, 'Claude', 'claude_desktop_config.json'));
  addUser('claude-code', claudeDir ? join(claudeDir, '.claude.json') : join(home, '.claude.json'));
  addUser('claude-code', join(claudeDir ?? join(home, '.claude'), 'settings.json'));
  addUser('cursor', join(home, '.cursor', 'mcp.json'));
  addUser('cursor', join(home, '.cursor', 'permissions.json'));
  for (const edition of VSCODE_EDITIONS) {
    addUser('vscode', join(appDir, edition, 'User', 'mcp.json'));
    addUser('vscode', join(appDir, edition, 'User', 'settings.json'));
  }
  addUser('windsurf', join(home, '.codeium', 'windsurf', 'mcp_config.json'));
  for (const host of EXTENSION_HOSTS) {
    addUser('cline', join(appDir, host, 'User', 'globalStorage', ...CLINE_SETTINGS));
  }
  for (const host of EXTENSION_HOSTS) {
    addUser('roo', join(appDir, host, 'User', 'globalStorage', ...ROO_SETTINGS));
  }
  addUser('gemini', join(home, '.gemini', 'settings.json'));
  addUser('codex', join(codexHome, 'config.toml'));
  addUser('zed', join(zedDir, 'settings.json'));
  addUser('continue', join(continueHome, 'config.yaml'));
  addUser('continue', join(continueHome, 'config.json'));
  addUser('continue', join(continueHome, 'mcpServers'), 'directory');
  addUser('goose', join(gooseDir, 'config.yaml'));
  addUser('kiro', join(home, '.kiro', 'settings', 'mcp.json'));
  addUser('amazon-q', join(home, '.aws', 'amazonq', 'mcp.json'));
  addUser('lm-studio', join(home, '.lmstudio', 'mcp.json'));
  for (const name of ['opencode.json', 'opencode.jsonc', 'config.json']) {
    addUser('opencode', join(xdgConfig, 'opencode', name));
  }

  const project: ConfigLocation[] = [];
  const addProject = (client: ClientId, parts: string[], kind?: 'directory'): void => {
    project.push({
      path: join(cwd, ...parts),
      client,
      scope: 'project',
      ...(kind ? { kind } : {}),
    });
  };
  addProject('claude-code', ['.mcp.json']);
  addProject('claude-code', ['.claude', 'settings.json']);
  addProject('claude-code', ['.claude', 'settings.local.json']);
  addProject('cursor', ['.cursor', 'mcp.json']);
  addProject('cursor', ['.cursor', 'permissions.json']);
  addProject('vscode', ['.vscode', 'mcp.json']);
  addProject('vscode', ['.vscode', 'settings.json']);
  addProject('roo', ['.roo', 'mcp.json']);
  addProject('gemini', ['.gemini', 'settings.json']);
  addProject('codex', ['.codex', 'config.toml']);
  addProject('zed', ['.zed', 'settings.json']);
  addProject('continue', ['.continue', 'mcpServers'], 'directory');
  addProject('kiro', ['.kiro', 'settings', 'mcp.json']);
  addProject('amazon-q', ['.amazonq', 'mcp.json']);
  addProject('opencode', ['opencode.json']);
  addProject('opencode', ['opencode.jsonc']);
  addProject('opencode', ['.opencode', 'opencode.json']);
  addProject('opencode', ['.opencode', 'opencode.jsonc']);

  return [...user, ...project];
}
