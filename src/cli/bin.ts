#!/usr/bin/env node
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import { run } from './index.js';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  homedir: homedir(),
  platform: process.platform,
  color: isatty(1) && !('NO_COLOR' in process.env),
  stderrIsTty: isatty(2),
};

process.exitCode = await run(process.argv.slice(2), io);
