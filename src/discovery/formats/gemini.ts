import { readMcpServers } from './mcp-servers.js';
import { entryApproval, isRecord, type Extracted, type Extractor } from './shared.js';

/**
 * Gemini CLI `settings.json` (JSONC): `mcpServers` where `command` is stdio, `httpUrl` is
 * streamable HTTP and a bare `url` is SSE (unless `type: "http"`). `trust: true` skips every
 * confirmation for the server's tools.
 */
export const gemini: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  readMcpServers(data, '', ctx, out, { urlTransport: 'sse' });
  for (const server of out.servers) {
    const entry = isRecord(data.mcpServers) ? data.mcpServers[server.name] : undefined;
    if (!isRecord(entry) || entry.trust !== true) continue;
    const approval = entryApproval(server.name, entry, server.source.pointer, 'trust');
    if (approval) out.approvals.push(approval);
  }
  return out;
};
