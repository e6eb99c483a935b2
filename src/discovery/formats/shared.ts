import {
  joinPointer,
  type AutoApproval,
  type ClientId,
  type ConfigScope,
  type Position,
  type ServerField,
  type ServerSpec,
  type TransportKind,
} from '../../core/server-spec.js';

/** What a format module knows about the file it reads. */
export interface ExtractContext {
  file: string;
  client: ClientId;
  scope: ConfigScope;
  locate: (pointer: string) => Position | undefined;
}

/** What a format module finds in one parsed file. */
export interface Extracted {
  servers: ServerSpec[];
  approvals: AutoApproval[];
}

/** Reads the servers and auto-approvals of one client format from parsed data. Pure. */
export type Extractor = (data: unknown, ctx: ExtractContext) => Extracted;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, or a number/boolean written where a string belongs (YAML and TOML `PORT = 8080`). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
}

export function strList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(str).filter((item): item is string => item !== undefined);
}

export function strMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    const text = str(item);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

export function has(entry: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(entry, key) && entry[key] !== undefined && entry[key] !== null;
}

/** Calls `visit` for each object-valued member of a map, with the member's absolute pointer. */
export function eachEntry(
  container: unknown,
  base: string,
  visit: (name: string, entry: Record<string, unknown>, pointer: string) => void,
): void {
  if (!isRecord(container)) return;
  for (const [name, entry] of Object.entries(container)) {
    if (isRecord(entry)) visit(name, entry, joinPointer(base, name));
  }
}

/** A server before its defaults and source position are filled in. */
export interface ServerDraft {
  name: string;
  pointer: string;
  transport: TransportKind;
  command?: string | undefined;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string | undefined;
  url?: string | undefined;
  headers?: Record<string, string>;
  envFile?: string | undefined;
  envPassthrough?: string[];
  disabled?: boolean;
  fields: Partial<Record<ServerField, string>>;
  argsOffset?: number;
}

export function makeServer(ctx: ExtractContext, draft: ServerDraft): ServerSpec {
  const at = ctx.locate(draft.pointer) ?? { line: 1, column: 1 };
  const server: ServerSpec = {
    name: draft.name,
    client: ctx.client,
    scope: ctx.scope,
    source: { file: ctx.file, pointer: draft.pointer, line: at.line, column: at.column },
    transport: draft.transport,
    args: draft.args ?? [],
    env: draft.env ?? {},
    headers: draft.headers ?? {},
    envPassthrough: draft.envPassthrough ?? [],
    disabled: draft.disabled ?? false,
    fields: draft.fields,
  };
  if (draft.command !== undefined) server.command = draft.command;
  if (draft.cwd !== undefined) server.cwd = draft.cwd;
  if (draft.url !== undefined) server.url = draft.url;
  if (draft.envFile !== undefined) server.envFile = draft.envFile;
  if (draft.argsOffset !== undefined && draft.argsOffset !== 0)
    server.argsOffset = draft.argsOffset;
  return server;
}

/** `sse` when a URL's path ends in `/sse` (the convention of SSE servers), else streamable `http`. */
export function guessUrlTransport(url: string): TransportKind {
  const path = url.split(/[?#]/)[0] ?? url;
  return /\/sse\/?$/i.test(path) ? 'sse' : 'http';
}

/** Maps a client's transport word (`streamable-http`, `streamableHttp`, `local`, …) to ours. */
export function transportWord(type: unknown): TransportKind | undefined {
  const word = str(type)
    ?.toLowerCase()
    .replace(/[\s_-]/g, '');
  if (word === undefined) return undefined;
  if (word === 'stdio' || word === 'local' || word === 'command') return 'stdio';
  if (word === 'sse') return 'sse';
  if (
    word === 'http' ||
    word === 'streamablehttp' ||
    word === 'streamable' ||
    word === 'remote' ||
    word === 'httpstream'
  ) {
    return 'http';
  }
  return undefined;
}

export interface StandardOptions {
  /** Transport of a bare `url` without a `type`; guessed from the path when omitted. */
  urlTransport?: TransportKind;
}

/** The keys that hold a remote server's address, in the order clients look at them. */
const URL_KEYS = ['url', 'serverUrl', 'httpUrl'] as const;

/**
 * Reads one entry of the `mcpServers` shape most clients share: `command`/`args`/`env`/`cwd`/
 * `envFile` for stdio, `url` (`serverUrl` for Windsurf, `httpUrl` for Gemini) and `headers` for
 * remote servers, `type` (or Cline's `transportType`), `disabled` or `enabled: false`.
 */
export function standardServer(
  ctx: ExtractContext,
  name: string,
  pointer: string,
  entry: Record<string, unknown>,
  options: StandardOptions = {},
): ServerSpec {
  const fields: Partial<Record<ServerField, string>> = {};
  const typeKey = has(entry, 'type') ? 'type' : has(entry, 'transportType') ? 'transportType' : '';
  if (typeKey) fields.type = `/${typeKey}`;
  const command = str(entry.command);
  if (has(entry, 'command')) fields.command = '/command';
  if (has(entry, 'args')) fields.args = '/args';
  if (has(entry, 'env')) fields.env = '/env';
  if (has(entry, 'cwd')) fields.cwd = '/cwd';
  if (has(entry, 'headers')) fields.headers = '/headers';
  const envFileKey = has(entry, 'envFile') ? 'envFile' : has(entry, 'env_file') ? 'env_file' : '';
  if (envFileKey) fields.envFile = `/${envFileKey}`;
  const urlKey = URL_KEYS.find((key) => typeof entry[key] === 'string');
  const url = urlKey === undefined ? undefined : str(entry[urlKey]);
  if (urlKey !== undefined) fields.url = `/${urlKey}`;
  let disabled = false;
  if (entry.disabled === true) {
    disabled = true;
    fields.disabled = '/disabled';
  } else if (entry.enabled === false) {
    disabled = true;
    fields.disabled = '/enabled';
  } else if (has(entry, 'disabled')) {
    fields.disabled = '/disabled';
  }

  let transport = typeKey ? transportWord(entry[typeKey]) : undefined;
  if (transport === undefined) {
    if (command !== undefined) transport = 'stdio';
    else if (url !== undefined) {
      transport = urlKey === 'httpUrl' ? 'http' : (options.urlTransport ?? guessUrlTransport(url));
    } else transport = 'stdio';
  }

  return makeServer(ctx, {
    name,
    pointer,
    transport,
    command,
    args: strList(entry.args),
    env: strMap(entry.env),
    cwd: str(entry.cwd),
    url,
    headers: strMap(entry.headers),
    envFile: envFileKey ? str(entry[envFileKey]) : undefined,
    disabled,
    fields,
  });
}

/**
 * An approval list on a server entry (`autoApprove: ["tool"]`, `alwaysAllow`), or `true` for every
 * tool; undefined when the setting is absent, false or empty.
 */
export function entryApproval(
  server: string,
  entry: Record<string, unknown>,
  pointer: string,
  setting: string,
): AutoApproval | undefined {
  const value = entry[setting];
  const tools = value === true ? ['*'] : strList(value);
  if (tools.length === 0) return undefined;
  return { server, tools, setting, pointer: joinPointer(pointer, setting) };
}
