import { type ServerField } from '../../core/server-spec.js';
import {
  eachEntry,
  guessUrlTransport,
  has,
  isRecord,
  makeServer,
  str,
  strList,
  strMap,
  transportWord,
  type Extracted,
  type Extractor,
} from './shared.js';

const SERVER_KEYS = ['type', 'command', 'url'];

/**
 * OpenCode `opencode.json(c)` `mcp` map (or the `mcp.servers` map of newer versions).
 * `type: local` runs `command`, an array holding the executable and then its arguments, with
 * `environment`; `type: remote` reaches `url` with `headers`. `enabled: false` disables a server.
 *
 * The arguments live in the same array as the command, so `fields.args` is `/command` with
 * `argsOffset: 1`: `args[k]` is at `/command/<k + 1>`.
 */
export const opencode: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data) || !isRecord(data.mcp)) return out;
  let container: Record<string, unknown> = data.mcp;
  let base = '/mcp';
  const nested = data.mcp.servers;
  if (isRecord(nested) && !SERVER_KEYS.some((key) => has(nested, key))) {
    container = nested;
    base = '/mcp/servers';
  }
  eachEntry(container, base, (name, entry, pointer) => {
    const fields: Partial<Record<ServerField, string>> = {};
    if (has(entry, 'type')) fields.type = '/type';
    let command: string | undefined;
    let args: string[] = [];
    let argsOffset = 0;
    if (Array.isArray(entry.command)) {
      const parts = strList(entry.command);
      command = parts[0];
      args = parts.slice(1);
      argsOffset = 1;
      fields.command = '/command/0';
      fields.args = '/command';
    } else if (str(entry.command) !== undefined) {
      command = str(entry.command);
      args = strList(entry.args);
      fields.command = '/command';
      if (has(entry, 'args')) fields.args = '/args';
    }
    if (has(entry, 'environment')) fields.env = '/environment';
    if (has(entry, 'url')) fields.url = '/url';
    if (has(entry, 'headers')) fields.headers = '/headers';
    if (has(entry, 'enabled')) fields.disabled = '/enabled';
    const url = str(entry.url);
    const transport =
      entry.type === 'remote' || (command === undefined && url !== undefined)
        ? url === undefined
          ? 'http'
          : guessUrlTransport(url)
        : (transportWord(entry.type) ?? 'stdio');
    out.servers.push(
      makeServer(ctx, {
        name,
        pointer,
        transport,
        command,
        args,
        env: strMap(entry.environment),
        url,
        headers: strMap(entry.headers),
        disabled: entry.enabled === false,
        fields,
        argsOffset,
      }),
    );
  });
  return out;
};
