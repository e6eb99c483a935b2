import type { ClientId } from '../../core/server-spec.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { continueDev } from './continue.js';
import { generic } from './generic.js';
import { gemini } from './gemini.js';
import { goose } from './goose.js';
import { cline, cursor, kiro, plainMcpServers, roo } from './mcp-servers.js';
import { opencode } from './opencode.js';
import type { Extractor } from './shared.js';
import { vscode } from './vscode.js';
import { zed } from './zed.js';

/** The format module that reads each client's files. */
export const EXTRACTORS: Readonly<Record<ClientId, Extractor>> = {
  'claude-desktop': plainMcpServers,
  'claude-code': claudeCode,
  cursor,
  vscode,
  windsurf: plainMcpServers,
  cline,
  roo,
  gemini,
  codex,
  zed,
  continue: continueDev,
  goose,
  kiro,
  'amazon-q': plainMcpServers,
  'lm-studio': plainMcpServers,
  opencode,
  generic,
};

export type { Extracted, ExtractContext, Extractor } from './shared.js';
