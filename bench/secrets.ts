import { randomBytes } from 'node:crypto';
import { findSecrets, SECRET_RULES } from '../src/analyze/secrets.js';

/**
 * `npm run bench:secrets`
 *
 * CPU milliseconds per MiB of the secret engine (`findSecrets` with random strings on, as the audit
 * log runs it) on ordinary and hostile inputs, each at 1 MiB and 8 MiB (the rate must not fall
 * with size: the engine is linear), and the slowest rule on each input.
 */

const MIB = 1024 * 1024;

function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const INPUTS: readonly [string, (bytes: number) => string][] = [
  [
    'prose and JSON',
    (bytes) =>
      fill(
        'The build uses TypeScript in strict mode; see https://docs.example.com/ref?page=2. {"id": 42, "name": "report", "token_count": 1200}\n',
        bytes,
      ),
  ],
  [
    'random base64',
    (bytes) =>
      randomBytes(Math.ceil((bytes * 3) / 4))
        .toString('base64')
        .slice(0, bytes),
  ],
  ['one hex run', (bytes) => fill('0123456789abcdef', bytes)],
  ['64-hex keys named as keys', (bytes) => fill(`private key: 0x${'a1'.repeat(32)} `, bytes)],
  ['word-list words', (bytes) => fill('abandon ability able about above absent ', bytes)],
  ['runs of 12 word-list words', (bytes) => fill(`${'zoo '.repeat(12)}. `, bytes)],
  ['runs of 48 word-list words', (bytes) => fill(`${'zoo '.repeat(48)}. `, bytes)],
  ['overlapping token prefixes', (bytes) => fill('sk-ghp_xoxb-eyJ', bytes)],
  ['assignments', (bytes) => fill('token=token=', bytes)],
  ['PEM headers without an end', (bytes) => fill('-----BEGIN PRIVATE KEY-----\nMIIE', bytes)],
  ['URLs with @', (bytes) => fill('https://a:b@', bytes)],
  ['JSON byte arrays', (bytes) => fill('[1,2,3,4,5,6,7,8,9,', bytes)],
];

/** CPU milliseconds per MiB (user + system time of this process: steady on a loaded machine). */
function msPerMib(text: string): number {
  findSecrets(text.slice(0, 4096), { randomStrings: true });
  const started = process.cpuUsage();
  findSecrets(text, { randomStrings: true });
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000 / (text.length / MIB);
}

function slowestRule(text: string): string {
  let worst = '';
  let worstMs = -1;
  for (const rule of SECRET_RULES) {
    const started = process.cpuUsage();
    rule.find(text, { budget: { checksums: Infinity } }, () => undefined);
    const { user, system } = process.cpuUsage(started);
    const ms = (user + system) / 1000;
    if (ms > worstMs) {
      worstMs = ms;
      worst = rule.kind;
    }
  }
  return `${worst} (${(worstMs / (text.length / MIB)).toFixed(0)} ms/MiB)`;
}

const rows: string[] = [
  '| input | ms/MiB at 1 MiB | ms/MiB at 8 MiB | slowest rule |',
  '| --- | ---: | ---: | --- |',
];
let worst = 0;
for (const [name, make] of INPUTS) {
  const small = msPerMib(make(MIB));
  const large = msPerMib(make(8 * MIB));
  worst = Math.max(worst, small, large);
  rows.push(`| ${name} | ${small.toFixed(0)} | ${large.toFixed(0)} | ${slowestRule(make(MIB))} |`);
}
console.log(rows.join('\n'));
console.log(`\nworst: ${worst.toFixed(0)} CPU ms/MiB`);
