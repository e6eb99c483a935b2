import type { CliIo } from './io.js';

/** What a command gets: the outside world and a way to raise the exit code. */
export interface CommandRuntime {
  io: CliIo;
  /** Raises the process exit code; the highest value set wins. */
  setExitCode(code: number): void;
}
