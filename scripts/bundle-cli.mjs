// Bundles the CLI after `tsc` (npm run build): `dist/cli/bin.js` and the session broker's
// program `dist/gateway/session-broker/main.js` are replaced by bundles of themselves and their
// dependencies, which share chunks in `dist/chunks/` (a command, the controls and ajv stay in
// chunks of their own, loaded when used, as before). The rest of dist/ is tsc's output, for the
// library (`dist/index.js`) and its types.
//
// Why: a process that starts from one file per module spends its first ~150 ms resolving and
// compiling hundreds of modules, and holds their records. Files the code reads at run time
// (package.json, schemas/, the broker's program) are found from the package root
// (src/process/package-files.ts), so they resolve alike from dist/**, from the bundle and from
// src/** under the tests.
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entries = {
  'cli/bin': join(dist, 'cli/bin.js'),
  'gateway/session-broker/main': join(dist, 'gateway/session-broker/main.js'),
};
for (const file of Object.values(entries)) {
  if (!existsSync(file) || readFileSync(file, 'utf8').includes('/chunks/')) {
    throw new Error(`bundle-cli: ${file} is not tsc's output; run \`npm run build\``);
  }
}
rmSync(join(dist, 'chunks'), { recursive: true, force: true });

const bundle = await rolldown({
  input: entries,
  platform: 'node',
  // UMD builds (jsonc-parser's main) hide their requires from the bundler: take ES builds first.
  resolve: { mainFields: ['module', 'main'] },
  external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
  logLevel: 'warn',
  onLog(level, log, handler) {
    // A warning is a build error: a bundle that may behave unlike the modules it replaces.
    if (level === 'warn') throw new Error(`bundle-cli: ${log.message}`);
    handler(level, log);
  },
});
await bundle.write({
  dir: dist,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  sourcemap: false,
});
await bundle.close();

for (const name of Object.keys(entries)) {
  // tsc's source maps describe the files the bundles replaced.
  rmSync(join(dist, `${name}.js.map`), { force: true });
}
const bin = join(dist, 'cli/bin.js');
if (!readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')) {
  throw new Error('bundle-cli: dist/cli/bin.js lost its #! line');
}
chmodSync(bin, 0o755);
