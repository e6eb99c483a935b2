import { relative } from 'node:path';
import {
  type Detector,
  type DetectorContext,
  type DetectorRegistry,
  type DetectorServices,
  type DetectorVisitors,
  type ReportDescriptor,
  type ReportTarget,
  resolveMessage,
} from './detector.js';
import { fingerprintOf, type Finding, type FindingLocation } from './finding.js';
import { type ConfigFile, fieldPointer, type ServerSpec } from './server-spec.js';
import { declaredStrings, type Snapshot } from './snapshot.js';

/** Something the scan could not do, reported beside the findings instead of thrown. */
export interface Diagnostic {
  code:
    | 'detector-error'
    | 'discovery-error'
    | 'options-invalid'
    | 'server-failed'
    | 'server-skipped'
    | 'unsandboxed'
    | 'no-sandbox';
  message: string;
  detectorId?: string;
  file?: string;
  /** The configured server a live-scan diagnostic is about. */
  server?: string;
  /** `server-failed`: the last lines of the server's stderr, secrets redacted, controls escaped. */
  stderrTail?: string;
}

export interface EngineOptions {
  /** Root that fingerprints make file paths relative to. */
  cwd: string;
  services: DetectorServices;
  environment: DetectorContext['environment'];
  /** Per-detector option overrides, validated against each detector's schema. */
  detectorOptions?: Record<string, unknown>;
  /** Detector ids to run; all when omitted. */
  only?: readonly string[];
}

export interface EngineResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export function formatMessage(
  template: string,
  data: Record<string, string | number> = {},
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

/** The file each configured server came from, indexed once per run (not searched per finding). */
function filesByServer(files: readonly ConfigFile[]): Map<ServerSpec, ConfigFile> {
  const index = new Map<ServerSpec, ConfigFile>();
  for (const file of files) for (const server of file.servers) index.set(server, file);
  return index;
}

/** What one engine run looks at: config files, live snapshots, or both. */
export interface Subjects {
  files?: readonly ConfigFile[];
  snapshots?: readonly Snapshot[];
}

function locationOf(
  target: ReportTarget,
  files: ReadonlyMap<ServerSpec, ConfigFile>,
): FindingLocation {
  if ('snapshot' in target) {
    const { server } = target.snapshot;
    return {
      ...(server.source
        ? {
            file: server.source.file,
            pointer: server.source.pointer,
            line: server.source.line,
            column: server.source.column,
          }
        : {}),
      ...(server.client ? { client: server.client } : {}),
      server: server.name,
      ...(target.kind !== undefined ? { itemKind: target.kind } : {}),
      ...(target.item !== undefined ? { item: target.item } : {}),
      ...(target.field !== undefined ? { field: target.field } : {}),
    };
  }
  if ('file' in target) {
    const pointer = target.pointer ?? '';
    const position = target.file.locate(pointer) ?? target.file.parseError;
    return {
      file: target.file.path,
      pointer,
      client: target.file.client,
      ...(position ? { line: position.line, column: position.column } : {}),
    };
  }
  const { server, field, key } = target;
  const relativePointer = field === undefined ? undefined : fieldPointer(server, field, key);
  const pointer = server.source.pointer + (relativePointer ?? '');
  const file = files.get(server);
  const position = file?.locate(pointer) ?? file?.locate(server.source.pointer) ?? server.source;
  return {
    file: server.source.file,
    pointer,
    line: position.line,
    column: position.column,
    client: server.client,
    server: server.name,
    ...(field !== undefined
      ? { field: key === undefined ? field : `${field}.${String(key)}` }
      : {}),
  };
}

function instantiate(
  detector: Detector,
  options: EngineOptions,
  files: ReadonlyMap<ServerSpec, ConfigFile>,
  sink: Finding[],
  diagnostics: Diagnostic[],
): DetectorVisitors | undefined {
  const schema = detector.meta.options;
  let parsedOptions: unknown = {};
  if (schema) {
    const parsed = schema.safeParse(options.detectorOptions?.[detector.id] ?? {});
    if (!parsed.success) {
      diagnostics.push({
        code: 'options-invalid',
        detectorId: detector.id,
        message: `Options for ${detector.id} are invalid: ${parsed.error.message}`,
      });
      return undefined;
    }
    parsedOptions = parsed.data;
  }
  const context: DetectorContext = {
    detectorId: detector.id,
    services: options.services,
    environment: options.environment,
    report(descriptor: ReportDescriptor) {
      const message = resolveMessage(detector.meta, descriptor.messageId);
      if (message === undefined) {
        throw new Error(`${detector.id} reported unknown messageId "${descriptor.messageId}"`);
      }
      const location = locationOf(descriptor.at, files);
      const relativeFile =
        location.file === undefined ? undefined : relative(options.cwd, location.file);
      sink.push({
        detectorId: detector.id,
        messageId: descriptor.messageId,
        class: message.class ?? 'risk',
        severity: descriptor.severity ?? detector.meta.severity,
        title: detector.meta.title,
        message: formatMessage(message.text, descriptor.data),
        checklist: [...message.checklist],
        location,
        ...(descriptor.evidence !== undefined ? { evidence: descriptor.evidence } : {}),
        fix: detector.meta.fix,
        fingerprint: fingerprintOf(
          detector.id,
          descriptor.messageId,
          location,
          relativeFile?.split('\\').join('/'),
        ),
      });
    },
  };
  return detector.create(context, parsedOptions);
}

/**
 * Runs every detector of `registry` over the subjects. A detector that throws becomes a
 * `detector-error` diagnostic and the run goes on; its findings before the throw are kept.
 */
export function runDetectors(
  registry: DetectorRegistry,
  subjects: Subjects,
  options: EngineOptions,
): EngineResult {
  const files = subjects.files ?? [];
  const snapshots = subjects.snapshots ?? [];
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const guard = (detectorId: string, file: string | undefined, visit: () => void): void => {
    try {
      visit();
    } catch (error) {
      diagnostics.push({
        code: 'detector-error',
        detectorId,
        ...(file !== undefined ? { file } : {}),
        message: `${detectorId} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  const strings = new Map(snapshots.map((snapshot) => [snapshot, declaredStrings(snapshot)]));
  const fileOfServer = filesByServer(files);

  for (const detector of Object.values(registry)) {
    if (options.only && !options.only.includes(detector.id)) continue;
    let visitors: DetectorVisitors | undefined;
    guard(detector.id, undefined, () => {
      visitors = instantiate(detector, options, fileOfServer, findings, diagnostics);
    });
    if (!visitors) continue;
    const v = visitors;
    for (const file of files) {
      if (v.configFile) guard(detector.id, file.path, () => v.configFile?.(file));
      if (v.server) {
        for (const spec of file.servers)
          guard(detector.id, file.path, () => v.server?.(spec, file));
      }
    }
    if (v.configSet && files.length > 0) guard(detector.id, undefined, () => v.configSet?.(files));
    for (const snapshot of snapshots) {
      const where = snapshot.server.source?.file;
      if (v.snapshot) guard(detector.id, where, () => v.snapshot?.(snapshot));
      if (v.tool) {
        for (const tool of snapshot.tools)
          guard(detector.id, where, () => v.tool?.(tool, snapshot));
      }
      if (v.declaredString) {
        for (const entry of strings.get(snapshot) ?? []) {
          guard(detector.id, where, () => v.declaredString?.(entry, snapshot));
        }
      }
    }
    if (v.snapshotSet && snapshots.length > 0) {
      guard(detector.id, undefined, () => v.snapshotSet?.(snapshots));
    }
  }
  return { findings, diagnostics };
}

/** Runs the detectors over config files only. */
export function runConfigDetectors(
  registry: DetectorRegistry,
  files: readonly ConfigFile[],
  options: EngineOptions,
): EngineResult {
  return runDetectors(registry, { files }, options);
}
