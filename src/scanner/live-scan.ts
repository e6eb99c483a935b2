import type { ServerSpec } from '../core/server-spec.js';
import type { Snapshot, SnapshotServer } from '../core/snapshot.js';
import {
  connectServer,
  snapshotServer,
  type ConnectFailure,
  type ConnectResult,
  type ConnectServerOptions,
} from './connect/index.js';

export type SkipReason = 'disabled' | 'offline';

/** One step of a live scan, for a progress display. `done` counts finished and skipped servers. */
export type ScanProgress =
  | { kind: 'skipped'; server: ServerSpec; reason: SkipReason; done: number; total: number }
  | { kind: 'started'; server: ServerSpec; done: number; total: number }
  | { kind: 'finished'; server: ServerSpec; result: ConnectResult; done: number; total: number };

export interface CollectSnapshotsOptions extends ConnectServerOptions {
  /** Servers scanned at once (default 4). */
  concurrency?: number;
  /** Start and connect nothing: every server is skipped as `offline` (default false). */
  offline?: boolean;
  onProgress?: (event: ScanProgress) => void;
}

export interface SkippedServer {
  server: SnapshotServer;
  reason: SkipReason;
}

/** A server that ran without the sandbox, and why. */
export interface UnsandboxedServer {
  server: SnapshotServer;
  reason: string;
}

export interface CollectSnapshotsResult {
  /** Snapshots of the servers that answered, in the order of `specs`. */
  snapshots: Snapshot[];
  /** Servers that could not be started, connected to or listed, in the order of `specs`. */
  failures: ConnectFailure[];
  skipped: SkippedServer[];
  /** stdio servers that ran without bubblewrap: the scan should say so. */
  unsandboxed: UnsandboxedServer[];
  /** Every result, in the order of `specs` (skipped servers have none). */
  results: { spec: ServerSpec; result: ConnectResult }[];
}

/**
 * Connects to each configured server (at most `concurrency` at a time), skipping disabled ones,
 * and collects their snapshots and failures. With `offline: true` it starts and connects nothing.
 * Never throws for a server's misbehaviour; see {@link connectServer}.
 *
 * @example
 * const { snapshots, failures } = await collectSnapshots(specs, {
 *   timeoutMs: 20_000,
 *   onProgress: (event) => console.error(event.kind, event.server.name, `${event.done}/${event.total}`),
 * });
 */
export async function collectSnapshots(
  specs: readonly ServerSpec[],
  options: CollectSnapshotsOptions = {},
): Promise<CollectSnapshotsResult> {
  const { concurrency = 4, offline = false, onProgress, ...connectOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError('collectSnapshots: concurrency must be a positive integer');
  }
  const total = specs.length;
  let done = 0;
  const outcomes: (ConnectResult | SkipReason)[] = new Array<ConnectResult | SkipReason>(total);
  const queue: number[] = [];

  specs.forEach((spec, index) => {
    const reason: SkipReason | undefined = spec.disabled
      ? 'disabled'
      : offline
        ? 'offline'
        : undefined;
    if (reason === undefined) {
      queue.push(index);
      return;
    }
    outcomes[index] = reason;
    done += 1;
    onProgress?.({ kind: 'skipped', server: spec, reason, done, total });
  });

  const worker = async (): Promise<void> => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const spec = specs[index];
      if (spec === undefined) continue;
      onProgress?.({ kind: 'started', server: spec, done, total });
      const result = await connectServer(spec, connectOptions);
      outcomes[index] = result;
      done += 1;
      onProgress?.({ kind: 'finished', server: spec, result, done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  const collected: CollectSnapshotsResult = {
    snapshots: [],
    failures: [],
    skipped: [],
    unsandboxed: [],
    results: [],
  };
  for (const [index, outcome] of outcomes.entries()) {
    const spec = specs[index];
    if (spec === undefined) continue;
    if (typeof outcome === 'string') {
      collected.skipped.push({ server: await snapshotServer(spec), reason: outcome });
      continue;
    }
    collected.results.push({ spec, result: outcome });
    if (outcome.ok) collected.snapshots.push(outcome.snapshot);
    else collected.failures.push(outcome);
    if (outcome.details.sandbox === 'none') {
      collected.unsandboxed.push({
        server: outcome.ok ? outcome.snapshot.server : outcome.server,
        reason: outcome.details.sandboxReason ?? 'unknown',
      });
    }
  }
  return collected;
}
