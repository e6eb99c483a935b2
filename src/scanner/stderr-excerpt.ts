import { neutralize } from '../reporters/shared.js';

/** How much of a failed server's stderr a report shows. */
export const STDERR_EXCERPT_LINES = 10;
export const STDERR_EXCERPT_BYTES = 2048;

/**
 * The last lines of a server's stderr (already redacted) for a report: at most
 * {@link STDERR_EXCERPT_LINES} lines and {@link STDERR_EXCERPT_BYTES} bytes, trailing blank lines
 * dropped, control and invisible characters shown as `\u{…}` escapes. Undefined when it is empty.
 *
 * @example
 * stderrExcerpt('starting\nfatal: no token\n'); // 'starting\nfatal: no token'
 */
export function stderrExcerpt(tail: string | undefined): string | undefined {
  if (tail === undefined) return undefined;
  const lines = tail.replace(/\r\n?/g, '\n').replace(/\s+$/u, '').split('\n');
  let text = lines.slice(-STDERR_EXCERPT_LINES).join('\n');
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > STDERR_EXCERPT_BYTES) {
    // Cut at a line start where one lies inside the window, else at a character boundary.
    const cut = bytes
      .subarray(bytes.length - STDERR_EXCERPT_BYTES)
      .toString('utf8')
      .replace(/^\uFFFD+/u, '');
    const newline = cut.indexOf('\n');
    text = newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : `…${cut}`;
  }
  const shown = neutralize(text);
  return shown.trim() === '' ? undefined : shown;
}
