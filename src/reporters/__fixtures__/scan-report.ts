/**
 * A small, realistic scan for reporter tests: hand-made detectors and checklist items, so the
 * reporters are tested without the real catalogue or registry.
 */
import type { ChecklistItem } from '../../core/checklist-types.js';
import { defineDetector, type Detector, resolveMessage } from '../../core/detector.js';
import { fingerprintOf, type Finding, type FindingLocation } from '../../core/finding.js';
import {
  SCAN_REPORT_SCHEMA_VERSION,
  type ReporterContext,
  type ScanReport,
} from '../../core/report.js';
import { SEVERITIES, type Severity } from '../../core/severity.js';

export const CWD = '/home/dev/project';
const HOME = '/home/dev';

export const testChecklist: readonly ChecklistItem[] = [
  {
    id: 'server.auth.credential-management',
    part: 'server',
    section: 'Server Authentication & Authorization',
    title: 'Credential Management',
    titleZh: '凭证管理',
    priority: 'high',
    concerns: ['server'],
    coverage: ['scan'],
    summary: 'Credentials are stored and passed securely, never in plain text.',
  },
  {
    id: 'client.storage.credential-secure-storage',
    part: 'client',
    section: 'Local Storage Security',
    title: 'Credential Secure Storage',
    titleZh: '凭证安全存储',
    priority: 'high',
    concerns: ['client'],
    coverage: ['scan'],
    summary: 'The client keeps credentials in a secure store.',
  },
  {
    id: 'client.transport.encrypted-communication',
    part: 'client',
    section: 'Server Verification & Communication Security',
    title: 'Encrypted Communication',
    titleZh: '通信加密',
    priority: 'high',
    concerns: ['client'],
    coverage: ['scan', 'gateway'],
    summary: 'Remote servers are reached over TLS.',
  },
  {
    id: 'client.management.version-control',
    part: 'client',
    section: 'MCP Tools & Servers Management',
    title: 'Version Control',
    titleZh: '版本控制',
    priority: 'medium',
    concerns: ['client'],
    coverage: ['scan'],
    summary: 'Servers run a pinned, known version.',
  },
];

const hardcodedSecret = defineDetector({
  id: 'hardcoded-secret',
  meta: {
    title: 'Secret written into a server entry',
    description:
      'A credential is written in plain text into an MCP configuration file, where any process that can read the file, and any backup or commit of it, can take it.',
    severity: 'critical',
    checklist: ['server.auth.credential-management', 'client.storage.credential-secure-storage'],
    tags: ['secrets'],
    messages: {
      secretInEnv: 'Server "{{server}}" passes a {{kind}} in plain text through {{field}}.',
    },
    fix: 'Move the secret to the OS keychain or an environment variable the client inherits, then rotate it.',
  },
  create: () => ({}),
});

const remotePlainHttp = defineDetector({
  id: 'remote-plain-http',
  meta: {
    title: 'Remote server over plain HTTP',
    description:
      'The client talks to a remote MCP server over unencrypted HTTP, so anyone on the network path can read and change tool calls and results.',
    severity: 'high',
    checklist: ['client.transport.encrypted-communication'],
    tags: ['transport'],
    messages: { plainHttp: 'Server "{{server}}" is reached over http:// ({{url}}).' },
    fix: 'Use an https:// URL; for local servers bind to 127.0.0.1 and prefer stdio.',
  },
  create: () => ({}),
});

const unpinnedPackage = defineDetector({
  id: 'unpinned-package',
  meta: {
    title: 'Server package without a pinned version',
    description:
      'The server is started from a package manager without an exact version, so every start may run different code than the one reviewed.',
    severity: 'medium',
    checklist: ['client.management.version-control'],
    tags: ['supply-chain'],
    messages: { unpinned: 'Server "{{server}}" runs {{package}} without a pinned version.' },
    fix: 'Pin an exact version (`npx -y pkg@1.2.3`) and update it deliberately.',
  },
  create: () => ({}),
});

export const testDetectors: readonly Detector[] = [
  hardcodedSecret,
  remotePlainHttp,
  unpinnedPackage,
];

export function testContext(overrides: Partial<ReporterContext> = {}): ReporterContext {
  return {
    detectors: testDetectors,
    checklist: testChecklist,
    toolVersion: '0.1.0',
    cwd: CWD,
    color: false,
    ...overrides,
  };
}

function finding(
  detector: Detector,
  messageId: string,
  message: string,
  location: FindingLocation,
  extra: { evidence?: string; severity?: Severity } = {},
): Finding {
  const relativeFile =
    location.file === undefined
      ? undefined
      : location.file.startsWith(`${CWD}/`)
        ? location.file.slice(CWD.length + 1)
        : `../${location.file.slice(HOME.length + 1)}`;
  const declared = resolveMessage(detector.meta, messageId);
  return {
    detectorId: detector.id,
    messageId,
    class: declared?.class ?? 'risk',
    severity: extra.severity ?? detector.meta.severity,
    title: detector.meta.title,
    message,
    checklist: [...(declared?.checklist ?? detector.meta.checklist)],
    location,
    ...(extra.evidence !== undefined ? { evidence: extra.evidence } : {}),
    fix: detector.meta.fix,
    fingerprint: fingerprintOf(detector.id, messageId, location, relativeFile),
  };
}

export function testFindings(): Finding[] {
  return [
    finding(
      hardcodedSecret,
      'secretInEnv',
      'Server "github" passes a GitHub token in plain text through env.GITHUB_TOKEN.',
      {
        file: `${CWD}/.mcp.json`,
        pointer: '/mcpServers/github/env/GITHUB_TOKEN',
        line: 7,
        column: 25,
        client: 'claude-code',
        server: 'github',
        field: 'env.GITHUB_TOKEN',
      },
      { evidence: 'GITHUB_TOKEN=ghp_****…(40 chars)' },
    ),
    finding(
      remotePlainHttp,
      'plainHttp',
      'Server "analytics" is reached over http:// (http://analytics.internal:8080/mcp).',
      {
        file: `${HOME}/.cursor/mcp.json`,
        pointer: '/mcpServers/analytics/url',
        line: 4,
        column: 14,
        client: 'cursor',
        server: 'analytics',
        field: 'url',
      },
      { evidence: 'http://analytics.internal:8080/mcp?team=a|b' },
    ),
    finding(
      unpinnedPackage,
      'unpinned',
      'Server "fs`tools|dev" runs @modelcontextprotocol/server-filesystem without a pinned version.',
      {
        file: `${CWD}/.vscode/mcp.json`,
        pointer: '/servers/fs`tools|dev/args/1',
        line: 6,
        column: 18,
        client: 'vscode',
        server: 'fs`tools|dev',
        field: 'args.1',
      },
      { evidence: 'npx -y @modelcontextprotocol/server-filesystem ``.``' },
    ),
    finding(
      unpinnedPackage,
      'unpinned',
      'Server "memory" runs @modelcontextprotocol/server-memory without a pinned version.',
      {
        file: `${CWD}/.mcp.json`,
        pointer: '/mcpServers/memory/args/1',
        line: 14,
        column: 17,
        client: 'claude-code',
        server: 'memory',
        field: 'args.1',
      },
      { severity: 'low' },
    ),
  ];
}

function bySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Three parsed config files, one that does not parse, four servers, four findings, two suppressed. */
export function testReport(): ScanReport {
  const findings = testFindings();
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: 'mcp-warden', version: '0.1.0' },
    files: [
      {
        path: `${CWD}/.mcp.json`,
        client: 'claude-code',
        scope: 'project',
        format: 'json',
        servers: 2,
      },
      {
        path: `${CWD}/.vscode/mcp.json`,
        client: 'vscode',
        scope: 'project',
        format: 'jsonc',
        servers: 1,
      },
      {
        path: `${CWD}/.cursor/mcp.json`,
        client: 'cursor',
        scope: 'project',
        format: 'json',
        servers: 0,
        parseError: { line: 5, column: 3, message: 'Expected comma or closing brace' },
      },
      {
        path: `${HOME}/.cursor/mcp.json`,
        client: 'cursor',
        scope: 'user',
        format: 'json',
        servers: 1,
      },
    ],
    servers: [
      {
        name: 'github',
        client: 'claude-code',
        file: `${CWD}/.mcp.json`,
        pointer: '/mcpServers/github',
        line: 3,
        transport: 'stdio',
        target: 'npx -y @modelcontextprotocol/server-github@2025.4.8',
        disabled: false,
      },
      {
        name: 'memory',
        client: 'claude-code',
        file: `${CWD}/.mcp.json`,
        pointer: '/mcpServers/memory',
        line: 11,
        transport: 'stdio',
        target: 'npx -y @modelcontextprotocol/server-memory',
        disabled: true,
      },
      {
        name: 'fs`tools|dev',
        client: 'vscode',
        file: `${CWD}/.vscode/mcp.json`,
        pointer: '/servers/fs`tools|dev',
        line: 3,
        transport: 'stdio',
        target: 'npx -y @modelcontextprotocol/server-filesystem .',
        disabled: false,
      },
      {
        name: 'analytics',
        client: 'cursor',
        file: `${HOME}/.cursor/mcp.json`,
        pointer: '/mcpServers/analytics',
        line: 3,
        transport: 'http',
        target: 'http://analytics.internal:8080/mcp',
        disabled: false,
      },
    ],
    findings,
    suppressed: 2,
    diagnostics: [
      {
        code: 'discovery-error',
        file: `${HOME}/.codeium/windsurf/mcp_config.json`,
        message: 'Cannot read /home/dev/.codeium/windsurf/mcp_config.json: EACCES',
      },
      {
        code: 'detector-error',
        detectorId: 'remote-plain-http',
        file: `${CWD}/.vscode/mcp.json`,
        message: 'remote-plain-http failed: Invalid URL',
      },
    ],
    summary: { total: findings.length, bySeverity: bySeverity(findings) },
  };
}

/** A scan that found nothing: no files, no servers, no detectors. */
export function emptyReport(): ScanReport {
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: 'mcp-warden', version: '0.1.0' },
    files: [],
    servers: [],
    findings: [],
    suppressed: 0,
    diagnostics: [],
    summary: { total: 0, bySeverity: bySeverity([]) },
  };
}
