import type { ClientId, ServerSpec } from '../core/server-spec.js';
import { parsePointer } from '../discovery/pointer.js';
import { hasFrom, valueAt, type DataPath, type FieldOp } from './field-op.js';
import {
  isWrapped,
  wrapArgv,
  type RemoteTarget,
  type WrapSettings,
  type WrapTarget,
} from './wrap-command.js';

/**
 * What install changes in one server entry, per client format: for a stdio server only the
 * command and its arguments (the entry's `env` stays, and is passed on with `--pass-env`); for a
 * remote server the address and headers give way to a stdio command running `wrap --url`.
 */

/** Where a stdio server's command line lives, so that uninstall can unwrap an edited entry. */
export interface ArgvPaths {
  /** The command's path; undefined when command and arguments share one array (OpenCode). */
  command?: DataPath;
  /** The arguments' path (or the shared array's). */
  args: DataPath;
}

export interface EntryEdit {
  /** The server's name in the file. */
  name: string;
  /** The name it runs under in the gateway (policy, lockfile, audit log). */
  wrapName: string;
  pointer: string;
  kind: 'stdio' | 'remote';
  ops: FieldOp[];
  argv?: ArgvPaths;
  warnings: string[];
}

export type EntryPlan =
  | { status: 'wrap'; edit: EntryEdit }
  | { status: 'already-wrapped' }
  | { status: 'skipped'; reason: string };

export interface EntryContext {
  client: ClientId;
  /** The parsed file. */
  data: unknown;
  settings: WrapSettings;
  /** Carry `--allow-http` into remote servers reached over plain http:// off loopback. */
  allowHttp: boolean;
}

/** A pointer as a data path: numeric segments become indexes where the data holds an array. */
export function dataPath(data: unknown, pointer: string): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const segment of parsePointer(pointer)) {
    const step = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(step);
    node = valueAt(node, [step]).value;
  }
  return path;
}

/** A server name `wrap --name` accepts. */
export function wrapName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '-');
  return cleaned === '' ? 'server' : cleaned;
}

function setOp(data: unknown, path: DataPath, to: unknown): FieldOp {
  const at = valueAt(data, path);
  return at.found ? { path, from: at.value, to } : { path, to };
}

function removeOp(data: unknown, path: DataPath): FieldOp | undefined {
  const at = valueAt(data, path);
  return at.found ? { path, from: at.value } : undefined;
}

/** Plans the edit of one server entry. */
export function planEntry(server: ServerSpec, ctx: EntryContext): EntryPlan {
  const entryPath = dataPath(ctx.data, server.source.pointer);
  const field = (relative: string): DataPath => [
    ...entryPath,
    ...dataPath(valueAt(ctx.data, entryPath).value, relative),
  ];
  if (server.transport === 'stdio') return planStdio(server, ctx, field);
  return planRemote(server, ctx, entryPath, field);
}

function planStdio(
  server: ServerSpec,
  ctx: EntryContext,
  field: (relative: string) => DataPath,
): EntryPlan {
  if (server.command === undefined || server.command === '') {
    return { status: 'skipped', reason: 'the entry has no command' };
  }
  if (isWrapped([server.command, ...server.args])) return { status: 'already-wrapped' };
  const warnings: string[] = [];
  if (server.envFile !== undefined) {
    warnings.push(
      `variables loaded from ${server.envFile} are not passed on to the server: name them in the entry's env`,
    );
  }
  const target: WrapTarget = {
    kind: 'stdio',
    name: wrapName(server.name),
    command: server.command,
    args: server.args,
    passEnv: [...new Set([...Object.keys(server.env), ...server.envPassthrough])],
  };
  const argv = wrapArgv(target, ctx.settings);
  const edit = (ops: FieldOp[], paths: ArgvPaths): EntryPlan => ({
    status: 'wrap',
    edit: {
      name: server.name,
      wrapName: target.name,
      pointer: server.source.pointer,
      kind: 'stdio',
      ops,
      argv: paths,
      warnings,
    },
  });
  if ((server.argsOffset ?? 0) === 1 && server.fields.args !== undefined) {
    const args = field(server.fields.args);
    return edit([setOp(ctx.data, args, argv)], { args });
  }
  const command = field(server.fields.command ?? '/command');
  const args =
    server.fields.args !== undefined
      ? field(server.fields.args)
      : [...command.slice(0, -1), 'args'];
  return edit([setOp(ctx.data, command, argv[0]), setOp(ctx.data, args, argv.slice(1))], {
    command,
    args,
  });
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\./.test(url.hostname);
}

/** The reference syntaxes clients use in header values, rewritten as `${env:NAME}` for `wrap`. */
function normaliseReferences(client: ClientId, value: string): string {
  let out = value.replace(/\$\{(?!env:|input:)([A-Za-z_][A-Za-z0-9_]*)\}/g, '${env:$1}');
  if (client === 'opencode')
    out = out.replace(/(?<!\$)\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, '${env:$1}');
  if (client === 'gemini') out = out.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '${env:$1}');
  return out;
}

const WHOLE_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const ANY_REFERENCE = /\$\{env:[A-Za-z_][A-Za-z0-9_]*\}/;

function planRemote(
  server: ServerSpec,
  ctx: EntryContext,
  entryPath: DataPath,
  field: (relative: string) => DataPath,
): EntryPlan {
  if (server.url === undefined) return { status: 'skipped', reason: 'the entry has no URL' };
  let url: URL;
  try {
    url = new URL(server.url);
  } catch {
    return { status: 'skipped', reason: `"${server.url}" is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { status: 'skipped', reason: `${url.protocol} URLs are not supported` };
  }
  if (url.protocol === 'http:' && !isLoopback(url) && !ctx.allowHttp) {
    return {
      status: 'skipped',
      reason: `plain http:// to ${url.host} is not encrypted: use https://, or install with --allow-http`,
    };
  }
  const urlField = server.fields.url;
  if (urlField === undefined || parsePointer(urlField).length !== 1) {
    return { status: 'skipped', reason: 'remote servers in this entry layout are not supported' };
  }
  const warnings: string[] = [];
  const headers: [string, string][] = [];
  const headerEnv: [string, string][] = [];
  const entry = valueAt(ctx.data, entryPath).value as Record<string, unknown>;
  const add = (key: string, raw: string): string | undefined => {
    if (raw.includes('${input:')) return `header ${key} asks the user for input (\${input:…})`;
    const value = normaliseReferences(ctx.client, raw);
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole?.[1] !== undefined) headerEnv.push([key, whole[1]]);
    else headers.push([key, value]);
    if (!ANY_REFERENCE.test(value)) {
      warnings.push(
        `header ${key} is written in the file as a value: keep secrets in the environment`,
      );
    }
    return undefined;
  };
  for (const [key, value] of Object.entries(server.headers)) {
    const problem = add(key, value);
    if (problem !== undefined)
      return { status: 'skipped', reason: `${problem}, which wrap cannot do` };
  }
  const envVars: string[] = [];
  if (ctx.client === 'codex') {
    if (typeof entry.bearer_token_env_var === 'string') {
      headers.push(['Authorization', `Bearer \${env:${entry.bearer_token_env_var}}`]);
      envVars.push(entry.bearer_token_env_var);
    }
    const envHeaders = entry.env_http_headers;
    if (typeof envHeaders === 'object' && envHeaders !== null) {
      for (const [key, name] of Object.entries(envHeaders)) {
        if (typeof name !== 'string') continue;
        headerEnv.push([key, name]);
        envVars.push(name);
      }
    }
  }
  const target: RemoteTarget = {
    kind: 'remote',
    name: wrapName(server.name),
    url: server.url,
    transport: server.transport === 'sse' ? 'sse' : 'streamable-http',
    headers,
    headerEnv,
    allowHttp: url.protocol === 'http:' && !isLoopback(url),
  };
  const argv = wrapArgv(target, ctx.settings);
  const at = (key: string): DataPath => [...entryPath, key];
  const sets: FieldOp[] = [];
  const removes: (FieldOp | undefined)[] = [
    removeOp(ctx.data, field(urlField)),
    server.fields.headers === undefined
      ? undefined
      : removeOp(ctx.data, field(server.fields.headers)),
  ];
  switch (ctx.client) {
    case 'opencode':
      sets.push(setOp(ctx.data, at('type'), 'local'), setOp(ctx.data, at('command'), argv));
      break;
    case 'goose':
      sets.push(
        setOp(ctx.data, at('type'), 'stdio'),
        setOp(ctx.data, at('cmd'), argv[0]),
        setOp(ctx.data, at('args'), argv.slice(1)),
      );
      break;
    case 'codex': {
      sets.push(
        setOp(ctx.data, at('command'), argv[0]),
        setOp(ctx.data, at('args'), argv.slice(1)),
      );
      removes.push(removeOp(ctx.data, at('bearer_token_env_var')));
      removes.push(removeOp(ctx.data, at('env_http_headers')));
      if (envVars.length > 0) {
        const existing = Array.isArray(entry.env_vars) ? (entry.env_vars as unknown[]) : [];
        const missing = envVars.filter((name) => !existing.includes(name));
        if (missing.length > 0)
          sets.push(setOp(ctx.data, at('env_vars'), [...existing, ...missing]));
      }
      break;
    }
    default: {
      if (server.fields.type !== undefined) {
        sets.push(setOp(ctx.data, field(server.fields.type), 'stdio'));
      }
      sets.push(
        setOp(ctx.data, at('command'), argv[0]),
        setOp(ctx.data, at('args'), argv.slice(1)),
      );
    }
  }
  const ops = [...sets, ...removes.filter((op): op is FieldOp => op !== undefined && hasFrom(op))];
  return {
    status: 'wrap',
    edit: {
      name: server.name,
      wrapName: target.name,
      pointer: server.source.pointer,
      kind: 'remote',
      ops,
      warnings,
    },
  };
}
