import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { applyBaseline, createBaseline, parseBaseline } from '../../core/baseline.js';
import { CHECKLIST } from '../../core/checklist.js';
import { ToolkitError } from '../../core/errors.js';
import { CLIENT_IDS, type ClientId } from '../../core/server-spec.js';
import { isSeverity, SEVERITIES, severityRank, type Severity } from '../../core/severity.js';
import { detectorRegistry } from '../../detectors/registry.js';
import { getReporter } from '../../reporters/index.js';
import { scanConfigs } from '../../scanner/config-scan.js';
import type { CommandRuntime } from '../index.js';
import { EXIT_FINDINGS } from '../io.js';
import { toolVersion } from '../version.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

interface ScanFlags {
  client?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  cwd?: string;
  home?: string;
  user: boolean;
  project: boolean;
  color?: boolean;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `Cannot read ${what} ${path}: ${code ?? String(error)}`,
      { cause: error },
    );
  }
}

async function writeText(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot write ${what} ${path}: ${code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
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
  program
    .command('scan')
    .description(
      'Audit MCP server configurations against the checklist (starts no server). With no files, ' +
        'scans every client config of the current user and of the current directory.',
    )
    .argument('[files...]', 'config files to scan (client detected from name and content)')
    .addOption(
      new Option('--client <id>', "treat the given files as this client's format").choices(
        CLIENT_IDS,
      ),
    )
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
    .option('--cwd <dir>', 'project directory to discover project-level configs in')
    .option('--home <dir>', 'home directory to discover user-level configs in (default: yours)')
    .option('--no-user', 'do not discover user-level configs (home directory)')
    .option('--no-project', 'do not discover project-level configs (current directory)')
    .option('--color', 'force coloured text output')
    .option('--no-color', 'disable coloured text output')
    .action(async (files: string[], flags: ScanFlags) => {
      const { io } = runtime;
      const failOn = parseFailOn(flags.failOn);
      // commander has already checked the value against CLIENT_IDS.
      const client = flags.client as ClientId | undefined;
      const cwd = resolve(io.cwd, flags.cwd ?? '.');
      const baseline = flags.baseline
        ? parseBaseline(await readText(resolve(io.cwd, flags.baseline), 'baseline'), flags.baseline)
        : undefined;

      const fullReport = await scanConfigs({
        files: files.map((file) => resolve(io.cwd, file)),
        ...(client ? { client } : {}),
        cwd,
        home: flags.home ? resolve(io.cwd, flags.home) : io.homedir,
        platform: io.platform,
        env: io.env,
        includeUser: flags.user,
        includeProject: flags.project,
        toolVersion: toolVersion(),
      });

      if (flags.writeBaseline) {
        const text = `${JSON.stringify(createBaseline(fullReport.findings), null, 2)}\n`;
        await writeText(resolve(io.cwd, flags.writeBaseline), text, 'baseline');
        io.stderr(
          `mcp-warden: baseline accepting ${fullReport.findings.length} finding(s) written to ${flags.writeBaseline}\n`,
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
      });
      if (flags.output) {
        await writeText(resolve(io.cwd, flags.output), document, 'report');
        io.stderr(`mcp-warden: report written to ${flags.output}\n`);
      } else {
        io.stdout(document.endsWith('\n') ? document : `${document}\n`);
      }
      if (failOn && report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
        runtime.setExitCode(EXIT_FINDINGS);
      }
    });
}
