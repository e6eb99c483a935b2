/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  platform: NodeJS.Platform;
  /** Whether stdout is a terminal that takes colour. */
  color: boolean;
  /** Whether stderr is a terminal (progress is drawn there). */
  stderrIsTty?: boolean;
}

/** Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage/config/internal error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/**
 * Text from inputs (file names, server names, argument values, error messages) made safe to
 * print: C0 and C1 control characters other than newline and tab are shown escaped (`\x1b`), so
 * nothing read from a file or the command line can drive the terminal.
 *
 * @example
 * printable('evil\u001b]0;owned\u0007'); // 'evil\\x1b]0;owned\\x07'
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
