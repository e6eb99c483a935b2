// `mcp-warden install` into a throwaway home, then a real SDK client starts what install wrote and
// lists tools through it; `uninstall` puts every file back. Needs `npm run build` first.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/discovery/load.js';
import { bin, everything, fixtures } from './gateway-support.js';
import { fixtureSpec, freePort, startHttpServer, stdioSpec } from './live-support.js';

const run = promisify(execFile);

interface Started {
  port: number;
  stop: () => Promise<void>;
}

let home: string;
let modern: Started;
let everythingSse: Started;
const originals = new Map<string, string>();

/** Our environment, with HOME and the state directory in the throwaway home. */
function homeEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('XDG_')) env[name] = value;
  }
  return { ...env, HOME: home, ...extra };
}

async function cli(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: homeEnv(),
      timeout: 30_000,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

function write(relative: string, text: string): void {
  const path = join(home, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  originals.set(path, text);
}

/** Starts what a client would start for `server` of the file, and connects the SDK client to it. */
async function connectInstalled(
  relative: string,
  server: string,
  env: Record<string, string> = {},
): Promise<{ client: Client; stderr: () => string }> {
  const file = await loadConfigFile(join(home, relative), { home });
  const spec = file.servers.find((s) => s.name === server);
  if (spec?.command === undefined) throw new Error(`no command for ${server} in ${relative}`);
  const transport = new StdioClientTransport({
    command: spec.command,
    args: spec.args,
    // What a client passes: its own environment (here a bare one) plus the entry's `env`.
    env: { PATH: process.env.PATH ?? '', HOME: home, ...spec.env, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'install-e2e', version: '1.0.0' }, { capabilities: {} });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`connect failed: ${String(error)}\n${stderr}`, { cause: error });
  }
  return { client, stderr: () => stderr };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'mcp-warden-install-e2e-'));
  modern = await startHttpServer(fixtureSpec('modern-http.mjs'), (text) => {
    const match = /LISTENING=(\d+)/.exec(text);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  });
  const ssePort = await freePort();
  everythingSse = await startHttpServer(
    stdioSpec('everything-sse', process.execPath, [everything, 'sse'], {
      env: { PORT: String(ssePort) },
    }),
    (text) => (/(running|listening) on port/i.test(text) ? ssePort : undefined),
  );
  const envEcho = join(fixtures, 'env-echo.mjs');
  write(
    '.cursor/mcp.json',
    `{
  "mcpServers": {
    "echo": { "command": "node", "args": [${JSON.stringify(envEcho)}], "env": { "ECHO_ME": "yes" } },
    "lookup": {
      "url": "http://127.0.0.1:${String(modern.port)}/mcp",
      "headers": { "Authorization": "Bearer \${env:FIXTURE_TOKEN}" }
    }
  }
}
`,
  );
  write(
    '.codex/config.toml',
    `# Codex
[mcp_servers.echo]
command = "node" # the fixture
args = [${JSON.stringify(envEcho)}]
env = { ECHO_ME = "toml" }
`,
  );
  write(
    '.config/goose/config.yaml',
    `# Goose
extensions:
  everything:
    type: sse
    uri: http://127.0.0.1:${String(everythingSse.port)}/sse
    enabled: true
    timeout: 300
`,
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([modern.stop(), everythingSse.stop()]);
});

describe('mcp-warden install', () => {
  it('shows the diff of a dry run and writes nothing', async () => {
    const result = await cli(['install', '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+    "echo": { "command": ');
    expect(result.stdout).toMatch(/Dry run: 4 servers in 3 files would be wrapped/);
    for (const [path, text] of originals) expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(join(home, '.local/state/mcp-warden/install'))).toBe(false);
    expect(existsSync(join(home, '.config/mcp-warden'))).toBe(false);
  });

  it('installs, and what it wrote runs the servers through the gateway for a real client', async () => {
    const result = await cli(['install']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Wrapped 4 servers in 3 files/);
    expect(existsSync(join(home, '.config/mcp-warden/mcp-warden.policy.yaml'))).toBe(true);

    // stdio, from JSON: only the declared variable reaches the server.
    const echo = await connectInstalled('.cursor/mcp.json', 'echo', { UNDECLARED: 'no' });
    const tools = await echo.client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(['whereami']);
    const names = JSON.parse(echo.client.getInstructions() ?? '[]') as string[];
    expect(names).toContain('ECHO_ME');
    expect(names).not.toContain('UNDECLARED');
    await echo.client.close();

    // stdio, from TOML.
    const codex = await connectInstalled('.codex/config.toml', 'echo');
    expect((await codex.client.listTools()).tools.map((tool) => tool.name)).toEqual(['whereami']);
    await codex.client.close();

    // Remote over Streamable HTTP: the bearer token comes from the environment, not the file.
    expect(readFileSync(join(home, '.cursor/mcp.json'), 'utf8')).not.toContain('fixture-token');
    const lookup = await connectInstalled('.cursor/mcp.json', 'lookup', {
      FIXTURE_TOKEN: 'fixture-token',
    });
    expect((await lookup.client.listTools()).tools.map((tool) => tool.name)).toEqual(['lookup']);
    await lookup.client.close();

    // Remote over HTTP+SSE (the reference server's SSE mode), from YAML.
    const sse = await connectInstalled('.config/goose/config.yaml', 'everything');
    expect((await sse.client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    await sse.client.close();
  }, 40_000);

  it('is idempotent', async () => {
    const result = await cli(['install']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to change.');
  });

  it('uninstalls: every file byte for byte as it was', async () => {
    const result = await cli(['uninstall']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('restored byte for byte');
    for (const [path, text] of originals) expect(readFileSync(path, 'utf8'), path).toBe(text);
    expect(existsSync(join(home, '.local/state/mcp-warden/install/record.json'))).toBe(false);
  });
});

describe('mcp-warden wrap --url', () => {
  async function connectUrl(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ client: Client; stderr: () => string }> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'wrap', ...args],
      env: homeEnv(env),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'wrap-url-e2e', version: '1.0.0' }, { capabilities: {} });
    await client.connect(transport);
    // The gateway judges tools from the listing it saw (calling first is refused, issue 10).
    await client.listTools();
    return { client, stderr: () => stderr };
  }

  it('reaches a Streamable HTTP server with a header taken from the environment', async () => {
    const { client } = await connectUrl(
      [
        '--url',
        `http://127.0.0.1:${String(modern.port)}/mcp`,
        '--header-env',
        'Authorization=TOKEN_HEADER',
      ],
      { TOKEN_HEADER: 'Bearer fixture-token' },
    );
    const result = await client.callTool({ name: 'lookup', arguments: { q: 'x' } });
    expect(result.isError).not.toBe(true);
    await client.close();
  });

  it('falls back to HTTP+SSE when the server does not speak Streamable HTTP', async () => {
    const { client, stderr } = await connectUrl([
      '--url',
      `http://127.0.0.1:${String(everythingSse.port)}/sse`,
    ]);
    const result = await client.callTool({ name: 'echo', arguments: { message: 'through sse' } });
    expect(JSON.stringify(result.content)).toContain('through sse');
    expect(stderr()).toMatch(/Streamable HTTP refused with 40\d; falling back to HTTP\+SSE/);
    await client.close();
  });

  it('refuses plain http:// to another host, and a header variable that is not set', async () => {
    const plain = await cli(['wrap', '--url', 'http://example.com/mcp']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/not encrypted.*--allow-http/);
    const unset = await cli([
      'wrap',
      '--url',
      `http://127.0.0.1:${String(modern.port)}/mcp`,
      '--header',
      'Authorization=Bearer ${env:NOT_SET_ANYWHERE}',
    ]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/NOT_SET_ANYWHERE is not set/);
  });
});
