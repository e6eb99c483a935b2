/** The MCP clients whose configuration files mcp-warden understands. */
export const CLIENT_IDS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'cline',
  'roo',
  'gemini',
  'codex',
  'zed',
  'continue',
  'goose',
  'kiro',
  'amazon-q',
  'lm-studio',
  'opencode',
  'generic',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';
export type ConfigScope = 'user' | 'project';
export type TransportKind = 'stdio' | 'http' | 'sse';

/** 1-based line and column in a text file. */
export interface Position {
  line: number;
  column: number;
}

/** Where something was found: a file, an RFC 6901 JSON pointer into it, and the position. */
export interface SourceLocation extends Position {
  file: string;
  pointer: string;
}

/** The normalised fields of a server entry that rules point at. */
export type ServerField =
  | 'name'
  | 'type'
  | 'command'
  | 'args'
  | 'env'
  | 'cwd'
  | 'url'
  | 'headers'
  | 'envFile'
  | 'envPassthrough'
  | 'disabled';

/**
 * One configured MCP server, normalised from whatever client format it came from.
 *
 * `fields` maps each normalised field to its JSON pointer *relative to* `source.pointer` in the
 * original file (`{ env: '/envs', command: '/cmd' }` for Goose), so findings point at the raw
 * text the user wrote.
 */
export interface ServerSpec {
  name: string;
  client: ClientId;
  scope: ConfigScope;
  source: SourceLocation;
  transport: TransportKind;
  command?: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  url?: string;
  headers: Record<string, string>;
  /** A file the client loads environment variables from (`envFile`, `env_file`). */
  envFile?: string;
  /** Names of variables forwarded from the client's own environment (Codex `env_vars`, Goose `env_keys`). */
  envPassthrough: string[];
  disabled: boolean;
  fields: Partial<Record<ServerField, string>>;
  /**
   * Index of `args[0]` inside the array that `fields.args` points at, when the client keeps the
   * command and its arguments in one array (OpenCode `command: ["npx", "-y", "pkg"]`: offset 1).
   * Omitted means 0. Use {@link fieldPointer} rather than adding it by hand.
   */
  argsOffset?: number;
}

/** Tools a client runs without asking the user, as a config file declares them. */
export interface AutoApproval {
  /** Server name the approval applies to; `*` for every server. */
  server: string;
  /** Tool names; `*` for every tool of the server. */
  tools: string[];
  /** The setting's name as the user knows it (`alwaysAllow`, `permissions.allow`, `trust`). */
  setting: string;
  /** Absolute JSON pointer of the setting in the file. */
  pointer: string;
}

/**
 * Why a config file yielded no servers: bad `syntax`, nesting `too-deep` to parse safely, `binary`
 * (or non-UTF-8) content, `empty` where the format needs a document, a top level that is not an
 * object (`not-object`), or a file that exists but could not be read at all (`unreadable`).
 */
export type ParseFailureKind =
  'syntax' | 'too-deep' | 'binary' | 'empty' | 'not-object' | 'unreadable';

export interface ParseFailure extends Position {
  message: string;
  /** `syntax` when omitted. */
  kind?: ParseFailureKind;
}

/** One parsed (or unparseable) client configuration file. */
export interface ConfigFile {
  path: string;
  client: ClientId;
  scope: ConfigScope;
  format: ConfigFormat;
  servers: ServerSpec[];
  approvals: AutoApproval[];
  /** POSIX permission bits (`stat.mode & 0o777`); undefined where the platform has none. */
  mode?: number;
  parseError?: ParseFailure;
  /** Resolves an absolute JSON pointer to its position in the text; undefined when unknown. */
  locate(pointer: string): Position | undefined;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => '/' + pointerSegment(s)).join('');
}

/**
 * The relative JSON pointer of a normalised field (and optionally one key or index in it) inside a
 * server's entry, honouring `argsOffset`; undefined when the entry has no such field.
 *
 * @example
 * fieldPointer(openCodeServer, 'args', 0); // '/command/1'
 */
export function fieldPointer(
  server: Pick<ServerSpec, 'fields' | 'argsOffset'>,
  field: ServerField,
  key?: string | number,
): string | undefined {
  const base = server.fields[field];
  if (base === undefined) return undefined;
  if (key === undefined) return base;
  if (field === 'args' && /^\d+$/.test(String(key))) {
    return joinPointer(base, Number(key) + (server.argsOffset ?? 0));
  }
  return joinPointer(base, key);
}
