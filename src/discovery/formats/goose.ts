import { type ServerField } from '../../core/server-spec.js';
import {
  eachEntry,
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

const FIELD_KEYS = [
  ['type', 'type'],
  ['cmd', 'command'],
  ['args', 'args'],
  ['envs', 'env'],
  ['env_keys', 'envPassthrough'],
  ['uri', 'url'],
  ['headers', 'headers'],
  ['enabled', 'disabled'],
] as const satisfies readonly (readonly [string, ServerField])[];

/**
 * Goose `config.yaml` `extensions:` map. `type: stdio` runs `cmd` with `args`, `envs` (values) and
 * `env_keys` (names of secrets goose injects from its keyring or environment); `type: sse` and
 * `streamable_http` reach `uri` with `headers`. `builtin`, `platform` and `frontend` extensions
 * run inside goose and are not MCP server processes, so they are skipped. `GOOSE_MODE: auto`
 * runs every tool without asking.
 */
export const goose: Extractor = (data, ctx) => {
  const out: Extracted = { servers: [], approvals: [] };
  if (!isRecord(data)) return out;
  eachEntry(data.extensions, '/extensions', (name, entry, pointer) => {
    const transport = transportWord(entry.type);
    if (transport === undefined) return;
    const fields: Partial<Record<ServerField, string>> = {};
    for (const [key, field] of FIELD_KEYS) if (has(entry, key)) fields[field] = `/${key}`;
    out.servers.push(
      makeServer(ctx, {
        name,
        pointer,
        transport,
        command: str(entry.cmd),
        args: strList(entry.args),
        env: strMap(entry.envs),
        envPassthrough: strList(entry.env_keys),
        url: str(entry.uri),
        headers: strMap(entry.headers),
        disabled: entry.enabled === false,
        fields,
      }),
    );
  });
  if (str(data.GOOSE_MODE)?.toLowerCase() === 'auto') {
    out.approvals.push({
      server: '*',
      tools: ['*'],
      setting: 'GOOSE_MODE',
      pointer: '/GOOSE_MODE',
    });
  }
  return out;
};
