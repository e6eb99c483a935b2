import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decidePendingCall,
  ensurePrivateDir,
  listPendingCalls,
  PendingCalls,
  type PendingCall,
} from './pending.js';

function pendingCall(overrides: Partial<PendingCall> = {}): PendingCall {
  const now = Date.now();
  return {
    version: 1,
    id: PendingCalls.newId(),
    server: 'wallet',
    method: 'tools/call',
    tool: 'transfer_funds',
    arguments: { to: '0xabc', amount: '1' },
    reason: 'the tool is classified financial',
    binding: 'sha256:aaaa',
    createdAt: now,
    expiresAt: now + 60_000,
    pid: process.pid,
    ...overrides,
  };
}

function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'mcp-warden-pending-')), 'approvals');
}

describe('pending calls', () => {
  it('are written owner-only, listed in full, and run once approved', async () => {
    const dir = freshDir();
    const calls = new PendingCalls(dir);
    const call = pendingCall();
    await calls.register(call);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, `${call.id}.json`)).mode & 0o777).toBe(0o600);
    expect(await listPendingCalls(dir)).toEqual([call]);
    const waiting = calls.wait(call, 60_000);
    await decidePendingCall(dir, call.id, 'approve');
    expect(await waiting).toBe('approve');
    expect(existsSync(join(dir, `${call.id}.json`))).toBe(false);
    expect(await listPendingCalls(dir)).toEqual([]);
  });

  it('take a denial, and a decision for another call counts as one', async () => {
    const dir = freshDir();
    const calls = new PendingCalls(dir);
    const denied = pendingCall();
    await calls.register(denied);
    const waiting = calls.wait(denied, 60_000);
    await decidePendingCall(dir, denied.id, 'deny');
    expect(await waiting).toBe('deny');

    const swapped = pendingCall();
    await calls.register(swapped);
    const decision = { id: swapped.id, binding: 'sha256:other', decision: 'approve', at: 0 };
    writeFileSync(join(dir, `${swapped.id}.decision.json`), JSON.stringify(decision), {
      mode: 0o600,
    });
    expect(await calls.wait(swapped, 60_000)).toBe('deny');
  });

  it('are decided at most once', async () => {
    const dir = freshDir();
    const calls = new PendingCalls(dir);
    const call = pendingCall();
    await calls.register(call);
    await decidePendingCall(dir, call.id, 'deny');
    await expect(decidePendingCall(dir, call.id, 'approve')).rejects.toThrow(
      /already been decided/,
    );
  });

  it('time out, and an expired or unknown call cannot be decided', async () => {
    const dir = freshDir();
    const calls = new PendingCalls(dir);
    const call = pendingCall();
    await calls.register(call);
    expect(await calls.wait(call, 20)).toBe('timeout');
    await expect(decidePendingCall(dir, call.id, 'approve')).rejects.toThrow(/No call/);
    const old = pendingCall({ expiresAt: Date.now() - 1 });
    await calls.register(old);
    await expect(decidePendingCall(dir, old.id, 'approve')).rejects.toThrow(/No call/);
    expect(await listPendingCalls(dir)).toEqual([]);
    await expect(decidePendingCall(dir, 'not-an-id', 'approve')).rejects.toThrow(/not a pending/);
  });

  it('refuse a directory others can read', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    await expect(ensurePrivateDir(dir)).rejects.toThrow(/can be read or written by others/);
  });
});
