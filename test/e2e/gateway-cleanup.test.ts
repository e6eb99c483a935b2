// The gateway owns its servers' lifecycle: however it ends — the client hangs up (EOF on stdin),
// SIGTERM, SIGINT, or SIGKILL, which no code of ours survives — no process of the server is left,
// including helpers that ignore SIGTERM and one that left the process group with setsid().
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeBubblewrap } from '../../src/process/index.js';
import { bin, fixtures, gatewayEnv, pidsWithEnv, waitFor } from './gateway-support.js';

interface Started {
  gateway: ChildProcessWithoutNullStreams;
  tag: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

const started: Started[] = [];
afterEach(() => {
  for (const { gateway } of started.splice(0)) gateway.kill('SIGKILL');
});

/** Starts `wrap` around the child-spawning fixture and waits until its helpers run. */
async function startWrapped(flags: string[] = []): Promise<Started> {
  const tag = randomUUID();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-cleanup-'));
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, `version: 1\nservers:\n  stubborn:\n    env:\n      FIXTURE_TAG: ${tag}\n`);
  const { env } = gatewayEnv();
  const gateway = spawn(
    process.execPath,
    [
      bin,
      'wrap',
      '--policy',
      policy,
      ...flags,
      '--',
      process.execPath,
      join(fixtures, 'gateway-spawns-child.mjs'),
    ],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  gateway.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  gateway.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolveExit) => {
      gateway.once('exit', (code, signal) => {
        resolveExit({ code, signal });
      });
    },
  );
  const entry: Started = { gateway, tag, exited, stdout: () => stdout, stderr: () => stderr };
  started.push(entry);
  gateway.stdin.write(
    `${JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      },
    })}\n`,
  );
  await waitFor(() => stdout.includes('"id":1'), 15_000, `the handshake\n${stderr}`);
  // The server and both helpers (and, outside the sandbox, `unshare` holding the namespace).
  await waitFor(
    () => pidsWithEnv('FIXTURE_TAG', tag).length >= 3,
    15_000,
    `the helpers\n${stderr}`,
  );
  return entry;
}

async function expectNoneLeft(entry: Started): Promise<void> {
  await waitFor(
    () => pidsWithEnv('FIXTURE_TAG', entry.tag).length === 0,
    10_000,
    'the server processes to go',
  ).catch((error: unknown) => {
    throw new Error(
      `${String(error)}: left ${pidsWithEnv('FIXTURE_TAG', entry.tag).join(', ')}\n${entry.stderr()}`,
    );
  });
}

describe('gateway exit leaves no server process behind', () => {
  it('when the client closes stdin (normal hang-up)', async () => {
    const entry = await startWrapped();
    entry.gateway.stdin.end();
    expect((await entry.exited).code).toBe(0);
    expect(pidsWithEnv('FIXTURE_TAG', entry.tag)).toEqual([]);
    // stdout carried protocol frames only.
    for (const line of entry.stdout().split('\n').filter(Boolean))
      expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
  });

  it('on SIGTERM', async () => {
    const entry = await startWrapped();
    entry.gateway.kill('SIGTERM');
    expect((await entry.exited).code).toBe(0);
    expect(pidsWithEnv('FIXTURE_TAG', entry.tag)).toEqual([]);
    expect(entry.stderr()).toMatch(/received SIGTERM/);
  });

  it('on SIGINT', async () => {
    const entry = await startWrapped();
    entry.gateway.kill('SIGINT');
    await entry.exited;
    expect(pidsWithEnv('FIXTURE_TAG', entry.tag)).toEqual([]);
  });

  it('on SIGKILL of an unsandboxed gateway (pdeathsig and the PID namespace do the work)', async () => {
    const entry = await startWrapped(['--no-sandbox']);
    expect(entry.stderr()).toMatch(/own PID namespace/);
    entry.gateway.kill('SIGKILL');
    expect((await entry.exited).signal).toBe('SIGKILL');
    await expectNoneLeft(entry);
  });

  it('on SIGKILL of a sandboxed gateway (the default: bubblewrap --die-with-parent)', async () => {
    const probe = await probeBubblewrap();
    expect(probe.reason, 'bubblewrap must be usable here (.ci/run installs it)').toBeUndefined();
    const entry = await startWrapped();
    expect(entry.stderr()).toMatch(/sandbox: bubblewrap/);
    entry.gateway.kill('SIGKILL');
    await entry.exited;
    await expectNoneLeft(entry);
  });
});
