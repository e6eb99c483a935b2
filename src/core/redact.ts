/**
 * Masks a secret for display: a short prefix that helps the user recognise it (the provider's
 * token prefix, say), then a fixed mask. Never more than a quarter of the value is shown.
 *
 * @example
 * redact('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'); // 'ghp_****…(40 chars)'
 */
export function redact(secret: string): string {
  const visible = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, visible)}****…(${secret.length} chars)`;
}

/** Replaces each [start, end) span of `text` with its redacted form. Spans may overlap. */
export function redactSpans(
  text: string,
  spans: readonly { start: number; end: number }[],
): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let out = '';
  let cursor = 0;
  for (const { start, end } of merged) {
    out += text.slice(cursor, start) + redact(text.slice(start, end));
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** Shortens long evidence for display, keeping the start. */
export function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
