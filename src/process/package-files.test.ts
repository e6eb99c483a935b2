import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPackageRoot, packageFile, packageVersion } from './package-files.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('package files', () => {
  it('are found from the package root, wherever the asking module sits', () => {
    // tsc's one file per module, the bundled CLI's chunks, and src/ under the tests.
    for (const from of ['dist/gateway/session-broker', 'dist/chunks', 'src/process']) {
      expect(findPackageRoot(join(root, from))?.dir).toBe(root);
    }
    expect(packageFile('schemas', 'policy.schema.json')).toBe(
      join(root, 'schemas', 'policy.schema.json'),
    );
    expect(existsSync(packageFile('schemas', 'policy.schema.json'))).toBe(true);
    expect(existsSync(packageFile('schemas', 'snapshot.schema.json'))).toBe(true);
  });

  it('read the version from mcp-warden’s own package.json', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(packageVersion()).toBe(manifest.version);
  });

  it('skip the manifests of other packages on the way up, and find nothing above the root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-package-files-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'mcp-warden', version: '9.9.9' }),
    );
    const nested = join(dir, 'node_modules', 'other', 'lib');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'other', 'package.json'), '{"name":"other"}');
    writeFileSync(join(nested, 'package.json'), '{ not json');
    expect(findPackageRoot(nested)).toEqual({
      dir,
      manifest: { name: 'mcp-warden', version: '9.9.9' },
    });
    expect(findPackageRoot('/')).toBeUndefined();
  });
});
