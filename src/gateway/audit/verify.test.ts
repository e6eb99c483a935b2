import { appendFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../pin/canonical.js';
import {
  readLinesOf,
  removeTempDirs,
  requestEvent,
  tempDir,
  writeLinesOf,
  writeLog,
} from './__fixtures__/helpers.js';
import { openAuditLog } from './log.js';
import { headPath, rotatedPath } from './paths.js';
import { bodyOf } from './record.js';
import { verifyAuditLog } from './verify.js';

afterEach(removeTempDirs);

const KEY = Buffer.from('a key the attacker does not have');

/** A closed log of 6 requests: lines 1 `opened`, 2–7 requests (seq 2–7), 8 `closed`. */
async function sixRequests(options: { hmacKey?: Buffer } = {}): Promise<string> {
  const file = join(tempDir(), 'audit.jsonl');
  await writeLog(file, 6, options);
  return file;
}

function editLine(file: string, index: number, edit: (record: Record<string, unknown>) => void) {
  const lines = readLinesOf(file);
  const record = JSON.parse(lines[index] ?? '') as Record<string, unknown>;
  edit(record);
  lines[index] = JSON.stringify(record);
  writeLinesOf(file, lines);
}

describe('verifyAuditLog', () => {
  it('finds an edited field by its hash', async () => {
    const file = await sixRequests();
    editLine(file, 3, (record) => {
      record.tool = 'delete_repo';
    });
    const result = await verifyAuditLog(file);
    expect(result.valid).toBe(false);
    expect(result.firstBad).toMatchObject({ file, line: 4, seq: 4, reason: 'hash-mismatch' });
    expect(result.records).toBe(3);
  });

  it('finds an edited record whose hash was recomputed by the next prev, and by its HMAC', async () => {
    const file = await sixRequests({ hmacKey: KEY });
    editLine(file, 3, (record) => {
      record.tool = 'delete_repo';
      record.hash = canonicalHash(bodyOf(record));
    });
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      line: 5,
      seq: 5,
      reason: 'prev-mismatch',
    });
    expect((await verifyAuditLog(file, { hmacKey: KEY })).firstBad).toMatchObject({
      line: 4,
      seq: 4,
      reason: 'hmac-mismatch',
    });
  });

  it('finds a deleted record by the gap in seq', async () => {
    const file = await sixRequests();
    const lines = readLinesOf(file);
    lines.splice(4, 1);
    writeLinesOf(file, lines);
    const { firstBad } = await verifyAuditLog(file);
    expect(firstBad).toMatchObject({ line: 5, seq: 6, reason: 'seq-gap' });
    expect(firstBad?.message).toBe('record seq 5 is missing: it was deleted');
  });

  it('finds two swapped records as a reordering', async () => {
    const file = await sixRequests();
    const lines = readLinesOf(file);
    [lines[3], lines[4]] = [lines[4] ?? '', lines[3] ?? ''];
    writeLinesOf(file, lines);
    const { firstBad } = await verifyAuditLog(file);
    expect(firstBad).toMatchObject({ line: 4, seq: 5, reason: 'out-of-order' });
  });

  it('finds records cut off the end through the sidecar', async () => {
    const file = await sixRequests();
    writeLinesOf(file, readLinesOf(file).slice(0, -2));
    const { firstBad } = await verifyAuditLog(file);
    expect(firstBad).toMatchObject({ file, line: 7, seq: 7, reason: 'truncated' });
    expect(firstBad?.message).toContain('the log ends at seq 6 but its sidecar records seq 8');
  });

  it('finds a file cut in the middle of a record', async () => {
    const file = await sixRequests();
    const size = readFileSync(file).length;
    truncateSync(file, size - 40);
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      line: 8,
      seq: 8,
      reason: 'truncated',
    });
  });

  it('says what it cannot prove when the sidecar is gone and the closed record was cut', async () => {
    const file = await sixRequests();
    writeLinesOf(file, readLinesOf(file).slice(0, -1));
    rmSync(headPath(file));
    const result = await verifyAuditLog(file);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.kind).sort()).toEqual(['no-head', 'not-closed']);
  });

  it('rejects every record under the wrong HMAC key, and a log without HMACs under any key', async () => {
    const file = await sixRequests({ hmacKey: KEY });
    expect((await verifyAuditLog(file, { hmacKey: Buffer.from('wrong') })).firstBad).toMatchObject({
      line: 1,
      seq: 1,
      reason: 'hmac-mismatch',
    });
    const plain = await sixRequests();
    expect((await verifyAuditLog(plain, { hmacKey: KEY })).firstBad).toMatchObject({
      line: 1,
      reason: 'hmac-missing',
    });
    const unchecked = await verifyAuditLog(file);
    expect(unchecked.valid).toBe(true);
    expect(unchecked.warnings.map((w) => w.kind)).toContain('hmac-unchecked');
  });

  it('finds a garbage line', async () => {
    const file = await sixRequests();
    const lines = readLinesOf(file);
    lines.splice(2, 0, 'rm -rf / # not a record');
    writeLinesOf(file, lines);
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      line: 3,
      reason: 'invalid-json',
    });
  });

  it('finds a JSON line that is not a record', async () => {
    const file = await sixRequests();
    const lines = readLinesOf(file);
    lines.splice(2, 0, '{"hello":"world"}');
    writeLinesOf(file, lines);
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      line: 3,
      reason: 'invalid-record',
    });
  });

  it('finds a log whose first records were deleted', async () => {
    const file = await sixRequests();
    writeLinesOf(file, readLinesOf(file).slice(2));
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      line: 1,
      seq: 3,
      reason: 'missing-start',
    });
  });

  it('finds a sidecar that names a different hash (the log was rewritten)', async () => {
    const file = await sixRequests();
    const head = readFileSync(headPath(file), 'utf8');
    writeFileSync(headPath(file), head.replace(/sha256:[0-9a-f]{4}/, 'sha256:0000'));
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      file: headPath(file),
      reason: 'head-mismatch',
    });
  });

  it('proves a chain across three rotated files and finds tampering in the middle one', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 700 });
    for (let n = 1; n <= 4; n++) log.append(requestEvent(n));
    await log.close();
    const valid = await verifyAuditLog(file);
    expect(valid.valid).toBe(true);
    expect(valid.files.map((f) => f.path)).toEqual([
      rotatedPath(file, 1),
      rotatedPath(file, 2),
      rotatedPath(file, 3),
      file,
    ]);
    expect(valid.files.every((f) => f.records > 0)).toBe(true);

    const middle = rotatedPath(file, 2);
    editLine(middle, 1, (record) => {
      record.server = 'elsewhere';
    });
    const tampered = await verifyAuditLog(file);
    expect(tampered.firstBad).toMatchObject({ file: middle, line: 2, reason: 'hash-mismatch' });
    expect(tampered.firstBad?.seq).toBe((valid.files[0]?.lastSeq ?? 0) + 2);
  });

  it('finds a deleted middle file', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 700 });
    for (let n = 1; n <= 4; n++) log.append(requestEvent(n));
    await log.close();
    rmSync(rotatedPath(file, 2));
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      file: rotatedPath(file, 3),
      line: 1,
      reason: 'seq-gap',
    });
  });

  it('takes a directory and finds its audit.jsonl, or a list of files in order', async () => {
    const file = await sixRequests();
    const dir = join(file, '..');
    expect(await verifyAuditLog(dir)).toMatchObject({ valid: true, records: 8 });
    expect(await verifyAuditLog([file])).toMatchObject({ valid: true, records: 8 });
  });

  it('throws a FILE_NOT_FOUND error for a log that does not exist', async () => {
    await expect(verifyAuditLog(join(tempDir(), 'none.jsonl'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('does not acknowledge a corrupt end that no recovered record accounts for', async () => {
    const file = await sixRequests();
    appendFileSync(file, 'garbage\n');
    const log = await openAuditLog({ file, fsync: 'never' });
    await log.close();
    // The writer recovered (audit.1.jsonl holds the garbage). Remove its recovered record: the
    // garbage is a failure again.
    const lines = readLinesOf(file);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ event: 'recovered' });
    expect((await verifyAuditLog(file)).valid).toBe(true);
    writeLinesOf(file, lines.slice(1));
    expect((await verifyAuditLog(file)).firstBad).toMatchObject({
      file: rotatedPath(file, 1),
      line: 9,
      reason: 'invalid-json',
    });
  });
});
