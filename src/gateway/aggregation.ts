import type { JsonRpcMessage } from './middleware/types.js';
import {
  encodeCursor,
  namespacedName,
  type CursorMap,
  type ResourceOwners,
} from './namespacing.js';

/**
 * How `gateway` merges the servers' answers to one list request into one answer: names
 * namespaced, resources and templates claimed by their first owner (later copies hidden), one
 * cursor for the servers that have more pages, the shortest cache lifetime and the narrowest
 * cache scope.
 */

/** The lists the gateway merges, with the capability that offers each and the key of an item. */
export const LISTS = {
  'tools/list': { key: 'tools', capability: 'tools', field: 'name' },
  'prompts/list': { key: 'prompts', capability: 'prompts', field: 'name' },
  'resources/list': { key: 'resources', capability: 'resources', field: 'uri' },
  'resources/templates/list': {
    key: 'resourceTemplates',
    capability: 'resources',
    field: 'uriTemplate',
  },
} as const;
export type ListMethod = keyof typeof LISTS;

export function isListMethod(method: string): method is ListMethod {
  return method in LISTS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One server's answer to its part of a list request. */
export interface ServerAnswer {
  server: string;
  message: JsonRpcMessage;
}

/**
 * The merged answer: a result, or the first server's error when no server gave a result. `log`
 * hears about servers that failed and copies that were hidden.
 */
export function mergeListAnswers(
  method: ListMethod,
  answers: readonly ServerAnswer[],
  owners: ResourceOwners,
  log: (text: string) => void,
): { result: Record<string, unknown> } | { error: NonNullable<JsonRpcMessage['error']> } {
  const list = LISTS[method];
  const items: unknown[] = [];
  const next: CursorMap = {};
  let ttlMs: number | undefined;
  let cacheScope: string | undefined;
  let firstError: JsonRpcMessage['error'];
  let anyResult = false;
  for (const { server, message: answer } of answers) {
    const result = answer.result;
    if (!isRecord(result)) {
      firstError ??= answer.error;
      log(`server "${server}" failed ${method}: ${answer.error?.message ?? 'no result'}`);
      continue;
    }
    anyResult = true;
    const entries = Array.isArray(result[list.key]) ? (result[list.key] as unknown[]) : [];
    for (const entry of entries) {
      if (!isRecord(entry)) continue;
      if (method === 'tools/list' || method === 'prompts/list') {
        if (typeof entry.name !== 'string') continue;
        items.push({ ...entry, name: namespacedName(server, entry.name) });
        continue;
      }
      const key = entry[list.field];
      if (typeof key !== 'string') continue;
      const claimed =
        method === 'resources/list'
          ? owners.claimUri(server, key)
          : owners.claimTemplate(server, key);
      if (!claimed) {
        log(`server "${server}" also declares ${key}; an earlier server owns it, hidden`);
        continue;
      }
      items.push(
        typeof entry.name === 'string'
          ? { ...entry, name: namespacedName(server, entry.name) }
          : entry,
      );
    }
    if (typeof result.nextCursor === 'string' && result.nextCursor !== '') {
      next[server] = result.nextCursor;
    }
    if (typeof result.ttlMs === 'number') ttlMs = Math.min(ttlMs ?? result.ttlMs, result.ttlMs);
    if (typeof result.cacheScope === 'string') {
      cacheScope = cacheScope === 'private' ? 'private' : result.cacheScope;
    }
  }
  if (!anyResult && firstError !== undefined) return { error: firstError };
  return {
    result: {
      [list.key]: items,
      ...(Object.keys(next).length === 0 ? {} : { nextCursor: encodeCursor(next) }),
      ...(ttlMs === undefined ? {} : { ttlMs }),
      ...(cacheScope === undefined ? {} : { cacheScope }),
    },
  };
}
