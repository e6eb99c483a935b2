import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readLinesOf, removeTempDirs, tempDir } from './__fixtures__/helpers.js';
import { openAuditLog } from './log.js';
import type { AuditRecord } from './record.js';
import { verifyAuditLog } from './verify.js';

afterEach(removeTempDirs);

const loader = new URL('./__fixtures__/ts-loader.mjs', import.meta.url).href;
const child = fileURLToPath(new URL('./__fixtures__/append-forever.mjs', import.meta.url));

/**
 * Starts a real node process that appends records as fast as it can, waits until it has
 * acknowledged `acks` of them (each acknowledgement printed after `append` returned), then
 * SIGKILLs it mid-stream. Returns the seqs it acknowledged.
 */
async function appendThenKill(file: string, fsync: string, acks: number): Promise<number[]> {
  const proc = spawn(process.execPath, ['--import', loader, child, file, fsync], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(proc, 'exit');
  const acknowledged: number[] = [];
  for await (const line of createInterface({ input: proc.stdout })) {
    if (line.startsWith('ready')) continue;
    acknowledged.push(Number(line));
    if (acknowledged.length === acks) {
      proc.kill('SIGKILL');
      break;
    }
  }
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });
  return acknowledged;
}

describe.each(['never', 'interval', 'always'])(
  'a writer killed with SIGKILL (fsync: %s)',
  (fsync) => {
    it('leaves every record it acknowledged in the file, and a log that verifies', async () => {
      const file = join(tempDir(), 'audit.jsonl');
      const acknowledged = await appendThenKill(file, fsync, 400);

      const records = readLinesOf(file).map((line) => JSON.parse(line) as AuditRecord);
      const seqs = new Set(records.map((record) => record.seq));
      for (const seq of acknowledged) expect(seqs.has(seq), `seq ${String(seq)}`).toBe(true);
      expect(records.length).toBeGreaterThanOrEqual(acknowledged.length + 1);

      const result = await verifyAuditLog(file);
      expect(result.firstBad).toBeUndefined();
      expect(result.valid).toBe(true);
      expect(result.closed).toBe(false);
      expect(result.warnings.map((w) => w.kind)).toContain('not-closed');

      // The next writer takes over the dead one's lock and goes on with the chain.
      const log = await openAuditLog({ file, fsync: 'never' });
      expect(log.opened).toEqual({ resumed: true, cleanShutdown: false });
      await log.close();
      expect(await verifyAuditLog(file)).toMatchObject({
        valid: true,
        closed: true,
        records: records.length + 2,
      });
    });
  },
);
