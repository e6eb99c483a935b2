import { Command, CommanderError } from 'commander';
import { ToolkitError } from '../core/errors.js';
import { renderError } from './render-error.js';
import { EXIT_ERROR, EXIT_OK, printable, type CliIo } from './io.js';
import type { CommandRuntime } from './runtime.js';
import { toolVersion } from './version.js';

type Register = (program: Command, runtime: CommandRuntime) => void;

/**
 * Every command, loaded on demand: `wrap` never pays for the scanner and its reporters, nor `scan`
 * for the gateway. Listed in the order `--help` shows them.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  scan: async () => (await import('./commands/scan.js')).registerScan,
  checklist: async () => (await import('./commands/checklist.js')).registerChecklist,
  pin: async () => (await import('./commands/pin.js')).registerPin,
  policy: async () => (await import('./commands/policy.js')).registerPolicy,
  audit: async () => (await import('./commands/audit.js')).registerAudit,
  wrap: async () => (await import('./commands/wrap.js')).registerWrap,
  gateway: async () => (await import('./commands/gateway.js')).registerGateway,
  approve: async () => (await import('./commands/approve.js')).registerApprove,
  install: async () => (await import('./commands/install.js')).registerInstall,
  uninstall: async () => (await import('./commands/uninstall.js')).registerUninstall,
};

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code.
 *
 * @example
 * const code = await run(['scan', 'mcp.json', '--format', 'json'], io);
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const runtime: CommandRuntime = {
    io,
    setExitCode(code) {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('mcp-warden')
    .description('Audit and guard MCP servers against the SlowMist MCP Security Checklist.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => {
        io.stdout(text);
      },
      writeErr: (text) => {
        io.stderr(printable(text));
      },
    });
  // The command named first is the only one loaded; anything else (help, a typo) loads them all.
  const first = argv[0];
  const names =
    first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]?.())?.(program, runtime);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) ? EXIT_OK : EXIT_ERROR;
    }
    if (error instanceof ToolkitError) {
      io.stderr(renderError(error));
      return EXIT_ERROR;
    }
    io.stderr(
      `mcp-warden: internal error: ${printable(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n` +
        'This is a bug; please report it with the command you ran.\n',
    );
    return EXIT_ERROR;
  }
  return exitCode;
}
