import type { ClientId, ConfigFormat } from '../core/server-spec.js';
import { CLIENT_INFO } from './clients.js';
import { isRecord } from './formats/shared.js';

/** `[pattern, client]`, tried in order against the path with `/` separators, lower-cased. */
const PATH_RULES: readonly (readonly [RegExp, ClientId])[] = [
  [/\/claude_desktop_config\.json$/, 'claude-desktop'],
  [/\/saoudrizwan\.claude-dev\/|\/cline_mcp_settings\.json$/, 'cline'],
  [/\/rooveterinaryinc\.roo-cline\/|\/\.roo\/mcp\.json$/, 'roo'],
  [/\/\.codeium\/windsurf\/|\/mcp_config\.json$/, 'windsurf'],
  [/\/\.claude\.json$|\/\.mcp\.json$|\/\.claude\/settings(\.local)?\.json$/, 'claude-code'],
  [/\/\.cursor\/mcp\.json$/, 'cursor'],
  [/\/\.cursor\/permissions\.json$/, 'cursor'],
  [/\/\.vscode\/(mcp|settings)\.json$/, 'vscode'],
  [/\/(code|code - insiders|vscodium)\/user\/(profiles\/[^/]+\/)?(mcp|settings)\.json$/, 'vscode'],
  [/\/\.gemini\/settings\.json$/, 'gemini'],
  [/\/\.codex\/config\.toml$/, 'codex'],
  [/\/(\.zed|zed)\/settings\.json$/, 'zed'],
  [/\/\.continue\//, 'continue'],
  [/\/goose\/(config\/)?config\.ya?ml$/, 'goose'],
  [/\/\.kiro\/settings\/mcp\.json$/, 'kiro'],
  [/\/\.aws\/amazonq\/mcp\.json$|\/\.amazonq\/mcp\.json$/, 'amazon-q'],
  [/\/\.lmstudio\/mcp\.json$/, 'lm-studio'],
  [/\/opencode\.jsonc?$|\/opencode\/config\.json$/, 'opencode'],
];

function normalise(path: string): string {
  const slashed = path.replaceAll('\\', '/').toLowerCase();
  return slashed.startsWith('/') ? slashed : `/${slashed}`;
}

function looksLikeGooseExtensions(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.values(value).some(
      (entry) => isRecord(entry) && ('cmd' in entry || 'uri' in entry || 'bundled' in entry),
    )
  );
}

function looksLikeOpenCode(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const container = isRecord(value.servers) ? value.servers : value;
  return Object.values(container).some(
    (entry) =>
      isRecord(entry) &&
      (entry.type === 'local' || entry.type === 'remote' || Array.isArray(entry.command)),
  );
}

function fromContent(data: unknown): ClientId {
  if (!isRecord(data)) return 'generic';
  if ('context_servers' in data) return 'zed';
  if (isRecord(data.mcp_servers)) return 'codex';
  if (looksLikeGooseExtensions(data.extensions)) return 'goose';
  if (looksLikeOpenCode(data.mcp)) return 'opencode';
  if (Array.isArray(data.mcpServers)) return 'continue';
  if (isRecord(data.experimental) && 'modelContextProtocolServers' in data.experimental) {
    return 'continue';
  }
  if (isRecord(data.projects) || isRecord(data.permissions)) return 'claude-code';
  if (
    isRecord(data.servers) ||
    (isRecord(data.mcp) && isRecord(data.mcp.servers)) ||
    Object.keys(data).some((key) => key.startsWith('chat.tools.'))
  ) {
    return 'vscode';
  }
  return 'generic';
}

/**
 * Which client a configuration file belongs to: from its path first (`~/.cursor/mcp.json`,
 * `.vscode/mcp.json`, …), then, when the path says nothing and parsed `data` is given, from its
 * shape (`context_servers` is Zed, `[mcp_servers]` is Codex, …). `generic` when neither tells.
 *
 * @example
 * detectClient('/home/me/.gemini/settings.json'); // 'gemini'
 */
export function detectClient(path: string, data?: unknown): ClientId {
  const normalised = normalise(path);
  for (const [pattern, client] of PATH_RULES) if (pattern.test(normalised)) return client;
  return data === undefined ? 'generic' : fromContent(data);
}

/**
 * The syntax of a file: from its extension, the client's JSON flavour (JSONC for VS Code, Zed,
 * Gemini, Continue, OpenCode) and, for files without a telling extension, a look at the text.
 */
export function detectFormat(path: string, client: ClientId, text?: string): ConfigFormat {
  const name = normalise(path);
  if (name.endsWith('.toml')) return 'toml';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.jsonc')) return 'jsonc';
  // Cursor reads its permissions.json as JSONC, its mcp.json as JSON.
  if (/\/\.cursor\/permissions\.json$/.test(name)) return 'jsonc';
  const json: ConfigFormat = CLIENT_INFO[client].jsonc ? 'jsonc' : 'json';
  if (name.endsWith('.json')) return json;
  if (client === 'codex') return 'toml';
  if (client === 'goose') return 'yaml';
  if (text === undefined) return json;
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*(\/\/|\/\*|\{)/.test(body)) return 'jsonc';
  if (/^\s*\[\s*[A-Za-z0-9_"'.-]+\s*\]\s*$/m.test(body) || /^\s*[\w."'-]+\s*=/m.test(body)) {
    return 'toml';
  }
  return 'yaml';
}
