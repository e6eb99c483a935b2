import { spawn } from 'node:child_process';

/**
 * The floor of any stdio gateway: a process that starts the server and copies bytes both ways,
 * understanding nothing. `node relay.js <command> [args…]`.
 */
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: relay.js <command> [args…]');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.pipe(child.stdin);
child.stdout.pipe(process.stdout);
process.stdin.on('end', () => {
  child.stdin.end();
});
child.on('exit', (code) => {
  process.exitCode = code ?? 0;
});
