import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RestorePlan } from '../../install/index.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_FINDINGS } from '../io.js';

interface UninstallFlags {
  dryRun?: boolean;
  home?: string;
}

const HOW: Record<RestorePlan['how'], string> = {
  restored: 'restored byte for byte',
  unwrapped: 'changed since install: only mcp-warden’s edits undone',
  unchanged: 'nothing of mcp-warden’s left in it',
  missing: 'the file is gone',
};

export function registerUninstall(program: Command, runtime: CommandRuntime): void {
  program
    .command('uninstall')
    .description(
      'Undo `mcp-warden install`: every config file it changed gets its original bytes back; a ' +
        'file you changed since is not overwritten: only the edits install made are undone, and ' +
        'the difference is shown.',
    )
    .option('--dry-run', 'show what would change and write nothing')
    .option('--home <dir>', 'the home directory install ran for (default: yours)')
    .action(async (flags: UninstallFlags) => {
      const { applyUninstall, installStateDir, planUninstall, restoreDiff } =
        await import('../../install/index.js');
      const { io } = runtime;
      const home = resolve(io.cwd, flags.home ?? io.homedir);
      const stateDir = installStateDir(io.env, io.platform, home);
      const plans = await planUninstall(stateDir);
      if (plans.length === 0) {
        io.stdout('Nothing to undo: no install is recorded.\n');
        return;
      }
      for (const plan of plans) {
        io.stdout(`${plan.path}: ${HOW[plan.how]}\n`);
        for (const conflict of plan.conflicts) io.stdout(`  not undone: ${conflict}\n`);
        if (plan.how === 'unwrapped') io.stdout(restoreDiff(plan));
      }
      if (flags.dryRun === true) {
        io.stdout('Dry run: nothing was written.\n');
      } else {
        const { written } = await applyUninstall(plans, stateDir);
        io.stdout(
          `Wrote ${String(written.length)} file${written.length === 1 ? '' : 's'}. Restart your clients.\n`,
        );
      }
      if (plans.some((plan) => plan.conflicts.length > 0)) {
        io.stdout(`What could not be undone is kept in the record in ${stateDir}.\n`);
        runtime.setExitCode(EXIT_FINDINGS);
      }
    });
}
