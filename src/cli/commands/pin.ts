import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ToolkitError } from '../../core/errors.js';
import { createLockfile, LOCKFILE_NAME } from '../../pin/lockfile.js';
import { writeText } from '../files.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_ERROR } from '../io.js';
import {
  addScanInputOptions,
  directoryFlag,
  loadLockfile,
  scanFromFlags,
  type ScanInputFlags,
} from '../scan-input.js';

interface PinFlags extends ScanInputFlags {
  output?: string;
}

export function registerPin(program: Command, runtime: CommandRuntime): void {
  const command = program
    .command('pin')
    .description(
      `Record what every server declares now (tools, prompts, resources, templates, instructions) ` +
        `in ${LOCKFILE_NAME}; later scans, and the gateway, report every change to it.`,
    );
  addScanInputOptions(command)
    .option('-o, --output <file>', `lockfile to write (default: ./${LOCKFILE_NAME} in --cwd)`)
    .action(async (files: string[], flags: PinFlags) => {
      const { io } = runtime;
      if (flags.offline) {
        throw new ToolkitError(
          'USAGE',
          'pin needs what servers declare: drop --offline, or pin saved --snapshot files.',
        );
      }
      const cwd = flags.cwd === undefined ? io.cwd : directoryFlag(io, flags.cwd, '--cwd');
      const target = flags.output ? resolve(io.cwd, flags.output) : resolve(cwd, LOCKFILE_NAME);
      const previous = await loadLockfile(io, cwd, flags.output ?? flags.lockfile);
      const { report, snapshots } = await scanFromFlags(files, flags, io);
      const lockfile = createLockfile(snapshots, previous);
      await writeText(target, `${JSON.stringify(lockfile, null, 2)}\n`, 'lockfile');
      for (const snapshot of snapshots) {
        const pins = lockfile.servers[snapshot.server.name];
        const count = pins ? Object.keys(pins.tools).length : 0;
        io.stderr(`mcp-warden: pinned ${snapshot.server.name} (${String(count)} tools)\n`);
      }
      const failed = report.servers.filter((server) => server.live?.status === 'failed');
      for (const server of failed) {
        io.stderr(
          `mcp-warden: could not pin ${server.name}: ${server.live?.reason ?? 'unknown'}\n`,
        );
      }
      io.stderr(`mcp-warden: lockfile written to ${target}\n`);
      if (failed.length > 0) runtime.setExitCode(EXIT_ERROR);
    });
}
