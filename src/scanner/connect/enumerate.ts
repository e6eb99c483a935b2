import type { Client, RequestOptions } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type {
  DefinitionKind,
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from '../../core/snapshot.js';

/** Bounds on what one server may make us fetch and hold. */
export interface ListLimits {
  /** Pages per list before we stop following `nextCursor` (default 100). */
  maxPages: number;
  /** Items per list (default 10 000). */
  maxItems: number;
  /** Serialised bytes of the items of one list (default 8 MiB). */
  maxBytes: number;
  /** Bytes of one message (stdio line, HTTP response body) before the connection is cut (default 16 MiB). */
  maxMessageBytes: number;
}

export const DEFAULT_LIST_LIMITS: ListLimits = {
  maxPages: 100,
  maxItems: 10_000,
  maxBytes: 8 * 1024 * 1024,
  maxMessageBytes: 16 * 1024 * 1024,
};

export interface ListDescriptor {
  kind: DefinitionKind;
  method: 'tools/list' | 'prompts/list' | 'resources/list' | 'resources/templates/list';
  key: 'tools' | 'prompts' | 'resources' | 'resourceTemplates';
}

export const LISTS: Record<DefinitionKind, ListDescriptor> = {
  tool: { kind: 'tool', method: 'tools/list', key: 'tools' },
  prompt: { kind: 'prompt', method: 'prompts/list', key: 'prompts' },
  resource: { kind: 'resource', method: 'resources/list', key: 'resources' },
  resourceTemplate: {
    kind: 'resourceTemplate',
    method: 'resources/templates/list',
    key: 'resourceTemplates',
  },
};

/**
 * Pages are validated loosely on purpose: a definition that breaks the spec (no `inputSchema`, a
 * number for a name) is still a definition the server shows to models, so we keep and analyse it
 * rather than let one malformed item hide the whole list.
 */
const PAGE = z.record(z.string(), z.unknown());

export interface ListOutcome {
  items: Record<string, unknown>[];
  /** Why the list is incomplete, when a limit cut it short. */
  truncated?: string;
  /** The request failed (after `items` were fetched). */
  error?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fetches every page of one list within `limits`: it stops after `maxPages`, at `maxItems`, at
 * `maxBytes` of serialised items, and when a cursor repeats.
 */
export async function listAll(
  client: Client,
  list: ListDescriptor,
  limits: ListLimits,
  requestOptions: () => RequestOptions,
): Promise<ListOutcome> {
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let bytes = 0;
  for (let page = 0; ; page++) {
    if (page >= limits.maxPages) {
      return {
        items,
        truncated: `stopped after ${String(limits.maxPages)} pages: the server kept returning a nextCursor`,
      };
    }
    let result: unknown;
    try {
      result = await client.request(
        { method: list.method, params: cursor === undefined ? {} : { cursor } },
        PAGE,
        requestOptions(),
      );
    } catch (error) {
      return { items, error };
    }
    if (!isRecord(result)) {
      return { items, error: new Error(`${list.method} result is not an object`) };
    }
    const entries = result[list.key];
    if (!Array.isArray(entries)) {
      return { items, error: new Error(`${list.method} result has no "${list.key}" array`) };
    }
    for (const entry of entries as unknown[]) {
      if (items.length >= limits.maxItems) {
        return { items, truncated: `more than ${String(limits.maxItems)} items` };
      }
      const item = isRecord(entry) ? entry : { value: entry };
      const size = Buffer.byteLength(JSON.stringify(item));
      if (bytes + size > limits.maxBytes) {
        return { items, truncated: `definitions exceed ${String(limits.maxBytes)} bytes` };
      }
      bytes += size;
      items.push(item);
    }
    const next = result.nextCursor;
    if (typeof next !== 'string' || next === '') return { items };
    if (seen.has(next)) {
      return {
        items,
        truncated: `the server repeated cursor ${JSON.stringify(next.slice(0, 40))}`,
      };
    }
    seen.add(next);
    cursor = next;
  }
}

/** A name for an item that has none (or a non-string one): its position. */
function nameOf(item: Record<string, unknown>, key: string, index: number): string {
  const value = item[key];
  return typeof value === 'string' ? value : `#${String(index)}`;
}

/** Coerces raw items into definitions, keeping every field; notes what had to be coerced. */
export function toTools(items: Record<string, unknown>[], warnings: string[]): ToolDefinition[] {
  return items.map((item, index) => {
    const name = nameOf(item, 'name', index);
    const inputSchema = isRecord(item.inputSchema) ? item.inputSchema : {};
    if (typeof item.name !== 'string') warnings.push(`tool ${name} has no string name`);
    if (!isRecord(item.inputSchema)) warnings.push(`tool ${name} has no inputSchema object`);
    return { ...item, name, inputSchema };
  });
}

export function toPrompts(
  items: Record<string, unknown>[],
  warnings: string[],
): PromptDefinition[] {
  return items.map((item, index) => {
    const name = nameOf(item, 'name', index);
    if (typeof item.name !== 'string') warnings.push(`prompt ${name} has no string name`);
    return { ...item, name };
  });
}

export function toResources(
  items: Record<string, unknown>[],
  warnings: string[],
): ResourceDefinition[] {
  return items.map((item, index) => {
    const uri = nameOf(item, 'uri', index);
    const name = typeof item.name === 'string' ? item.name : '';
    if (typeof item.uri !== 'string') warnings.push(`resource ${uri} has no string uri`);
    return { ...item, uri, name };
  });
}

export function toResourceTemplates(
  items: Record<string, unknown>[],
  warnings: string[],
): ResourceTemplateDefinition[] {
  return items.map((item, index) => {
    const uriTemplate = nameOf(item, 'uriTemplate', index);
    const name = typeof item.name === 'string' ? item.name : '';
    if (typeof item.uriTemplate !== 'string') {
      warnings.push(`resource template ${uriTemplate} has no string uriTemplate`);
    }
    return { ...item, uriTemplate, name };
  });
}
