import { joinPointer, type AutoApproval } from '../../core/server-spec.js';
import { readMcpServers } from './mcp-servers.js';
import { isRecord, str, type Extracted, type Extractor } from './shared.js';

/**
 * Reads one Claude Code permission rule naming MCP tools: `mcp__server` and `mcp__server__*` allow
 * every tool of the server, `mcp__server__tool` one tool. Other rules (`Bash(...)`, `Read`) are not
 * MCP approvals.
 */
export function parseMcpPermission(rule: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+)$/.exec(rule.trim());
  if (!match?.[1]) return undefined;
  const rest = match[1];
  const split = rest.indexOf('__');
  if (split <= 0) return { server: rest, tool: '*' };
  const tool = rest.slice(split + 2);
  return { server: rest.slice(0, split), tool: tool === '' ? '*' : tool };
}

function permissionApprovals(list: unknown, base: string, setting: string): AutoApproval[] {
  if (!Array.isArray(list)) return [];
  const approvals: AutoApproval[] = [];
  list.forEach((item, index) => {
    const rule = str(item);
    const parsed = rule === undefined ? undefined : parseMcpPermission(rule);
    if (!parsed) return;
    approvals.push({
      server: parsed.server,
      tools: [parsed.tool],
      setting,
      pointer: joinPointer(base, index),
    });
  });
  return approvals;
}

/**
 * Claude Code: `~/.claude.json` (user `mcpServers`, and per project `projects[path].mcpServers`
 * and the older `projects[path].allowedTools`), project `.mcp.json` (`mcpServers` with
 * `type: stdio | sse | http`), and `settings.json` (`permissions.allow` rules naming MCP tools).
 * `enableAllProjectMcpServers` trusts servers, not tools, so it is not an approval.
 */
export const claudeCode: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  readMcpServers(data, '', ctx, out);
  if (isRecord(data.projects)) {
    for (const [project, settings] of Object.entries(data.projects)) {
      if (!isRecord(settings)) continue;
      const base = joinPointer('/projects', project);
      readMcpServers(settings, base, ctx, out);
      out.approvals.push(
        ...permissionApprovals(
          settings.allowedTools,
          joinPointer(base, 'allowedTools'),
          'allowedTools',
        ),
      );
    }
  }
  if (isRecord(data.permissions)) {
    out.approvals.push(
      ...permissionApprovals(data.permissions.allow, '/permissions/allow', 'permissions.allow'),
    );
  }
  return out;
};
