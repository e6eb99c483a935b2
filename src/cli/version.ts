import { packageVersion } from '../process/package-files.js';

/** The package's own version, from its package.json (found from the package root). */
export function toolVersion(): string {
  return packageVersion();
}
