import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { applyBaseline, createBaseline, parseBaseline } from '../../core/baseline.js';
import { CHECKLIST } from '../../core/checklist.js';
import { ToolkitError } from '../../core/errors.js';
import { isSeverity, SEVERITIES, severityRank, type Severity } from '../../core/severity.js';
import { detectorRegistry } from '../../detectors/registry.js';
import { getReporter } from '../../reporters/index.js';
import { serializeSnapshots } from '../../scanner/snapshot-io.js';
import { readText, writeText } from '../files.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_FINDINGS, printable } from '../io.js';
import {
  addScanInputOptions,
  directoryFlag,
  loadLockfile,
  scanFromFlags,
  type ScanInputFlags,
} from '../scan-input.js';
import { toolVersion } from '../version.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

interface ScanFlags extends ScanInputFlags {
  format: (typeof FORMATS)[number];
  output?: string;
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  saveSnapshot?: string;
  color?: boolean;
  verbose?: boolean;
}

function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined || value === 'none') return undefined;
  if (!isSeverity(value)) {
    throw new ToolkitError(
      'USAGE',
      `--fail-on "${value}" is not a severity; use one of: ${SEVERITIES.join(', ')}, none.`,
    );
  }
  return value;
}

export function registerScan(program: Command, runtime: CommandRuntime): void {
  const command = program
    .command('scan')
    .description(
      'Audit MCP servers against the checklist: their configuration, and what each declares once ' +
        'started in a sandbox or connected to (--offline: configuration only). With no files, ' +
        'scans every client config of the current user and of the current directory.',
    );
  addScanInputOptions(command)
    .addOption(
      new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding at or above this severity exists (${SEVERITIES.join('|')}|none)`,
    )
    .option('--baseline <file>', 'accept the findings whose fingerprints this baseline file lists')
    .option('--write-baseline <file>', 'write a baseline accepting every current finding')
    .option('--save-snapshot <file>', 'write what the live servers declared to a snapshot file')
    .option('--color', 'force coloured text output')
    .option('--no-color', 'disable coloured text output')
    .option('--verbose', 'text report: show every checklist item and the full fix of each finding')
    .action(async (files: string[], flags: ScanFlags) => {
      const { io } = runtime;
      const failOn = parseFailOn(flags.failOn);
      const cwd = flags.cwd === undefined ? io.cwd : directoryFlag(io, flags.cwd, '--cwd');
      const baseline = flags.baseline
        ? parseBaseline(await readText(resolve(io.cwd, flags.baseline), 'baseline'), flags.baseline)
        : undefined;
      const lockfile = await loadLockfile(io, cwd, flags.lockfile);

      const { report: fullReport, snapshots } = await scanFromFlags(files, flags, io, { lockfile });

      if (flags.saveSnapshot) {
        await writeText(
          resolve(io.cwd, flags.saveSnapshot),
          serializeSnapshots(snapshots),
          'snapshot',
        );
        io.stderr(
          `mcp-warden: ${String(snapshots.length)} snapshot(s) written to ${printable(flags.saveSnapshot)}\n`,
        );
      }
      if (flags.writeBaseline) {
        const text = `${JSON.stringify(createBaseline(fullReport.findings), null, 2)}\n`;
        await writeText(resolve(io.cwd, flags.writeBaseline), text, 'baseline');
        io.stderr(
          `mcp-warden: baseline accepting ${String(fullReport.findings.length)} finding(s) written to ${printable(flags.writeBaseline)}\n`,
        );
      }
      const report = baseline ? applyBaseline(fullReport, baseline) : fullReport;
      const color = flags.output === undefined && (flags.color ?? io.color);
      const document = getReporter(flags.format).format(report, {
        detectors: Object.values(detectorRegistry),
        checklist: CHECKLIST,
        toolVersion: toolVersion(),
        cwd,
        color,
        verbose: flags.verbose ?? false,
      });
      if (flags.output) {
        await writeText(resolve(io.cwd, flags.output), document, 'report');
        io.stderr(`mcp-warden: report written to ${printable(flags.output)}\n`);
      } else {
        io.stdout(document.endsWith('\n') ? document : `${document}\n`);
      }
      if (failOn && report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
        runtime.setExitCode(EXIT_FINDINGS);
      }
    });
}
