#!/usr/bin/env node
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import { run } from './index.js';

/**
 * A reader that goes away (`mcp-warden scan | head`) closes the pipe: stop writing to it and
 * finish quietly with the exit code the command earns, instead of a stack trace and exit 1.
 */
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed[name] = true;
  });
}

const io = {
  stdout: (text: string) => {
    if (!closed.stdout) process.stdout.write(text);
  },
  stderr: (text: string) => {
    if (!closed.stderr) process.stderr.write(text);
  },
  cwd: process.cwd(),
  env: process.env,
  homedir: homedir(),
  platform: process.platform,
  color: isatty(1) && !('NO_COLOR' in process.env),
  stderrIsTty: isatty(2),
};

process.exitCode = await run(process.argv.slice(2), io);
