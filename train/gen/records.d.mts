export const KINDS: readonly string[];
export const LABELS: readonly string[];
export function recordProblems(record: unknown): string[];
