import { dirname } from 'node:path';
import { startBrokerServer } from './broker.js';
import { ensurePrivateDirectory } from './paths.js';

/**
 * The broker process: `node main.js <socket>`, spawned detached by the first wrap of a client.
 * Says `ready` (it serves), `running` (another broker does) or `error <why>` on its first stdout
 * line, then closes stdout, so the wrap that started it is not tied to it.
 */

async function main(): Promise<void> {
  const socket = process.argv[2];
  if (socket === undefined) throw new Error('usage: main.js <socket>');
  process.umask(0o077);
  ensurePrivateDirectory(dirname(socket));
  // The socket is created under this mask: read-write for this user only (0600).
  process.umask(0o177);
  const broker = await startBrokerServer({ socket });
  process.stdout.end(`${broker.status === 'serving' ? 'ready' : 'running'}\n`);
  // The client's terminal may hang up or interrupt; the broker ends with its last wrap only.
  for (const signal of ['SIGHUP', 'SIGINT'] as const) process.on(signal, () => undefined);
  await broker.done;
}

main().then(
  () => {
    process.exit(0);
  },
  (error: unknown) => {
    process.stdout.end(`error ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
