import { createColors } from 'picocolors';
import type { ChecklistItem } from '../core/checklist-types.js';
import type { Diagnostic } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type {
  Reporter,
  ReporterContext,
  ScannedFile,
  ScannedServer,
  ScanReport,
} from '../core/report.js';
import { severityRank, type Severity } from '../core/severity.js';
import {
  checklistIndex,
  compareText,
  countBySeverity,
  displayPath,
  neutralize,
  plural,
  SEVERITIES_DESC,
  sortedReport,
} from './shared.js';

type Colors = ReturnType<typeof createColors>;

const LABEL_WIDTH = 10;
/** How many findings the summary's "what to do first" names. */
const FIRST_STEPS = 3;

interface Style {
  colors: Colors;
  context: ReporterContext;
  items: ReadonlyMap<string, ChecklistItem>;
  verbose: boolean;
}

/** One server of one file (or the file itself), with what the scan found about it. */
interface ServerNode {
  name: string;
  server?: ScannedServer;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** One config file (or the findings tied to no file) and its servers. */
interface FileGroup {
  path?: string;
  file?: ScannedFile;
  /** Findings and diagnostics about the file itself, not one of its servers. */
  own: ServerNode;
  servers: ServerNode[];
}

function severityPaint(colors: Colors, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (text) => colors.bold(colors.red(text));
    case 'high':
      return colors.red;
    case 'medium':
      return colors.yellow;
    case 'low':
      return colors.cyan;
    case 'info':
      return colors.gray;
  }
}

const TAG_ESCAPE = /\\u\{E00([2-7][0-9A-F])\}/g;
const TAG_RUN = /(?:\\u\{E00[0-7][0-9A-F]\}){2,}/g;
const REPEATED_ESCAPE = /(\\u\{[0-9A-F]+\})\1{3,}/g;

/**
 * Shows hidden text decoded: a run of Unicode tag characters (invisible ASCII) becomes
 * `⟨hidden: …⟩` with the ASCII it encodes, and a run of one repeated escape becomes `\u{200B}×12`,
 * never a wall of escapes. Works on text already made safe by {@link neutralize}; the decoded
 * characters are printable ASCII only.
 */
export function revealHidden(safe: string): string {
  return safe
    .replace(TAG_RUN, (run) => {
      const decoded = [...run.matchAll(TAG_ESCAPE)]
        .map((match) => Number.parseInt(match[1] ?? '20', 16))
        .filter((code) => code >= 0x20 && code < 0x7f)
        .map((code) => String.fromCharCode(code))
        .join('');
      return decoded.trim() === ''
        ? `⟨${String(run.length / 9)} hidden tag characters⟩`
        : `⟨hidden: ${decoded}⟩`;
    })
    .replace(REPEATED_ESCAPE, (run, one: string) => `${one}×${String(run.length / one.length)}`);
}

/** Attacker-controlled text made safe for the terminal, hidden text decoded. */
function shown(text: string, oneLine = false): string {
  return revealHidden(neutralize(text, oneLine));
}

/** One labelled field; continuation lines line up under the first. */
function field(colors: Colors, label: string, value: string): string[] {
  const [first = '', ...rest] = value.split('\n');
  return [
    `${colors.dim(label.padEnd(LABEL_WIDTH))}${first}`,
    ...rest.map((line) => `${' '.repeat(LABEL_WIDTH)}${line}`),
  ];
}

/** Prefixes a block as one child of a tree: `├─ ` / `│  `, or `└─ ` / `   ` for the last. */
function branch(colors: Colors, block: string[], last: boolean): string[] {
  return block.map((line, index) => {
    const lead = index === 0 ? (last ? '└─ ' : '├─ ') : last ? '   ' : '│  ';
    return `${colors.dim(lead)}${line}`.trimEnd();
  });
}

function tree(colors: Colors, blocks: string[][]): string[] {
  return blocks.flatMap((block, index) => branch(colors, block, index === blocks.length - 1));
}

const SHORT_FIX = 120;

/**
 * A fix cut for the brief report: its first sentence, or when that is long too, the text up to
 * the last clause (`;`, `,`) or word that fits in {@link SHORT_FIX} characters, with `…`.
 */
function shortFix(fix: string): { text: string; cut: boolean } {
  if (fix.length <= SHORT_FIX) return { text: fix, cut: false };
  const sentence = /^(.{20,}?[.!?])\s/su.exec(fix)?.[1];
  if (sentence !== undefined && sentence.length <= SHORT_FIX) return { text: sentence, cut: true };
  const head = fix.slice(0, SHORT_FIX);
  const clause = Math.max(head.lastIndexOf('; '), head.lastIndexOf(', '));
  const end = clause >= 40 ? clause : head.lastIndexOf(' ');
  return { text: `${head.slice(0, end > 0 ? end : SHORT_FIX)}…`, cut: true };
}

function checklistLine(id: string, items: ReadonlyMap<string, ChecklistItem>): string {
  const item = items.get(id);
  if (!item) return `${id}  (not in the checklist catalogue)`;
  return `${id}  ${item.title}  [${item.priority}]`;
}

/** Where in its server a finding is: file:line:column, pointer, item. The server is the group. */
function whereOf(finding: Finding, style: Style): string | undefined {
  const { location } = finding;
  const { colors, context } = style;
  const parts: string[] = [];
  if (location.file !== undefined) {
    let file = displayPath(location.file, context.cwd);
    if (location.line !== undefined && location.line >= 1) {
      file += `:${String(location.line)}`;
      if (location.column !== undefined && location.column >= 1) {
        file += `:${String(location.column)}`;
      }
    }
    parts.push(colors.underline(shown(file, true)));
  }
  if (location.pointer !== undefined && location.pointer !== '') {
    parts.push(shown(location.pointer, true));
  }
  if (location.item !== undefined) {
    const kind = location.itemKind ?? 'item';
    const name = location.field === undefined ? '' : ` ${shown(location.field, true)}`;
    parts.push(`${kind} "${shown(location.item, true)}"${name}`);
  }
  return parts.length === 0 ? undefined : parts.join(colors.dim('  ·  '));
}

function formatFinding(finding: Finding, style: Style): string[] {
  const { colors, items, verbose } = style;
  const paint = severityPaint(colors, finding.severity);
  const lines = [
    `${paint(`● ${finding.severity.toUpperCase()}`)}  ${colors.bold(shown(finding.title, true))}  ${colors.dim(`${finding.class} · ${finding.detectorId}`)}`,
    ...shown(finding.message).split('\n'),
  ];
  const where = whereOf(finding, style);
  if (where !== undefined) lines.push(`${colors.dim('at'.padEnd(LABEL_WIDTH))}${where}`);
  if (finding.evidence !== undefined && finding.evidence !== '') {
    lines.push(...field(colors, 'evidence', shown(finding.evidence)));
  }
  if (verbose) {
    finding.checklist.forEach((id, index) => {
      lines.push(...field(colors, index === 0 ? 'checklist' : '', checklistLine(id, items)));
    });
    lines.push(...field(colors, 'fix', shown(finding.fix)));
  } else {
    const fix = shortFix(finding.fix);
    lines.push(
      ...field(
        colors,
        'fix',
        `${shown(fix.text)}${fix.cut ? colors.dim(' (more with --verbose)') : ''}`,
      ),
    );
  }
  return lines;
}

function formatDiagnostic(diagnostic: Diagnostic, style: Style): string[] {
  const { colors } = style;
  const about = diagnostic.detectorId === undefined ? '' : `  ${colors.dim(diagnostic.detectorId)}`;
  const lines = [
    `${colors.yellow(`▲ ${diagnostic.code}`)}${about}`,
    ...shown(diagnostic.message).split('\n'),
  ];
  if (diagnostic.stderrTail !== undefined && diagnostic.stderrTail !== '') {
    lines.push(...field(colors, 'stderr', colors.dim(shown(diagnostic.stderrTail))));
  }
  return lines;
}

function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return findings.reduce<Severity | undefined>(
    (worst, f) =>
      worst === undefined || severityRank(f.severity) > severityRank(worst) ? f.severity : worst,
    undefined,
  );
}

/** How the live scan reached a server, or why it did not. */
function liveDetail(server: ScannedServer | undefined, colors: Colors): string {
  const live = server?.live;
  if (!live) return server?.disabled === true ? colors.dim('disabled') : '';
  if (live.status !== 'scanned') {
    return colors.dim(shown(live.reason ?? '', true));
  }
  const how = [
    live.protocol ? `protocol ${live.protocol.version}` : undefined,
    live.transport,
    live.sandbox === 'bubblewrap'
      ? 'sandboxed (bubblewrap)'
      : live.sandbox === 'none'
        ? colors.yellow('NOT sandboxed')
        : undefined,
    live.reason === undefined ? undefined : shown(live.reason, true),
  ].filter((part) => part !== undefined);
  const counts = live.counts
    ? `${plural(live.counts.tools, 'tool')}, ${plural(live.counts.prompts, 'prompt')}, ${plural(live.counts.resources + live.counts.resourceTemplates, 'resource')}`
    : 'scanned';
  return colors.dim(`${counts}${how.length > 0 ? ` (${how.join(', ')})` : ''}`);
}

/** `✗ HIGH  2 findings`, `✗ failed`, `– skipped` or `✓ clean`. */
function verdict(node: ServerNode, colors: Colors): string {
  const worst = worstSeverity(node.findings);
  if (worst !== undefined) {
    return `${severityPaint(colors, worst)(`✗ ${worst.toUpperCase()}`)}  ${plural(node.findings.length, 'finding')}`;
  }
  const status = node.server?.live?.status;
  if (status === 'failed' || node.diagnostics.some((d) => d.code === 'server-failed')) {
    return colors.red('✗ failed');
  }
  if (status === 'skipped') return colors.dim('– skipped');
  if (node.server?.disabled === true && status === undefined) return colors.dim('– no findings');
  return colors.green('✓ no findings');
}

function formatServer(node: ServerNode, style: Style): string[] {
  const { colors } = style;
  const detail = liveDetail(node.server, colors);
  const head = `${colors.bold(shown(node.name, true))}  ${verdict(node, colors)}${detail === '' ? '' : `  ${detail}`}`;
  const children = [
    ...node.diagnostics.map((d) => formatDiagnostic(d, style)),
    ...node.findings.map((f) => formatFinding(f, style)),
  ];
  return [head, ...tree(colors, children)];
}

function formatGroup(group: FileGroup, style: Style): string[] {
  const { colors, context } = style;
  const title =
    group.path === undefined
      ? colors.bold('Not tied to a config file')
      : colors.bold(colors.underline(shown(displayPath(group.path, context.cwd), true)));
  const about = group.file
    ? colors.dim(
        `  ${group.file.client} · ${group.file.scope} · ${plural(group.file.servers, 'server')}`,
      )
    : '';
  const lines = [`${title}${about}`];
  const error = group.file?.parseError;
  const blocks: string[][] = [];
  if (error) {
    blocks.push([
      `${colors.yellow('▲ could not be parsed')}  ${shown(`${String(error.line)}:${String(error.column)}  ${error.message}`, true)}`,
    ]);
  }
  const own = [
    ...group.own.diagnostics.map((d) => formatDiagnostic(d, style)),
    ...group.own.findings.map((f) => formatFinding(f, style)),
  ];
  if (own.length > 0) {
    const worst = worstSeverity(group.own.findings);
    const head =
      worst === undefined
        ? colors.bold('the file itself')
        : `${colors.bold('the file itself')}  ${severityPaint(colors, worst)(`✗ ${worst.toUpperCase()}`)}  ${plural(group.own.findings.length, 'finding')}`;
    blocks.push([head, ...tree(colors, own)]);
  }
  blocks.push(...group.servers.map((node) => formatServer(node, style)));
  return [...lines, ...tree(colors, blocks)];
}

function emptyNode(name: string): ServerNode {
  return { name, findings: [], diagnostics: [] };
}

/** Files, then the servers of each, then what was found about each. */
function groupReport(report: ScanReport): { groups: FileGroup[]; general: Diagnostic[] } {
  const groups = new Map<string, FileGroup>();
  const groupOf = (path: string | undefined): FileGroup => {
    const key = path ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { ...(path === undefined ? {} : { path }), own: emptyNode(''), servers: [] };
      groups.set(key, group);
    }
    return group;
  };
  const nodeOf = (path: string | undefined, name: string): ServerNode => {
    const group = groupOf(path);
    let node = group.servers.find((candidate) => candidate.name === name);
    if (!node) {
      node = emptyNode(name);
      group.servers.push(node);
    }
    return node;
  };
  for (const file of report.files) groupOf(file.path).file = file;
  for (const server of report.servers) {
    const group = groupOf(server.file);
    const node = group.servers.find((c) => c.name === server.name && c.server === undefined);
    if (node) node.server = server;
    else group.servers.push({ ...emptyNode(server.name), server });
  }
  for (const finding of report.findings) {
    const { file, server } = finding.location;
    if (server === undefined) groupOf(file).own.findings.push(finding);
    else nodeOf(file, server).findings.push(finding);
  }
  const general: Diagnostic[] = [];
  for (const diagnostic of report.diagnostics) {
    const { file, server } = diagnostic;
    if (server !== undefined) {
      // An `unsandboxed` diagnostic names its server only: find it in whichever file has it.
      const path =
        file ?? [...groups.values()].find((g) => g.servers.some((n) => n.name === server))?.path;
      nodeOf(path, server).diagnostics.push(diagnostic);
    } else if (file !== undefined) {
      groupOf(file).own.diagnostics.push(diagnostic);
    } else {
      general.push(diagnostic);
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      (a.path === undefined ? 1 : 0) - (b.path === undefined ? 1 : 0) ||
      compareText(a.path, b.path),
  );
  return { groups: sorted, general };
}

function formatSummary(report: ScanReport, groups: readonly FileGroup[], style: Style): string[] {
  const { colors, context } = style;
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const lines = [colors.bold('Summary')];
  const bySeverity = SEVERITIES_DESC.filter((s) => counts[s] > 0)
    .map((s) => severityPaint(colors, s)(`${String(counts[s])} ${s}`))
    .join(', ');
  lines.push(`  ${plural(total, 'finding')}${total > 0 ? `: ${bySeverity}` : ''}`);
  const nodes = groups.flatMap((g) => g.servers);
  if (nodes.length > 0) {
    const flagged = nodes.filter((n) => n.findings.length > 0).length;
    const failed = nodes.filter(
      (n) =>
        n.server?.live?.status === 'failed' ||
        n.diagnostics.some((d) => d.code === 'server-failed'),
    ).length;
    const skipped = nodes.filter((n) => n.server?.live?.status === 'skipped').length;
    const parts = [
      `${String(flagged)} with findings`,
      failed > 0 ? colors.red(`${String(failed)} failed to start or connect`) : undefined,
      skipped > 0 ? `${String(skipped)} skipped` : undefined,
    ].filter((part) => part !== undefined);
    lines.push(`  ${plural(nodes.length, 'server')}: ${parts.join(', ')}`);
  }
  if (report.suppressed > 0) {
    lines.push(`  ${String(report.suppressed)} suppressed by the baseline`);
  }
  const unparsed = report.files.filter((file) => file.parseError !== undefined).length;
  if (unparsed > 0) {
    lines.push(colors.yellow(`  ${plural(unparsed, 'file')} could not be parsed`));
  }
  if (report.diagnostics.length > 0) {
    lines.push(colors.yellow(`  ${plural(report.diagnostics.length, 'scan diagnostic')}`));
  }
  const first = report.findings.filter((f) => f.severity !== 'info').slice(0, FIRST_STEPS);
  if (first.length > 0) {
    lines.push('', colors.bold('What to do first'));
    first.forEach((finding, index) => {
      const where =
        finding.location.server !== undefined
          ? `"${shown(finding.location.server, true)}"`
          : finding.location.file !== undefined
            ? shown(displayPath(finding.location.file, context.cwd), true)
            : 'the scan';
      const paint = severityPaint(colors, finding.severity);
      lines.push(
        `  ${String(index + 1)}. ${paint(finding.severity)}  ${where}: ${shown(finding.title, true)}`,
        `     ${shown(shortFix(finding.fix).text, true)}`,
      );
    });
    const rest = report.findings.length - first.length;
    if (rest > 0) lines.push(colors.dim(`  … and ${plural(rest, 'more finding')} above.`));
  }
  return lines;
}

/**
 * Terminal output, grouped like a tree: each config file, each of its servers with a one-word
 * verdict (its worst finding, failed, skipped or clean), then that server's diagnostics (a failed
 * server's stderr) and findings. Findings about a file rather than a server sit under "the file
 * itself". Hidden text is shown decoded. Checklist items and long fixes appear with
 * `context.verbose`. A short summary ends it, with the findings to fix first.
 *
 * @example
 * process.stdout.write(textReporter.format(report, { ...context, color: true, verbose: false }));
 */
export const textReporter: Reporter = {
  id: 'text',
  format(input, context) {
    const report = sortedReport(input);
    const style: Style = {
      colors: createColors(context.color),
      context,
      items: checklistIndex(context.checklist),
      verbose: context.verbose ?? false,
    };
    const { colors } = style;
    const out: string[] = [];

    const scanned = `scanned ${plural(report.files.length, 'file')}, ${plural(report.servers.length, 'server')}`;
    out.push(`${colors.bold(report.tool.name)} ${report.tool.version}: ${scanned}`, '');

    const { groups, general } = groupReport(report);
    if (groups.length === 0) {
      out.push('No MCP configuration files were found.', '');
    }
    for (const group of groups) out.push(...formatGroup(group, style), '');
    if (general.length > 0) {
      out.push(colors.bold(colors.yellow('Diagnostics')));
      out.push(
        ...tree(
          colors,
          general.map((d) => formatDiagnostic(d, style)),
        ),
        '',
      );
    }
    if (groups.length > 0 && report.findings.length === 0)
      out.push(colors.green('No findings.'), '');

    out.push(...formatSummary(report, groups, style));
    return `${out.join('\n')}\n`;
  },
};
