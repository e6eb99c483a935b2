import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the client fixtures, each at the path its client writes it to. */
export const FIXTURES = fileURLToPath(new URL('.', import.meta.url));

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}
