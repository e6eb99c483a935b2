import { findSecretsSync, mergeHits } from '../analyze/secrets.js';
import { severityRank } from '../core/severity.js';
/** Helpers shared by several detectors. Pure. */
/** Points a finding at the field a command-line token was written in. */
export function tokenTarget(server, token) {
    return token.source.field === 'args'
        ? { server, field: 'args', key: token.source.index }
        : { server, field: 'command' };
}
/** `args[2]` or `command`, for messages. */
export function tokenPlace(token) {
    return token.source.field === 'args' ? `args[${String(token.source.index)}]` : 'command';
}
/** Secrets in `text`: the engine's index (the batch's known secrets) plus the name-aware rules. */
export function secretsIn(ctx, text, options = {}) {
    return mergeHits(ctx.services.findSecrets(text), findSecretsSync(text, options));
}
/** Parses an absolute URL; undefined when it is not one. */
export function parseUrl(text) {
    try {
        return new URL(text.trim());
    }
    catch {
        return undefined;
    }
}
/** Loopback hosts: `localhost` (and `*.localhost`), 127.0.0.0/8, `::1`, `0.0.0.0`. */
export function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        /^127(?:\.\d{1,3}){3}$/.test(host) ||
        host === '::1' ||
        host === '0:0:0:0:0:0:0:1' ||
        host === '0.0.0.0' ||
        /^::ffff:127\./.test(host));
}
/** Joins names for a message: `a`, `a and b`, `a, b and 2 more`. */
export function listNames(names, max = 5) {
    const quoted = names.map((name) => `"${name}"`);
    if (quoted.length <= 1)
        return quoted.join('');
    if (quoted.length > max) {
        return `${quoted.slice(0, max).join(', ')} and ${String(quoted.length - max)} more`;
    }
    return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}
/** Whether a name matches a simple glob (`*` wildcards only), case-insensitively. */
export function matchesGlob(name, pattern) {
    const source = pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${source}$`, 'i').test(name);
}
/**
 * Collects reports and sends them when flushed, merging reports with the same message at the
 * same place (two packages inside one `sh -c` argument, say) into one finding: the engine's
 * fingerprint is detector + message + place, so separate findings there would collide in
 * baselines. Differing data values are joined with ` / `; the highest severity wins.
 */
export function reportBuffer(ctx, defaultSeverity) {
    const pending = new Map();
    const keyOf = (descriptor) => {
        const at = descriptor.at;
        const place = 'file' in at
            ? [at.file.path, at.pointer ?? '']
            : 'snapshot' in at
                ? [at.snapshot.server.name, at.kind ?? '', at.item ?? '', at.field ?? '']
                : [at.server.source.file, at.server.source.pointer, at.field ?? '', String(at.key ?? '')];
        return [descriptor.messageId, ...place].join('\0');
    };
    return {
        add(descriptor) {
            const key = keyOf(descriptor);
            const existing = pending.get(key);
            if (!existing) {
                pending.set(key, {
                    ...descriptor,
                    ...(descriptor.data ? { data: { ...descriptor.data } } : {}),
                });
                return;
            }
            const data = { ...existing.data };
            for (const [name, value] of Object.entries(descriptor.data ?? {})) {
                const previous = data[name];
                if (previous === undefined)
                    data[name] = value;
                else if (!String(previous).split(' / ').includes(String(value))) {
                    data[name] = `${String(previous)} / ${String(value)}`;
                }
            }
            const a = existing.severity ?? defaultSeverity;
            const b = descriptor.severity ?? defaultSeverity;
            const severity = severityRank(b) > severityRank(a) ? b : a;
            const evidence = [existing.evidence, descriptor.evidence].filter((e) => e !== undefined);
            pending.set(key, {
                ...existing,
                data,
                ...(severity === defaultSeverity ? {} : { severity }),
                ...(evidence.length > 0 ? { evidence: [...new Set(evidence)].join(' / ') } : {}),
            });
        },
        flush() {
            for (const descriptor of pending.values())
                ctx.report(descriptor);
            pending.clear();
        },
    };
}
