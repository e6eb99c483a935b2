import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Policy, ServerPolicy } from '../src/core/config/schema.js';
import { openAuditLog } from '../src/gateway/audit/index.js';
import { GATEWAY_CONTROLS } from '../src/gateway/middleware/index.js';
import { startWrap } from '../src/gateway/wrap.js';

/**
 * `wrap`'s per-message path with a chosen set of controls, to see what each costs:
 * `MCP_WARDEN_BENCH_CONTROLS=limits,flow-control` (ids, or `all`; default none) and
 * `MCP_WARDEN_BENCH_AUDIT=1` (an audit log in the temp directory). With neither, it is the
 * forwarder alone: framing, parsing, classification, correlation, deadlines, an empty chain.
 * `node bare-wrap.js <command> [args…]`. For the benchmark only: never run servers like this.
 */
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: bare-wrap.js <command> [args…]');
  process.exit(2);
}
const policy = Policy.parse({
  version: 1,
  defaults: { limits: { rate: { perMinute: 1_000_000 } } },
});
const wanted = (process.env.MCP_WARDEN_BENCH_CONTROLS ?? '').split(',').filter((id) => id !== '');
const middlewares = GATEWAY_CONTROLS.filter(
  (control) => wanted.includes('all') || wanted.includes(control.id),
).map((control) => ({ id: control.id, middleware: control.create(policy, {}) }));
const audit =
  process.env.MCP_WARDEN_BENCH_AUDIT === '1'
    ? await openAuditLog({
        file: join(tmpdir(), `mcp-warden-bench-${String(process.pid)}.jsonl`),
        fsync: 'interval',
        fsyncIntervalMs: 1000,
      })
    : undefined;
const gateway = await startWrap(
  { name: 'bench', serverPolicy: ServerPolicy.parse({}), command, args },
  {
    policy,
    middlewares,
    audit,
    input: process.stdin,
    output: process.stdout,
    log: (text) => process.stderr.write(`${text}\n`),
  },
);
process.exitCode = await gateway.done;
await audit?.close();
process.stdin.destroy();
