import { DEFAULT_POLICY, ServerPolicy } from '../src/core/config/schema.js';
import { startWrap } from '../src/gateway/wrap.js';

/**
 * The forwarder alone: `wrap`'s per-message path (framing, parsing, classification, correlation,
 * deadlines, the pipeline with no control in it) without controls and without the audit log.
 * `node bare-wrap.js <command> [args…]`. For the benchmark only: never run servers like this.
 */
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: bare-wrap.js <command> [args…]');
  process.exit(2);
}
const gateway = await startWrap(
  { name: 'bench', serverPolicy: ServerPolicy.parse({}), command, args },
  {
    policy: DEFAULT_POLICY,
    middlewares: [],
    input: process.stdin,
    output: process.stdout,
    log: (text) => process.stderr.write(`${text}\n`),
  },
);
process.exitCode = await gateway.done;
process.stdin.destroy();
