import { readFile, writeFile } from 'node:fs/promises';
import { ToolkitError } from '../core/errors.js';

/** Reads a text file the user named; a missing or unreadable file is a clear usage error. */
export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `Cannot read ${what} ${path}: ${code ?? String(error)}`,
      { cause: error },
    );
  }
}

export async function writeText(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot write ${what} ${path}: ${code ?? String(error)}`,
      { cause: error },
    );
  }
}
