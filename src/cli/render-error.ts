import type { ToolkitError, ToolkitErrorCode } from '../core/errors.js';
import { printable } from './io.js';

const DEFAULT_HINTS: Partial<Record<ToolkitErrorCode, string>> = {
  USAGE: 'Run `mcp-warden --help` for the commands and their options.',
  FILE_NOT_FOUND: 'Check the path, or run `mcp-warden scan` with no files to discover configs.',
  FILE_UNREADABLE: 'Check that the file exists and that you may read it.',
  FILE_UNWRITABLE: 'Check that the directory exists and that you may write to it.',
  UNKNOWN_CLIENT: 'Pass one of the client ids listed by `mcp-warden scan --help`.',
  BASELINE_INVALID: 'Regenerate it with `mcp-warden scan --write-baseline FILE`.',
};

/** What happened, then how to fix it; control characters from inputs are shown escaped. */
export function renderError(error: ToolkitError): string {
  const hint = error.hint ?? DEFAULT_HINTS[error.code];
  return `mcp-warden: ${printable(error.message)}\n${hint ? `  fix: ${printable(hint)}\n` : ''}`;
}
