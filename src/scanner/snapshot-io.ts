import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ToolkitError } from '../core/errors.js';
import { packageFile } from '../process/package-files.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../core/snapshot.js';

/**
 * Reading and writing snapshot files (`schemas/snapshot.schema.json`, `docs/snapshot-format.md`).
 * A file holds one snapshot, an array of snapshots, or `{ "snapshots": [...] }`. For convenience
 * it may also hold what a server answered to a list request — `{ "tools": [...] }` — bare or
 * wrapped in its JSON-RPC response; the server is then named after the file.
 */

let validator: ValidateFunction | undefined;

function validateSnapshot(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(
      readFileSync(packageFile('schemas', 'snapshot.schema.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    validator = ajv.compile(schema);
  }
  return validator;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/snapshots/0/tools/3/name` → `snapshots[0].tools[3].name` (under `prefix`). */
function jsonPath(prefix: string, pointer: string): string {
  let path = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path === '' ? '(root)' : path;
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `is missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `has unknown property "${String(params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function invalid(file: string, path: string, expected: string): ToolkitError {
  return new ToolkitError('CONFIG_INVALID', `${file}: ${path} ${expected}`, {
    hint: 'A snapshot file holds one snapshot, an array of snapshots, { "snapshots": [...] }, or a tools/list result; see docs/snapshot-format.md.',
  });
}

function check(
  value: unknown,
  file: string,
  prefix: string,
  rename?: (path: string) => string,
): Snapshot {
  const validate = validateSnapshot();
  if (validate(value)) return value as Snapshot;
  const [first] = validate.errors ?? [];
  if (first === undefined) throw invalid(file, jsonPath(prefix, ''), 'is not a valid snapshot');
  const path = jsonPath(prefix, first.instancePath);
  throw invalid(file, rename ? rename(path) : path, describeAjvError(first));
}

const LIST_KEYS = ['tools', 'prompts', 'resources', 'resourceTemplates'] as const;

function isListResult(value: Record<string, unknown>): boolean {
  return !('schemaVersion' in value) && LIST_KEYS.some((key) => Array.isArray(value[key]));
}

/** A snapshot made from a bare list result, the server named after the file. */
function fromListResult(result: Record<string, unknown>, file: string, prefix: string): Snapshot {
  const name = basename(file, extname(file)) || 'snapshot';
  const snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    server: { name },
    tools: result.tools ?? [],
    prompts: result.prompts ?? [],
    resources: result.resources ?? [],
    resourceTemplates: result.resourceTemplates ?? [],
  };
  // Errors name the path in the file, not in the snapshot built from it.
  return check(snapshot, file, '', (path) => (prefix === '' ? path : `${prefix}.${path}`));
}

/**
 * Parses the text of a snapshot file into snapshots, validating each against the schema. Invalid
 * input raises `ToolkitError('CONFIG_INVALID')` naming the file, the JSON path and what was
 * expected.
 *
 * @example
 * parseSnapshots('{"tools":[{"name":"add","inputSchema":{"type":"object"}}]}', 'calc.json');
 * // [{ schemaVersion: 1, server: { name: 'calc' }, tools: [ … ], prompts: [], … }]
 */
export function parseSnapshots(text: string, file: string): Snapshot[] {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ToolkitError(
      'CONFIG_INVALID',
      `${file}: not valid JSON (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  if (Array.isArray(value)) {
    return value.map((entry, index) => check(entry, file, `[${String(index)}]`));
  }
  if (!isRecord(value)) {
    throw invalid(
      file,
      '(root)',
      'must be a snapshot object, an array of snapshots, or { "snapshots": [...] }',
    );
  }
  if ('snapshots' in value && !('schemaVersion' in value)) {
    const { snapshots, ...rest } = value;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw invalid(file, extra, 'is not allowed beside "snapshots"');
    if (!Array.isArray(snapshots)) throw invalid(file, 'snapshots', 'must be an array');
    return snapshots.map((entry, index) => check(entry, file, `snapshots[${String(index)}]`));
  }
  if ('jsonrpc' in value && !('schemaVersion' in value)) {
    if ('error' in value)
      throw invalid(file, 'error', 'is a JSON-RPC error response, not a result');
    if (!isRecord(value.result) || !isListResult(value.result)) {
      throw invalid(file, 'result', 'must be a tools/list (or prompts, resources) result');
    }
    return [fromListResult(value.result, file, 'result')];
  }
  if (isListResult(value)) return [fromListResult(value, file, '')];
  const configKey = CONFIG_KEYS.find((key) => key in value);
  if (configKey !== undefined && !('schemaVersion' in value)) {
    throw new ToolkitError(
      'CONFIG_INVALID',
      `${file} is a client configuration ("${configKey}"), not a snapshot`,
      {
        hint: `Scan a config as a file argument (\`mcp-warden scan ${file}\`); --snapshot takes what \`mcp-warden scan --save-snapshot\` wrote.`,
      },
    );
  }
  return [check(value, file, '')];
}

/** Top-level keys of client configurations, to tell a config passed as a snapshot. */
const CONFIG_KEYS = [
  'mcpServers',
  'servers',
  'mcp_servers',
  'context_servers',
  'mcp',
  'extensions',
];

/**
 * Reads one snapshot file; see {@link parseSnapshots}.
 *
 * @example
 * const snapshots = await readSnapshotFile('snapshots.json');
 */
export async function readSnapshotFile(file: string): Promise<Snapshot[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `Cannot read snapshot file ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return parseSnapshots(text, file);
}

/** The text of a snapshot file: `{ "snapshots": [...] }`, two-space indented, newline-terminated. */
export function serializeSnapshots(snapshots: readonly Snapshot[]): string {
  return `${JSON.stringify({ snapshots }, null, 2)}\n`;
}

/**
 * Writes snapshots to a file that {@link readSnapshotFile} reads back (validated first, so that
 * nothing unreadable is written).
 *
 * @example
 * await writeSnapshotFile('snapshots.json', result.snapshots);
 */
export async function writeSnapshotFile(
  file: string,
  snapshots: readonly Snapshot[],
): Promise<void> {
  snapshots.forEach((snapshot, index) => check(snapshot, file, `snapshots[${String(index)}]`));
  await writeFile(file, serializeSnapshots(snapshots), 'utf8');
}
