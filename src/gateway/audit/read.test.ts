import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, requestEvent, tempDir, writeLog } from './__fixtures__/helpers.js';
import { auditCsvRow, formatAuditLine } from './export.js';
import { openAuditLog } from './log.js';
import { followAuditLog, lastAuditRecords, readLines } from './read.js';
import type { AuditRecord } from './record.js';
import { linesBackward, MAX_LINE_BYTES } from './tail.js';

afterEach(removeTempDirs);

describe('reading lines', () => {
  it('reads lines both ways, telling a cut last line from a whole one', async () => {
    const file = join(tempDir(), 'lines.txt');
    writeFileSync(file, 'one\n\nthree\nfour');
    const forward = [];
    for await (const line of readLines(file)) forward.push([line.line, line.text, line.terminated]);
    expect(forward).toEqual([
      [1, 'one', true],
      [2, '', true],
      [3, 'three', true],
      [4, 'four', false],
    ]);
    const fd = openSync(file, 'r');
    const backward = [...linesBackward(fd)].map((line) => [line.text, line.terminated, line.start]);
    closeSync(fd);
    expect(backward).toEqual([
      ['four', false, 11],
      ['three', true, 5],
      ['', true, 4],
      ['one', true, 0],
    ]);
  });

  it('does not hold a line longer than any record in memory', async () => {
    const file = join(tempDir(), 'huge.txt');
    writeFileSync(file, `ok\n${'x'.repeat(MAX_LINE_BYTES + 10)}\nlast\n`);
    const forward = [];
    for await (const line of readLines(file)) forward.push([line.text.length, line.oversize]);
    expect(forward).toEqual([
      [2, false],
      [0, true],
      [4, false],
    ]);
    const fd = openSync(file, 'r');
    const backward = [...linesBackward(fd)].map((line) => [line.text, line.oversize, line.start]);
    closeSync(fd);
    expect(backward).toEqual([
      ['last', false, MAX_LINE_BYTES + 14],
      ['', true, 3],
      ['ok', false, 0],
    ]);
  });
});

describe('lastAuditRecords and followAuditLog', () => {
  it('returns the last records across rotated files, oldest first', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 700 });
    for (let n = 1; n <= 4; n++) log.append(requestEvent(n));
    await log.close();
    const { records } = lastAuditRecords(file, 4);
    const seqs = records.map((entry) => entry.record.seq);
    expect(seqs).toEqual([seqs[0], (seqs[0] ?? 0) + 1, (seqs[0] ?? 0) + 2, (seqs[0] ?? 0) + 3]);
    expect(records.at(-1)?.record.event).toBe('closed');
  });

  it('follows appended records across rotations, missing none, until aborted', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 1);
    const { activeSize } = lastAuditRecords(file, 1);
    const controller = new AbortController();
    const seen: AuditRecord[] = [];
    let polled!: () => void;
    const firstPoll = new Promise<void>((resolve) => (polled = resolve));
    const following = (async () => {
      for await (const record of followAuditLog(file, {
        from: activeSize,
        intervalMs: 50,
        signal: controller.signal,
      })) {
        seen.push(record);
        if (record.event === 'closed') controller.abort();
      }
    })();
    setTimeout(polled, 20);
    await firstPoll;
    // Several rotations happen between two polls of the follower.
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 700 });
    for (let n = 2; n <= 7; n++) log.append(requestEvent(n));
    await log.close();
    await following;
    const seqs = seen.map((record) => record.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 4 + i));
    expect(seen.filter((record) => record.event === 'rotated-from').length).toBeGreaterThan(2);
    expect(seen.filter((record) => record.type === 'request')).toHaveLength(6);
  });
});

describe('formatting records', () => {
  const record: AuditRecord = {
    v: 1,
    seq: 9,
    ts: '2026-01-05T10:00:00.000Z',
    type: 'response',
    server: 'files',
    direction: 'server-to-client',
    method: 'tools/call',
    id: 'a',
    tool: 'read\u001b[2Jfile',
    summary: { bytes: 10, errorCode: -32001 },
    prev: 'genesis',
    hash: 'sha256:00',
  };

  it('draws a line with no terminal escapes from the log', () => {
    expect(formatAuditLine(record)).toBe(
      '2026-01-05T10:00:00.000Z #9 files ← tools/call read�[2Jfile (id "a") error -32001',
    );
  });

  it('puts nested values in CSV as JSON', () => {
    expect(auditCsvRow(record)).toBe(
      '9,2026-01-05T10:00:00.000Z,response,,files,server-to-client,tools/call,a,read\u001b[2Jfile,,,,,"{""bytes"":10,""errorCode"":-32001}",,genesis,sha256:00,\r\n',
    );
  });
});
