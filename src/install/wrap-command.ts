/**
 * The command line install writes into a client config: `<node> <…/dist/cli/bin.js> wrap …`, and
 * how to recognise one that is already there (from this or any other copy of mcp-warden).
 */

/** How to start mcp-warden itself: an absolute program and the arguments before the subcommand. */
export interface Launcher {
  command: string;
  args: readonly string[];
}

export interface WrapSettings {
  launcher: Launcher;
  /** Absolute path of the policy every wrapped server runs under. */
  policy: string;
  /** Absolute path of the lockfile, when there is one. */
  lockfile?: string | undefined;
}

export interface StdioTarget {
  kind: 'stdio';
  name: string;
  command: string;
  args: readonly string[];
  /** Variables the entry declares, copied from the client's environment to the server. */
  passEnv: readonly string[];
}

export interface RemoteTarget {
  kind: 'remote';
  name: string;
  url: string;
  transport: 'streamable-http' | 'sse';
  /** `--header K=V`: values may hold `${env:NAME}` references, filled in by `wrap` at start. */
  headers: readonly (readonly [string, string])[];
  /** `--header-env K=NAME`: the header's whole value is the variable's. */
  headerEnv: readonly (readonly [string, string])[];
  allowHttp: boolean;
}

export type WrapTarget = StdioTarget | RemoteTarget;

/** The full argv (program first) that runs `target` through `mcp-warden wrap`. */
export function wrapArgv(target: WrapTarget, settings: WrapSettings): string[] {
  const argv = [
    settings.launcher.command,
    ...settings.launcher.args,
    'wrap',
    '--name',
    target.name,
  ];
  argv.push('--policy', settings.policy);
  if (settings.lockfile !== undefined) argv.push('--lockfile', settings.lockfile);
  if (target.kind === 'stdio') {
    for (const name of target.passEnv) argv.push('--pass-env', name);
    argv.push('--', target.command, ...target.args);
    return argv;
  }
  argv.push('--url', target.url);
  // A client's `type` is often a guess from the path: only SSE is forced, Streamable HTTP falls back.
  if (target.transport === 'sse') argv.push('--transport', 'sse');
  for (const [key, value] of target.headers) argv.push('--header', `${key}=${value}`);
  for (const [key, name] of target.headerEnv) argv.push('--header-env', `${key}=${name}`);
  if (target.allowHttp) argv.push('--allow-http');
  return argv;
}

/** A program or script that is mcp-warden: `mcp-warden`, `mcp-warden@1.2.3`, `…/dist/cli/bin.js`. */
const MCP_WARDEN =
  /(^|[\\/])mcp-warden(@[^\\/]*)?(\.cmd|\.exe|\.ps1)?$|[\\/]dist[\\/]cli[\\/]bin\.js$/;

/** Index of the `wrap` subcommand when `argv` runs mcp-warden's `wrap`; undefined otherwise. */
export function wrapIndex(argv: readonly string[]): number | undefined {
  for (let index = 1; index < argv.length; index++) {
    if (argv[index] === 'wrap' && MCP_WARDEN.test(argv[index - 1] ?? '')) return index;
  }
  if (argv[0] !== undefined && MCP_WARDEN.test(argv[0]) && argv[1] === 'wrap') return 1;
  return undefined;
}

/** Whether `argv` already runs a server through mcp-warden. */
export function isWrapped(argv: readonly string[]): boolean {
  return wrapIndex(argv) !== undefined;
}

/** The server's own argv inside a wrapped stdio command line (what follows `--`). */
export function innerArgv(argv: readonly string[]): string[] | undefined {
  const index = wrapIndex(argv);
  if (index === undefined) return undefined;
  const separator = argv.indexOf('--', index);
  if (separator === -1 || separator === argv.length - 1) return undefined;
  return argv.slice(separator + 1);
}
