import { z } from 'zod';
import { defineDetector } from '../../core/detector.js';
import { secretsIn } from '../shared.js';
const options = z
    .object({
    /** Also report files only the owner's group can read (medium). */
    reportGroupReadable: z.boolean().default(true),
})
    .strict();
/** How many strings of a server hold a secret. */
function countSecrets(ctx, server) {
    let count = 0;
    const add = (text, name) => {
        if (text !== '' && secretsIn(ctx, text, name === undefined ? {} : { name }).length > 0)
            count++;
    };
    for (const [name, value] of Object.entries(server.env))
        add(value, name);
    for (const [name, value] of Object.entries(server.headers))
        add(value, name);
    for (const arg of server.args)
        add(arg);
    add(server.command ?? '');
    add(server.url ?? '');
    return count;
}
export default defineDetector({
    id: 'world-readable-config',
    meta: {
        title: 'Config file with secrets readable by other users',
        description: "A client configuration file that holds credentials has permissions that let other users (or the owner's group) read it. On a shared machine, a CI runner or a server any local account, service or compromised process running under another user can copy the tokens.",
        severity: 'high',
        class: 'risk',
        checklist: [
            'client.storage.credential-secure-storage',
            'client.storage.sensitive-data-isolation',
        ],
        tags: ['secrets', 'permissions'],
        messages: {
            readableWithSecrets: '{{path}} holds {{count}} secret value(s) and is readable by {{who}} (mode {{mode}}).',
        },
        fix: "Restrict the file to its owner (`chmod 600 <file>`), and move the secrets out of it into environment references or the client's secret store.",
        options,
    },
    create(ctx, opts) {
        return {
            configFile(file) {
                const mode = file.mode;
                if (mode === undefined || (mode & 0o044) === 0)
                    return;
                const others = (mode & 0o004) !== 0;
                if (!others && !opts.reportGroupReadable)
                    return;
                const count = file.servers.reduce((sum, server) => sum + countSecrets(ctx, server), 0);
                if (count === 0)
                    return;
                ctx.report({
                    messageId: 'readableWithSecrets',
                    data: {
                        path: file.path,
                        count,
                        who: others ? 'every user of the machine' : "the file's group",
                        mode: `0${(mode & 0o777).toString(8).padStart(3, '0')}`,
                    },
                    at: { file },
                    ...(others ? {} : { severity: 'medium' }),
                });
            },
        };
    },
});
