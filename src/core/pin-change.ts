import type { DefinitionKind } from './snapshot.js';

export type PinnedKind = DefinitionKind | 'instructions';

/** One field that differs between the pinned and the current definition. */
export interface FieldChange {
  /** Dotted path in the definition: `description`, `inputSchema.properties.path.type`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** A definition added, removed or changed since the server was pinned. */
export interface PinChange {
  status: 'added' | 'removed' | 'changed';
  kind: PinnedKind;
  /** Tool/prompt name, resource URI, template; '' for instructions. */
  key: string;
  fields: FieldChange[];
  /** `during-scan`: the server changed this while it was being scanned (after list_changed). */
  observed?: 'during-scan';
}
