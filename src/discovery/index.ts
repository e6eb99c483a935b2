import { readdir, stat } from 'node:fs/promises';
import { extname, posix, win32 } from 'node:path';
import { ToolkitError } from '../core/errors.js';
import type { ConfigFile } from '../core/server-spec.js';
import { fileError, loadConfigFile, unreadableConfigFile } from './load.js';
import { configLocations, type ConfigLocation, type LocationOptions } from './locations.js';

export interface DiscoverOptions extends LocationOptions {
  /** Read the user's own files under `home` (default true). */
  includeUser?: boolean;
  /** Read the project's files under `cwd` (default true). */
  includeProject?: boolean;
}

export interface DiscoveryError {
  path: string;
  error: ToolkitError;
}

export interface DiscoveryResult {
  /**
   * Every config file found. One that exists but could not be read is here too, with no servers
   * and a `parseError` of kind `unreadable`, so that a scan reports it instead of skipping it.
   */
  files: ConfigFile[];
  /** Files that exist but could not be read; a missing file is not an error. */
  errors: DiscoveryError[];
}

const BLOCK_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function asToolkitError(path: string, error: unknown): ToolkitError {
  return error instanceof ToolkitError ? error : fileError(path, error);
}

/** The files a location stands for: itself, or the config files in its folder. */
async function expand(location: ConfigLocation, platform: NodeJS.Platform): Promise<string[]> {
  if (location.kind !== 'directory') {
    const stats = await stat(location.path);
    // A FIFO, socket or device where a config belongs is read (and refused) by loadConfigFile.
    return stats.isDirectory() ? [] : [location.path];
  }
  const path = platform === 'win32' ? win32 : posix;
  const entries = await readdir(location.path, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && BLOCK_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => path.join(location.path, entry.name))
    .sort();
}

/**
 * Finds and loads every MCP client configuration file of the user (under `home`) and of the
 * project (under `cwd`). Reads only. Never fails as a whole: a file that exists but cannot be read
 * is listed in `errors` and stands in `files` with an `unreadable` `parseError`; a file that does
 * not parse is a `ConfigFile` with `parseError`.
 *
 * @example
 * const { files, errors } = await discoverConfigFiles({
 *   home: os.homedir(), cwd: process.cwd(), platform: process.platform, env: process.env,
 * });
 */
export async function discoverConfigFiles(options: DiscoverOptions): Promise<DiscoveryResult> {
  const { includeUser = true, includeProject = true } = options;
  const seen = new Set<string>();
  const locations = configLocations(options).filter((location) => {
    if (location.scope === 'user' ? !includeUser : !includeProject) return false;
    if (seen.has(location.path)) return false;
    seen.add(location.path);
    return true;
  });

  const results = await Promise.all(
    locations.map(async (location): Promise<{ files: ConfigFile[]; errors: DiscoveryError[] }> => {
      let paths: string[];
      try {
        paths = await expand(location, options.platform);
      } catch (error) {
        if (isMissing(error)) return { files: [], errors: [] };
        const failure = asToolkitError(location.path, error);
        return {
          files: [unreadableConfigFile(location.path, failure, location)],
          errors: [{ path: location.path, error: failure }],
        };
      }
      const files: ConfigFile[] = [];
      const errors: DiscoveryError[] = [];
      for (const path of paths) {
        try {
          files.push(
            await loadConfigFile(path, { client: location.client, scope: location.scope }),
          );
        } catch (error) {
          const failure = asToolkitError(path, error);
          files.push(unreadableConfigFile(path, failure, location));
          errors.push({ path, error: failure });
        }
      }
      return { files, errors };
    }),
  );

  return {
    files: results.flatMap((result) => result.files),
    errors: results.flatMap((result) => result.errors),
  };
}

export { CLIENT_INFO, type ClientInfo } from './clients.js';
export { detectClient, detectFormat } from './detect.js';
export { configLocations, type ConfigLocation, type LocationOptions } from './locations.js';
export {
  loadConfigFile,
  parseConfigText,
  type LoadConfigOptions,
  type ParseConfigOptions,
} from './load.js';
