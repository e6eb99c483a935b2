import { UriTemplate } from '@modelcontextprotocol/client';

/**
 * How `gateway` shows several servers as one (documented in docs/gateway.md):
 *
 * - Tools and prompts are always `<server>__<name>`: what a name means never depends on what
 *   another server declares, so no server can shadow or rename another's tool. A name splits at
 *   the longest server name followed by `__`.
 * - Resources and resource templates keep their URIs (identifiers that also travel inside tool
 *   results); their `name` gets the same prefix for display. A URI is routed to the server that
 *   listed it, returned it in a result, or whose template matches it; when two servers claim the
 *   same URI or template, the first in alphabetical order owns it and the other's copy is hidden.
 * - Cursors of the merged lists are the gateway's own: each encodes the cursor of every server
 *   that has more pages.
 */

export const NAMESPACE_SEPARATOR = '__';

/** `github` + `create_issue` → `github__create_issue`. */
export function namespacedName(server: string, name: string): string {
  return `${server}${NAMESPACE_SEPARATOR}${name}`;
}

/**
 * Splits a namespaced name: the longest server name that, followed by `__`, starts the name.
 *
 * @example
 * splitNamespacedName('github__create_issue', ['github', 'fs']); // { server: 'github', name: 'create_issue' }
 */
export function splitNamespacedName(
  namespaced: string,
  servers: readonly string[],
): { server: string; name: string } | undefined {
  let best: string | undefined;
  for (const server of servers) {
    if (
      namespaced.startsWith(server + NAMESPACE_SEPARATOR) &&
      namespaced.length > server.length + NAMESPACE_SEPARATOR.length &&
      (best === undefined || server.length > best.length)
    ) {
      best = server;
    }
  }
  if (best === undefined) return undefined;
  return { server: best, name: namespaced.slice(best.length + NAMESPACE_SEPARATOR.length) };
}

/** Per-server cursors of a merged list; `null` for a server whose first page is still to come. */
export type CursorMap = Record<string, string | null>;

/** The gateway's cursor for the next page of a merged list. */
export function encodeCursor(map: CursorMap): string {
  return Buffer.from(JSON.stringify({ v: 1, s: map })).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; undefined when it is not one. */
export function decodeCursor(cursor: string): CursorMap | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { v, s } = value as { v?: unknown; s?: unknown };
    if (v !== 1 || typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
    const map: CursorMap = {};
    for (const [server, next] of Object.entries(s as Record<string, unknown>)) {
      if (typeof next !== 'string' && next !== null) return undefined;
      map[server] = next;
    }
    return map;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The capabilities the gateway announces for its servers: a feature when any server has it;
 * `listChanged` always (the gateway forwards changes and announces them after a restart);
 * `subscribe` when any server supports it. Tasks and experimental capabilities are not offered
 * (their messages carry no name the gateway could route by).
 */
export function mergeCapabilities(
  all: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const any = (key: string): boolean => all.some((capabilities) => isRecord(capabilities[key]));
  if (any('tools')) merged.tools = { listChanged: true };
  if (any('prompts')) merged.prompts = { listChanged: true };
  if (any('resources')) {
    const subscribe = all.some(
      (capabilities) =>
        isRecord(capabilities.resources) && capabilities.resources.subscribe === true,
    );
    merged.resources = { listChanged: true, ...(subscribe ? { subscribe: true } : {}) };
  }
  if (any('logging')) merged.logging = {};
  if (any('completions')) merged.completions = {};
  return merged;
}

/** Which server owns which resource URI and template (first in alphabetical order wins). */
export class ResourceOwners {
  private readonly uris = new Map<string, string>();
  private readonly templates = new Map<string, { server: string; template: UriTemplate | null }>();

  constructor(private readonly order: readonly string[]) {}

  private earlier(a: string, b: string): boolean {
    return this.order.indexOf(a) < this.order.indexOf(b);
  }

  /**
   * Records that `server` lists `uri`; returns false when an earlier server owns it (the caller
   * hides this copy).
   */
  claimUri(server: string, uri: string): boolean {
    const owner = this.uris.get(uri);
    if (owner !== undefined && owner !== server && this.earlier(owner, server)) return false;
    this.uris.set(uri, server);
    return true;
  }

  /** Records a URI a server returned in a result, unless another server owns it. */
  noteUri(server: string, uri: string): void {
    if (!this.uris.has(uri)) this.uris.set(uri, server);
  }

  claimTemplate(server: string, uriTemplate: string): boolean {
    const owner = this.templates.get(uriTemplate);
    if (owner !== undefined && owner.server !== server && this.earlier(owner.server, server)) {
      return false;
    }
    let template: UriTemplate | null;
    try {
      template = new UriTemplate(uriTemplate);
    } catch {
      template = null;
    }
    this.templates.set(uriTemplate, { server, template });
    return true;
  }

  /** The server a URI goes to: listed or returned by it, else the first whose template matches. */
  ownerOf(uri: string): string | undefined {
    const owner = this.uris.get(uri);
    if (owner !== undefined) return owner;
    let found: string | undefined;
    for (const { server, template } of this.templates.values()) {
      if (template === null) continue;
      let matched = false;
      try {
        matched = template.match(uri) !== null;
      } catch {
        matched = false;
      }
      if (matched && (found === undefined || this.earlier(server, found))) found = server;
    }
    return found;
  }

  /** The server that declared a template (for `completion/complete` on `ref/resource`). */
  ownerOfTemplate(uriTemplate: string): string | undefined {
    return this.templates.get(uriTemplate)?.server ?? this.ownerOf(uriTemplate);
  }
}
