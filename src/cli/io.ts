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
