/**
 * What a masked value is replaced with: `[redacted:<kind>]`, or `[redacted]` when the kind is
 * unknown. Nothing of the value is kept, not even a prefix or its length.
 *
 * @example
 * redactionOf('github'); // '[redacted:github]'
 */
export function redactionOf(kind) {
    return kind === undefined || kind === '' ? '[redacted]' : `[redacted:${kind}]`;
}
/**
 * Replaces each [start, end) span of `text` with `[redacted:<kind>]`. Overlapping spans are
 * masked as one, named after the first of them. Linear in the text and the spans.
 *
 * @example
 * redactSpans('token ghp_…', [{ start: 6, end: 46, kind: 'github' }]); // 'token [redacted:github]'
 */
export function redactSpans(text, spans) {
    if (spans.length === 0)
        return text;
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const span of sorted) {
        const last = merged.at(-1);
        if (last && span.start < last.end)
            last.end = Math.max(last.end, span.end);
        else
            merged.push({ ...span });
    }
    const parts = [];
    let cursor = 0;
    for (const { start, end, kind } of merged) {
        parts.push(text.slice(cursor, Math.max(cursor, start)), redactionOf(kind));
        cursor = Math.max(cursor, end);
    }
    parts.push(text.slice(cursor));
    return parts.join('');
}
/** Shortens long evidence for display, keeping the start. */
export function truncate(text, max = 200) {
    return text.length <= max ? text : `${text.slice(0, max)}…`;
}
