import { buildSecretIndex } from '../analyze/secrets.js';
import type { DetectorRegistry } from '../core/detector.js';
import { runConfigDetectors, type Diagnostic } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { redactSpans } from '../core/redact.js';
import {
  SCAN_REPORT_SCHEMA_VERSION,
  summarize,
  type ScannedFile,
  type ScannedServer,
  type ScanReport,
} from '../core/report.js';
import type { ClientId, ConfigFile, ServerSpec } from '../core/server-spec.js';
import { compareSeverityDesc } from '../core/severity.js';
import { discoverConfigFiles } from '../discovery/index.js';
import { loadConfigFile } from '../discovery/load.js';
import { detectorRegistry } from '../detectors/registry.js';

export interface ConfigScanOptions {
  /** Files to scan; when empty or omitted, configs are discovered. */
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
  registry?: DetectorRegistry;
  detectorOptions?: Record<string, unknown>;
  toolVersion: string;
}

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
  options: ConfigScanOptions,
): Promise<{ files: ConfigFile[]; diagnostics: Diagnostic[] }> {
  if (options.files && options.files.length > 0) {
    const files: ConfigFile[] = [];
    for (const path of options.files) {
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
  return {
    files: discovered.files,
    diagnostics: discovered.errors.map(({ path, error }) => ({
      code: 'discovery-error' as const,
      file: path,
      message: error.message,
    })),
  };
}

/**
 * Audits MCP client configuration files against the checklist without starting any server.
 * Reads only; never writes to a config file.
 *
 * @example
 * const report = await scanConfigs({ files: ['.mcp.json'], cwd, home, platform, env, toolVersion });
 */
export async function scanConfigs(options: ConfigScanOptions): Promise<ScanReport> {
  const { files, diagnostics } = await loadFiles(options);
  const secretIndex = await buildSecretIndex(
    files.flatMap((file) => file.servers.flatMap(serverStrings)),
  );
  const findSecrets = (text: string) => secretIndex.find(text);
  const homeDirs = [options.home];
  const result = runConfigDetectors(options.registry ?? detectorRegistry, files, {
    cwd: options.cwd,
    services: { findSecrets },
    environment: { homeDirs, platform: options.platform },
    ...(options.detectorOptions ? { detectorOptions: options.detectorOptions } : {}),
  });

  const findings = result.findings.sort(compareFindings);

  const scannedFiles: ScannedFile[] = files.map((file) => ({
    path: file.path,
    client: file.client,
    scope: file.scope,
    format: file.format,
    servers: file.servers.length,
    ...(file.parseError ? { parseError: file.parseError } : {}),
  }));
  const servers: ScannedServer[] = files.flatMap((file) =>
    file.servers.map((server) => ({
      name: server.name,
      client: server.client,
      file: server.source.file,
      pointer: server.source.pointer,
      line: server.source.line,
      transport: server.transport,
      target: describeServer(server, findSecrets),
      disabled: server.disabled,
    })),
  );

  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: 'mcp-warden', version: options.toolVersion },
    files: scannedFiles,
    servers,
    findings,
    suppressed: 0,
    diagnostics: [...diagnostics, ...result.diagnostics],
    summary: summarize(findings),
  };
}
