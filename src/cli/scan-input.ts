import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { ToolkitError } from '../core/errors.js';
import { CLIENT_IDS, type ClientId } from '../core/server-spec.js';
import { LOCKFILE_NAME, type Lockfile, parseLockfile } from '../pin/lockfile.js';
import type { ScanProgress } from '../scanner/live-scan.js';
import { scan, type ScanResult } from '../scanner/scan.js';
import { readText } from './files.js';
import { type CliIo, printable } from './io.js';
import { toolVersion } from './version.js';

/** The options `scan` and `pin` share: what to look at and how to reach live servers. */
export interface ScanInputFlags {
  client?: string;
  cwd?: string;
  home?: string;
  user: boolean;
  project: boolean;
  offline?: boolean;
  snapshot?: string[];
  lockfile?: string;
  timeout: string;
  concurrency: string;
  sandbox: 'auto' | 'bubblewrap' | 'none';
  network?: boolean;
  startRisky?: boolean;
  progress: boolean;
}

export function addScanInputOptions(command: Command): Command {
  return command
    .argument('[files...]', 'config files to scan (client detected from name and content)')
    .addOption(
      new Option('--client <id>', "treat the given files as this client's format").choices(
        CLIENT_IDS,
      ),
    )
    .option('--cwd <dir>', 'project directory to discover project-level configs in')
    .option('--home <dir>', 'home directory to discover user-level configs in (default: yours)')
    .option('--no-user', 'do not discover user-level configs (home directory)')
    .option('--no-project', 'do not discover project-level configs (current directory)')
    .option('--offline', 'start and connect to nothing: audit the configuration only')
    .option(
      '--snapshot <file...>',
      'scan saved snapshots (or a bare tools/list result) instead of live servers',
    )
    .option(
      '--lockfile <file>',
      `pinned definitions to compare with (default: ./${LOCKFILE_NAME} if present)`,
    )
    .option('--timeout <ms>', 'per-server budget to start, connect and list', '30000')
    .option('--concurrency <n>', 'servers scanned at once', '4')
    .addOption(
      new Option('--sandbox <mode>', 'how to confine stdio servers while scanning')
        .choices(['auto', 'bubblewrap', 'none'])
        .default('auto'),
    )
    .option('--network', 'let sandboxed stdio servers reach the network (off by default)')
    .option(
      '--start-risky',
      'also start servers whose launch is judged critical or runs an unpinned package',
    )
    .option('--no-progress', 'do not draw progress on the terminal');
}

function positiveInteger(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new ToolkitError('USAGE', `${flag} "${value}" must be a positive whole number.`);
  }
  return parsed;
}

/** The default lockfile is used when it exists; one named explicitly must exist. */
export async function loadLockfile(
  io: CliIo,
  cwd: string,
  named: string | undefined,
): Promise<Lockfile | undefined> {
  const path = named ? resolve(io.cwd, named) : resolve(cwd, LOCKFILE_NAME);
  if (!named && !existsSync(path)) return undefined;
  return parseLockfile(await readText(path, 'lockfile'), path);
}

function progressLine(io: CliIo): ((event: ScanProgress) => void) | undefined {
  if (!io.stderrIsTty) return undefined;
  return (event) => {
    const verb = event.kind === 'started' ? 'scanning' : event.kind;
    const line = `mcp-warden: [${String(event.done)}/${String(event.total)}] ${verb} ${printable(event.server.name)}`;
    io.stderr(
      `\r\u001b[2K${line}${event.done === event.total && event.kind !== 'started' ? '\n' : ''}`,
    );
  };
}

/** A `--cwd`/`--home` value resolved, or a usage error when it is not an existing directory. */
export function directoryFlag(io: CliIo, value: string, flag: string): string {
  const path = resolve(io.cwd, value);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // Missing or unreadable: reported below as a usage error.
  }
  if (!isDirectory) {
    throw new ToolkitError('USAGE', `${flag} "${value}" is not an existing directory.`, {
      hint: `Pass a directory that exists, or leave ${flag} out.`,
    });
  }
  return path;
}

/**
 * Variables that move user-level config locations away from the home directory. When `--home`
 * names a home, its own locations are read, not the caller's (`--home` wins over them).
 */
const HOME_OVERRIDES = [
  'XDG_CONFIG_HOME',
  'APPDATA',
  'CLAUDE_CONFIG_DIR',
  'CODEX_HOME',
  'CONTINUE_GLOBAL_DIR',
] as const;

/** Runs the scan the shared flags describe. */
export async function scanFromFlags(
  files: readonly string[],
  flags: ScanInputFlags,
  io: CliIo,
  options: { lockfile?: Lockfile | undefined } = {},
): Promise<ScanResult> {
  const cwd = flags.cwd === undefined ? io.cwd : directoryFlag(io, flags.cwd, '--cwd');
  const home = flags.home === undefined ? io.homedir : directoryFlag(io, flags.home, '--home');
  const env =
    flags.home === undefined
      ? io.env
      : Object.fromEntries(
          Object.entries(io.env).filter(
            ([name]) => !(HOME_OVERRIDES as readonly string[]).includes(name),
          ),
        );
  const onProgress = flags.progress ? progressLine(io) : undefined;
  return scan({
    files: files.map((file) => resolve(io.cwd, file)),
    // commander has already checked the value against CLIENT_IDS.
    ...(flags.client ? { client: flags.client as ClientId } : {}),
    cwd,
    home,
    platform: io.platform,
    env,
    includeUser: flags.user,
    includeProject: flags.project,
    offline: flags.offline ?? false,
    snapshotFiles: (flags.snapshot ?? []).map((file) => resolve(io.cwd, file)),
    startRisky: flags.startRisky ?? false,
    onNotice: (message) => {
      io.stderr(`mcp-warden: ${printable(message)}\n`);
    },
    ...(options.lockfile ? { lockfile: options.lockfile } : {}),
    live: {
      timeoutMs: positiveInteger(flags.timeout, '--timeout'),
      concurrency: positiveInteger(flags.concurrency, '--concurrency'),
      sandbox: flags.sandbox,
      network: flags.network ?? false,
      clientInfo: { name: 'mcp-warden', version: toolVersion() },
      ...(onProgress ? { onProgress } : {}),
    },
    toolVersion: toolVersion(),
  });
}
