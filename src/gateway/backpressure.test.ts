import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ServerPolicy } from '../core/config/schema.js';
import { clientPipes } from './__fixtures__/fake-upstream.js';
import { startWrap, type RunningGateway } from './wrap.js';

const deaf = join(resolve(import.meta.dirname, '../..'), 'test/fixtures/servers/deaf.mjs');

let running: RunningGateway | undefined;
const pipes: ChildProcess[] = [];
afterEach(async () => {
  for (const pipe of pipes.splice(0)) pipe.kill();
  await running?.stop('test over');
  running = undefined;
});

/** Resolves once `check` holds, checking again on every turn the stream gives us. */
function when(check: () => boolean): Promise<void> {
  return new Promise((done) => {
    const poll = (): void => {
      if (check()) done();
      else setImmediate(poll);
    };
    poll();
  });
}

describe('back-pressure towards a server that stops reading', () => {
  it('stops reading the client instead of buffering what the server does not take', async () => {
    const client = clientPipes();
    // A real pipe between the client and the gateway (`cat`), as a client's stdio would be: frames
    // arrive in chunks over many turns of the event loop, and a paused reader blocks the writer.
    const pipe = spawn('cat', [], { stdio: ['pipe', 'pipe', 'ignore'] });
    pipe.stdin.on('error', () => undefined); // the writer outlives cat at the end of the test
    pipes.push(pipe);
    running = await startWrap(
      {
        name: 'deaf',
        serverPolicy: ServerPolicy.parse({}),
        command: process.execPath,
        args: [deaf],
      },
      {
        policy: DEFAULT_POLICY,
        middlewares: [],
        input: pipe.stdout,
        output: client.output,
        log: () => undefined,
      },
    );
    const padding = 'x'.repeat(1024 * 1024);
    let written = 0;
    // A client writing as fast as its pipe lets it: the next frame once the last one drained.
    const writing = (async () => {
      for (let id = 1; id <= 64; id++) {
        const frame = JSON.stringify({ jsonrpc: '2.0', id, method: 'ping', params: { padding } });
        written++;
        if (!pipe.stdin.write(`${frame}\n`)) await once(pipe.stdin, 'drain');
      }
    })();
    // The pipe breaks when the test ends; that is not what is tested.
    writing.catch(() => undefined);
    await when(() => pipe.stdout.isPaused());
    // The gateway stopped taking frames a few MiB in, instead of buffering all 64 MiB.
    expect(running.sessions.get('deaf')?.inFlight).toBeLessThan(8);
    expect(written).toBeLessThan(16);
  });
});
