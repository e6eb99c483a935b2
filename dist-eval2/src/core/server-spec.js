/** The MCP clients whose configuration files mcp-warden understands. */
export const CLIENT_IDS = [
    'claude-desktop',
    'claude-code',
    'cursor',
    'vscode',
    'windsurf',
    'cline',
    'roo',
    'gemini',
    'codex',
    'zed',
    'continue',
    'goose',
    'kiro',
    'amazon-q',
    'lm-studio',
    'opencode',
    'generic',
];
/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment) {
    return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
export function joinPointer(base, ...segments) {
    return base + segments.map((s) => '/' + pointerSegment(s)).join('');
}
/**
 * The relative JSON pointer of a normalised field (and optionally one key or index in it) inside a
 * server's entry, honouring `argsOffset`; undefined when the entry has no such field.
 *
 * @example
 * fieldPointer(openCodeServer, 'args', 0); // '/command/1'
 */
export function fieldPointer(server, field, key) {
    const base = server.fields[field];
    if (base === undefined)
        return undefined;
    if (key === undefined)
        return base;
    if (field === 'args' && /^\d+$/.test(String(key))) {
        return joinPointer(base, Number(key) + (server.argsOffset ?? 0));
    }
    return joinPointer(base, key);
}
