import { joinPointer, type ServerField } from '../../core/server-spec.js';
import {
  eachEntry,
  has,
  isRecord,
  makeServer,
  str,
  strList,
  strMap,
  type Extracted,
  type Extractor,
} from './shared.js';

/** `env_vars = ["NAME", { name = "NAME", source = "local" }]`: the forwarded variable names. */
function envVarNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (isRecord(item) ? str(item.name) : str(item)))
    .filter((name): name is string => name !== undefined);
}

/**
 * Codex CLI `config.toml`: `[mcp_servers.<name>]` tables. stdio: `command`, `args`, `env`,
 * `env_vars` (names forwarded from Codex's environment), `cwd`. Streamable HTTP: `url`,
 * `http_headers`, and secrets taken from Codex's environment by name (`bearer_token_env_var`,
 * `env_http_headers`), which are reported as `envPassthrough`. `enabled = false` disables a
 * server; `default_tools_approval_mode = "approve"` and `[mcp_servers.<name>.tools.<tool>]
 * approval_mode = "approve"` run tools without asking.
 */
export const codex: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  eachEntry(data.mcp_servers, '/mcp_servers', (name, entry, pointer) => {
    const fields: Partial<Record<ServerField, string>> = {};
    for (const [key, field] of [
      ['command', 'command'],
      ['args', 'args'],
      ['env', 'env'],
      ['cwd', 'cwd'],
      ['url', 'url'],
      ['http_headers', 'headers'],
    ] as const) {
      if (has(entry, key)) fields[field] = `/${key}`;
    }
    const passthrough = [
      ...envVarNames(entry.env_vars),
      ...strList([entry.bearer_token_env_var]),
      ...Object.values(strMap(entry.env_http_headers)),
    ];
    const passthroughKey = ['env_vars', 'bearer_token_env_var', 'env_http_headers'].find((key) =>
      has(entry, key),
    );
    if (passthroughKey) fields.envPassthrough = `/${passthroughKey}`;
    if (has(entry, 'enabled')) fields.disabled = '/enabled';
    const command = str(entry.command);
    const url = str(entry.url);
    out.servers.push(
      makeServer(ctx, {
        name,
        pointer,
        transport: command === undefined && url !== undefined ? 'http' : 'stdio',
        command,
        args: strList(entry.args),
        env: strMap(entry.env),
        cwd: str(entry.cwd),
        url,
        headers: strMap(entry.http_headers),
        envPassthrough: passthrough,
        disabled: entry.enabled === false,
        fields,
      }),
    );
    if (entry.default_tools_approval_mode === 'approve') {
      out.approvals.push({
        server: name,
        tools: ['*'],
        setting: 'default_tools_approval_mode',
        pointer: joinPointer(pointer, 'default_tools_approval_mode'),
      });
    }
    eachEntry(entry.tools, joinPointer(pointer, 'tools'), (tool, config, toolPointer) => {
      if (config.approval_mode !== 'approve') return;
      out.approvals.push({
        server: name,
        tools: [tool],
        setting: 'approval_mode',
        pointer: joinPointer(toolPointer, 'approval_mode'),
      });
    });
  });
  return out;
};
