import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { resolve, sep } from 'node:path';
import { ToolkitError } from '../core/errors.js';
import type {
  ClientId,
  ConfigFile,
  ConfigFormat,
  ConfigScope,
  ParseFailure,
} from '../core/server-spec.js';
import { detectClient, detectFormat } from './detect.js';
import { parseText, type ParsedText } from './document.js';
import { EXTRACTORS } from './formats/index.js';
import { configLocations } from './locations.js';

export interface ParseConfigOptions {
  /** The file the text came from; recorded in every source location and used to detect the client. */
  path: string;
  /** Detected from `path` and the content when omitted. */
  client?: ClientId;
  /** `project` when omitted. */
  scope?: ConfigScope;
  /** Detected from the extension and the client's JSON flavour when omitted. */
  format?: ConfigFormat;
}

export interface LoadConfigOptions {
  client?: ClientId;
  /** Inferred when omitted: `user` for a client's user-level file under the home directory. */
  scope?: ConfigScope;
  format?: ConfigFormat;
  /** For inferring the scope: the user's home (`os.homedir()` when omitted). */
  home?: string;
  /** For inferring the scope: the platform whose paths to expect (`os.platform()`). */
  platform?: NodeJS.Platform;
  /** For inferring the scope: `APPDATA`, `XDG_CONFIG_HOME`, … (`process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Larger files are refused as unreadable rather than read into memory. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Parses the text of one client configuration file into a {@link ConfigFile}. Pure and total:
 * text that does not parse gives `parseError` (1-based line and column) and no servers.
 *
 * @example
 * const file = parseConfigText('{ "mcpServers": { "db": { "command": "db-mcp" } } }', {
 *   path: '/work/app/.mcp.json',
 * });
 * file.client; // 'claude-code'
 * file.servers[0]?.source.pointer; // '/mcpServers/db'
 */
export function parseConfigText(text: string, options: ParseConfigOptions): ConfigFile {
  const { path } = options;
  let client = options.client ?? detectClient(path);
  let format = options.format ?? detectFormat(path, client, text);
  let parsed: ParsedText = parseText(text, format);
  if (options.client === undefined && client === 'generic' && parsed.parseError === undefined) {
    client = detectClient(path, parsed.data);
    const flavour = options.format ?? detectFormat(path, client, text);
    if (flavour !== format) {
      format = flavour;
      parsed = parseText(text, format);
    }
  }
  const scope = options.scope ?? 'project';
  const base = { path, client, scope, format, locate: parsed.locate };
  const failure = parsed.parseError ?? shapeFailure(text, format, parsed.data);
  if (failure) return { ...base, servers: [], approvals: [], parseError: failure };
  const { servers, approvals } = EXTRACTORS[client](parsed.data, {
    file: path,
    client,
    scope,
    locate: parsed.locate,
  });
  return { ...base, servers, approvals };
}

/**
 * A document that parsed but cannot be a client config: an empty strict-JSON file (the clients
 * that read it with `JSON.parse` fail on it) or a top level that is not an object.
 */
function shapeFailure(text: string, format: ConfigFormat, data: unknown): ParseFailure | undefined {
  if (data === undefined || data === null) {
    if (format !== 'json' || text.replace(/^\uFEFF/, '').trim() !== '') return undefined;
    return {
      kind: 'empty',
      message: 'the file is empty, which is not a JSON document',
      line: 1,
      column: 1,
    };
  }
  if (typeof data === 'object' && !Array.isArray(data)) return undefined;
  const what = Array.isArray(data) ? 'an array' : `a ${typeof data}`;
  return {
    kind: 'not-object',
    message: `the top level is ${what}, not an object`,
    line: 1,
    column: 1,
  };
}

/** Why bytes are not a text config: a NUL byte (binary) or invalid UTF-8; undefined when they are. */
function binaryFailure(bytes: Uint8Array): ParseFailure | undefined {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      kind: 'binary',
      message: `binary content (a NUL byte at offset ${String(nul)}), not a text config`,
      line: 1,
      column: 1,
    };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'binary', message: 'not valid UTF-8 text', line: 1, column: 1 };
  }
  return undefined;
}

/**
 * The config file that stands for one that exists but could not be read: no servers, and a
 * `parseError` of kind `unreadable`, so the scan reports it instead of skipping it.
 */
export function unreadableConfigFile(
  path: string,
  error: ToolkitError,
  options: { client?: ClientId; scope?: ConfigScope } = {},
): ConfigFile {
  const client = options.client ?? detectClient(path);
  return {
    path,
    client,
    scope: options.scope ?? 'project',
    format: detectFormat(path, client),
    servers: [],
    approvals: [],
    parseError: { kind: 'unreadable', message: error.message, line: 1, column: 1 },
    locate: () => undefined,
  };
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** The error mcp-warden raises for a file it cannot open or read. */
export function fileError(path: string, error: unknown): ToolkitError {
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ToolkitError('FILE_NOT_FOUND', `No such file: ${path}`, {
      hint: 'Check the path, or run without a path to discover configuration files.',
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ToolkitError('FILE_UNREADABLE', `Cannot read ${path}: ${reason}`, {
    hint: code === 'EACCES' || code === 'EPERM' ? 'Check the file permissions.' : undefined,
    cause: error,
  });
}

/** `user` when `path` is one of the user-level files (or folders) clients read from `home`. */
function inferScope(path: string, options: LoadConfigOptions): ConfigScope {
  const home = options.home ?? homedir();
  const user = configLocations({
    home,
    cwd: home,
    platform: options.platform ?? platform(),
    env: options.env ?? process.env,
  }).filter((location) => location.scope === 'user');
  const isUser = user.some((location) =>
    location.kind === 'directory' ? path.startsWith(location.path + sep) : location.path === path,
  );
  return isUser ? 'user' : 'project';
}

/**
 * Reads one client configuration file (opened read-only, never written) and parses it. Content
 * that does not parse is reported in `parseError`, never thrown; a missing file throws
 * `ToolkitError('FILE_NOT_FOUND')` and any other read failure `ToolkitError('FILE_UNREADABLE')`.
 *
 * @example
 * const file = await loadConfigFile('/home/me/.cursor/mcp.json');
 * for (const server of file.servers) console.log(server.name, server.source.line);
 */
export async function loadConfigFile(
  path: string,
  options: LoadConfigOptions = {},
): Promise<ConfigFile> {
  const absolute = resolve(path);
  let bytes: Buffer;
  let mode: number;
  try {
    // Non-blocking, so that a FIFO planted where a config belongs cannot hang the scan.
    const handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) {
        throw new ToolkitError('FILE_UNREADABLE', `Cannot read ${absolute}: it is a directory`);
      }
      if (!stats.isFile()) {
        throw new ToolkitError(
          'FILE_UNREADABLE',
          `Cannot read ${absolute}: it is not a regular file (a FIFO, socket or device)`,
        );
      }
      if (stats.size > MAX_BYTES) {
        throw new ToolkitError(
          'FILE_UNREADABLE',
          `Cannot read ${absolute}: ${stats.size} bytes is over the ${MAX_BYTES}-byte limit`,
        );
      }
      mode = stats.mode & 0o777;
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ToolkitError) throw error;
    throw fileError(absolute, error);
  }
  const scope = options.scope ?? inferScope(absolute, options);
  const binary = binaryFailure(bytes);
  const file: ConfigFile = binary
    ? {
        ...unreadableConfigFile(absolute, new ToolkitError('FILE_UNREADABLE', binary.message), {
          scope,
          ...(options.client ? { client: options.client } : {}),
        }),
        parseError: binary,
      }
    : parseConfigText(bytes.toString('utf8'), {
        path: absolute,
        scope,
        ...(options.client ? { client: options.client } : {}),
        ...(options.format ? { format: options.format } : {}),
      });
  if (platform() !== 'win32') file.mode = mode;
  return file;
}
