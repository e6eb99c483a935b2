import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ToolkitError } from '../core/errors.js';
import { parsePolicy, type ParsePolicyOptions } from '../core/config/parse.js';
import type { Policy } from '../core/config/schema.js';

export { POLICY_FILE_NAME } from './file-name.js';

export interface LoadPolicyOptions extends Omit<ParsePolicyOptions, 'baseDir'> {
  /** How the file is named in messages (default: `path` as given). */
  displayName?: string;
}

/** Policy files larger than this are refused rather than read. */
const MAX_POLICY_BYTES = 4 * 1024 * 1024;

/**
 * Reads and validates a policy file (`core/config/parse.ts` validates the text; this reads it).
 * Relative paths in it (`defaults.lockfile`, `audit.file`, server `cwd`) come back
 * resolved against the file's directory. A missing file throws `FILE_NOT_FOUND`, an invalid one
 * a `PolicyError` (`CONFIG_INVALID`) listing every problem.
 *
 * @example
 * const policy = await loadPolicy('mcp-warden.policy.yaml');
 * policy.defaults.screening.secrets; // 'redact'
 */
export async function loadPolicy(path: string, options: LoadPolicyOptions = {}): Promise<Policy> {
  const { displayName = path, ...parseOptions } = options;
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `Cannot read policy ${displayName}: ${code ?? String(error)}`,
      {
        cause: error,
        hint:
          code === 'ENOENT'
            ? 'Check the path, or write a starting policy with `mcp-warden policy init`.'
            : 'Check that the file exists and that you may read it.',
      },
    );
  }
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) {
    throw new ToolkitError('CONFIG_INVALID', `Policy ${displayName} is larger than 4 MiB.`);
  }
  return parsePolicy(text.replace(/^\uFEFF/, ''), displayName, {
    ...parseOptions,
    baseDir: dirname(absolute),
  });
}
