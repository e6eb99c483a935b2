import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolkitError } from '../core/errors.js';

/**
 * Files of the mcp-warden package itself — its manifest, its JSON Schemas, the CLI and the
 * session broker's program — found from the package's root, never from the module that asks.
 * The same code runs as tsc's one file per module (`dist/**`), as the bundled CLI
 * (`dist/cli/bin.js` and its `dist/chunks/`) and as `src/**` under the tests, and a path
 * relative to the asking module differs in each.
 */

/** The package root and its manifest, found once. */
interface PackageRoot {
  dir: string;
  manifest: { name: string; version: string };
}

let found: PackageRoot | undefined;

/** The nearest directory at or above `start` whose package.json names `mcp-warden`. */
export function findPackageRoot(start: string): PackageRoot | undefined {
  let dir = start;
  for (;;) {
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, 'package.json'), 'utf8');
    } catch {
      // No manifest here: look one level up.
    }
    if (text !== undefined) {
      try {
        const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
        if (manifest.name === 'mcp-warden' && typeof manifest.version === 'string') {
          return { dir, manifest: { name: manifest.name, version: manifest.version } };
        }
      } catch {
        // Another package's broken manifest: keep looking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function packageRoot(): PackageRoot {
  found ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  if (found === undefined) {
    throw new ToolkitError(
      'INTERNAL',
      `mcp-warden cannot find its own package.json above ${fileURLToPath(import.meta.url)}.`,
      { hint: 'Reinstall mcp-warden; its files must stay inside its package folder.' },
    );
  }
  return found;
}

/**
 * The absolute path of a file of the package, from its root.
 *
 * @example
 * packageFile('schemas', 'policy.schema.json'); // /…/node_modules/mcp-warden/schemas/policy.schema.json
 */
export function packageFile(...segments: string[]): string {
  return join(packageRoot().dir, ...segments);
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return packageRoot().manifest.version;
}

/** The built CLI, `dist/cli/bin.js` (what `install` writes into client configs). */
export const CLI_ENTRY = ['dist', 'cli', 'bin.js'] as const;

/** The session broker's program, `dist/gateway/session-broker/main.js`. */
export const BROKER_ENTRY = ['dist', 'gateway', 'session-broker', 'main.js'] as const;
