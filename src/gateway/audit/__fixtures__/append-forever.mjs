// Child for the kill -9 test: opens the audit log named by argv[2] and appends records as fast
// as it can, printing each seq on stdout once `append` has returned. The parent kills it.
import { openAuditLog } from '../index.js';

const [file, fsync = 'never'] = process.argv.slice(2);
const log = await openAuditLog({ file, fsync, fsyncIntervalMs: 5 });
process.stdout.write(`ready ${log.lastSeq}\n`);
for (let i = 0; ; i++) {
  const record = log.append({
    type: 'request',
    server: 'child',
    direction: 'client-to-server',
    method: 'tools/call',
    id: i,
    tool: 'echo',
    args: { text: `message ${i}`, padding: 'x'.repeat(i % 200) },
  });
  process.stdout.write(`${record.seq}\n`);
  if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
}
