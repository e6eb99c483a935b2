import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CLI_ENTRY, packageFile } from '../../process/package-files.js';
import { type Command, Option } from 'commander';
import { loadPolicy, POLICY_FILE_NAME } from '../../policy/load.js';
import { ToolkitError } from '../../core/errors.js';
import { CLIENT_IDS, type ClientId } from '../../core/server-spec.js';
import { CLIENT_INFO } from '../../discovery/clients.js';
import type { FilePlan, Launcher } from '../../install/index.js';
import { LOCKFILE_NAME, parseLockfile, type Lockfile } from '../../pin/lockfile.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_ERROR, EXIT_FINDINGS } from '../io.js';

interface InstallFlags {
  client?: ClientId[];
  dryRun?: boolean;
  project?: boolean;
  cwd?: string;
  home?: string;
  policy?: string;
  lockfile?: string;
  allowHttp?: boolean;
}

const STARTER_POLICY =
  '# The policy of every server `mcp-warden install` put behind the gateway.\n' +
  '# Anything not set here follows the secure default; reference: docs/policy.md.\n' +
  'version: 1\n';

/**
 * How a client starts this copy of mcp-warden: this Node binary and the absolute path of the
 * built CLI, never a bare or unpinned package name a registry could answer for.
 */
export async function ownLauncher(): Promise<Launcher> {
  const bin = packageFile(...CLI_ENTRY);
  if (!existsSync(bin)) {
    throw new ToolkitError('USAGE', `install must run from the built CLI (${bin} is missing).`, {
      hint: 'Run `npm run build`, then `node dist/cli/bin.js install`.',
    });
  }
  return { command: process.execPath, args: [await realpath(bin)] };
}

/** The policy every wrapped server runs under, and whether install has to write it. */
async function choosePolicy(
  flags: InstallFlags,
  cwd: string,
  configDir: string,
): Promise<{ path: string; create: boolean }> {
  if (flags.policy !== undefined) {
    const path = resolve(cwd, flags.policy);
    await loadPolicy(path, { mode: 'wrap' });
    return { path, create: false };
  }
  const path = join(configDir, POLICY_FILE_NAME);
  if (!existsSync(path)) return { path, create: true };
  await loadPolicy(path, { mode: 'wrap' });
  return { path, create: false };
}

async function chooseLockfile(
  flags: InstallFlags,
  cwd: string,
  configDir: string,
): Promise<{ path: string; lockfile: Lockfile } | undefined> {
  const path =
    flags.lockfile !== undefined ? resolve(cwd, flags.lockfile) : join(configDir, LOCKFILE_NAME);
  if (flags.lockfile === undefined && !existsSync(path)) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ToolkitError('FILE_NOT_FOUND', `Cannot read lockfile ${path}.`, {
      cause: error,
      hint: 'Write one with `mcp-warden pin --output FILE`, or leave --lockfile out.',
    });
  }
  return { path, lockfile: parseLockfile(text, path) };
}

function count(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function describe(file: FilePlan, lockfile: Lockfile | undefined): string {
  const lines = [`${CLIENT_INFO[file.client].name}  ${file.path}`];
  if (file.error !== undefined) lines.push(`  not changed: ${file.error}`);
  for (const server of file.servers) {
    if (server.status === 'wrapped') {
      const named = server.wrapName === server.name ? '' : ` (as "${server.wrapName}")`;
      lines.push(`  wrap     ${server.name}${named}`);
      for (const warning of server.warnings) lines.push(`    warning: ${warning}`);
      if (lockfile !== undefined && !Object.hasOwn(lockfile.servers, server.wrapName)) {
        lines.push(
          `    warning: "${server.wrapName}" is not in the lockfile; with pins enforced its tools are withheld until it is pinned`,
        );
      }
    } else if (server.status === 'already-wrapped') {
      lines.push(`  already  ${server.name}`);
    } else {
      lines.push(`  skipped  ${server.name}: ${server.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function registerInstall(program: Command, runtime: CommandRuntime): void {
  program
    .command('install')
    .description(
      'Put the gateway in front of every MCP server your clients run: rewrites each client ' +
        'config so that stdio servers start through `mcp-warden wrap` and remote servers are ' +
        'reached through `wrap --url`. Backs every file up, shows the diff, and is undone by ' +
        '`mcp-warden uninstall`.',
    )
    .addOption(
      new Option('--client <id...>', 'only these clients’ files').choices(
        CLIENT_IDS.filter((id) => id !== 'generic'),
      ),
    )
    .option('--dry-run', 'show what would change and write nothing')
    .option('--project', 'also the project’s config files in --cwd (default: only your own)')
    .option('--cwd <dir>', 'the project directory (default: the current one)')
    .option('--home <dir>', 'the home directory whose configs to change (default: yours)')
    .option(
      '--policy <file>',
      `policy for the wrapped servers (default: ${POLICY_FILE_NAME} in mcp-warden's config directory, written when missing)`,
    )
    .option(
      '--lockfile <file>',
      `pinned definitions to enforce (default: ${LOCKFILE_NAME} in mcp-warden's config directory when present)`,
    )
    .option(
      '--allow-http',
      'also wrap remote servers reached over plain http:// off this machine (unencrypted)',
    )
    .action(async (flags: InstallFlags) => {
      // Loaded here: every other command (`wrap` above all) starts without the editors.
      const { applyInstall, changes, installStateDir, planDiff, planInstall, userConfigDir } =
        await import('../../install/index.js');
      const { writeAtomic } = await import('../../install/record.js');
      const { io } = runtime;
      const cwd = resolve(io.cwd, flags.cwd ?? '.');
      const home = resolve(io.cwd, flags.home ?? io.homedir);
      const configDir = userConfigDir(io.env, io.platform, home);
      const policy = await choosePolicy(flags, io.cwd, configDir);
      const lock = await chooseLockfile(flags, io.cwd, configDir);
      const plan = await planInstall({
        home,
        cwd,
        platform: io.platform,
        env: io.env,
        includeProject: flags.project === true,
        ...(flags.client === undefined ? {} : { clients: flags.client }),
        allowHttp: flags.allowHttp === true,
        settings: { launcher: await ownLauncher(), policy: policy.path, lockfile: lock?.path },
      });
      for (const unreadable of plan.unreadable) {
        io.stderr(`mcp-warden: cannot read ${unreadable.path}: ${unreadable.message}\n`);
      }
      if (plan.files.length === 0) io.stdout('No MCP servers found in any client config.\n');
      for (const file of plan.files) {
        io.stdout(describe(file, lock?.lockfile));
        if (changes(file)) io.stdout(planDiff(file));
      }
      const changing = plan.files.filter(changes);
      const wrapped = changing.reduce(
        (sum, file) => sum + file.servers.filter((s) => s.status === 'wrapped').length,
        0,
      );
      const stateDir = installStateDir(io.env, io.platform, home);
      if (flags.dryRun === true) {
        io.stdout(
          `Dry run: ${count(wrapped, 'server')} in ${count(changing.length, 'file')} would be wrapped; nothing was written.\n`,
        );
      } else if (changing.length > 0) {
        if (policy.create) {
          await mkdir(dirname(policy.path), { recursive: true });
          await writeAtomic(policy.path, STARTER_POLICY, 0o600);
          io.stdout(`Wrote the starter policy ${policy.path} (the secure default).\n`);
        }
        const { written } = await applyInstall(plan, stateDir);
        io.stdout(
          `Wrapped ${count(wrapped, 'server')} in ${count(written.length, 'file')}; backups and the record are in ${stateDir}. ` +
            'Restart your clients; undo with `mcp-warden uninstall`.\n',
        );
      } else {
        io.stdout('Nothing to change.\n');
      }
      if (lock === undefined && wrapped > 0) {
        io.stdout(
          `No lockfile: definitions are not pinned. Pin them with \`mcp-warden pin --output ${join(configDir, LOCKFILE_NAME)}\`, then uninstall and install again.\n`,
        );
      }
      const incomplete =
        plan.files.some((file) => file.error !== undefined) ||
        plan.files.some((file) => file.servers.some((server) => server.status === 'skipped'));
      if (plan.unreadable.length > 0) runtime.setExitCode(EXIT_ERROR);
      else if (incomplete) runtime.setExitCode(EXIT_FINDINGS);
    });
}
