/** A path into parsed configuration data: object keys and array indexes. */
export type DataPath = readonly (string | number)[];

/**
 * One change install makes to one value of a config file. `from` is the value before (absent:
 * the key did not exist), `to` the value after (absent: the key is removed). Serialisable as JSON:
 * a missing key stands for "absent".
 */
export interface FieldOp {
  path: DataPath;
  from?: unknown;
  to?: unknown;
}

export function hasFrom(op: FieldOp): boolean {
  return Object.hasOwn(op, 'from');
}

export function hasTo(op: FieldOp): boolean {
  return Object.hasOwn(op, 'to');
}

/** The op that undoes `op`. */
export function invertOp(op: FieldOp): FieldOp {
  return {
    path: op.path,
    ...(hasTo(op) ? { from: op.to } : {}),
    ...(hasFrom(op) ? { to: op.from } : {}),
  };
}

/**
 * Deep equality of parsed config data, whatever the parser: objects compare by their own keys
 * (jsonc-parser builds prototype-less objects), dates by their time.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value at `path`, and whether it exists. */
export function valueAt(data: unknown, path: DataPath): { found: boolean; value?: unknown } {
  let node: unknown = data;
  for (const segment of path) {
    if (!isContainer(node) || !Object.hasOwn(node, segment)) return { found: false };
    node = node[segment];
  }
  return { found: true, value: node };
}

/** Whether the value at `op.path` in `data` is what the op leaves there. */
export function isApplied(data: unknown, op: FieldOp): boolean {
  const at = valueAt(data, op.path);
  return hasTo(op) ? at.found && sameData(at.value, op.to) : !at.found;
}

/** Whether the value at `op.path` in `data` is what the op expects to find. */
export function isUnapplied(data: unknown, op: FieldOp): boolean {
  const at = valueAt(data, op.path);
  return hasFrom(op) ? at.found && sameData(at.value, op.from) : !at.found;
}

/** Applies ops to a deep copy of `data` (the expected result an edited text must parse to). */
export function applyOpsToData(data: unknown, ops: readonly FieldOp[]): unknown {
  const copy = structuredClone(data);
  for (const op of ops) {
    const parent = valueAt(copy, op.path.slice(0, -1));
    const key = op.path.at(-1);
    if (key === undefined || !parent.found || !isContainer(parent.value)) {
      throw new Error(`no container at ${op.path.slice(0, -1).join('/')}`);
    }
    const holder = parent.value;
    if (hasTo(op)) holder[key] = structuredClone(op.to);
    else if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1);
    else Reflect.deleteProperty(holder, key);
  }
  return copy;
}
