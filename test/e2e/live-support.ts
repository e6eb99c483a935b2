import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { ServerSpec } from '../../src/core/server-spec.js';

export const root = resolve(import.meta.dirname, '../..');
export const fixtures = join(root, 'test/fixtures/servers');

/** A stdio ServerSpec as discovery would produce it. */
export function stdioSpec(
  name: string,
  command: string,
  args: string[],
  extra: Partial<ServerSpec> = {},
): ServerSpec {
  return {
    name,
    client: 'generic',
    scope: 'project',
    source: { file: join(root, '.mcp.json'), pointer: `/mcpServers/${name}`, line: 1, column: 1 },
    transport: 'stdio',
    command,
    args,
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: {},
    ...extra,
  };
}

/** A spec that runs one fixture server with the node running the tests. */
export function fixtureSpec(
  file: string,
  args: string[] = [],
  extra: Partial<ServerSpec> = {},
): ServerSpec {
  return stdioSpec(
    file.replace(/\.mjs$/, ''),
    process.execPath,
    [join(fixtures, file), ...args],
    extra,
  );
}

export function httpSpec(name: string, url: string, extra: Partial<ServerSpec> = {}): ServerSpec {
  return { ...stdioSpec(name, '', []), transport: 'http', command: undefined, url, ...extra };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Starts a long-running helper (an HTTP server) unsandboxed and waits for `LISTENING`/a port. */
export async function startHttpServer(
  spec: ServerSpec,
  ready: (stderr: string) => number | undefined,
  timeoutMs = 15_000,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const { spawnServer } = await import('../../src/process/index.js');
  const child = await spawnServer(spec, { sandbox: 'none', parentEnv: process.env });
  let seen = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${spec.name} did not start: ${seen}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const found = ready(seen);
      if (found !== undefined) {
        clearTimeout(timer);
        child.stderr.off('data', onData);
        resolvePort(found);
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', (chunk: Buffer) => {
      onData(chunk);
    });
  });
  return {
    port,
    stop: async () => {
      await child.kill();
    },
  };
}
