import { readMcpServers } from './mcp-servers.js';
import { eachEntry, isRecord, standardServer, type Extracted, type Extractor } from './shared.js';

/**
 * A file of no known client: the common `mcpServers` map (with `autoApprove` / `alwaysAllow`
 * lists) and the VS Code style `servers` map.
 */
export const generic: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  readMcpServers(data, '', ctx, out, { approvalKeys: ['autoApprove', 'alwaysAllow'] });
  eachEntry(data.servers, '/servers', (name, entry, pointer) => {
    out.servers.push(standardServer(ctx, name, pointer, entry));
  });
  return out;
};
