// Shared by the gateway end-to-end tests: the real CLI (`dist/cli/bin.js`, build first), real
// server processes, the SDK v2 client as the MCP client.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const root = resolve(import.meta.dirname, '../..');
export const bin = join(root, 'dist/cli/bin.js');
export const fixtures = join(root, 'test/fixtures/servers');
export const everything = join(
  root,
  'node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
export const filesystem = join(
  root,
  'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
);

export interface Wrapped {
  client: Client;
  transport: StdioClientTransport;
  /** What the gateway wrote on stderr so far. */
  stderr(): string;
  /** The directory holding the audit log (`audit.jsonl`). */
  stateDir: string;
  close(): Promise<void>;
}

/** The environment the gateway runs in: ours, with the audit log in a fresh directory. */
export function gatewayEnv(extra: Record<string, string> = {}): {
  env: Record<string, string>;
  stateDir: string;
} {
  const stateDir = mkdtempSync(join(tmpdir(), 'mcp-warden-gw-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) env[name] = value;
  return { env: { ...env, XDG_STATE_HOME: stateDir, ...extra }, stateDir };
}

/** Connects the SDK client to `mcp-warden <gatewayArgs>` over stdio. */
export async function connectGateway(
  gatewayArgs: string[],
  options: {
    capabilities?: ClientOptions['capabilities'];
    versionNegotiation?: ClientOptions['versionNegotiation'];
    env?: Record<string, string>;
    cwd?: string;
    setup?: (client: Client) => void;
    /** A command that runs the gateway (`setpriv --reuid …`), before `node bin.js`. */
    launcher?: string[];
  } = {},
): Promise<Wrapped> {
  const { env, stateDir } = gatewayEnv(options.env);
  const [launch, ...launchArgs] = options.launcher ?? [];
  const transport = new StdioClientTransport({
    command: launch ?? process.execPath,
    args: [...(launch === undefined ? [] : [...launchArgs, process.execPath]), bin, ...gatewayArgs],
    env,
    stderr: 'pipe',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client(
    { name: 'gateway-e2e', version: '1.0.0' },
    {
      capabilities: options.capabilities ?? {},
      ...(options.versionNegotiation === undefined
        ? {}
        : { versionNegotiation: options.versionNegotiation }),
    },
  );
  options.setup?.(client);
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`connect failed: ${String(error)}\n--- gateway stderr ---\n${stderr}`, {
      cause: error,
    });
  }
  return {
    client,
    transport,
    stderr: () => stderr,
    stateDir,
    close: () => client.close(),
  };
}

/** Connects through `mcp-warden wrap [flags] -- <command…>`. */
export function connectWrapped(
  command: string[],
  flags: string[] = [],
  options: Parameters<typeof connectGateway>[1] = {},
): Promise<Wrapped> {
  return connectGateway(['wrap', ...flags, '--', ...command], options);
}

/** Live pids whose environment holds `NAME=value` (how a test finds every process of a server). */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (state === 'Z' || state === 'X') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle))
        found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** The records of an audit log. */
export function auditRecords(stateDir: string, file = 'audit.jsonl'): Record<string, unknown>[] {
  const text = readFileSync(join(stateDir, 'mcp-warden', file), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
