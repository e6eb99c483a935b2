// `npm run generate`: writes the synthetic training files in train/data and prints counts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { generateAll } from './gen/build.mjs';
import { recordProblems } from './gen/records.mjs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), 'data');
mkdirSync(outDir, { recursive: true });

const files = generateAll();
const problems = Object.values(files).flatMap((records) => records.flatMap(recordProblems));
if (problems.length > 0) {
  process.stderr.write(
    `generate: ${problems.length} invalid records:\n${problems.slice(0, 20).join('\n')}\n`,
  );
  process.exit(1);
}

let totalBytes = 0;
for (const [name, records] of Object.entries(files)) {
  const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(join(outDir, name), text);
  totalBytes += Buffer.byteLength(text);
  const byFamily = new Map();
  for (const r of records) {
    const entry = byFamily.get(r.family) ?? { n: 0, sources: new Set() };
    entry.n += 1;
    entry.sources.add(r.source);
    byFamily.set(r.family, entry);
  }
  process.stdout.write(
    `\n${name}: ${records.length} records, ${byFamily.size} families, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB\n`,
  );
  for (const [family, { n, sources }] of [...byFamily].sort((a, b) => a[0].localeCompare(b[0]))) {
    process.stdout.write(
      `  ${family.padEnd(40)} ${String(n).padStart(5)}  sources: ${[...sources].sort().join(', ')}\n`,
    );
  }
}
process.stdout.write(`\ntotal ${(totalBytes / 1024 / 1024).toFixed(2)} MiB\n`);
