import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { packageFile } from '../../process/package-files.js';
import type { Command } from 'commander';
import { createStarterPolicy } from '../../policy/init.js';
import { loadPolicy, POLICY_FILE_NAME } from '../../policy/load.js';
import { parsePolicy } from '../../core/config/parse.js';
import { ToolkitError } from '../../core/errors.js';
import type { ServerSpec } from '../../core/server-spec.js';
import { configLocations, detectClient, loadConfigFile } from '../../discovery/index.js';
import { createLockfile, LOCKFILE_NAME } from '../../pin/lockfile.js';
import { writeText } from '../files.js';
import type { CommandRuntime } from '../runtime.js';
import type { CliIo } from '../io.js';
import {
  addScanInputOptions,
  directoryFlag,
  loadLockfile,
  scanFromFlags,
  type ScanInputFlags,
} from '../scan-input.js';

interface ValidateFlags {
  gateway?: boolean;
}

interface InitFlags extends ScanInputFlags {
  output?: string;
  force?: boolean;
}

/** The JSON Schema shipped with the package. */
const SCHEMA_FILE = packageFile('schemas', 'policy.schema.json');

function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The schema path for the editor comment: relative when the schema is below the policy's
 * directory or one level up (`node_modules/mcp-warden/…`, `../schemas/…`), else absolute.
 */
function schemaReference(policyDir: string): string {
  const rel = relative(policyDir, SCHEMA_FILE).split(sep).join('/');
  const ups = rel.split('/').filter((part) => part === '..').length;
  return ups <= 1 && !isAbsolute(rel) ? rel : SCHEMA_FILE;
}

function isClientConfig(
  path: string,
  io: CliIo,
  cwd: string,
  home: string,
  scanned: readonly string[],
): boolean {
  if (scanned.includes(path) || detectClient(path) !== 'generic') return true;
  return configLocations({ home, cwd, platform: io.platform, env: io.env }).some((location) =>
    location.kind === 'directory' ? path.startsWith(location.path + sep) : location.path === path,
  );
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

export function registerPolicy(program: Command, runtime: CommandRuntime): void {
  const policy = program
    .command('policy')
    .description('Check a gateway policy file, or write a starting one from a scan.');

  policy
    .command('validate')
    .description(
      `Validate a policy file (default: ./${POLICY_FILE_NAME}): exit 0 when it is valid, 2 with ` +
        'every problem (path, line:column, what is allowed) when it is not.',
    )
    .argument('[file]', 'policy file', POLICY_FILE_NAME)
    .option(
      '--gateway',
      'also require each server to say how to reach it (command or url), as `mcp-warden gateway` does',
    )
    .action(async (file: string, flags: ValidateFlags) => {
      const { io } = runtime;
      const path = resolve(io.cwd, file);
      const loaded = await loadPolicy(path, {
        mode: flags.gateway ? 'gateway' : 'wrap',
        displayName: shown(io, path),
      });
      const servers = Object.values(loaded.servers);
      const tools = servers.reduce(
        (count, server) =>
          count + Object.values(server.tools).filter((tool) => tool.action !== undefined).length,
        0,
      );
      io.stdout(
        `mcp-warden: policy ${shown(io, path)} is valid: ${plural(servers.length, 'server')}, ` +
          `${plural(tools, 'tool')} with actions.\n`,
      );
    });

  const init = policy
    .command('init')
    .description(
      `Write a starting policy (default: ./${POLICY_FILE_NAME}) from a scan of the current ` +
        'configuration: every server with its launch (secrets replaced by ${env:NAME} references), ' +
        'destructive, financial and run-anything tools set to confirm (live scans only), serious ' +
        `findings as comments; and ${LOCKFILE_NAME} next to it, pinning what the servers declared.`,
    );
  addScanInputOptions(init)
    .option('-o, --output <file>', `policy file to write (default: ./${POLICY_FILE_NAME} in --cwd)`)
    .option('--force', 'overwrite the policy file if it exists')
    .action(async (files: string[], flags: InitFlags) => {
      const { io } = runtime;
      const cwd = flags.cwd === undefined ? io.cwd : directoryFlag(io, flags.cwd, '--cwd');
      const home = flags.home === undefined ? io.homedir : directoryFlag(io, flags.home, '--home');
      const target = flags.output ? resolve(io.cwd, flags.output) : join(cwd, POLICY_FILE_NAME);
      const given = files.map((file) => resolve(io.cwd, file));
      if (isClientConfig(target, io, cwd, home, given)) {
        throw new ToolkitError(
          'USAGE',
          `${shown(io, target)} is an MCP client configuration; policy init never writes over one.`,
          { hint: `Choose another --output, such as ${POLICY_FILE_NAME}.` },
        );
      }
      if (existsSync(target) && !flags.force) {
        throw new ToolkitError('USAGE', `${shown(io, target)} already exists; not overwritten.`, {
          hint: 'Pass --force to replace it, or --output to write another file.',
        });
      }

      const lockfile = await loadLockfile(io, cwd, flags.lockfile);
      const { report, snapshots } = await scanFromFlags(files, flags, io, { lockfile });
      if (
        isClientConfig(
          target,
          io,
          cwd,
          home,
          report.files.map((f) => f.path),
        )
      ) {
        throw new ToolkitError(
          'USAGE',
          `${shown(io, target)} is an MCP client configuration; policy init never writes over one.`,
        );
      }

      const specs: ServerSpec[] = [];
      for (const file of report.files) {
        if (file.parseError) continue;
        const loaded = await loadConfigFile(file.path, {
          client: file.client,
          scope: file.scope,
          format: file.format,
        });
        specs.push(...loaded.servers);
      }
      const failed = new Map<string, string>();
      for (const server of report.servers) {
        const live = server.live;
        if (live && (live.status === 'failed' || live.status === 'skipped') && live.reason) {
          if (!server.disabled && !live.reason.startsWith('same launch')) {
            failed.set(server.name, live.reason);
          }
        }
      }

      const policyDir = dirname(target);
      const lockPath = join(policyDir, LOCKFILE_NAME);
      const lockExists = existsSync(lockPath);
      const writeLock = !lockExists && snapshots.length > 0;
      const starter = await createStarterPolicy({
        servers: specs,
        snapshots,
        findings: report.findings,
        offline: flags.offline ?? false,
        failed,
        ...(lockExists || writeLock ? { lockfile: LOCKFILE_NAME } : {}),
        schema: schemaReference(policyDir),
      });
      // What init writes must pass validate; a failure here is a bug, reported as one.
      parsePolicy(starter.text, target);

      await writeText(target, starter.text, 'policy');
      io.stderr(
        `mcp-warden: policy written to ${shown(io, target)}: ${plural(starter.servers.length, 'server')}, ` +
          `${plural(starter.confirm.length, 'tool')} set to confirm, ` +
          `${plural(starter.untrusted.length, 'untrusted server')}.\n`,
      );
      if (starter.servers.length === 0) {
        io.stderr('mcp-warden: no MCP servers were found; the policy has the defaults only.\n');
      }
      if (starter.secrets.length > 0) {
        const names = [...new Set(starter.secrets.map((secret) => secret.variable))];
        io.stderr(
          `mcp-warden: ${plural(starter.secrets.length, 'secret')} kept out of the policy: set ` +
            `${names.join(', ')} in the gateway's environment.\n`,
        );
      }
      for (const [name, reason] of failed) {
        io.stderr(`mcp-warden: ${name} was not scanned (${reason}): no tool rules for it.\n`);
      }

      if (writeLock) {
        await writeText(
          lockPath,
          `${JSON.stringify(createLockfile(snapshots), null, 2)}\n`,
          'lockfile',
        );
        io.stderr(
          `mcp-warden: pinned ${plural(snapshots.length, 'server')} in ${shown(io, lockPath)}; ` +
            'the gateway withholds definitions that differ from it.\n',
        );
      } else if (lockExists) {
        io.stderr(
          `mcp-warden: kept the existing ${shown(io, lockPath)}; run \`mcp-warden pin\` to update it.\n`,
        );
      } else {
        io.stderr(
          `mcp-warden: no lockfile written: ${flags.offline ? '--offline lists no definitions' : 'no server was scanned'}; ` +
            'run `mcp-warden pin` to pin them.\n',
        );
      }
    });
}
