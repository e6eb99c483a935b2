import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readLinesOf,
  removeTempDirs,
  requestEvent,
  steppingClock,
  tempDir,
  writeLinesOf,
  writeLog,
} from './__fixtures__/helpers.js';
import { readHead } from './head.js';
import { hmacKeyFromEnv, openAuditLog } from './log.js';
import { headPath, lockPath, rotatedPath } from './paths.js';
import { canonicalHash } from '../../pin/canonical.js';
import {
  bodyOf,
  GENESIS,
  hmacOf,
  recordBody,
  redactArgs,
  sealLine,
  sealRecord,
  summarizeMessage,
  type AuditEvent,
  type AuditRecord,
} from './record.js';
import { verifyAuditLog } from './verify.js';

afterEach(removeTempDirs);

function records(file: string): AuditRecord[] {
  return readLinesOf(file).map((line) => JSON.parse(line) as AuditRecord);
}

const GITHUB_TOKEN = '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';

describe('openAuditLog', () => {
  it('writes hash-chained JSON Lines that verify, from an opened record to a closed one', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'always', clock: steppingClock() });
    const appended = log.append(requestEvent(1));
    log.append({
      type: 'decision',
      server: 'github',
      tool: 'create_issue',
      decision: {
        control: 'arguments',
        action: 'deny',
        reason: 'path outside allowPaths',
        checklist: ['server.api.input-validation'],
      },
    });
    await log.close();

    const written = records(file);
    expect(written.map((r) => [r.seq, r.type, r.event])).toEqual([
      [1, 'lifecycle', 'opened'],
      [2, 'request', undefined],
      [3, 'decision', undefined],
      [4, 'lifecycle', 'closed'],
    ]);
    expect(written[0]?.prev).toBe(GENESIS);
    for (let i = 1; i < written.length; i++) expect(written[i]?.prev).toBe(written[i - 1]?.hash);
    expect(written[1]).toEqual(appended);
    expect(written[1]).toMatchObject({
      v: 1,
      ts: '2026-01-05T10:00:01.000Z',
      server: 'github',
      direction: 'client-to-server',
      method: 'tools/call',
      id: 1,
      tool: 'create_issue',
      args: { title: 'issue 1' },
    });
    expect(written[1]?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const result = await verifyAuditLog(file);
    expect(result).toMatchObject({ valid: true, records: 4, lastSeq: 4, closed: true });
    expect(result.warnings).toEqual([]);
  });

  it('seals each record with the canonical hash and HMAC of its body (one serialisation for both)', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const hmacKey = randomBytes(32);
    const log = await openAuditLog({ file, fsync: 'never', hmacKey });
    log.append(requestEvent(1));
    log.append({ ...requestEvent(2), args: { b: [1, 'x'], a: { '10': true, '2': null } } });
    await log.close();
    const written = records(file);
    expect(written).toHaveLength(4);
    for (const record of written) {
      const body = bodyOf(record as unknown as Record<string, unknown>);
      expect(record.hash).toBe(canonicalHash(body));
      expect(record.hmac).toBe(hmacOf(body, hmacKey));
    }
  });

  it('writes a line that parses to the record append returned, fields in order, prev and hash last', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const hmacKey = randomBytes(32);
    const log = await openAuditLog({ file, fsync: 'never', hmacKey });
    const appended = log.append({
      ...requestEvent(1),
      summary: { zeta: 1, alpha: 'é\u2028"' },
      args: { b: [1, 'x'], a: { '10': true, '2': null } },
    });
    await log.close();
    const line = readFileSync(file, 'utf8').split('\n')[1] ?? '';
    expect(JSON.parse(line)).toEqual(appended);
    expect(line).toMatch(/^\{"v":1,"seq":2,"ts":"[^"]+","type":"request",/);
    expect(line).toMatch(
      /,"prev":"sha256:[0-9a-f]{64}","hash":"sha256:[0-9a-f]{64}","hmac":"hmac-sha256:[0-9a-f]{64}"\}$/,
    );
    expect(Object.keys(JSON.parse(line) as object)).toEqual(Object.keys(appended));
  });

  it('serialises a record once into the same seals as sealRecord, and a line that parses to it', () => {
    const hmacKey = randomBytes(32);
    const position = { seq: 9, ts: '2026-01-05T10:00:01.000Z', prev: GENESIS };
    const events: AuditEvent[] = [
      requestEvent(1),
      { type: 'lifecycle', event: 'opened', summary: { pid: 1, resumed: false, hmac: true } },
      { ...requestEvent(2), id: 'req-é\u2028', args: { z: [1, { y: null, x: 'ü' }], a: '"q"' } },
      {
        type: 'decision',
        server: 's',
        direction: 'server-to-client',
        method: 'tools/call',
        id: null,
        decision: { control: 'limits', action: 'deny', reason: 'no', checklist: ['a', 'b'] },
      },
    ];
    for (const event of events) {
      const body = recordBody(event, position);
      for (const key of [undefined, hmacKey]) {
        const { record, line } = sealLine(body, key);
        expect(record).toEqual(sealRecord(body, key));
        expect(line.endsWith('}\n')).toBe(true);
        expect(JSON.parse(line)).toEqual(record);
      }
    }
    const odd = { ...recordBody(requestEvent(3), position), 'x"y': 1 };
    expect(sealLine(odd).record).toEqual(sealRecord(odd));
    expect(JSON.parse(sealLine(odd).line)).toEqual(sealLine(odd).record);
  });

  it('hands every record to the OS before append returns', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never' });
    log.append(requestEvent(1));
    expect(readLinesOf(file)).toHaveLength(2);
    log.append(requestEvent(2));
    expect(readLinesOf(file)).toHaveLength(3);
    await log.close();
  });

  it('updates the sidecar after each fsync with fsync: always, and on close otherwise', async () => {
    const dir = tempDir();
    const always = await openAuditLog({ file: join(dir, 'a.jsonl'), fsync: 'always' });
    const record = always.append(requestEvent(1));
    expect(readHead(headPath(join(dir, 'a.jsonl')))).toEqual({
      status: 'ok',
      head: { v: 1, seq: 2, hash: record.hash },
    });
    await always.close();

    const never = await openAuditLog({ file: join(dir, 'n.jsonl'), fsync: 'never' });
    never.append(requestEvent(1));
    expect(readHead(headPath(join(dir, 'n.jsonl')))).toMatchObject({ head: { seq: 1 } });
    await never.close();
    expect(readHead(headPath(join(dir, 'n.jsonl')))).toMatchObject({
      head: { seq: 3, hash: never.lastHash },
    });
  });

  it('fsyncs on a timer with fsync: interval, off the event loop, then updates the sidecar', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const synced: ({ seq: number } | { error: Error })[] = [];
    let wake: () => void = () => undefined;
    const log = await openAuditLog({
      file,
      fsync: 'interval',
      fsyncIntervalMs: 10,
      onIntervalSync: (result) => {
        synced.push(result);
        wake();
      },
    });
    log.append(requestEvent(1));
    const hash = log.lastHash;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    expect(synced).toEqual([{ seq: 2 }]);
    expect(readHead(headPath(file))).toMatchObject({ head: { seq: 2, hash } });
    // Appending goes on while a sync is under way; close waits for it and names the last record.
    log.append(requestEvent(2));
    await log.close();
    expect(readHead(headPath(file))).toMatchObject({ head: { seq: 4, hash: log.lastHash } });
  });

  it('continues the chain when it resumes an existing log', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 2);
    const before = records(file);
    const log = await openAuditLog({ file, fsync: 'never' });
    expect(log.opened).toEqual({ resumed: true, cleanShutdown: true });
    const next = log.append(requestEvent(3));
    await log.close();

    const after = records(file);
    expect(after.slice(0, before.length)).toEqual(before);
    const reopened = after[before.length];
    expect(reopened).toMatchObject({
      seq: 5,
      event: 'opened',
      prev: before.at(-1)?.hash,
      summary: { resumed: true, cleanShutdown: true },
    });
    expect(next.seq).toBe(6);
    expect(await verifyAuditLog(file)).toMatchObject({ valid: true, records: 7 });
  });

  it('refuses a second writer while the first holds the log', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never' });
    await expect(openAuditLog({ file, fsync: 'never' })).rejects.toThrow(
      `is in use by process ${String(process.pid)}`,
    );
    await log.close();
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('takes over the lock of a process that is gone', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 1);
    // No process has pid 2^22 + 1 (above Linux's pid_max).
    appendFileSync(lockPath(file), '4194305\n');
    const log = await openAuditLog({ file, fsync: 'never' });
    expect(readFileSync(lockPath(file), 'utf8')).toBe(`${String(process.pid)}\n`);
    await log.close();
  });

  it('keeps a corrupt end of the log, starts a new file and anchors it to the last good record', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 3);
    const good = records(file);
    appendFileSync(file, '{"v":1,"seq":6,"ts":"2026-01');
    const corruptBytes = readFileSync(file);

    const log = await openAuditLog({ file, fsync: 'never' });
    expect(log.opened.recovered).toEqual({
      file,
      renamedTo: rotatedPath(file, 1),
      reason: 'the last line is incomplete (a write was cut short)',
      corruptLines: 1,
      lastGoodSeq: 5,
    });
    await log.close();

    // The corrupt file is kept byte for byte.
    expect(readFileSync(rotatedPath(file, 1))).toEqual(corruptBytes);
    const fresh = records(file);
    expect(fresh[0]).toMatchObject({
      seq: 6,
      type: 'lifecycle',
      event: 'recovered',
      prev: good.at(-1)?.hash,
      summary: {
        file: 'audit.1.jsonl',
        lastGoodSeq: 5,
        lastGoodHash: good.at(-1)?.hash,
        corruptLines: 1,
      },
    });
    const result = await verifyAuditLog(file);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.kind)).toEqual(['recovered']);
    expect(result.warnings[0]).toMatchObject({ file: rotatedPath(file, 1), line: 6 });
  });

  it('notes at start-up that records were cut off the end since the sidecar was written', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 4);
    writeLinesOf(file, readLinesOf(file).slice(0, -2));
    const log = await openAuditLog({ file, fsync: 'never' });
    expect(log.opened.tailMissing).toEqual({ headSeq: 6, lastSeq: 4 });
    await log.close();
    expect(records(file)[4]).toMatchObject({
      seq: 5,
      event: 'tail-missing',
      summary: { headSeq: 6, lastSeq: 4 },
    });
    const result = await verifyAuditLog(file);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.kind)).toEqual(['tail-missing']);
  });

  it('stores arguments redacted: the raw secret never reaches the file', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never' });
    log.append({
      type: 'request',
      server: 'github',
      method: 'tools/call',
      tool: 'run',
      args: {
        apiKey: 'Zx9Qm2Lp7Rt4Vb8Nc3Kd6Fh1Jw5Ys0Tq',
        command: `curl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com`,
        nested: { list: [`export GITHUB_TOKEN=${GITHUB_TOKEN}`] },
        body: 'a'.repeat(5000),
        sha: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      decision: {
        control: 'output-screening',
        action: 'rewrite',
        reason: `redacted ${GITHUB_TOKEN}`,
      },
    });
    await log.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(text).not.toContain('Zx9Qm2Lp7Rt4Vb8Nc3Kd6Fh1Jw5Ys0Tq');
    const args = records(file)[1]?.args as Record<string, unknown>;
    expect(args.apiKey).toBe('[redacted:secret-value]');
    expect(args.command).toContain('Authorization: token [redacted:github]');
    expect(String(args.body)).toMatch(/^a{256}…\(5000 chars\)$/);
    // A hex digest is not a secret.
    expect(args.sha).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await verifyAuditLog(file)).toMatchObject({ valid: true });
  });

  // Issue 10: a 10 MB base64 argument overflowed the masking regex's stack, and every later
  // record failed. Now it is masked whole, logged, and the log goes on.
  it('logs a 10 MB base64 argument masked, and keeps logging after it', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never' });
    const blob = randomBytes(7_500_000).toString('base64');
    expect(blob.length).toBe(10_000_000);
    log.append({
      type: 'request',
      server: 'fs',
      method: 'tools/call',
      tool: 'write',
      args: { data: blob },
    });
    log.append({
      type: 'request',
      server: 'fs',
      method: 'tools/call',
      tool: 'write',
      args: { token: GITHUB_TOKEN },
    });
    await log.close();
    const written = records(file).filter((record) => record.type === 'request');
    expect(written.map((record) => record.tool)).toEqual(['write', 'write']);
    expect(written[0]?.args).toEqual({ data: '[redacted:random-string]' });
    expect(written[1]?.args).toEqual({ token: '[redacted:github]' });
    expect(readFileSync(file, 'utf8')).not.toContain(blob.slice(0, 64));
    expect(await verifyAuditLog(file)).toMatchObject({ valid: true });
  });

  it('cuts large and deep arguments down to plain JSON', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10; i++) deep = { deeper: deep };
    const out = redactArgs({
      deep,
      many: Array.from({ length: 40 }, (_, i) => i),
      odd: [Number.NaN, Infinity, undefined],
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).toContain('[depth limit]');
    expect((out.many as unknown[]).at(-1)).toBe('[8 more items]');
    expect(out.odd).toEqual([null, null, null]);
  });

  it('masks a seed phrase split one word per item, and leaves an ordinary word list', () => {
    const words =
      'absurd avoid scissors anxiety gather lottery category door army half long camera';
    const out = redactArgs({ words: words.split(' '), tags: ['red', 'green', 'blue'] });
    expect(out).toEqual({ words: '[redacted:seed-phrase]', tags: ['red', 'green', 'blue'] });
  });

  it('masks a secret used as a key on every call, while clean keys are remembered', () => {
    for (let call = 0; call < 3; call++) {
      const out = redactArgs({ [GITHUB_TOKEN]: 'value', title: 'issue' });
      expect(out).toEqual({ '[redacted:github]': 'value', title: 'issue' });
      expect(JSON.stringify(out)).not.toContain(GITHUB_TOKEN);
    }
  });

  it('summarizes a message by sizes, counts and error code, never content', () => {
    expect(
      summarizeMessage(
        {
          jsonrpc: '2.0',
          id: 1,
          result: { content: [{ type: 'text', text: 'secret' }], isError: true },
        },
        120,
      ),
    ).toEqual({ bytes: 120, isError: true, content: 1 });
    expect(
      summarizeMessage({ jsonrpc: '2.0', id: 2, error: { code: -32001, message: 'denied' } }),
    ).toEqual({ errorCode: -32001 });
  });

  it('adds an HMAC to every record when it has a key', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const hmacKey = hmacKeyFromEnv({ AUDIT_KEY: 'correct horse battery staple' }, 'AUDIT_KEY');
    await writeLog(file, 2, { hmacKey });
    for (const record of records(file)) expect(record.hmac).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(await verifyAuditLog(file, { hmacKey })).toMatchObject({
      valid: true,
      hmacChecked: true,
    });
    expect(() => hmacKeyFromEnv({}, 'AUDIT_KEY')).toThrow('AUDIT_KEY is not set');
  });

  it('refuses to append after close, and rejects bad options when opening', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never' });
    await log.close();
    await log.close();
    expect(() => log.append(requestEvent(1))).toThrow('is closed');
    await expect(openAuditLog({ file, fsync: 'never', rotateBytes: 0 })).rejects.toThrow(
      'rotateBytes must be a positive integer',
    );
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('rotates into numbered files and keeps the chain across them', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 1500 });
    for (let n = 1; n <= 12; n++) log.append(requestEvent(n));
    await log.close();

    const first = records(rotatedPath(file, 1));
    const second = records(rotatedPath(file, 2));
    expect(existsSync(rotatedPath(file, 3))).toBe(true);
    expect(second[0]).toMatchObject({
      type: 'lifecycle',
      event: 'rotated-from',
      prev: first.at(-1)?.hash,
      seq: (first.at(-1)?.seq ?? 0) + 1,
      summary: { file: 'audit.1.jsonl', lastSeq: first.at(-1)?.seq, lastHash: first.at(-1)?.hash },
    });
    const result = await verifyAuditLog(file);
    expect(result.valid).toBe(true);
    expect(result.files.length).toBeGreaterThanOrEqual(3);
    // 12 requests, opened, closed, and a rotated-from at the start of each later file.
    expect(result.records).toBe(14 + result.files.length - 1);
  });

  it('goes on from the last rotated file when the active one is missing', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const log = await openAuditLog({ file, fsync: 'never', rotateBytes: 1500 });
    for (let n = 1; n <= 6; n++) log.append(requestEvent(n));
    await log.close();
    // As if the writer died between renaming the full file and creating the new one.
    const { renameSync } = await import('node:fs');
    const last = records(file).at(-1);
    const n = [1, 2, 3, 4].filter((i) => existsSync(rotatedPath(file, i))).length + 1;
    renameSync(file, rotatedPath(file, n));
    rmSync(headPath(file));

    const resumed = await openAuditLog({ file, fsync: 'never' });
    expect(records(file)[0]).toMatchObject({ event: 'opened', prev: last?.hash });
    await resumed.close();
    expect(await verifyAuditLog(file)).toMatchObject({ valid: true });
  });
});
