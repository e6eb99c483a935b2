import { joinPointer } from '../../core/server-spec.js';
import {
  eachEntry,
  entryApproval,
  isRecord,
  standardServer,
  type Extracted,
  type ExtractContext,
  type Extractor,
  type StandardOptions,
} from './shared.js';

export interface McpServersOptions extends StandardOptions {
  /** Per-server settings that list tools run without asking (`autoApprove`, `alwaysAllow`). */
  approvalKeys?: readonly string[];
}

/**
 * Reads the `mcpServers` map at `base` (absolute pointer of the object that holds it) into `out`.
 * The shape of Claude Desktop, Cursor, Windsurf, Cline, Roo, Kiro, Amazon Q, LM Studio and others.
 */
export function readMcpServers(
  holder: unknown,
  base: string,
  ctx: ExtractContext,
  out: Extracted,
  options: McpServersOptions = {},
): void {
  if (!isRecord(holder)) return;
  eachEntry(holder.mcpServers, joinPointer(base, 'mcpServers'), (name, entry, pointer) => {
    out.servers.push(standardServer(ctx, name, pointer, entry, options));
    for (const key of options.approvalKeys ?? []) {
      const approval = entryApproval(name, entry, pointer, key);
      if (approval) out.approvals.push(approval);
    }
  });
}

/** An extractor for a file whose only MCP content is a top-level `mcpServers` map. */
export function mcpServersFormat(options: McpServersOptions = {}): Extractor {
  return (data, ctx) => {
    const out: Extracted = { servers: [], approvals: [] };
    readMcpServers(data, '', ctx, out, options);
    return out;
  };
}

/** Claude Desktop, LM Studio, Amazon Q and Windsurf (`serverUrl`): no approval settings. */
export const plainMcpServers = mcpServersFormat();

/**
 * Cursor: `mcpServers` in `mcp.json`, and in `permissions.json` the `mcpAllowlist` of tools that
 * run without approval. An entry is `server:tool` (either side may be `*`); an entry without a
 * colon names a tool of any server. Non-string entries are dropped, as Cursor drops them.
 */
export const cursor: Extractor = (data, ctx) => {
  const out = plainMcpServers(data, ctx);
  if (!isRecord(data) || !Array.isArray(data.mcpAllowlist)) return out;
  data.mcpAllowlist.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') return;
    const colon = entry.indexOf(':');
    const server = colon === -1 ? '*' : entry.slice(0, colon).trim() || '*';
    const tool = colon === -1 ? entry.trim() : entry.slice(colon + 1).trim() || '*';
    out.approvals.push({
      server,
      tools: [tool],
      setting: 'mcpAllowlist',
      pointer: joinPointer('', 'mcpAllowlist', index),
    });
  });
  return out;
};

/** Cline: `autoApprove: ["tool"]` and `disabled` per server. */
export const cline = mcpServersFormat({ approvalKeys: ['autoApprove'] });

/** Roo Code: `alwaysAllow: ["tool"]` per server. */
export const roo = mcpServersFormat({ approvalKeys: ['alwaysAllow'] });

/** Kiro: `autoApprove: ["tool"]` (or `["*"]`) and `disabled` per server. */
export const kiro = mcpServersFormat({ approvalKeys: ['autoApprove'] });
