import { z } from 'zod';
import { invocationsOf, parseContainerRun, programName } from '../../analyze/command.js';
import { classifyHostPath } from '../../analyze/paths.js';
import { defineDetector } from '../../core/detector.js';
import { reportBuffer, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Packages and programs of filesystem servers whose path arguments grant access. */
    filesystemServers: z
        .array(z.string())
        .default([
        '@modelcontextprotocol/server-filesystem',
        'mcp-server-filesystem',
        '@wonderwhy-er/desktop-commander',
        'desktop-commander',
        'mcp-filesystem-server',
        '@cyanheads/filesystem-mcp-server',
        'filesystem-mcp',
        '@shtse8/filesystem-mcp',
        'rust-mcp-filesystem',
        '@agent-infra/mcp-server-filesystem',
    ]),
    /** Directories that count as system directories. */
    systemDirs: z
        .array(z.string())
        .default([
        '/etc',
        '/root',
        '/var',
        '/usr',
        '/boot',
        '/sys',
        '/proc',
        '/dev',
        '/private/etc',
        'C:\\Windows',
    ]),
})
    .strict();
/** `@scope/name@1.2.3` → `@scope/name`; `C:\\bin\\mcp-server-filesystem.exe` → `mcp-server-filesystem`. */
function packageName(value) {
    const withoutVersion = /^(@?[^@\s]+)(?:@.*)?$/.exec(value)?.[1] ?? value;
    return withoutVersion.startsWith('@')
        ? withoutVersion.toLowerCase()
        : programName(withoutVersion);
}
const SEVERITY = {
    'filesystem-root': 'critical',
    'drive-root': 'critical',
    home: 'high',
    credentials: 'high',
    system: 'high',
};
export default defineDetector({
    id: 'broad-filesystem-grant',
    meta: {
        title: 'Filesystem server given the whole disk or a home directory',
        description: 'A filesystem MCP server is allowed into `/`, a drive root, a home directory, a credential directory or a system directory instead of the project folder it needs. Every file there (SSH keys, cloud credentials, browser profiles, other projects) becomes readable, and often writable, by a model that can be steered by any prompt injection it reads.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'server.auth.least-privilege',
            'server.isolation.resource-access-control',
            'server.resources.resource-access-control',
        ],
        tags: ['filesystem', 'least-privilege'],
        messages: {
            rootGrant: 'Filesystem server "{{server}}" is given {{path}}: the {{what}}.',
            homeGrant: 'Filesystem server "{{server}}" is given the home directory {{path}}: SSH keys, cloud credentials, browser profiles and every project in it become reachable.',
            credentialGrant: 'Filesystem server "{{server}}" is given the credential store {{path}}.',
            systemGrant: 'Filesystem server "{{server}}" is given the system directory {{path}}.',
        },
        fix: 'Give the server only the project directories it works on (for example `${workspaceFolder}` or `~/projects/app`), never `/`, a drive root, a home directory, `~/.ssh`-style credential stores or system directories; prefer read-only access where the server supports it.',
        options,
    },
    create(ctx, opts) {
        const servers = new Set(opts.filesystemServers.map(packageName));
        const pathOptions = { homeDirs: ctx.environment.homeDirs, systemDirs: opts.systemDirs };
        const buffer = reportBuffer(ctx, 'high');
        return {
            server(server) {
                if (server.transport !== 'stdio')
                    return;
                for (const { argv } of invocationsOf(server.command, server.args)) {
                    // In a container the paths are the container's; the mounts are docker-insecure-flags' job.
                    if (parseContainerRun(argv))
                        continue;
                    const at = argv.findIndex((token) => servers.has(packageName(token.value)));
                    if (at === -1)
                        continue;
                    for (const token of argv.slice(at + 1)) {
                        if (token.value.startsWith('-'))
                            continue;
                        const found = classifyHostPath(token.value, pathOptions);
                        if (!found || found.kind === 'docker-socket')
                            continue;
                        const data = { server: server.name, path: found.path };
                        const where = tokenTarget(server, token);
                        const severity = SEVERITY[found.kind];
                        if (found.kind === 'filesystem-root' || found.kind === 'drive-root') {
                            const what = found.kind === 'filesystem-root' ? 'whole filesystem' : 'whole drive';
                            buffer.add({ messageId: 'rootGrant', data: { ...data, what }, at: where, severity });
                        }
                        else if (found.kind === 'home') {
                            buffer.add({ messageId: 'homeGrant', data, at: where, severity });
                        }
                        else if (found.kind === 'credentials') {
                            buffer.add({ messageId: 'credentialGrant', data, at: where, severity });
                        }
                        else {
                            buffer.add({ messageId: 'systemGrant', data, at: where, severity });
                        }
                    }
                }
                buffer.flush();
            },
        };
    },
});
