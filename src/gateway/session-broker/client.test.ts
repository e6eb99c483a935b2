// The session broker with real processes: broker processes started from dist/ (run
// `npm run build` first), real Unix sockets, real parent processes for the client identity.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowEntry } from '../middleware/flow-ledger.js';
import { type BrokerFlowLedger, openSharedFlows, type SharedFlowsOptions } from './client.js';
import { clientIdentity, isLauncher } from './identity.js';
import { brokerPids, hasExited } from './testing.js';

const brokerEntry = resolve(import.meta.dirname, '../../../dist/gateway/session-broker/main.js');

const children: ChildProcess[] = [];
const ledgers: BrokerFlowLedger[] = [];

afterEach(() => {
  for (const ledger of ledgers.splice(0)) ledger.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A real process to stand for a client; resolves once it runs. */
async function fakeClient(): Promise<number> {
  const child = spawn(
    process.execPath,
    ['-e', 'process.stdout.write("up"); setInterval(() => {}, 1e6)'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  children.push(child);
  await new Promise((resolveUp) => child.stdout.once('data', resolveUp));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

function runtimeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-broker-'));
  chmodSync(dir, 0o700);
  return dir;
}

async function open(
  runtime: string,
  options: Partial<SharedFlowsOptions> = {},
): Promise<{ ledger: BrokerFlowLedger; logs: string[]; failed: Promise<string> }> {
  const logs: string[] = [];
  let onFail!: (reason: string) => void;
  const failed = new Promise<string>((resolveFail) => {
    onFail = resolveFail;
  });
  const ledger = await openSharedFlows({
    env: { XDG_RUNTIME_DIR: runtime },
    log: (text) => logs.push(text),
    brokerEntry,
    onFail,
    ...options,
  });
  ledgers.push(ledger);
  return { ledger, logs, failed };
}

const entry = (leg: FlowEntry['leg'], server: string): FlowEntry => ({
  leg,
  server,
  source: 'tool',
  reason: 'test',
  at: 1,
});

describe('the session broker', () => {
  it('lets two wraps of one client share what entered, through an owner-only socket', async () => {
    const runtime = runtimeDir();
    const parent = await fakeClient();
    const first = await open(runtime, { parent });
    const second = await open(runtime, { parent });
    expect(first.ledger.failed).toBeUndefined();
    expect((await first.ledger.add(entry('untrusted', 'web'))).added).toBe(true);
    const { state, added } = await second.ledger.add(entry('private', 'files'));
    expect(added).toBe(true);
    expect(state.legs.untrusted?.server).toBe('web');
    expect((await first.ledger.read()).legs.private?.server).toBe('files');
    expect(first.ledger.scope).toMatch(/^shared by the wraps of client pid \d+ \(node\)$/);

    const dir = join(runtime, 'mcp-warden');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const sockets = readdirSync(dir).filter((name) => name.endsWith('.sock'));
    expect(sockets).toHaveLength(1);
    expect(statSync(join(dir, sockets[0] ?? '')).mode & 0o777).toBe(0o600);
    expect(brokerPids(runtime)).toHaveLength(1);
  });

  it('reads without a round trip: a leg another wrap added is pushed before that wrap goes on', async () => {
    const runtime = runtimeDir();
    const parent = await fakeClient();
    const first = await open(runtime, { parent });
    const second = await open(runtime, { parent });
    const [pid] = brokerPids(runtime);
    if (pid === undefined) throw new Error('no broker process');
    expect((await second.ledger.add(entry('untrusted', 'web'))).added).toBe(true);
    // A stopped broker answers nothing: a read that asked it would never resolve.
    process.kill(pid, 'SIGSTOP');
    try {
      const state = await first.ledger.read();
      expect(state.failed).toBeUndefined();
      expect(state.legs.untrusted?.server).toBe('web');
      expect(state.legs.private).toBeUndefined();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Adding still asks the broker (it changes the shared state), and the other wrap hears of it.
    expect((await first.ledger.add(entry('private', 'files'))).added).toBe(true);
    process.kill(pid, 'SIGSTOP');
    try {
      expect((await second.ledger.read()).legs.private?.server).toBe('files');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('keeps two clients apart, and two wraps with one --session-id together', async () => {
    const runtime = runtimeDir();
    const a = await open(runtime, { parent: await fakeClient() });
    const b = await open(runtime, { parent: await fakeClient() });
    await a.ledger.add(entry('untrusted', 'web'));
    expect((await b.ledger.read()).legs).toEqual({});

    const c = await open(runtime, { parent: await fakeClient(), sessionId: 'work' });
    const d = await open(runtime, { parent: await fakeClient(), sessionId: 'work' });
    await c.ledger.add(entry('private', 'files'));
    expect((await d.ledger.read()).legs.private?.server).toBe('files');
    expect((await a.ledger.read()).legs.private).toBeUndefined();
  });

  it('fails closed, on stderr, when the broker dies', async () => {
    const runtime = runtimeDir();
    const { ledger, logs, failed } = await open(runtime, { parent: await fakeClient() });
    await ledger.add(entry('untrusted', 'web'));
    const [pid] = brokerPids(runtime);
    if (pid === undefined) throw new Error('no broker process');
    process.kill(pid, 'SIGKILL');
    expect(await failed).toBe('the session broker went away');
    const state = await ledger.read();
    expect(state.failed).toBe('the session broker went away');
    expect(state.legs.untrusted?.server).toBe('web');
    expect(logs.join('\n')).toContain('Cross-server flow rules fail closed');
  });

  it('knows the broker died before it answers the next read, though reads do not ask it', async () => {
    const runtime = runtimeDir();
    const { ledger } = await open(runtime, { parent: await fakeClient() });
    const [pid] = brokerPids(runtime);
    if (pid === undefined) throw new Error('no broker process');
    process.kill(pid, 'SIGKILL');
    // The signal is delivered asynchronously: read once the broker has exited.
    await new Promise<void>((resolveGone) => {
      const watch = (): void => {
        if (hasExited(pid)) resolveGone();
        else setImmediate(watch);
      };
      watch();
    });
    expect((await ledger.read()).failed).toBe('the session broker went away');
  });

  it('refuses a broker directory other users can enter, and fails closed', async () => {
    const runtime = runtimeDir();
    mkdirSync(join(runtime, 'mcp-warden'), { mode: 0o755 });
    chmodSync(join(runtime, 'mcp-warden'), 0o755);
    const { ledger, failed } = await open(runtime, { parent: await fakeClient() });
    expect(await failed).toMatch(/is open to other users \(mode 755\); run chmod 700 on it/);
    expect((await ledger.read()).failed).toBeDefined();
    expect(brokerPids(runtime)).toEqual([]);
  });

  it('ends the broker with its last wrap', async () => {
    const runtime = runtimeDir();
    const parent = await fakeClient();
    const first = await open(runtime, { parent });
    const second = await open(runtime, { parent });
    const [pid] = brokerPids(runtime);
    if (pid === undefined) throw new Error('no broker process');
    first.ledger.close();
    expect(brokerPids(runtime)).toEqual([pid]);
    second.ledger.close();
    await new Promise<void>((resolveGone) => {
      const watch = (): void => {
        if (brokerPids(runtime).length === 0) resolveGone();
        else setImmediate(watch);
      };
      watch();
    });
    expect(readdirSync(join(runtime, 'mcp-warden')).filter((n) => n.endsWith('.sock'))).toEqual([]);
  });
});

describe('clientIdentity', () => {
  it('tells a process from a later one with the same pid by its start time', async () => {
    const pid = await fakeClient();
    const one = clientIdentity({ parent: pid });
    expect(one.key).toMatch(/^[0-9a-f]{24}$/);
    expect(clientIdentity({ parent: pid }).key).toBe(one.key);
    const fake = mkdtempSync(join(tmpdir(), 'mcp-warden-proc-'));
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    fields[19] = String(Number(fields[19]) + 1);
    mkdirSync(join(fake, String(pid)));
    writeFileSync(
      join(fake, String(pid), 'stat'),
      `${stat.slice(0, stat.lastIndexOf(')') + 2)}${fields.join(' ')}`,
    );
    expect(clientIdentity({ parent: pid, procRoot: fake }).key).not.toBe(one.key);
  });

  it('skips launchers that every wrap has its own copy of', () => {
    expect(isLauncher(['/bin/sh', '-c', 'mcp-warden wrap -- x'])).toBe(true);
    expect(isLauncher(['npm exec mcp-warden wrap -- x'])).toBe(true);
    expect(isLauncher(['node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'mcp-warden'])).toBe(
      true,
    );
    expect(isLauncher(['/usr/bin/bash'])).toBe(false);
    expect(isLauncher(['/opt/claude/claude', '--mcp'])).toBe(false);
    expect(isLauncher(['node', '/home/me/agent.js'])).toBe(false);
  });
});
