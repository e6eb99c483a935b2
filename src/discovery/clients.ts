import type { ClientId } from '../core/server-spec.js';

/** What mcp-warden shows and assumes about one MCP client. */
export interface ClientInfo {
  id: ClientId;
  /** The client's name as its users know it. */
  name: string;
  /** Whether the client reads its JSON files as JSONC (comments, trailing commas). */
  jsonc: boolean;
}

function info(id: ClientId, name: string, jsonc = false): ClientInfo {
  return { id, name, jsonc };
}

/**
 * Display names and parsing facts of every client mcp-warden reads.
 *
 * @example
 * CLIENT_INFO['claude-code'].name; // 'Claude Code'
 */
export const CLIENT_INFO: Readonly<Record<ClientId, ClientInfo>> = {
  'claude-desktop': info('claude-desktop', 'Claude Desktop'),
  'claude-code': info('claude-code', 'Claude Code'),
  cursor: info('cursor', 'Cursor'),
  vscode: info('vscode', 'VS Code', true),
  windsurf: info('windsurf', 'Windsurf'),
  cline: info('cline', 'Cline'),
  roo: info('roo', 'Roo Code'),
  gemini: info('gemini', 'Gemini CLI', true),
  codex: info('codex', 'Codex CLI'),
  zed: info('zed', 'Zed', true),
  continue: info('continue', 'Continue', true),
  goose: info('goose', 'Goose'),
  kiro: info('kiro', 'Kiro'),
  'amazon-q': info('amazon-q', 'Amazon Q Developer'),
  'lm-studio': info('lm-studio', 'LM Studio'),
  opencode: info('opencode', 'OpenCode', true),
  generic: info('generic', 'MCP configuration', true),
};
