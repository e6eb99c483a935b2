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
} from '../../gateway/audit/__fixtures__/helpers.js';
import { defaultAuditPath, openAuditLog } from '../../gateway/audit/index.js';
import { run } from '../index.js';
import type { CliIo } from '../io.js';

afterEach(removeTempDirs);

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout(text) {
      stdout += text;
    },
    stderr(text) {
      stderr += text;
    },
    cwd: options.cwd ?? '/nonexistent/project',
    env: options.env ?? {},
    homedir: '/nonexistent/home',
    platform: 'linux',
    color: false,
  };
  const code = await run(['audit', ...args], io);
  return { code, stdout, stderr };
}

/** A closed log: opened, a request to github, a deny decision, a request to slack, closed. */
async function sampleLog(options: { hmacKey?: Buffer } = {}): Promise<string> {
  const file = join(tempDir(), 'audit.jsonl');
  const log = await openAuditLog({ file, fsync: 'never', clock: steppingClock(), ...options });
  log.append(requestEvent(1, 'github'));
  log.append({
    type: 'decision',
    server: 'github',
    direction: 'client-to-server',
    method: 'tools/call',
    id: 1,
    tool: 'create_issue',
    decision: {
      control: 'arguments',
      action: 'deny',
      reason: '=HYPERLINK("http://evil") path outside allowPaths',
      checklist: ['server.api.input-validation'],
    },
  });
  log.append(requestEvent(2, 'slack'));
  await log.close();
  return file;
}

describe('mcp-warden audit verify', () => {
  it('exits 0 and says how much it proved for an intact log', async () => {
    const file = await sampleLog();
    const { code, stdout, stderr } = await cli(['verify', file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${file}: valid: 5 record(s) in 1 file(s), seq 1–5, closed cleanly\n`);
  });

  it('exits 1 and names the first bad record and why', async () => {
    const file = await sampleLog();
    const lines = readLinesOf(file);
    lines[2] = (lines[2] ?? '').replace('"action":"deny"', '"action":"allow"');
    writeLinesOf(file, lines);
    const { code, stdout } = await cli(['verify', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}: TAMPERED (hash-mismatch)`);
    expect(stdout).toContain(`first bad record: ${file} line 3 (seq 3)`);
    expect(stdout).toContain('why: the hash does not match the content: the record was edited');
  });

  it('checks HMACs with the key from --key-env', async () => {
    const file = await sampleLog({ hmacKey: Buffer.from('s3cret key') });
    const good = await cli(['verify', file, '--key-env', 'AUDIT_KEY'], {
      env: { AUDIT_KEY: 's3cret key' },
    });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('HMAC checked');
    const bad = await cli(['verify', file, '--key-env', 'AUDIT_KEY'], {
      env: { AUDIT_KEY: 'guess' },
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('TAMPERED (hmac-mismatch)');
  });

  it('exits 2 when the key variable is unset or the log cannot be read', async () => {
    const file = await sampleLog();
    const unset = await cli(['verify', file, '--key-env', 'AUDIT_KEY']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('AUDIT_KEY is not set');
    const missing = await cli(['verify', join(tempDir(), 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read audit log');
  });

  it('reads the default log under $XDG_STATE_HOME when no file is named', async () => {
    const state = tempDir();
    await writeLog(defaultAuditPath({ XDG_STATE_HOME: state }, 'linux', '/nonexistent/home'), 1);
    const { code, stdout } = await cli(['verify'], { env: { XDG_STATE_HOME: state } });
    expect(code).toBe(0);
    expect(stdout).toContain(join(state, 'mcp-warden', 'audit.jsonl'));
  });

  it('prints warnings, and exits 1 on them with --strict', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeLog(file, 1);
    writeLinesOf(file, readLinesOf(file).slice(0, -1));
    const { rmSync } = await import('node:fs');
    rmSync(`${file}.head`);
    const lenient = await cli(['verify', file]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('warning: the last record is not `closed`');
    expect((await cli(['verify', file, '--strict'])).code).toBe(1);
  });

  it('prints the whole result as JSON with --format json', async () => {
    const file = await sampleLog();
    const { code, stdout } = await cli(['verify', file, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      valid: true,
      records: 5,
      closed: true,
      warnings: [],
    });
  });
});

describe('mcp-warden audit tail', () => {
  it('prints the last N records as lines: time, server, method and tool, decision', async () => {
    const file = await sampleLog();
    const { code, stdout } = await cli(['tail', file, '-n', '3']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      '2026-01-05T10:00:02.000Z #3 github → tools/call create_issue (id 1)  deny by arguments: =HYPERLINK("http://evil") path outside allowPaths',
      '2026-01-05T10:00:03.000Z #4 slack → tools/call create_issue (id 2)',
      expect.stringMatching(/^2026-01-05T10:00:04\.000Z #5 lifecycle closed pid=\d+$/),
      '',
    ]);
  });

  it('filters by server, and refuses a count that is not a number', async () => {
    const file = await sampleLog();
    const { stdout } = await cli(['tail', file, '--server', 'slack']);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toContain('#4 slack');
    const bad = await cli(['tail', file, '-n', 'ten']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lines "ten" is not a positive whole number');
  });
});

describe('mcp-warden audit export', () => {
  it('writes JSON Lines by default, one record per line as stored', async () => {
    const file = await sampleLog();
    const { code, stdout } = await cli(['export', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${readLinesOf(file).join('\n')}\n`);
  });

  it('writes a JSON array filtered by server and time', async () => {
    const file = await sampleLog();
    const { stdout } = await cli([
      'export',
      file,
      '--format',
      'json',
      '--server',
      'github',
      '--since',
      '2026-01-05T10:00:02Z',
    ]);
    const records = JSON.parse(stdout) as { seq: number }[];
    expect(records.map((r) => r.seq)).toEqual([3]);
    const none = await cli(['export', file, '--format', 'json', '--server', 'nobody']);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('writes CSV with a header, quoting, and no cell a spreadsheet would run as a formula', async () => {
    const file = await sampleLog();
    const { code, stdout } = await cli(['export', file, '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n');
    expect(rows[0]).toBe(
      'seq,ts,type,event,server,direction,method,id,tool,decision_control,decision_action,decision_reason,checklist,summary,args,prev,hash,hmac',
    );
    expect(rows).toHaveLength(7);
    expect(rows[3]).toContain(
      `arguments,deny,"'=HYPERLINK(""http://evil"") path outside allowPaths",server.api.input-validation`,
    );
  });

  it('exits 2 on a --since that is not a date', async () => {
    const file = await sampleLog();
    const { code, stderr } = await cli(['export', file, '--since', 'yesterday']);
    expect(code).toBe(2);
    expect(stderr).toContain('--since "yesterday" is not a date');
  });

  it('leaves out lines that are not records and says so', async () => {
    const file = await sampleLog();
    const lines = readLinesOf(file);
    lines.splice(1, 0, 'garbage');
    writeLinesOf(file, lines);
    const { code, stdout, stderr } = await cli(['export', file]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(5);
    expect(stderr).toContain('1 line(s) were not audit records');
  });
});
