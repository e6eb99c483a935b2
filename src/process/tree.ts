import { readdirSync, readFileSync } from 'node:fs';

/**
 * Finding the processes a spawn left behind. On Linux this reads `/proc`: the process group, the
 * descendants by parent pid, and every process whose environment carries the spawn's marker (a
 * descendant that called `setsid()` and was re-parented keeps the variable it inherited). Zombies
 * count as gone: they hold no resources, and whoever reaps orphans here may be slow to do it.
 */

interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
}

const hasProc = process.platform === 'linux';

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // `pid (comm) state ppid pgrp …`; comm may contain spaces and parentheses.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const [state, ppid, pgid] = fields;
  if (state === undefined || ppid === undefined || pgid === undefined) return undefined;
  return { pid, ppid: Number(ppid), pgid: Number(pgid), state };
}

function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Whether `pid` is a live process: `process.kill(pid, 0)` succeeds and (where `/proc` exists) the
 * process is not a zombie.
 *
 * @example
 * isAlive(process.pid); // true
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but is not ours — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!hasProc) return true;
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** Live processes of one spawn: its process group, its descendants, and those carrying `marker`. */
export function spawnedProcesses(
  rootPid: number,
  marker?: { variable: string; value: string },
): number[] {
  if (!hasProc) {
    try {
      process.kill(-rootPid, 0);
      return [rootPid];
    } catch {
      return isAlive(rootPid) ? [rootPid] : [];
    }
  }
  const stats = listPids()
    .map(readStat)
    .filter((stat): stat is ProcStat => stat !== undefined && stat.state !== 'Z');
  const found = new Set<number>();
  const children = new Map<number, number[]>();
  for (const stat of stats) {
    if (stat.pgid === rootPid || stat.pid === rootPid) found.add(stat.pid);
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat.pid);
    children.set(stat.ppid, siblings);
  }
  const queue = [rootPid, ...found];
  while (queue.length > 0) {
    const pid = queue.pop();
    if (pid === undefined) break;
    for (const child of children.get(pid) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  if (marker !== undefined) {
    const needle = `${marker.variable}=${marker.value}\0`;
    for (const stat of stats) {
      if (found.has(stat.pid) || stat.pid === process.pid) continue;
      try {
        if (readFileSync(`/proc/${String(stat.pid)}/environ`, 'latin1').includes(needle)) {
          found.add(stat.pid);
        }
      } catch {
        // Not ours to read, or gone.
      }
    }
  }
  found.delete(process.pid);
  return [...found].filter(isAlive).sort((a, b) => a - b);
}

/** Sends `signal` to the process group of `rootPid` and to each pid; never throws. */
export function signalAll(rootPid: number, pids: readonly number[], signal: NodeJS.Signals): void {
  const send = (target: number): void => {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone, or not ours.
    }
  };
  if (process.platform !== 'win32') send(-rootPid);
  for (const pid of pids) send(pid);
}
