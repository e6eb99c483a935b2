// `wrap` boxes its server in by default: a fixture that tries to leave (test/fixtures/servers/
// escape-artist.mjs) reads no secrets, writes only where it was granted, reaches no network when
// the policy says so, and hits the process and memory limits — while the gateway keeps serving.
// As root the process limit does not apply (the kernel exempts root), so the gateway runs as
// `nobody` there, as it would for a normal user.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBubblewrap } from '../../src/process/index.js';
import {
  bin,
  connectGateway,
  fixtures,
  gatewayEnv,
  root,
  type Wrapped,
} from './gateway-support.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** A directory the gateway's user owns (`nobody` when the tests run as root). */
function ownedDir(parent: string, prefix: string): string {
  const dir = mkdtempSync(join(parent, prefix));
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

function text(result: { content?: unknown }): string {
  const [first] = result.content as { text: string }[];
  return first?.text ?? '';
}

describe('wrap: the sandbox holds', async () => {
  const probe = await probeBubblewrap();
  if (!probe.usable) {
    it('needs bubblewrap, which this machine lacks', () => {
      throw new Error(
        `bubblewrap is not usable here: ${String(probe.reason)} (.ci/run installs it)`,
      );
    });
    return;
  }

  const home = ownedDir(tmpdir(), 'mcp-warden-sandbox-home-');
  const grant = ownedDir(tmpdir(), 'mcp-warden-sandbox-grant-');
  // Outside /tmp: the sandbox's own /tmp is a throwaway tmpfs, so a write there proves nothing.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const outside = ownedDir(join(root, '.tmp'), 'sandbox-outside-');
  const state = ownedDir(tmpdir(), 'mcp-warden-sandbox-state-');
  let listener: Server;
  let port = 0;
  let wrapped: Wrapped;

  beforeAll(async () => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY\n');
    if (asRoot) chownSync(join(home, '.ssh'), NOBODY, NOBODY);
    chmodSync(join(root, '.tmp'), 0o755);
    listener = createServer((socket) => socket.destroy());
    await new Promise<void>((ready) => listener.listen(0, '127.0.0.1', ready));
    port = (listener.address() as { port: number }).port;
    const policy = join(state, 'policy.yaml');
    writeFileSync(
      policy,
      [
        'version: 1',
        'defaults:',
        '  sandbox:',
        '    mode: required',
        '    network: false',
        '    limits: { memoryMb: 1024, processes: 64 }',
        '',
      ].join('\n'),
    );
    const gateway = [
      'wrap',
      '--policy',
      policy,
      '--name',
      'escape',
      '--',
      'node',
      join(fixtures, 'escape-artist.mjs'),
      grant,
    ];
    const asNobody = ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups'];
    wrapped = await connectGateway(gateway, {
      env: { HOME: home, XDG_STATE_HOME: state },
      ...(asRoot ? { launcher: ['setpriv', ...asNobody] } : {}),
    });
    await wrapped.client.listTools();
  });
  afterAll(async () => {
    await wrapped.close();
    listener.close();
  });

  const call = async (name: string, args: Record<string, unknown>): Promise<string> =>
    text(await wrapped.client.callTool({ name, arguments: args }));

  it('says the server runs in bubblewrap without network', () => {
    expect(wrapped.stderr()).toContain('sandbox: bubblewrap, no network');
  });

  it('hides the home directory: ~/.ssh/id_rsa does not exist for the server', async () => {
    expect(await call('read_file', { path: join(home, '.ssh', 'id_rsa') })).toBe('refused: ENOENT');
  });

  it('lets it write inside the folder it was given, and nowhere else on the host', async () => {
    expect(await call('write_file', { path: join(grant, 'ok.txt') })).toBe('written');
    expect(existsSync(join(grant, 'ok.txt'))).toBe(true);
    expect(await call('write_file', { path: join(outside, 'escaped.txt') })).toMatch(/^refused: /);
    expect(existsSync(join(outside, 'escaped.txt'))).toBe(false);
  });

  it('cuts it off the network', async () => {
    expect(await call('connect', { host: '127.0.0.1', port })).toMatch(/^refused: /);
  });

  it('stops a fork bomb at the process limit', async () => {
    const result = await call('fork', { count: 500 });
    const spawned = Number(/^spawned (\d+)/.exec(result)?.[1]);
    expect(spawned).toBeLessThan(64);
    expect(result).toContain('refused');
  });

  it('stops unbounded allocation at the memory limit', async () => {
    expect(await call('allocate', { megabytes: 8192 })).toMatch(/^refused: /);
  });

  it('keeps serving after every attempt', async () => {
    expect(await call('ping', {})).toBe('pong');
  });
});

describe('wrap: where no sandbox exists, the policy decides', () => {
  const run = (flags: string[]): { status: number | null; stderr: string } => {
    const { env } = gatewayEnv({ PATH: '/nonexistent' });
    const result = spawnSync(
      process.execPath,
      [bin, 'wrap', ...flags, '--', process.execPath, join(fixtures, 'escape-artist.mjs')],
      { env, input: '', encoding: 'utf8', timeout: 60_000 },
    );
    return { status: result.status, stderr: result.stderr };
  };

  it('`auto` runs the server unsandboxed and says so, loudly, before it starts', () => {
    const { stderr } = run([]);
    const warning = stderr.indexOf('WARNING: no sandbox is available (bwrap was not found');
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(stderr.indexOf('started "escape-artist" (sandbox: off')).toBeGreaterThan(warning);
  });

  it('`required` (--sandbox) refuses to start the server', () => {
    const { status, stderr } = run(['--sandbox']);
    expect(status).not.toBe(0);
    expect(stderr).toContain(
      'server "escape-artist" was not started: the policy requires a sandbox',
    );
    expect(stderr).not.toContain('started "escape-artist"');
  });
});
