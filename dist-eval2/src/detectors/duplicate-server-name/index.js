import { z } from 'zod';
import { defineDetector } from '../../core/detector.js';
const options = z
    .object({
    /** Report the same server configured identically in several files (info). */
    reportIdentical: z.boolean().default(true),
})
    .strict();
/** What makes two entries the same server: how it is started or reached, and which keys it gets. */
function differences(a, b) {
    const keys = (record) => JSON.stringify(Object.keys(record).sort());
    const found = [];
    if (a.transport !== b.transport)
        found.push('transport');
    if ((a.command ?? '') !== (b.command ?? '') ||
        JSON.stringify(a.args) !== JSON.stringify(b.args)) {
        found.push('command');
    }
    if ((a.url ?? '') !== (b.url ?? ''))
        found.push('url');
    if (keys(a.env) !== keys(b.env))
        found.push('env keys');
    if (keys(a.headers) !== keys(b.headers))
        found.push('header names');
    return found;
}
export default defineDetector({
    id: 'duplicate-server-name',
    meta: {
        title: 'Same server name configured in several files',
        description: 'A server name appears in more than one configuration file (user and project scope, or several clients). Which entry a client uses depends on its precedence rules, so a project file can silently replace a trusted server with another command or URL under the same name, and the tools of both can collide. Identical copies are only noise to keep in sync; differing ones deserve a look.',
        severity: 'medium',
        class: 'risk',
        checklist: [
            'client.management.conflict-detection',
            'client.management.conflict-resolution',
            'multi-mcp.function-priority-hijacking-prevention',
        ],
        tags: ['multi-server'],
        messages: {
            duplicateConflicting: 'Server "{{server}}" is also configured in {{otherFile}} ({{otherClient}}) with a different {{differences}}; which one runs depends on client precedence.',
            duplicateIdentical: {
                text: 'Server "{{server}}" is also configured in {{otherFile}} ({{otherClient}}) with the same command, URL and variable names.',
                class: 'hygiene',
                checklist: ['client.management.conflict-detection'],
            },
        },
        fix: 'Keep one definition per server name, or rename one of them; review project-level entries that override a user-level server with a different command or URL.',
        options,
    },
    create(ctx, opts) {
        return {
            configSet(files) {
                const first = new Map();
                const seenPaths = new Set();
                for (const file of files) {
                    if (seenPaths.has(file.path))
                        continue;
                    seenPaths.add(file.path);
                    for (const server of file.servers) {
                        const earlier = first.get(server.name);
                        if (!earlier) {
                            first.set(server.name, { server, file });
                            continue;
                        }
                        if (earlier.file.path === file.path)
                            continue;
                        const data = {
                            server: server.name,
                            otherFile: earlier.file.path,
                            otherClient: earlier.file.client,
                        };
                        const found = differences(earlier.server, server);
                        if (found.length > 0) {
                            ctx.report({
                                messageId: 'duplicateConflicting',
                                data: { ...data, differences: found.join(', ') },
                                at: { server },
                            });
                        }
                        else if (opts.reportIdentical) {
                            ctx.report({
                                messageId: 'duplicateIdentical',
                                data,
                                at: { server },
                                severity: 'info',
                            });
                        }
                    }
                }
            },
        };
    },
});
