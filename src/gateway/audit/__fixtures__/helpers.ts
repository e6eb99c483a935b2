import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog, type AuditLogOptions } from '../log.js';
import type { AuditEvent } from '../record.js';

/** Test helpers for the audit log: temporary directories, a fixed clock, line surgery. */

const made: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-audit-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A clock that starts at 2026-01-05T10:00:00Z and moves one second per reading. */
export function steppingClock(start = Date.parse('2026-01-05T10:00:00Z')): () => number {
  let now = start - 1000;
  return () => (now += 1000);
}

/** The `n`th request event of a test log. */
export function requestEvent(n: number, server = 'github'): AuditEvent {
  return {
    type: 'request',
    server,
    direction: 'client-to-server',
    method: 'tools/call',
    id: n,
    tool: 'create_issue',
    args: { title: `issue ${String(n)}` },
  };
}

/** Writes a log of `count` requests (plus `opened` and `closed`) and closes it. */
export async function writeLog(
  file: string,
  count: number,
  options: Partial<AuditLogOptions> = {},
): Promise<void> {
  const log = await openAuditLog({ file, fsync: 'never', clock: steppingClock(), ...options });
  for (let n = 1; n <= count; n++) log.append(requestEvent(n));
  await log.close();
}

/** The lines of a file (without the final empty string). */
export function readLinesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
}

/** Rewrites a file from lines (each ending with `\n`). */
export function writeLinesOf(file: string, lines: readonly string[]): void {
  writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
}
