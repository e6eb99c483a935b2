import { joinPointer, type AutoApproval } from '../../core/server-spec.js';
import { eachEntry, isRecord, standardServer, type Extracted, type Extractor } from './shared.js';

/** Settings that, set to `true`, let VS Code's agent run every tool without asking ("YOLO"). */
const GLOBAL_AUTO_APPROVE = ['chat.tools.global.autoApprove', 'chat.tools.autoApprove'] as const;

function autoApprovals(settings: Record<string, unknown>): AutoApproval[] {
  const approvals: AutoApproval[] = [];
  for (const setting of GLOBAL_AUTO_APPROVE) {
    const value = settings[setting];
    const pointer = joinPointer('', setting);
    if (value === true) {
      approvals.push({ server: '*', tools: ['*'], setting, pointer });
    } else if (isRecord(value)) {
      // A per-tool map (`{ "toolName": true }`); the map does not name the server.
      const tools = Object.entries(value)
        .filter(([, allowed]) => allowed === true)
        .map(([tool]) => tool);
      if (tools.length > 0) approvals.push({ server: '*', tools, setting, pointer });
    }
  }
  return approvals;
}

/**
 * VS Code: `mcp.json` (user profile or workspace `.vscode/mcp.json`) with a top-level `servers`
 * map (plus `inputs`), and `settings.json` with the older `mcp: { servers }` setting and the
 * agent's auto-approval settings. Both files are JSONC.
 */
export const vscode: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  const read = (container: unknown, base: string): void => {
    eachEntry(container, base, (name, entry, pointer) => {
      out.servers.push(standardServer(ctx, name, pointer, entry));
    });
  };
  read(data.servers, '/servers');
  if (isRecord(data.mcp)) read(data.mcp.servers, '/mcp/servers');
  read(data['mcp.servers'], joinPointer('', 'mcp.servers'));
  out.approvals.push(...autoApprovals(data));
  return out;
};
