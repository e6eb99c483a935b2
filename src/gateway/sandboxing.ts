import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Policy, ServerPolicy } from '../core/config/schema.js';
import { ToolkitError } from '../core/errors.js';
import { probeBubblewrap, type ProcessLimits } from '../process/index.js';

/** How the command line overrides the policy's sandbox settings (`--sandbox`, `--no-sandbox`, …). */
export interface SandboxOverrides {
  mode?: 'auto' | 'required' | 'off';
  network?: boolean;
}

/** One stdio server's sandbox, as the policy and the command line decide it. */
export interface ServerSandbox {
  mode: 'auto' | 'required' | 'off';
  network: boolean;
  readPaths: string[];
  writePaths: string[];
  limits: ProcessLimits;
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * The sandbox of one server: `defaults.sandbox`, then the server's own `sandbox` (its fields win,
 * its path lists add to the defaults), then the command line.
 *
 * @example
 * serverSandbox(policy, policy.servers.fs, { mode: 'off' }).mode; // 'off'
 */
export function serverSandbox(
  policy: Policy,
  serverPolicy: ServerPolicy,
  overrides: SandboxOverrides = {},
  home: string = homedir(),
): ServerSandbox {
  const defaults = policy.defaults.sandbox;
  const own = serverPolicy.sandbox ?? {};
  return {
    mode: overrides.mode ?? own.mode ?? defaults.mode,
    network: overrides.network ?? own.network ?? defaults.network,
    readPaths: [...defaults.readPaths, ...(own.readPaths ?? [])].map((p) => expandHome(p, home)),
    writePaths: [...defaults.writePaths, ...(own.writePaths ?? [])].map((p) => expandHome(p, home)),
    limits: { ...defaults.limits, ...own.limits },
  };
}

/** What runs: bubblewrap, or nothing, with the reason a server that wanted one runs without. */
export interface SandboxChoice {
  kind: 'bubblewrap' | 'none';
  /** Set when `auto` fell back to running unsandboxed. */
  unavailable?: string;
}

/**
 * Decides between bubblewrap and nothing for a server: `off` never sandboxes, `auto` sandboxes
 * when bubblewrap works here, `required` fails closed (the server is not started) when it does not.
 */
export async function chooseSandbox(
  name: string,
  mode: ServerSandbox['mode'],
  pathVariable: string | undefined,
): Promise<SandboxChoice> {
  if (mode === 'off') return { kind: 'none' };
  const probe = await probeBubblewrap(pathVariable);
  if (probe.usable) return { kind: 'bubblewrap' };
  const reason = probe.reason ?? 'bubblewrap is not usable';
  if (mode === 'required') {
    throw new ToolkitError(
      'SANDBOX_UNAVAILABLE',
      `server "${name}" was not started: the policy requires a sandbox and ${reason}. ` +
        'Install bubblewrap, or set `sandbox.mode: auto` for this server to run it unsandboxed.',
    );
  }
  return { kind: 'none', unavailable: reason };
}

/** The warning `auto` prints once when it has to run servers unsandboxed. */
export function unsandboxedWarning(reason: string): string {
  return (
    `WARNING: no sandbox is available (${reason}). Servers run UNSANDBOXED, with your ` +
    'files and network. Install bubblewrap to box them in, or set `defaults.sandbox.mode: ' +
    'required` in the policy to refuse to start them instead.'
  );
}
