import type { ClientId, SourceLocation, TransportKind } from './server-spec.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** The two protocol eras: sessionful 2025 revisions, and stateless 2026-07-28 onwards. */
export type ProtocolEra = '2025' | '2026';

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  [key: string]: unknown;
}

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: ToolAnnotations;
  [key: string]: unknown;
}

export interface PromptArgument {
  name: string;
  title?: string;
  description?: string;
  required?: boolean;
}

export interface PromptDefinition {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  [key: string]: unknown;
}

export interface ResourceDefinition {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  [key: string]: unknown;
}

export interface ResourceTemplateDefinition {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  [key: string]: unknown;
}

/** Which server a snapshot is of: its configured name and, when known, where it was configured. */
export interface SnapshotServer {
  name: string;
  client?: ClientId;
  source?: SourceLocation;
  transport?: TransportKind;
  /** Command line or URL, secrets redacted. */
  target?: string;
}

/**
 * Everything a live server declared, serialisable to JSON. A scan can run on saved snapshots
 * without starting anything.
 */
export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  server: SnapshotServer;
  protocol?: { era: ProtocolEra; version: string };
  serverInfo?: { name: string; version: string; title?: string; [key: string]: unknown };
  capabilities?: Record<string, unknown>;
  instructions?: string;
  tools: ToolDefinition[];
  prompts: PromptDefinition[];
  resources: ResourceDefinition[];
  resourceTemplates: ResourceTemplateDefinition[];
  /** Lists cut short (pagination limit, size limit), with the reason. */
  truncated?: { list: DefinitionKind; reason: string }[];
}

export type DefinitionKind = 'tool' | 'prompt' | 'resource' | 'resourceTemplate';

/** One string a server declared, with where it sits: the unit definition analysis works on. */
export interface DeclaredString {
  /** `instructions` for the server instructions, else the kind of definition. */
  kind: DefinitionKind | 'instructions' | 'serverInfo';
  /** Tool/prompt/resource name (resource URI when the name is empty); '' for instructions. */
  item: string;
  /** Dotted path inside the definition: `description`, `inputSchema.properties.path.description`. */
  field: string;
  text: string;
}

function walkJson(value: unknown, path: string, out: (field: string, text: string) => void): void {
  if (typeof value === 'string') {
    if (value !== '') out(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      walkJson(entry, `${path}[${String(index)}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const isPropertyMap = path === 'properties' || path.endsWith('.properties');
    for (const [key, entry] of Object.entries(value)) {
      // Parameter names are declared text too: a parameter called `ssh_key_contents` speaks.
      if (isPropertyMap) out(`${path}.${key}#name`, key);
      walkJson(entry, `${path}.${key}`, out);
    }
  }
}

/**
 * Every string a snapshot declares — names, titles, descriptions, schema text at any depth
 * (parameter names, enums, defaults, examples), prompt arguments, resource URIs, instructions.
 */
export function declaredStrings(snapshot: Snapshot): DeclaredString[] {
  const strings: DeclaredString[] = [];
  const add = (kind: DeclaredString['kind'], item: string, definition: object): void => {
    for (const [key, value] of Object.entries(definition)) {
      walkJson(value, key, (field, text) => strings.push({ kind, item, field, text }));
    }
  };
  if (snapshot.instructions) {
    strings.push({
      kind: 'instructions',
      item: '',
      field: 'instructions',
      text: snapshot.instructions,
    });
  }
  if (snapshot.serverInfo) add('serverInfo', '', snapshot.serverInfo);
  for (const tool of snapshot.tools) add('tool', tool.name, tool);
  for (const prompt of snapshot.prompts) add('prompt', prompt.name, prompt);
  for (const resource of snapshot.resources)
    add('resource', resource.name || resource.uri, resource);
  for (const template of snapshot.resourceTemplates) {
    add('resourceTemplate', template.name || template.uriTemplate, template);
  }
  return strings;
}
