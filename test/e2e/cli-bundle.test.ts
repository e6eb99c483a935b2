// The built CLI is a bundle (scripts/bundle-cli.mjs): what it reads at run time must resolve
// from the bundle as it did from tsc's one file per module. Build first (`npm run build`).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ownLauncher } from '../../src/cli/commands/install.js';
import { BROKER_ENTRY, CLI_ENTRY } from '../../src/process/package-files.js';
import { bin, root } from './gateway-support.js';

const run = promisify(execFile);

describe('the bundled CLI', () => {
  it('is one entry file with its chunks, and keeps its #! line', () => {
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toContain('../chunks/');
    // The broker's program is bundled too: a wrap that starts it does not load tsc's tree.
    expect(readFileSync(join(root, ...BROKER_ENTRY), 'utf8')).toContain('../../chunks/');
  });

  it('reads its version from the package root', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { stdout } = await run(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toBe(manifest.version);
  });

  it('has every file it starts or reads at run time in the package', () => {
    for (const file of [CLI_ENTRY, BROKER_ENTRY, ['schemas', 'policy.schema.json']]) {
      expect(existsSync(join(root, ...file)), file.join('/')).toBe(true);
    }
  });

  it('gives install a pinned absolute command: this node and the real path of the built CLI', async () => {
    expect(await ownLauncher()).toEqual({
      command: process.execPath,
      args: [realpathSync(join(root, ...CLI_ENTRY))],
    });
  });
});
