import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Policy } from '../src/core/config/schema.js';
import type { ServerSpec } from '../src/core/server-spec.js';
import { GATEWAY_CONTROLS } from '../src/gateway/middleware/index.js';
import { createLockfile } from '../src/pin/lockfile.js';
import { connectServer } from '../src/scanner/connect/index.js';
import { benchScreening, type ScreeningResult } from './screening.js';

/**
 * `npm run bench [-- --calls N] [--rounds N] [--breakdown] [--write-docs]`
 *
 * Per-call latency and throughput of sequential `tools/call echo` against server-everything over
 * stdio, four ways in one run: direct, through a byte-copying relay (the floor), through `wrap`
 * with the default policy, and through `wrap` with every control on. Then output screening
 * throughput on a 1 MiB result. `--breakdown` adds one round per control (and the audit log)
 * alone on top of the forwarder, to show what each costs.
 */

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');
const relay = join(root, 'dist-bench/bench/relay.js');
const bareWrap = join(root, 'dist-bench/bench/bare-wrap.js');
const everything = join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const SERVER = 'server-everything';

interface Scenario {
  id: string;
  label: string;
  command: string[];
  env?: Record<string, string>;
}

interface Sample {
  scenario: Scenario;
  latencies: number[];
  /** Calls per second, per round. */
  throughput: number[];
  /** CPU time of the process the client talks to, µs per call, per round. */
  cpu: number[];
}

/** User + system CPU time of a process, in µs (Linux `/proc`; undefined elsewhere). */
function cpuMicros(pid: number | null): number | undefined {
  if (pid === null) return undefined;
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) env[name] = value;
  return { ...env, ...extra };
}

async function runCalls(
  scenario: Scenario,
  calls: number,
  warmup: number,
): Promise<{ latencies: number[]; seconds: number; cpuPerCall?: number }> {
  const [command, ...args] = scenario.command;
  if (command === undefined) throw new Error('empty command');
  const transport = new StdioClientTransport({
    command,
    args,
    env: baseEnv(scenario.env),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'mcp-warden-bench', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  try {
    await client.listTools();
    const call = () =>
      client.callTool({ name: 'echo', arguments: { message: 'hello from the benchmark' } });
    for (let index = 0; index < warmup; index++) await call();
    const latencies: number[] = [];
    const cpuBefore = cpuMicros(transport.pid);
    const started = performance.now();
    for (let index = 0; index < calls; index++) {
      const before = performance.now();
      const result = await call();
      latencies.push(performance.now() - before);
      if (result.isError === true)
        throw new Error(`${scenario.id}: echo failed: ${JSON.stringify(result.content)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuMicros(transport.pid);
    return {
      latencies,
      seconds,
      ...(cpuBefore === undefined || cpuAfter === undefined
        ? {}
        : { cpuPerCall: (cpuAfter - cpuBefore) / calls }),
    };
  } finally {
    await client.close();
  }
}

function spec(): ServerSpec {
  return {
    name: SERVER,
    client: 'generic',
    scope: 'project',
    source: { file: 'bench', pointer: '', line: 1, column: 1 },
    transport: 'stdio',
    command: process.execPath,
    args: [everything],
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: {},
  };
}

/** Writes the two policies (and the lockfile the strict one pins against). */
async function preparePolicies(
  dir: string,
): Promise<{ defaults: string; strict: string; strictPolicy: Policy }> {
  const connected = await connectServer(spec(), { sandbox: 'none' });
  if (!connected.ok) throw new Error(`cannot pin server-everything: ${connected.error}`);
  const lockfile = join(dir, 'mcp-warden.lock.json');
  writeFileSync(lockfile, JSON.stringify(createLockfile([connected.snapshot]), null, 2));
  // The default policy, except the rate limit: 120 calls a minute would stop the benchmark.
  const defaults = join(dir, 'default.policy.yaml');
  writeFileSync(defaults, 'version: 1\ndefaults:\n  limits:\n    rate: { perMinute: 1000000 }\n');
  const strictData = {
    version: 1,
    defaults: {
      action: 'allow',
      validateArguments: true,
      pins: 'enforce',
      lockfile,
      limits: {
        rate: { perMinute: 1_000_000, perHour: 100_000_000 },
        concurrency: 8,
        timeoutMs: 60_000,
        maxResponseBytes: 4_194_304,
      },
      screening: {
        secrets: 'redact',
        pii: 'redact',
        injection: 'block',
        hiddenText: 'strip',
        poisonedDefinitions: 'withhold',
      },
      flows: { action: 'deny', afterUntrusted: ['outbound', 'financial', 'destructive'] },
    },
    limits: { global: { rate: { perMinute: 1_000_000 }, concurrency: 16 } },
    audit: { fsync: 'interval', hmacKeyEnv: 'MCP_WARDEN_BENCH_HMAC' },
    servers: {
      [SERVER]: {
        trust: 'trusted',
        pins: 'enforce',
        limits: { rate: { perMinute: 1_000_000 }, concurrency: 8, timeoutMs: 60_000 },
        tools: {
          echo: {
            action: 'allow',
            arguments: { message: { maxLength: 4096, pattern: '[\\s\\S]*' } },
            limits: {
              rate: { perMinute: 1_000_000 },
              concurrency: 4,
              timeoutMs: 30_000,
              maxResponseBytes: 1_048_576,
            },
          },
        },
      },
    },
  };
  const strictPolicy = Policy.parse(strictData);
  const strict = join(dir, 'strict.policy.yaml');
  writeFileSync(strict, `${JSON.stringify(strictData, null, 2)}\n`);
  return { defaults, strict, strictPolicy };
}

interface BreakdownRow {
  label: string;
  p50: number;
  cpu?: number;
}

async function runBreakdown(calls: number, warmup: number): Promise<BreakdownRow[]> {
  const parts: [string, Record<string, string>][] = [
    ['forwarder alone', {}],
    ...GATEWAY_CONTROLS.map((control): [string, Record<string, string>] => [
      `+ ${control.id}`,
      { MCP_WARDEN_BENCH_CONTROLS: control.id },
    ]),
    ['+ audit log', { MCP_WARDEN_BENCH_AUDIT: '1' }],
    ['+ every control', { MCP_WARDEN_BENCH_CONTROLS: 'all' }],
    [
      '+ every control + audit log',
      { MCP_WARDEN_BENCH_CONTROLS: 'all', MCP_WARDEN_BENCH_AUDIT: '1' },
    ],
  ];
  const rows: BreakdownRow[] = [];
  for (const [label, env] of parts) {
    const scenario: Scenario = {
      id: `breakdown:${label}`,
      label,
      command: [process.execPath, bareWrap, process.execPath, everything],
      env,
    };
    const { latencies, cpuPerCall } = await runCalls(scenario, calls, warmup);
    const sorted = [...latencies].sort((a, b) => a - b);
    rows.push({
      label,
      p50: percentile(sorted, 50),
      ...(cpuPerCall === undefined ? {} : { cpu: cpuPerCall }),
    });
    console.error(`breakdown ${label}: ${percentile(sorted, 50).toFixed(3)} ms`);
  }
  return rows;
}

function format(
  samples: Sample[],
  screening: ScreeningResult[],
  calls: number,
  rounds: number,
  breakdown: BreakdownRow[],
): string {
  const floor = samples.find((sample) => sample.scenario.id === 'relay');
  const stats = samples.map((sample) => {
    const sorted = [...sample.latencies].sort((a, b) => a - b);
    return {
      sample,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      throughput: sample.throughput.reduce((a, b) => a + b, 0) / sample.throughput.length,
      cpu:
        sample.cpu.length === 0
          ? undefined
          : sample.cpu.reduce((a, b) => a + b, 0) / sample.cpu.length,
    };
  });
  const floorP50 = stats.find((entry) => entry.sample === floor)?.p50 ?? Number.NaN;
  const strictP50 = stats.find((entry) => entry.sample.scenario.id === 'wrap-strict')?.p50;
  const strictRatio = strictP50 === undefined ? Number.NaN : strictP50 / floorP50;
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench -- ${breakdown.length > 0 ? '--breakdown ' : ''}--write-docs\`; numbers from one run on one machine.`,
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${cpu}, ${String(cpus().length)} CPUs, ${process.platform} ${process.arch}`,
    `- Node: ${process.version}`,
    `- Workload: ${String(rounds)} rounds × ${String(calls)} sequential \`tools/call echo\` against \`@modelcontextprotocol/server-everything\` over stdio, one SDK v2 client; each round starts fresh processes; scenarios interleave round by round.`,
    '',
    '## Per-call latency',
    '',
    '| path | p50 (ms) | p99 (ms) | calls/s | p50 vs raw pipe | CPU of the middle process (µs/call) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...stats.map(
      (entry) =>
        `| ${entry.sample.scenario.label} | ${entry.p50.toFixed(3)} | ${entry.p99.toFixed(3)} | ${entry.throughput.toFixed(0)} | ${(entry.p50 / floorP50).toFixed(2)}× | ${entry.sample.scenario.id === 'direct' || entry.cpu === undefined ? '—' : entry.cpu.toFixed(0)} |`,
    ),
    '',
    `Target (DESIGN.md): every control on within 1.2× of the raw pipe — ${strictRatio <= 1.2 ? 'met' : 'not met'} in this run (${strictRatio.toFixed(2)}×).`,
    '',
    '- **direct**: the SDK client spawns the server itself.',
    '- **raw pipe**: a relay process that copies bytes both ways and understands nothing (`bench/relay.ts`) — the floor of any stdio gateway.',
    '- **wrap’s forwarder alone**: the gateway’s per-message path (framing, one parse, classification, correlation, deadlines, an empty control chain) without controls and without the audit log (`bench/bare-wrap.ts`; not a CLI mode).',
    '- **wrap, default policy**: `mcp-warden wrap` with the built-in policy and every default control (limits, tool access, pins, definitions, arguments, output screening, flow control) plus the hash-chained audit log; only the rate limit is raised so that the run is not throttled.',
    '- **wrap, every control on**: a lockfile pinning every definition, argument constraints on `echo`, limits at tool, server and global level, every screen at its strictest (`secrets: redact`, `pii: redact`, `injection: block`), flow control, and an HMAC-signed audit log.',
    '',
    ...(breakdown.length === 0
      ? []
      : [
          '## Where the time goes',
          '',
          `One round of ${String(calls)} calls per line: the forwarder alone, then each control alone on top of it (default policy, rate limit raised), then the audit log, then everything. CPU is what the gateway process spent per call (user + system, all threads); it is steadier than latency on a shared machine.`,
          '',
          '| gateway | p50 (ms) | CPU (µs/call) | CPU over the forwarder (µs/call) |',
          '| --- | ---: | ---: | ---: |',
          ...breakdown.map((row, index) => {
            const base = breakdown[0]?.cpu;
            const extra = row.cpu !== undefined && base !== undefined ? row.cpu - base : undefined;
            return `| ${row.label} | ${row.p50.toFixed(3)} | ${row.cpu === undefined ? '—' : row.cpu.toFixed(0)} | ${extra === undefined || index === 0 ? '—' : extra.toFixed(0)} |`;
          }),
          '',
        ]),
    '## Output screening',
    '',
    'One `tools/call` result of 1 MiB of ordinary text (prose, code, JSON, log lines, a few e-mail addresses, one token).',
    '',
    '| what | MB/s | ms per MiB |',
    '| --- | ---: | ---: |',
    ...screening.map(
      (entry) =>
        `| ${entry.label} | ${entry.mbPerSecond.toFixed(1)} | ${entry.msPerMiB.toFixed(1)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '200' },
      'write-docs': { type: 'boolean', default: false },
      breakdown: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const calls = Number(values.calls);
  const rounds = Number(values.rounds);
  const warmup = Number(values.warmup);
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-bench-'));
  const policies = await preparePolicies(dir);
  const gatewayEnv = {
    XDG_STATE_HOME: join(dir, 'state'),
    MCP_WARDEN_BENCH_HMAC: 'bench-hmac-key-0123456789',
  };
  const scenarios: Scenario[] = [
    {
      id: 'direct',
      label: 'direct (SDK client ↔ server)',
      command: [process.execPath, everything],
    },
    {
      id: 'relay',
      label: 'raw pipe (byte relay)',
      command: [process.execPath, relay, process.execPath, everything],
    },
    {
      id: 'forwarder',
      label: 'wrap’s forwarder alone (no controls, no audit)',
      command: [process.execPath, bareWrap, process.execPath, everything],
    },
    {
      id: 'wrap-default',
      label: 'wrap, default policy',
      command: [
        process.execPath,
        bin,
        'wrap',
        '--policy',
        policies.defaults,
        '--audit-log',
        join(dir, 'default.audit.jsonl'),
        '--',
        process.execPath,
        everything,
      ],
      env: gatewayEnv,
    },
    {
      id: 'wrap-strict',
      label: 'wrap, every control on',
      command: [
        process.execPath,
        bin,
        'wrap',
        '--policy',
        policies.strict,
        '--audit-log',
        join(dir, 'strict.audit.jsonl'),
        '--',
        process.execPath,
        everything,
      ],
      env: gatewayEnv,
    },
  ];
  const samples: Sample[] = scenarios.map((scenario) => ({
    scenario,
    latencies: [],
    throughput: [],
    cpu: [],
  }));
  for (let round = 0; round < rounds; round++) {
    for (const sample of samples) {
      const { latencies, seconds, cpuPerCall } = await runCalls(sample.scenario, calls, warmup);
      sample.latencies.push(...latencies);
      sample.throughput.push(calls / seconds);
      if (cpuPerCall !== undefined) sample.cpu.push(cpuPerCall);
      console.error(
        `round ${String(round + 1)}/${String(rounds)} ${sample.scenario.id}: ${(calls / seconds).toFixed(0)} calls/s`,
      );
    }
  }
  const breakdown = values.breakdown ? await runBreakdown(calls, warmup) : [];
  const screening = await benchScreening(policies.strictPolicy);
  const report = format(samples, screening, calls, rounds, breakdown);
  console.log(report);
  if (values['write-docs']) {
    const path = join(root, 'docs', 'benchmarks.md');
    writeFileSync(path, `${report}${startupSection(path)}`);
    console.error(`wrote ${relative(root, path)}`);
  }
  return 0;
}

/**
 * The start-up section comes from `npm run bench:startup` (bench/startup.ts), a separate run:
 * rewriting the per-call figures keeps it.
 */
function startupSection(path: string): string {
  const heading = '\n## Start-up and resident memory\n';
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = previous.indexOf(heading);
  return at === -1 ? '' : previous.slice(at);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
