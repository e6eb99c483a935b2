import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench:startup [-- --rounds N] [--servers N] [--bin PATH] [--json]`
 *
 * Start-up and resident memory, measured as a client sees them: the time from spawning a command
 * to the answer to its first `tools/list` (the client pipelines `initialize`,
 * `notifications/initialized` and `tools/list` at once, like the SDK clients do), for
 * server-everything run bare and through `mcp-warden wrap` (default policy, so sandboxed where
 * bubblewrap exists); then the resident set size of the mcp-warden process itself (its servers
 * not counted) after that answer, for one `wrap` (also with a 1 MiB semi-space) and for `gateway`
 * with `--servers` servers.
 * Medians of `--rounds` runs; the CPU time the process used until the answer is reported too,
 * since wall time on a shared machine is noisy. `--bin` measures another build of the CLI (an
 * earlier commit's `dist/cli/bin.js`) for a before/after comparison.
 */

const root = resolve(import.meta.dirname, '../..');
// The real path: a sandboxed server sees the folders its arguments name, not symlinks' targets.
const everything = realpathSync(
  join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'),
);

interface Run {
  /** Spawn → the `tools/list` answer, ms. */
  ms: number;
  /** User + system CPU of the spawned process until then, ms (Linux). */
  cpuMs?: number;
  /** Its resident set size then, MiB (Linux). */
  rssMiB?: number;
  tools: number;
}

function procStat(pid: number): { cpuMs?: number; rssMiB?: number } {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return {
      ...(Number.isFinite(ticks) ? { cpuMs: ticks * 10 } : {}),
      ...(rss === undefined ? {} : { rssMiB: Number(rss) / 1024 }),
    };
  } catch {
    return {};
  }
}

function frame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

/** Spawns the command, asks for its tools at once, and measures until the answer. */
function firstList(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let buffer = '';
    let settled = false;
    const finish = (error: Error | undefined, run?: Run): void => {
      if (settled) return;
      settled = true;
      child.stdin.end();
      child.kill('SIGTERM');
      if (error !== undefined) fail(error);
      else if (run !== undefined) done(run);
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('exit', (code) => {
      finish(new Error(`${command} exited (${String(code)}) before answering:\n${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const message = JSON.parse(line) as { id?: unknown; result?: { tools?: unknown[] } };
        if (message.id !== 2) continue;
        const ms = performance.now() - started;
        const tools = message.result?.tools;
        if (!Array.isArray(tools)) {
          finish(new Error(`tools/list failed: ${line.slice(0, 500)}\n${stderr}`));
          return;
        }
        finish(undefined, { ms, ...procStat(child.pid ?? 0), tools: tools.length });
      }
    });
    child.stdin.write(
      frame({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'mcp-warden-bench', version: '1.0.0' },
        },
      }) +
        frame({ jsonrpc: '2.0', method: 'notifications/initialized' }) +
        frame({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
    );
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

interface Row {
  label: string;
  ms: number;
  cpuMs?: number;
  rssMiB?: number;
  tools: number;
}

async function measure(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  rounds: number,
): Promise<Row> {
  await firstList(command, args, env); // warm the file cache
  const runs: Run[] = [];
  for (let round = 0; round < rounds; round++) runs.push(await firstList(command, args, env));
  const of = (pick: (run: Run) => number | undefined): number | undefined => {
    const values = runs.map(pick).filter((value): value is number => value !== undefined);
    return values.length === 0 ? undefined : median(values);
  };
  const cpuMs = of((run) => run.cpuMs);
  const rssMiB = of((run) => run.rssMiB);
  return {
    label,
    ms: median(runs.map((run) => run.ms)),
    ...(cpuMs === undefined ? {} : { cpuMs }),
    ...(rssMiB === undefined ? {} : { rssMiB }),
    tools: runs[0]?.tools ?? 0,
  };
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    servers: { type: 'string', default: '10' },
    bin: { type: 'string', default: join(root, 'dist/cli/bin.js') },
    json: { type: 'boolean', default: false },
  },
});
const bin = resolve(values.bin);
const rounds = Number(values.rounds);
const serverCount = Number(values.servers);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
if (!Number.isInteger(serverCount) || serverCount < 1) {
  throw new Error('--servers must be a positive integer');
}

const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-startup-'));
try {
  // A private state directory: the audit log and the session broker of the runs stay in it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    HOME: dir,
  };
  const gatewayPolicy = join(dir, 'gateway.policy.yaml');
  writeFileSync(
    gatewayPolicy,
    [
      'version: 1',
      'servers:',
      ...Array.from({ length: serverCount }, (_, index) => [
        `  everything${String(index)}:`,
        `    command: ${JSON.stringify(process.execPath)}`,
        `    args: [${JSON.stringify(everything)}]`,
      ]).flat(),
      '',
    ].join('\n'),
  );
  const rows: Row[] = [];
  rows.push(await measure('server-everything, bare', process.execPath, [everything], env, rounds));
  rows.push(
    await measure(
      '`wrap` (default policy)',
      process.execPath,
      [bin, 'wrap', '--', process.execPath, everything],
      env,
      rounds,
    ),
  );
  // The young generation is most of the difference between the heap in use and RSS: a node
  // started with a small semi-space shows what an install that passes the flag would save.
  rows.push(
    await measure(
      '`wrap`, node --max-semi-space-size=1',
      process.execPath,
      ['--max-semi-space-size=1', bin, 'wrap', '--', process.execPath, everything],
      env,
      rounds,
    ),
  );
  rows.push(
    await measure(
      `\`gateway\`, ${String(serverCount)} servers`,
      process.execPath,
      [bin, 'gateway', '--policy', gatewayPolicy],
      env,
      Math.max(1, Math.ceil(rounds / 3)),
    ),
  );
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const bare = rows[0]?.ms ?? Number.NaN;
    console.log(
      '| command | spawn → first tools/list (ms, median) | added | CPU until then (ms) | RSS of the process (MiB) | tools listed |',
    );
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      const added = row === rows[0] ? '' : `+${(row.ms - bare).toFixed(0)}`;
      console.log(
        `| ${row.label} | ${row.ms.toFixed(0)} | ${added} | ${row.cpuMs?.toFixed(0) ?? 'n/a'} | ${row.rssMiB?.toFixed(1) ?? 'n/a'} | ${String(row.tools)} |`,
      );
    }
    console.log(
      `\n${String(rounds)} rounds (gateway: ${String(Math.max(1, Math.ceil(rounds / 3)))}), Node ${process.version}; RSS excludes the servers' own processes.`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
