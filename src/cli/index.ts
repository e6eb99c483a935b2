import { Command, CommanderError } from 'commander';
import { ToolkitError } from '../core/errors.js';
import { registerAudit } from './commands/audit.js';
import { registerChecklist } from './commands/checklist.js';
import { registerGateway } from './commands/gateway.js';
import { registerPin } from './commands/pin.js';
import { registerPolicy } from './commands/policy.js';
import { registerScan } from './commands/scan.js';
import { registerWrap } from './commands/wrap.js';
import { renderError } from './render-error.js';
import { EXIT_ERROR, EXIT_OK, printable, type CliIo } from './io.js';
import { toolVersion } from './version.js';

/** What a command gets: the outside world and a way to raise the exit code. */
export interface CommandRuntime {
  io: CliIo;
  /** Raises the process exit code; the highest value set wins. */
  setExitCode(code: number): void;
}

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
  registerScan(program, runtime);
  registerChecklist(program, runtime);
  registerPin(program, runtime);
  registerPolicy(program, runtime);
  registerAudit(program, runtime);
  registerWrap(program, runtime);
  registerGateway(program, runtime);

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
