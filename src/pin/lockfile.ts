import { ToolkitError } from '../core/errors.js';
import type { FieldChange, PinChange, PinnedKind } from '../core/pin-change.js';
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  Snapshot,
  ToolDefinition,
} from '../core/snapshot.js';
import { findSecretsSync } from '../analyze/secrets.js';
import { redactSpans } from '../core/redact.js';
import { canonicalHash } from './canonical.js';

/**
 * A definition as the lockfile stores it: every string with its secrets redacted. The hash is of
 * the real definition, so a changed secret is still a change; the file never holds the secret.
 */
function redactDefinition<T>(value: T): T {
  if (typeof value === 'string') {
    const hits = findSecretsSync(value);
    return (hits.length === 0 ? value : redactSpans(value, hits)) as T;
  }
  if (Array.isArray(value)) return value.map((entry: unknown) => redactDefinition(entry)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, redactDefinition(entry)]),
    ) as T;
  }
  return value;
}

export const LOCKFILE_SCHEMA_VERSION = 1;
export const LOCKFILE_NAME = 'mcp-warden.lock.json';

/** A pinned definition: the canonical hash and the definition (secrets redacted) for field-level diffs. */
export interface Pin<T> {
  hash: string;
  definition: T;
}

export interface ServerPins {
  serverInfo?: { name: string; version: string };
  instructions?: Pin<string>;
  tools: Record<string, Pin<ToolDefinition>>;
  prompts: Record<string, Pin<PromptDefinition>>;
  resources: Record<string, Pin<ResourceDefinition>>;
  resourceTemplates: Record<string, Pin<ResourceTemplateDefinition>>;
}

/** `mcp-warden.lock.json`: the approved definitions of every server, keyed by server name. */
export interface Lockfile {
  schemaVersion: typeof LOCKFILE_SCHEMA_VERSION;
  servers: Record<string, ServerPins>;
}

/** The collections of a snapshot that are pinned, with the key that identifies an entry. */
const COLLECTIONS = [
  ['tool', 'tools', (d: ToolDefinition) => d.name],
  ['prompt', 'prompts', (d: PromptDefinition) => d.name],
  ['resource', 'resources', (d: ResourceDefinition) => d.uri],
  ['resourceTemplate', 'resourceTemplates', (d: ResourceTemplateDefinition) => d.uriTemplate],
] as const;

function pinAll<T>(definitions: readonly T[], keyOf: (d: T) => string): Record<string, Pin<T>> {
  const pins: Record<string, Pin<T>> = {};
  for (const definition of [...definitions].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))) {
    pins[keyOf(definition)] = {
      hash: canonicalHash(definition),
      definition: redactDefinition(definition),
    };
  }
  return pins;
}

export function pinSnapshot(snapshot: Snapshot): ServerPins {
  return {
    ...(snapshot.serverInfo
      ? { serverInfo: { name: snapshot.serverInfo.name, version: snapshot.serverInfo.version } }
      : {}),
    ...(snapshot.instructions !== undefined
      ? {
          instructions: {
            hash: canonicalHash(snapshot.instructions),
            definition: redactDefinition(snapshot.instructions),
          },
        }
      : {}),
    tools: pinAll(snapshot.tools, COLLECTIONS[0][2]),
    prompts: pinAll(snapshot.prompts, COLLECTIONS[1][2]),
    resources: pinAll(snapshot.resources, COLLECTIONS[2][2]),
    resourceTemplates: pinAll(snapshot.resourceTemplates, COLLECTIONS[3][2]),
  };
}

/**
 * A lockfile pinning every definition of the given snapshots. With `previous`, servers that were
 * not scanned this time keep their pins.
 */
export function createLockfile(snapshots: readonly Snapshot[], previous?: Lockfile): Lockfile {
  const servers: Record<string, ServerPins> = { ...(previous?.servers ?? {}) };
  for (const snapshot of snapshots) servers[snapshot.server.name] = pinSnapshot(snapshot);
  const sorted = Object.fromEntries(Object.entries(servers).sort(([a], [b]) => a.localeCompare(b)));
  return { schemaVersion: LOCKFILE_SCHEMA_VERSION, servers: sorted };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field-level differences between two JSON values, as dotted paths. */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      diffFields(before[key], after[key], path === '' ? key : `${path}.${key}`),
    );
  }
  if (canonicalOrUndefined(before) === canonicalOrUndefined(after)) return [];
  return [
    {
      path: path === '' ? '(value)' : path,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    },
  ];
}

function canonicalOrUndefined(value: unknown): string | undefined {
  return value === undefined ? undefined : canonicalHash(value);
}

function diffCollection<T>(
  kind: PinnedKind,
  pinned: Record<string, Pin<T>>,
  current: Record<string, Pin<T>>,
): PinChange[] {
  const changes: PinChange[] = [];
  const keys = [...new Set([...Object.keys(pinned), ...Object.keys(current)])].sort();
  for (const key of keys) {
    const before = pinned[key];
    const after = current[key];
    if (before && !after) changes.push({ status: 'removed', kind, key, fields: [] });
    else if (!before && after) changes.push({ status: 'added', kind, key, fields: [] });
    else if (before && after && before.hash !== after.hash) {
      changes.push({
        status: 'changed',
        kind,
        key,
        fields: diffFields(before.definition, after.definition),
      });
    }
  }
  return changes;
}

/** What changed in a server since it was pinned: added, removed and changed definitions. */
export function diffPins(pinned: ServerPins, snapshot: Snapshot): PinChange[] {
  const current = pinSnapshot(snapshot);
  const instructions = diffCollection(
    'instructions',
    pinned.instructions ? { '': pinned.instructions } : {},
    current.instructions ? { '': current.instructions } : {},
  );
  return [
    ...instructions,
    ...diffCollection('tool', pinned.tools, current.tools),
    ...diffCollection('prompt', pinned.prompts, current.prompts),
    ...diffCollection('resource', pinned.resources, current.resources),
    ...diffCollection('resourceTemplate', pinned.resourceTemplates, current.resourceTemplates),
  ];
}

/** Parses and checks a lockfile's text; errors name the file and what is wrong. */
export function parseLockfile(text: string, path: string): Lockfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolkitError('CONFIG_INVALID', `Lockfile ${path} is not valid JSON.`, {
      cause: error,
      hint: 'Regenerate it with `mcp-warden pin`.',
    });
  }
  if (!isPlainObject(data) || data.schemaVersion !== LOCKFILE_SCHEMA_VERSION) {
    throw new ToolkitError(
      'CONFIG_INVALID',
      `Lockfile ${path} is not an mcp-warden lockfile (expected "schemaVersion": ${String(LOCKFILE_SCHEMA_VERSION)}).`,
      { hint: 'Regenerate it with `mcp-warden pin`.' },
    );
  }
  const servers = data.servers;
  if (!isPlainObject(servers)) {
    throw new ToolkitError('CONFIG_INVALID', `Lockfile ${path}: "servers" must be an object.`);
  }
  for (const [name, pins] of Object.entries(servers)) {
    for (const [, collection] of COLLECTIONS.map((c) => [c[0], c[1]] as const)) {
      const entries = isPlainObject(pins) ? pins[collection] : undefined;
      if (!isPlainObject(entries)) {
        throw new ToolkitError(
          'CONFIG_INVALID',
          `Lockfile ${path}: servers.${name}.${collection} must be an object.`,
        );
      }
      for (const [key, pin] of Object.entries(entries)) {
        if (!isPlainObject(pin) || typeof pin.hash !== 'string' || !('definition' in pin)) {
          throw new ToolkitError(
            'CONFIG_INVALID',
            `Lockfile ${path}: servers.${name}.${collection}.${key} needs "hash" and "definition".`,
          );
        }
      }
    }
  }
  return data as unknown as Lockfile;
}
