import type { AutoApproval, ConfigFile, ServerSpec } from '../core/server-spec.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, type ToolDefinition } from '../core/snapshot.js';

/** Where test servers and files live unless a case says otherwise. */
export const TEST_HOME = '/home/alice';
export const TEST_CONFIG_PATH = `${TEST_HOME}/.config/Claude/claude_desktop_config.json`;

/** Field pointers of a Claude-Desktop-style entry (`/mcpServers/<name>/…`). */
const DEFAULT_FIELDS: ServerSpec['fields'] = {
  name: '',
  type: '/type',
  command: '/command',
  args: '/args',
  env: '/env',
  cwd: '/cwd',
  url: '/url',
  headers: '/headers',
  envFile: '/envFile',
  envPassthrough: '/env_vars',
  disabled: '/disabled',
};

/**
 * A server entry for detector tests. Transport defaults to `http` when `url` is given, else
 * `stdio`; the entry sits at `/mcpServers/<name>` of {@link TEST_CONFIG_PATH}.
 *
 * @example
 * makeServer({ name: 'github', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] });
 */
export function makeServer(partial: Partial<ServerSpec> = {}): ServerSpec {
  const name = partial.name ?? 'example';
  const file = partial.source?.file ?? TEST_CONFIG_PATH;
  return {
    client: 'claude-desktop',
    scope: 'user',
    transport: partial.url === undefined ? 'stdio' : 'http',
    args: [],
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: DEFAULT_FIELDS,
    ...partial,
    name,
    source: {
      file,
      pointer: `/mcpServers/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      line: 1,
      column: 1,
      ...partial.source,
    },
  };
}

/**
 * A config file for detector tests. Its servers are re-homed into it (their `source.file` becomes
 * the file's path); `locate` resolves nothing, so findings keep their JSON pointers only.
 *
 * @example
 * makeConfigFile({ servers: [makeServer({ url: 'https://mcp.example.com/mcp' })] });
 */
export function makeConfigFile(
  partial: Partial<Omit<ConfigFile, 'locate'>> & { locate?: ConfigFile['locate'] } = {},
): ConfigFile {
  const path = partial.path ?? TEST_CONFIG_PATH;
  const client = partial.client ?? 'claude-desktop';
  return {
    client,
    scope: 'user',
    format: 'json',
    approvals: [],
    locate: () => undefined,
    ...partial,
    path,
    servers: (partial.servers ?? []).map((server) => ({
      ...server,
      source: { ...server.source, file: path },
    })),
  };
}

/** A file holding exactly one server built from `partial`. */
export function serverFile(partial: Partial<ServerSpec> = {}): ConfigFile {
  const server = makeServer(partial);
  return makeConfigFile({ client: server.client, scope: server.scope, servers: [server] });
}

/** An auto-approval as discovery would report it. */
export function makeApproval(
  partial: Partial<AutoApproval> & Pick<AutoApproval, 'tools'>,
): AutoApproval {
  const server = partial.server ?? 'example';
  return {
    server,
    setting: 'alwaysAllow',
    pointer: `/mcpServers/${server}/alwaysAllow`,
    ...partial,
  };
}

/**
 * A tool definition for detector tests: an object input schema unless `inputSchema` is given.
 *
 * @example
 * makeTool({ name: 'add', description: 'Adds two numbers.' });
 */
export function makeTool(
  partial: Partial<ToolDefinition> & Pick<ToolDefinition, 'name'>,
): ToolDefinition {
  return { inputSchema: { type: 'object', properties: {} }, ...partial };
}

/**
 * A live server snapshot for detector tests: empty lists unless given, server `example`.
 *
 * @example
 * makeSnapshot({ tools: [makeTool({ name: 'add', description: 'Adds two numbers.' })] });
 */
export function makeSnapshot(
  partial: Partial<Omit<Snapshot, 'schemaVersion' | 'server'>> & {
    server?: Partial<Snapshot['server']>;
  } = {},
): Snapshot {
  const { server, ...rest } = partial;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
    ...rest,
    server: { name: 'example', ...server },
  };
}
