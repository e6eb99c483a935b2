import { joinPointer, type ServerField } from '../../core/server-spec.js';
import {
  eachEntry,
  has,
  isRecord,
  makeServer,
  standardServer,
  str,
  strList,
  strMap,
  type Extracted,
  type Extractor,
} from './shared.js';

/** Settings that let Zed's agent run every tool (MCP tools included) without asking. */
const ALWAYS_ALLOW = [
  ['agent', 'always_allow_tool_actions'],
  ['assistant', 'always_allow_tool_actions'],
] as const;

/**
 * Zed `settings.json` (JSONC) `context_servers`. Three shapes: the older
 * `{ "command": { "path", "args", "env" } }`, the newer `{ "source": "custom", "command", "args",
 * "env" }`, and remote `{ "url", "headers" }`. Extension-provided servers (`source: "extension"`,
 * no command) are configured by their extension and skipped. `enabled: false` disables a server.
 */
export const zed: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  eachEntry(data.context_servers, '/context_servers', (name, entry, pointer) => {
    if (isRecord(entry.command)) {
      const command = entry.command;
      const fields: Partial<Record<ServerField, string>> = { command: '/command/path' };
      if (has(command, 'args')) fields.args = '/command/args';
      if (has(command, 'env')) fields.env = '/command/env';
      if (has(entry, 'enabled')) fields.disabled = '/enabled';
      out.servers.push(
        makeServer(ctx, {
          name,
          pointer,
          transport: 'stdio',
          command: str(command.path),
          args: strList(command.args),
          env: strMap(command.env),
          disabled: entry.enabled === false,
          fields,
        }),
      );
      return;
    }
    const url = str(entry.url);
    if (str(entry.command) === undefined && url === undefined) return;
    out.servers.push(standardServer(ctx, name, pointer, entry));
  });
  for (const [section, key] of ALWAYS_ALLOW) {
    const holder = data[section];
    if (isRecord(holder) && holder[key] === true) {
      out.approvals.push({
        server: '*',
        tools: ['*'],
        setting: `${section}.${key}`,
        pointer: joinPointer('', section, key),
      });
    }
  }
  return out;
};
