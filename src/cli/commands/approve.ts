import type { Command } from 'commander';
import {
  approvalsDir,
  decidePendingCall,
  listPendingCalls,
  questionText,
  type PendingCall,
} from '../../gateway/approvals/index.js';
import type { CommandRuntime } from '../runtime.js';

interface ApproveFlags {
  deny?: boolean;
  dir?: string;
  json?: boolean;
}

function describe(call: PendingCall, now: number): string {
  const left = Math.max(0, Math.round((call.expiresAt - now) / 1000));
  const text = questionText({
    server: call.server,
    method: call.method,
    name: call.tool,
    args: call.arguments,
    reason: call.reason,
  })
    .split('\n')
    .slice(2, -2)
    .map((line) => `  ${line}`)
    .join('\n');
  return `${call.id}  (waits ${String(left)} s more)\n${text}\n`;
}

/**
 * `mcp-warden approve [id] [--deny]`: the terminal's side of confirmations, for clients that
 * cannot ask the user. Without an id it lists the calls waiting (server, tool, every argument,
 * why); with one it approves that call once (or denies it with `--deny`).
 */
export function registerApprove(program: Command, runtime: CommandRuntime): void {
  program
    .command('approve')
    .description(
      'Approve or deny, from a terminal, a call the gateway holds for your confirmation because ' +
        'its client cannot ask you. Without an id: list the calls waiting.',
    )
    .argument('[id]', 'the waiting call to decide (as listed)')
    .option('--deny', 'deny the call instead of approving it')
    .option(
      '--dir <dir>',
      'where waiting calls are kept (default: $XDG_RUNTIME_DIR/mcp-warden/approvals, else beside the audit log)',
    )
    .option('--json', 'list the waiting calls as JSON')
    .action(async (id: string | undefined, flags: ApproveFlags) => {
      const { io } = runtime;
      const dir = flags.dir ?? approvalsDir(io.env, io.platform, io.homedir);
      const now = Date.now();
      if (id === undefined) {
        const calls = await listPendingCalls(dir, now);
        if (flags.json === true) {
          io.stdout(`${JSON.stringify(calls, null, 2)}\n`);
          return;
        }
        if (calls.length === 0) {
          io.stdout('No call is waiting for a decision.\n');
          return;
        }
        io.stdout(
          `${calls.map((call) => describe(call, now)).join('\n')}\n` +
            'Approve one with `mcp-warden approve <id>`, or refuse it with `mcp-warden approve <id> --deny`.\n',
        );
        return;
      }
      const decision = flags.deny === true ? 'deny' : 'approve';
      const call = await decidePendingCall(dir, id, decision, now);
      const what = call.tool === undefined ? call.method : `tool "${call.tool}"`;
      io.stdout(
        decision === 'approve'
          ? `Approved ${id}: ${what} of server "${call.server}" runs once, with the arguments shown.\n`
          : `Denied ${id}: ${what} of server "${call.server}" is refused.\n`,
      );
    });
}
