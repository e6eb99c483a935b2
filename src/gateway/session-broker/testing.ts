import { readdirSync, readFileSync } from 'node:fs';

/** Test helpers: the broker processes of a runtime directory, read from `/proc`. */

/**
 * Whether a process has exited and closed its files: every thread gone or a zombie. (A killed
 * node process's main thread can be a zombie while its other threads still hold its sockets.)
 */
export function hasExited(pid: number): boolean {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${String(pid)}/task`);
  } catch {
    return true;
  }
  return threads.every((thread) => {
    try {
      const stat = readFileSync(`/proc/${String(pid)}/task/${thread}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    } catch {
      return true;
    }
  });
}

/** Pids of broker processes serving a socket under `runtime`. */
export function brokerPids(runtime: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('session-broker/main.js') && cmdline.includes(runtime);
      } catch {
        return false;
      }
    })
    .map(Number);
}
