import { joinPointer, type ServerField } from '../../core/server-spec.js';
import { readMcpServers } from './mcp-servers.js';
import {
  guessUrlTransport,
  has,
  isRecord,
  makeServer,
  standardServer,
  str,
  strList,
  strMap,
  transportWord,
  type Extracted,
  type ExtractContext,
  type Extractor,
} from './shared.js';

/** One item of a YAML `mcpServers:` list: `{ name, command, args, env, cwd, type, url }`. */
function readListItem(
  item: Record<string, unknown>,
  index: number,
  ctx: ExtractContext,
  out: Extracted,
): void {
  // `uses: owner/block` items pull a server from the Continue Hub; nothing to read here.
  if (str(item.command) === undefined && str(item.url) === undefined) return;
  const pointer = joinPointer('/mcpServers', index);
  const name = str(item.name) ?? `mcpServers[${index}]`;
  const server = standardServer(ctx, name, pointer, item);
  const options = item.requestOptions;
  if (isRecord(options) && isRecord(options.headers)) {
    server.headers = { ...strMap(options.headers), ...server.headers };
    server.fields.headers ??= '/requestOptions/headers';
  }
  if (has(item, 'name')) server.fields.name = '/name';
  out.servers.push(server);
}

/** `config.json`: `experimental.modelContextProtocolServers: [{ transport: { type, … } }]`. */
function readLegacyJson(list: unknown, ctx: ExtractContext, out: Extracted): void {
  if (!Array.isArray(list)) return;
  list.forEach((item: unknown, index) => {
    if (!isRecord(item) || !isRecord(item.transport)) return;
    const transport = item.transport;
    const pointer = joinPointer('/experimental/modelContextProtocolServers', index);
    const fields: Partial<Record<ServerField, string>> = {};
    for (const key of ['type', 'command', 'args', 'env', 'url'] as const) {
      if (has(transport, key)) fields[key] = `/transport/${key}`;
    }
    const command = str(transport.command);
    const url = str(transport.url);
    out.servers.push(
      makeServer(ctx, {
        name: str(item.name) ?? `modelContextProtocolServers[${index}]`,
        pointer,
        transport:
          transportWord(transport.type) ??
          (command === undefined && url !== undefined ? guessUrlTransport(url) : 'stdio'),
        command,
        args: strList(transport.args),
        env: strMap(transport.env),
        url,
        fields,
      }),
    );
  });
}

/**
 * Continue: `config.yaml` (and `.continue/mcpServers/*.yaml` blocks) with an `mcpServers:` list of
 * `{ name, command, args, env, cwd, type: stdio | sse | streamable-http, url }`; JSON files in
 * `.continue/mcpServers/` in the Claude `mcpServers` map shape; the deprecated `config.json`
 * `experimental.modelContextProtocolServers`.
 */
export const continueDev: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  if (Array.isArray(data.mcpServers)) {
    data.mcpServers.forEach((item: unknown, index) => {
      if (isRecord(item)) readListItem(item, index, ctx, out);
    });
  } else {
    readMcpServers(data, '', ctx, out);
  }
  if (isRecord(data.experimental)) {
    readLegacyJson(data.experimental.modelContextProtocolServers, ctx, out);
  }
  return out;
};
