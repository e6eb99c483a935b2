import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerSpec } from '../core/server-spec.js';
import { collectSnapshots, type ScanProgress } from './live-scan.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/servers');

function fixture(file: string, extra: Partial<ServerSpec> = {}): ServerSpec {
  return {
    name: file.replace(/\.mjs$/, ''),
    client: 'generic',
    scope: 'project',
    source: { file: 'mcp.json', pointer: `/mcpServers/${file}`, line: 1, column: 1 },
    transport: 'stdio',
    command: process.execPath,
    args: [join(fixtures, file)],
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: {},
    ...extra,
  };
}

describe('collectSnapshots', () => {
  it('scans servers concurrently, keeps the order of the specs, and reports progress', async () => {
    const specs = [
      fixture('poisoned.mjs'),
      fixture('exits-immediately.mjs'),
      fixture('shadowing.mjs', { disabled: true }),
      fixture('modern.mjs'),
      fixture('crypto-stealer.mjs'),
    ];
    const events: ScanProgress[] = [];
    let running = 0;
    let maxRunning = 0;
    const result = await collectSnapshots(specs, {
      concurrency: 2,
      onProgress: (event) => {
        events.push(event);
        if (event.kind === 'started') maxRunning = Math.max(maxRunning, ++running);
        if (event.kind === 'finished') running -= 1;
      },
    });
    expect(result.snapshots.map((s) => s.server.name)).toEqual([
      'poisoned',
      'modern',
      'crypto-stealer',
    ]);
    expect(result.failures.map((f) => [f.server.name, f.stage])).toEqual([
      ['exits-immediately', 'connect'],
    ]);
    expect(result.skipped).toMatchObject([{ server: { name: 'shadowing' }, reason: 'disabled' }]);
    expect(maxRunning).toBe(2);
    expect(events.filter((e) => e.kind === 'started')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', done: 5, total: 5 });
    expect(result.results).toHaveLength(4);
  });

  it('starts nothing when offline', async () => {
    const events: ScanProgress[] = [];
    const result = await collectSnapshots([fixture('hangs-on-initialize.mjs')], {
      offline: true,
      onProgress: (event) => events.push(event),
    });
    expect(result.results).toEqual([]);
    expect(result.skipped).toMatchObject([{ reason: 'offline' }]);
    expect(events).toMatchObject([{ kind: 'skipped', reason: 'offline', done: 1, total: 1 }]);
  });

  it('lists the servers that ran without a sandbox, with the reason', async () => {
    const result = await collectSnapshots([fixture('poisoned.mjs')], { sandbox: 'none' });
    expect(result.unsandboxed).toMatchObject([
      { server: { name: 'poisoned' }, reason: 'sandbox disabled by option' },
    ]);
  });

  it('rejects a concurrency that is not a positive integer', async () => {
    await expect(collectSnapshots([], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
