import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSpec } from '../core/server-spec.js';
import { probeBubblewrap, spawnServer, isAlive, type ServerProcess } from './index.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/servers');
const probe = await probeBubblewrap();
/** Appended to the names of tests that need bubblewrap, so a skip says why. */
const needsBwrap = probe.usable ? '' : ` (skipped: ${probe.reason ?? 'bubblewrap unusable'})`;
const modes = probe.usable ? (['none', 'bubblewrap'] as const) : (['none'] as const);

function spec(file: string, args: string[] = [], extra: Partial<ServerSpec> = {}) {
  return {
    name: file,
    command: process.execPath,
    args: [join(fixtures, file), ...args],
    env: {},
    envPassthrough: [],
    ...extra,
  };
}

async function firstLine(child: ServerProcess): Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) return JSON.parse(line) as Record<string, unknown>;
  throw new Error(`no output; stderr: ${await child.stderrTail()}`);
}

async function stderrLine(child: ServerProcess, prefix: string): Promise<string> {
  const lines = createInterface({ input: child.stderr });
  for await (const line of lines) if (line.startsWith(prefix)) return line.slice(prefix.length);
  throw new Error(`no ${prefix} line on stderr`);
}

describe.each(modes)('spawnServer (sandbox: %s)', (sandbox) => {
  it('does not pass a secret from our environment unless the config declares it', async () => {
    const child = await spawnServer(
      spec('probe-process.mjs', ['env'], {
        env: { DECLARED: 'value' },
        envPassthrough: ['FORWARDED'],
      }),
      {
        sandbox,
        parentEnv: {
          PATH: process.env.PATH,
          SECRET_TOKEN: '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',
          FORWARDED: 'forwarded-value',
        },
      },
    );
    try {
      expect(child.sandbox).toBe(sandbox);
      const { env } = (await firstLine(child)) as { env: Record<string, string> };
      expect(env.SECRET_TOKEN).toBeUndefined();
      expect(env.DECLARED).toBe('value');
      expect(env.FORWARDED).toBe('forwarded-value');
      expect(env.HOME).not.toBe(homedir());
    } finally {
      await child.kill();
    }
  });

  it('kills the whole process tree, including a child that left the process group', async () => {
    const child = await spawnServer(spec('spawns-child.mjs'), { sandbox, killGraceMs: 500 });
    const pids = (await stderrLine(child, 'CHILD_PIDS=')).split(',').map(Number);
    if (sandbox === 'none') {
      // Outside a pid namespace the pids are ours to check; inside, they are namespace-local.
      for (const pid of pids) expect(isAlive(pid)).toBe(true);
    }
    expect(child.processes().length).toBeGreaterThanOrEqual(sandbox === 'none' ? 3 : 1);
    const report = await child.kill();
    expect(report.survivors).toEqual([]);
    expect(child.processes()).toEqual([]);
    if (sandbox === 'none') {
      for (const pid of pids) {
        // process.kill(pid, 0) succeeds on a zombie nobody has reaped yet; isAlive looks closer.
        expect(isAlive(pid)).toBe(false);
      }
    }
    expect(isAlive(child.pid)).toBe(false);
  });

  it('runs with setpriv --pdeathsig unsandboxed on Linux', async () => {
    const child = await spawnServer(spec('probe-process.mjs', ['env']), { sandbox });
    try {
      expect(child.pdeathsig).toBe(sandbox === 'none' && process.platform === 'linux');
    } finally {
      await child.kill();
    }
  });
});

describe('the bubblewrap sandbox', () => {
  let secretDir: string;
  beforeAll(() => {
    // A real file in the real home directory, removed afterwards.
    secretDir = mkdtempSync(join(homedir(), '.mcp-warden-test-'));
    writeFileSync(join(secretDir, 'id_rsa'), 'PRETEND PRIVATE KEY');
  });
  afterAll(() => {
    rmSync(secretDir, { recursive: true, force: true });
  });

  it.skipIf(!probe.usable)(
    `keeps a server from reading a file in the real home directory${needsBwrap}`,
    async () => {
      // Through the environment: an absolute path in the arguments is a grant the sandbox binds.
      const child = await spawnServer(
        spec('probe-process.mjs', ['read'], { env: { READ_PATH: join(secretDir, 'id_rsa') } }),
        { sandbox: 'bubblewrap' },
      );
      try {
        expect(await firstLine(child)).toEqual({ read: false, error: 'ENOENT' });
        expect(child.bound.some((path) => homedir().startsWith(path))).toBe(false);
      } finally {
        await child.kill();
      }
    },
  );

  it('lets an unsandboxed server read it (the control), and says why it is unsandboxed', async () => {
    const child = await spawnServer(
      spec('probe-process.mjs', ['read'], { env: { READ_PATH: join(secretDir, 'id_rsa') } }),
      { sandbox: 'none' },
    );
    try {
      expect(await firstLine(child)).toEqual({ read: true, content: 'PRETEND PRIVATE KEY' });
      expect(child.sandbox).toBe('none');
      expect(child.sandboxReason).toBe('sandbox disabled by option');
    } finally {
      await child.kill();
    }
  });

  it.skipIf(!probe.usable)(`has no network unless asked${needsBwrap}`, async () => {
    const child = await spawnServer(
      {
        name: 'net',
        command: process.execPath,
        args: ['-e', 'console.log(JSON.stringify(Object.keys(require("os").networkInterfaces())))'],
        env: {},
        envPassthrough: [],
      },
      { sandbox: 'bubblewrap' },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      for await (const line of lines) {
        expect(JSON.parse(line)).toEqual(['lo']);
        break;
      }
    } finally {
      await child.kill();
    }
  });
});

describe('spawnServer errors', () => {
  it('fails with FILE_NOT_FOUND for a command that does not exist', async () => {
    await expect(
      spawnServer({
        name: 'x',
        command: 'no-such-mcp-server-xyz',
        args: [],
        env: {},
        envPassthrough: [],
      }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('redacts secrets from the stderr tail', async () => {
    const child = await spawnServer(spec('exits-immediately.mjs'), { sandbox: 'none' });
    await child.exited;
    const tail = await child.stderrTail();
    await child.kill();
    expect(tail).toContain('[redacted:github]');
    expect(tail).not.toContain('wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
  });
});
