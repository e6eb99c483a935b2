import { buildSecretIndex } from '../analyze/secrets.js';
import type { DetectorRegistry } from '../core/detector.js';
import { runDetectors, type Diagnostic } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { PinChange } from '../core/pin-change.js';
import { redactSpans } from '../core/redact.js';
import {
  SCAN_REPORT_SCHEMA_VERSION,
  summarize,
  type LiveStatus,
  type ScannedFile,
  type ScannedServer,
  type ScanReport,
} from '../core/report.js';
import type { ClientId, ConfigFile, ServerSpec } from '../core/server-spec.js';
import { compareSeverityDesc } from '../core/severity.js';
import { declaredStrings, type DefinitionKind, type Snapshot } from '../core/snapshot.js';
import { detectorRegistry } from '../detectors/registry.js';
import { discoverConfigFiles } from '../discovery/index.js';
import { loadConfigFile } from '../discovery/load.js';
import { diffPins, type Lockfile, pinSnapshot } from '../pin/lockfile.js';
import { probeBubblewrap } from '../process/sandbox.js';
import type { ConnectResult } from './connect/index.js';
import { collectSnapshots, type CollectSnapshotsOptions } from './live-scan.js';
import { readSnapshotFile } from './snapshot-io.js';
import { stderrExcerpt } from './stderr-excerpt.js';
import { planStart, type StartPlanOptions } from './start-plan.js';

export interface ScanOptions {
  /** Config files to audit; when empty or omitted (and no snapshots are given), configs are discovered. */
  files?: readonly string[];
  /** Forces the client format of the given files instead of detecting it. */
  client?: ClientId;
  cwd: string;
  home: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Discovery only: look in the user's home (default true) and in `cwd` (default true). */
  includeUser?: boolean;
  includeProject?: boolean;
  /** Start and connect to nothing: audit the configuration only (default false). */
  offline?: boolean;
  /** Saved snapshots to scan instead of live servers; nothing is discovered or started. */
  snapshotFiles?: readonly string[];
  /**
   * Start servers even when a config rule judged their launch critical or it runs a package that
   * is not pinned (default false).
   */
  startRisky?: boolean;
  /** Told what the user must know before any server starts (e.g. that no sandbox is available). */
  onNotice?: (message: string) => void;
  /** Pinned definitions to compare every snapshot with. */
  lockfile?: Lockfile;
  /** How to reach live servers: timeout, concurrency, sandbox, network, progress. */
  live?: Omit<CollectSnapshotsOptions, 'offline' | 'parentEnv' | 'cwd'>;
  registry?: DetectorRegistry;
  detectorOptions?: Record<string, unknown>;
  toolVersion: string;
}

export interface ScanResult {
  report: ScanReport;
  /** What the live servers (or snapshot files) declared: for --save-snapshot and `pin`. */
  snapshots: Snapshot[];
}

const DEFINITION_LISTS: Record<
  DefinitionKind,
  'tools' | 'prompts' | 'resources' | 'resourceTemplates'
> = {
  tool: 'tools',
  prompt: 'prompts',
  resource: 'resources',
  resourceTemplate: 'resourceTemplates',
};

/** Every string of a server a detector may look for secrets in. */
function serverStrings(server: ServerSpec): string[] {
  return [
    server.command ?? '',
    ...server.args,
    ...Object.values(server.env),
    server.url ?? '',
    ...Object.values(server.headers),
  ].filter((text) => text !== '');
}

function describeServer(
  server: ServerSpec,
  findSecrets: (text: string) => { start: number; end: number }[],
): string {
  const raw =
    server.transport === 'stdio'
      ? [server.command ?? '', ...server.args].join(' ').trim()
      : (server.url ?? '');
  return redactSpans(raw, findSecrets(raw));
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverityDesc(a.severity, b.severity) ||
    (a.location.file ?? '').localeCompare(b.location.file ?? '') ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    a.detectorId.localeCompare(b.detectorId) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

async function loadFiles(
  options: ScanOptions,
): Promise<{ files: ConfigFile[]; diagnostics: Diagnostic[] }> {
  const explicit = options.files ?? [];
  if (explicit.length > 0 || (options.snapshotFiles ?? []).length > 0) {
    const files: ConfigFile[] = [];
    for (const path of explicit) {
      files.push(await loadConfigFile(path, options.client ? { client: options.client } : {}));
    }
    return { files, diagnostics: [] };
  }
  const discovered = await discoverConfigFiles({
    home: options.home,
    cwd: options.cwd,
    platform: options.platform,
    env: options.env,
    includeUser: options.includeUser ?? true,
    includeProject: options.includeProject ?? true,
  });
  // A file that could not be read is among `files` (the config-unparseable rule reports it).
  return { files: discovered.files, diagnostics: [] };
}

/** The same server configured identically in several files is started once. */
function launchKey(spec: ServerSpec): string {
  return JSON.stringify([spec.name, spec.transport, spec.command, spec.args, spec.url, spec.env]);
}

/**
 * The snapshot as the server declared it last: when a list changed while it was scanned, the
 * second listing replaces the first, and the difference is kept as `during-scan` changes.
 */
function settle(result: ConnectResult & { ok: true }): {
  snapshot: Snapshot;
  changes: PinChange[];
} {
  const first = result.snapshot;
  const relisted = result.details.listChanges.filter((change) => change.after !== undefined);
  if (relisted.length === 0) return { snapshot: first, changes: [] };
  const latest: Snapshot = { ...first };
  for (const { list, after } of relisted) {
    // The connector coerced these items the same way as the first listing.
    (latest[DEFINITION_LISTS[list]] as unknown[]) = after ?? [];
  }
  const changes = diffPins(pinSnapshot(first), latest).map((change) => ({
    ...change,
    observed: 'during-scan' as const,
  }));
  return { snapshot: latest, changes };
}

function liveStatusOf(result: ConnectResult): LiveStatus {
  const transport = result.details.transport;
  const common = {
    ...(transport ? { transport } : {}),
    ...(result.details.sandbox && transport === 'stdio' ? { sandbox: result.details.sandbox } : {}),
  };
  if (!result.ok) {
    return { status: 'failed', reason: `${result.stage}: ${result.error}`, ...common };
  }
  return { ...liveStatusOfSnapshot(result.snapshot), ...common };
}

function liveStatusOfSnapshot(snapshot: Snapshot): LiveStatus {
  return {
    status: 'scanned',
    ...(snapshot.protocol ? { protocol: snapshot.protocol } : {}),
    ...(snapshot.serverInfo
      ? { serverInfo: { name: snapshot.serverInfo.name, version: snapshot.serverInfo.version } }
      : {}),
    counts: {
      tools: snapshot.tools.length,
      prompts: snapshot.prompts.length,
      resources: snapshot.resources.length,
      resourceTemplates: snapshot.resourceTemplates.length,
    },
  };
}

/**
 * Audits MCP servers against the checklist: their configuration (never written to), and — unless
 * `offline` — what each server declares once started (sandboxed) or connected to. Saved snapshots
 * can stand in for live servers.
 *
 * @example
 * const { report } = await scan({ files: ['.mcp.json'], offline: true, cwd, home, platform, env, toolVersion });
 */
function serverKey(file: string, server: string): string {
  return `${file}\0${server}`;
}

/** Whether stdio servers will be sandboxed, probed once before anything starts. */
async function sandboxAvailability(
  options: ScanOptions,
  specs: readonly ServerSpec[],
): Promise<{ state: StartPlanOptions['sandbox']; reason?: string }> {
  const mode = options.live?.sandbox ?? 'auto';
  if (mode === 'none') return { state: 'refused-by-user' };
  if (mode === 'bubblewrap' || !specs.some((spec) => spec.transport === 'stdio')) {
    return { state: 'available' };
  }
  const probe = await probeBubblewrap(options.env.PATH);
  if (probe.usable) return { state: 'available' };
  return { state: 'missing', ...(probe.reason !== undefined ? { reason: probe.reason } : {}) };
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const registry = options.registry ?? detectorRegistry;
  const { files, diagnostics } = await loadFiles(options);
  const specs = files.flatMap((file) => file.servers);
  const engineBase = {
    cwd: options.cwd,
    environment: { homeDirs: [options.home], platform: options.platform },
    ...(options.detectorOptions ? { detectorOptions: options.detectorOptions } : {}),
  };

  // 1. The configuration, which also decides which servers are too risky to start.
  const configIndex = await buildSecretIndex(specs.flatMap(serverStrings));
  const findSecrets = (text: string) => configIndex.find(text);
  const config = runDetectors(registry, { files }, { ...engineBase, services: { findSecrets } });
  diagnostics.push(...config.diagnostics);

  // 2. Live servers, or saved snapshots.
  const live = new Map<ServerSpec, LiveStatus>();
  const snapshots: Snapshot[] = [];
  const changesDuringScan = new Map<Snapshot, PinChange[]>();
  const fromFiles: { path: string; snapshot: Snapshot }[] = [];
  for (const path of options.snapshotFiles ?? []) {
    for (const snapshot of await readSnapshotFile(path)) fromFiles.push({ path, snapshot });
  }
  snapshots.push(...fromFiles.map((entry) => entry.snapshot));
  if (!options.offline && (options.snapshotFiles ?? []).length === 0) {
    const findingsByServer = new Map<string, Finding[]>();
    for (const finding of config.findings) {
      if (finding.location.server === undefined || finding.location.file === undefined) continue;
      const key = serverKey(finding.location.file, finding.location.server);
      const list = findingsByServer.get(key);
      if (list) list.push(finding);
      else findingsByServer.set(key, [finding]);
    }
    const sandbox = await sandboxAvailability(options, specs);
    if (sandbox.state === 'missing') {
      const message =
        `No sandbox is available (${sandbox.reason ?? 'unknown reason'}): servers that fetch ` +
        'and run packages are not started; only local commands run, unsandboxed. Install ' +
        'bubblewrap (apt-get install bubblewrap) to scan everything sandboxed.';
      options.onNotice?.(message);
      diagnostics.push({ code: 'no-sandbox', message });
    }
    const toStart: ServerSpec[] = [];
    const started = new Map<string, ServerSpec>();
    for (const spec of specs) {
      const decision = planStart(
        spec,
        findingsByServer.get(serverKey(spec.source.file, spec.name)) ?? [],
        {
          startRisky: options.startRisky ?? false,
          sandbox: sandbox.state,
          ...(sandbox.reason !== undefined ? { sandboxReason: sandbox.reason } : {}),
        },
      );
      if (!decision.start) {
        live.set(spec, { status: 'skipped', reason: decision.reason });
        if (!spec.disabled) {
          diagnostics.push({
            code: 'server-skipped',
            server: spec.name,
            file: spec.source.file,
            message: decision.reason,
          });
        }
      } else if (started.has(launchKey(spec))) {
        live.set(spec, { status: 'skipped', reason: 'same launch as another entry, scanned once' });
      } else {
        started.set(launchKey(spec), spec);
        toStart.push(spec);
      }
    }
    const collected = await collectSnapshots(toStart, {
      ...options.live,
      cwd: options.cwd,
      parentEnv: options.env,
    });
    for (const { spec, result } of collected.results) {
      live.set(spec, liveStatusOf(result));
      if (result.ok) {
        const { snapshot, changes } = settle(result);
        snapshots.push(snapshot);
        if (changes.length > 0) changesDuringScan.set(snapshot, changes);
      } else {
        const stderrTail = stderrExcerpt(result.stderrTail);
        diagnostics.push({
          code: 'server-failed',
          server: spec.name,
          file: spec.source.file,
          message: `Could not scan "${spec.name}" (${result.stage}): ${result.error}`,
          ...(stderrTail === undefined ? {} : { stderrTail }),
        });
      }
    }
    for (const { server, reason } of collected.unsandboxed) {
      diagnostics.push({
        code: 'unsandboxed',
        server: server.name,
        message: `"${server.name}" ran WITHOUT a sandbox (${reason}); it could read your files while it was scanned.`,
      });
    }
    for (const spec of started.values()) {
      const status = live.get(spec);
      if (!status) continue;
      for (const twin of specs) {
        if (twin !== spec && launchKey(twin) === launchKey(spec) && !live.has(twin))
          live.set(twin, status);
      }
    }
  }

  // 3. What the servers declared.
  const definitionIndex = await buildSecretIndex(
    snapshots.flatMap((snapshot) => declaredStrings(snapshot).map((entry) => entry.text)),
  );
  const lockfile = options.lockfile;
  const definitions = runDetectors(
    registry,
    { snapshots },
    {
      ...engineBase,
      services: {
        findSecrets: (text) => definitionIndex.find(text),
        pinChanges(snapshot) {
          const pinned = lockfile?.servers[snapshot.server.name];
          const duringScan = changesDuringScan.get(snapshot) ?? [];
          if (!pinned && duringScan.length === 0) return undefined;
          return [...(pinned ? diffPins(pinned, snapshot) : []), ...duringScan];
        },
      },
    },
  );
  diagnostics.push(...definitions.diagnostics);

  const findings = [...config.findings, ...definitions.findings].sort(compareFindings);
  const scannedFiles: ScannedFile[] = files.map((file) => ({
    path: file.path,
    client: file.client,
    scope: file.scope,
    format: file.format,
    servers: file.servers.length,
    ...(file.parseError ? { parseError: file.parseError } : {}),
  }));
  const servers: ScannedServer[] = specs.map((server) => {
    const status = live.get(server);
    return {
      name: server.name,
      client: server.client,
      file: server.source.file,
      pointer: server.source.pointer,
      line: server.source.line,
      transport: server.transport,
      target: describeServer(server, findSecrets),
      disabled: server.disabled,
      ...(status ? { live: status } : {}),
    };
  });

  for (const { path, snapshot } of fromFiles) {
    servers.push({
      name: snapshot.server.name,
      client: snapshot.server.client ?? 'generic',
      file: snapshot.server.source?.file ?? path,
      pointer: snapshot.server.source?.pointer ?? '',
      line: snapshot.server.source?.line ?? 1,
      transport: snapshot.server.transport ?? 'stdio',
      target: snapshot.server.target ?? '',
      disabled: false,
      live: { ...liveStatusOfSnapshot(snapshot), reason: `from snapshot file ${path}` },
    });
  }

  return {
    report: {
      schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
      tool: { name: 'mcp-warden', version: options.toolVersion },
      files: scannedFiles,
      servers,
      findings,
      suppressed: 0,
      diagnostics,
      summary: summarize(findings),
    },
    snapshots,
  };
}
