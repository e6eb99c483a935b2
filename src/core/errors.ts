/** Codes of the errors mcp-warden raises itself; the CLI renders each with a fix. */
export type ToolkitErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_UNWRITABLE'
  | 'CONFIG_INVALID'
  | 'UNKNOWN_CLIENT'
  | 'BASELINE_INVALID'
  | 'INVALID_DETECTOR'
  | 'SANDBOX_UNAVAILABLE'
  | 'INTERNAL';

/**
 * An error mcp-warden raises on purpose: a code for templates and tests, a message that says what
 * happened, and optionally a hint that says how to fix it.
 *
 * @example
 * throw new ToolkitError('FILE_NOT_FOUND', 'No such file: ./mcp.json', { hint: 'Check the path.' });
 */
export class ToolkitError extends Error {
  readonly code: ToolkitErrorCode;
  readonly hint: string | undefined;

  constructor(
    code: ToolkitErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ToolkitError';
    this.code = code;
    this.hint = options.hint;
  }
}
