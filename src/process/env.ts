import type { ServerSpec } from '../core/server-spec.js';

/**
 * The environment a server process gets: what its configuration declares, a few variables every
 * program needs, and a throwaway HOME — never the rest of ours (API keys, tokens, cloud
 * credentials). Pure: the caller passes the parent's environment in.
 */

/** Variables copied from the parent on every platform when they are set. */
const BASE_ALLOWLIST = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TERM', 'TZ'] as const;

/** Variables Windows programs cannot start without. */
const WINDOWS_ALLOWLIST = [
  'SYSTEMROOT',
  'SystemRoot',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'PROCESSOR_ARCHITECTURE',
  'NUMBER_OF_PROCESSORS',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'ProgramData',
] as const;

/** Names of the variables {@link buildServerEnv} may copy from the parent, for documentation. */
export const ENV_ALLOWLIST: readonly string[] = [...BASE_ALLOWLIST, ...WINDOWS_ALLOWLIST];

/** The variable that marks every process of one spawn, so that escaped descendants can be found. */
export const SPAWN_MARKER_VARIABLE = 'MCP_WARDEN_SPAWN_ID';

export interface ServerEnvOptions {
  /** The parent's environment (usually `process.env`). */
  parentEnv: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** The throwaway home directory (as the server will see it). */
  home: string;
  /** The temporary directory (as the server will see it). */
  tmpDir: string;
  /** The npm cache the server should use, so that `npx` finds packages offline. */
  npmCache?: string;
  /** Tell npm to use the cache only (no network): set where the server has no network. */
  npmOffline?: boolean;
  /** Unique id of this spawn; set as {@link SPAWN_MARKER_VARIABLE}. */
  marker: string;
  /** More variables to set, after the configured ones (the caller's explicit choice). */
  extra?: Readonly<Record<string, string>>;
}

export interface ServerEnv {
  env: Record<string, string>;
  /** Variables the config forwards from the client's environment that ours does not have. */
  missing: string[];
}

/**
 * Builds the scrubbed environment for a stdio server: the minimal allowlist from the parent,
 * HOME/TMPDIR pointed at throwaway directories, the npm cache (so `npx` works offline), the
 * variables the config forwards by name (`envPassthrough`), then the config's own `env`.
 *
 * @example
 * buildServerEnv(spec, { parentEnv: process.env, platform: 'linux', home: '/tmp/h', tmpDir: '/tmp', marker: 'id' });
 * // { env: { PATH: '/usr/bin:…', HOME: '/tmp/h', …, ...spec.env }, missing: [] }
 */
export function buildServerEnv(
  spec: Pick<ServerSpec, 'env' | 'envPassthrough'>,
  options: ServerEnvOptions,
): ServerEnv {
  const { parentEnv, platform } = options;
  const env: Record<string, string> = {};
  const copy = (name: string): void => {
    const value = parentEnv[name];
    if (value !== undefined) env[name] = value;
  };
  for (const name of BASE_ALLOWLIST) copy(name);
  if (platform === 'win32') {
    for (const name of WINDOWS_ALLOWLIST) copy(name);
    env.USERPROFILE = options.home;
    env.APPDATA = `${options.home}\\AppData\\Roaming`;
    env.LOCALAPPDATA = `${options.home}\\AppData\\Local`;
    env.TEMP = options.tmpDir;
    env.TMP = options.tmpDir;
  }
  env.HOME = options.home;
  env.TMPDIR = options.tmpDir;
  if (options.npmCache !== undefined) {
    env.npm_config_cache = options.npmCache;
    if (options.npmOffline === true) env.npm_config_offline = 'true';
    else env.npm_config_prefer_offline = 'true';
    env.npm_config_update_notifier = 'false';
    env.npm_config_fund = 'false';
    env.npm_config_audit = 'false';
  }
  const missing: string[] = [];
  for (const name of spec.envPassthrough) {
    const value = parentEnv[name];
    if (value === undefined) missing.push(name);
    else env[name] = value;
  }
  Object.assign(env, spec.env, options.extra);
  env[SPAWN_MARKER_VARIABLE] = options.marker;
  return { env, missing };
}
