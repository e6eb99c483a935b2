import { z } from 'zod';
import { invocationsOf, mountOf, parseContainerRun, } from '../../analyze/command.js';
import { classifyHostPath } from '../../analyze/paths.js';
import { defineDetector } from '../../core/detector.js';
import { reportBuffer, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Host directories whose mount counts as a system mount. */
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
        '/lib',
        '/bin',
        '/sbin',
        '/private/etc',
        'C:\\Windows',
    ]),
    /** Capabilities that may be added without a finding. */
    allowedCapabilities: z.array(z.string()).default(['NET_BIND_SERVICE']),
    /** Capabilities that are reported as high (ALL is always critical). */
    dangerousCapabilities: z
        .array(z.string())
        .default([
        'SYS_ADMIN',
        'SYS_PTRACE',
        'SYS_MODULE',
        'SYS_RAWIO',
        'NET_ADMIN',
        'DAC_READ_SEARCH',
        'DAC_OVERRIDE',
        'BPF',
        'PERFMON',
        'SYS_BOOT',
    ]),
    /** Report a container started without `--user` (it runs as the image's user, root by default). */
    requireUser: z.boolean().default(true),
    /** Report a container started without `--read-only`. */
    requireReadOnly: z.boolean().default(true),
})
    .strict();
const DISABLED_PROTECTIONS = /^(?:seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths[=:]unconfined|no-new-privileges[=:]false)$/i;
export default defineDetector({
    id: 'docker-insecure-flags',
    meta: {
        title: 'Container started with weakened isolation',
        description: "The server runs in a container (`docker run`, `podman run`) whose flags undo the isolation the container was supposed to give: `--privileged`, added capabilities, disabled seccomp/AppArmor, the host network or PID namespace, the Docker socket, or the host's root, home, credential or system directories mounted inside. A compromised or malicious server then reaches the host as if it ran there, often as root.",
        severity: 'high',
        class: 'risk',
        checklist: [
            'server.runtime.container-security',
            'server.runtime.isolation-environment',
            'server.platform.system-resource-isolation',
            'server.auth.least-privilege',
        ],
        tags: ['isolation', 'container'],
        messages: {
            privileged: 'Server "{{server}}" runs its container with --privileged: every device and kernel capability of the host, no isolation left.',
            dockerSocket: 'Server "{{server}}" gives its container the Docker socket ({{path}}); control of Docker is root on the host.',
            hostRootMount: 'Server "{{server}}" mounts the host\'s {{what}} ({{path}}) into its container.',
            homeMount: 'Server "{{server}}" mounts the home directory {{path}} into its container{{mode}}: SSH keys, tokens and browser profiles become reachable.',
            credentialMount: 'Server "{{server}}" mounts the credential store {{path}} into its container.',
            systemMount: 'Server "{{server}}" mounts the system directory {{path}} into its container.',
            hostNetwork: 'Server "{{server}}" shares the host network with its container (--network host): it reaches every service listening on localhost.',
            hostNamespace: 'Server "{{server}}" shares the host {{namespace}} namespace with its container (--{{namespace}} host).',
            capAdd: 'Server "{{server}}" adds the capability {{capability}} to its container.',
            securityOptDisabled: 'Server "{{server}}" switches off a kernel protection for its container (--security-opt {{option}}).',
            runsAsRoot: 'Server "{{server}}" runs its container as root ({{how}}); add --user with an unprivileged uid.',
            writableRootFs: 'Server "{{server}}" runs its container with a writable root filesystem; add --read-only (and --tmpfs for scratch space).',
        },
        fix: 'Drop --privileged, --cap-add, host namespaces and unconfined security options; mount only the project directory the server needs (read-only where possible), never /, a home directory, credential directories or the Docker socket; run with --user 1000:1000 --read-only --cap-drop ALL.',
        options,
    },
    create(ctx, opts) {
        const pathOptions = { homeDirs: ctx.environment.homeDirs, systemDirs: opts.systemDirs };
        const allowedCaps = new Set(opts.allowedCapabilities.map(normaliseCapability));
        const dangerousCaps = new Set(opts.dangerousCapabilities.map(normaliseCapability));
        const buffer = reportBuffer(ctx, 'high');
        function check(server, run) {
            const at = (option) => tokenTarget(server, option.valueToken ?? option.token);
            const name = server.name;
            for (const option of run.options) {
                const value = option.value ?? '';
                switch (option.name) {
                    case 'privileged':
                        if (value === '' || value === 'true') {
                            buffer.add({
                                messageId: 'privileged',
                                data: { server: name },
                                at: at(option),
                                severity: 'critical',
                            });
                        }
                        break;
                    case 'use-api-socket':
                        buffer.add({
                            messageId: 'dockerSocket',
                            data: { server: name, path: '--use-api-socket' },
                            at: at(option),
                            severity: 'critical',
                        });
                        break;
                    case 'volume':
                    case 'mount': {
                        const mount = mountOf(option);
                        const found = mount && classifyHostPath(mount.source, pathOptions);
                        if (!mount || !found)
                            break;
                        const path = found.path;
                        if (found.kind === 'docker-socket') {
                            buffer.add({
                                messageId: 'dockerSocket',
                                data: { server: name, path },
                                at: at(option),
                                severity: 'critical',
                            });
                        }
                        else if (found.kind === 'filesystem-root' || found.kind === 'drive-root') {
                            const what = found.kind === 'filesystem-root' ? 'whole filesystem' : 'drive root';
                            buffer.add({
                                messageId: 'hostRootMount',
                                data: { server: name, what, path },
                                at: at(option),
                                severity: 'critical',
                            });
                        }
                        else if (found.kind === 'home') {
                            const mode = mount.readOnly ? ' (read-only, still readable)' : '';
                            buffer.add({
                                messageId: 'homeMount',
                                data: { server: name, path, mode },
                                at: at(option),
                            });
                        }
                        else if (found.kind === 'credentials') {
                            buffer.add({
                                messageId: 'credentialMount',
                                data: { server: name, path },
                                at: at(option),
                            });
                        }
                        else {
                            buffer.add({
                                messageId: 'systemMount',
                                data: { server: name, path },
                                at: at(option),
                            });
                        }
                        break;
                    }
                    case 'network':
                        if (value === 'host') {
                            buffer.add({
                                messageId: 'hostNetwork',
                                data: { server: name },
                                at: at(option),
                                severity: 'medium',
                            });
                        }
                        break;
                    case 'pid':
                    case 'ipc':
                    case 'uts':
                    case 'userns':
                    case 'cgroupns':
                        if (value === 'host') {
                            buffer.add({
                                messageId: 'hostNamespace',
                                data: { server: name, namespace: option.name },
                                at: at(option),
                                severity: option.name === 'pid' ? 'high' : 'medium',
                            });
                        }
                        break;
                    case 'cap-add':
                        for (const capability of value.split(',').map(normaliseCapability)) {
                            if (capability === '' || allowedCaps.has(capability))
                                continue;
                            const severity = capability === 'ALL'
                                ? 'critical'
                                : dangerousCaps.has(capability)
                                    ? 'high'
                                    : 'medium';
                            buffer.add({
                                messageId: 'capAdd',
                                data: { server: name, capability },
                                at: at(option),
                                severity,
                            });
                        }
                        break;
                    case 'security-opt':
                        if (DISABLED_PROTECTIONS.test(value)) {
                            buffer.add({
                                messageId: 'securityOptDisabled',
                                data: { server: name, option: value },
                                at: at(option),
                            });
                        }
                        break;
                    default:
                        break;
                }
            }
            const imageTarget = run.image
                ? tokenTarget(server, run.image)
                : { server, field: 'args' };
            const user = run.options.filter((o) => o.name === 'user').at(-1);
            if (user && /^(?:0|root)(?::.*)?$/.test(user.value ?? '')) {
                buffer.add({
                    messageId: 'runsAsRoot',
                    data: { server: name, how: `--user ${user.value ?? ''}` },
                    at: at(user),
                    severity: 'medium',
                });
            }
            else if (!user && opts.requireUser) {
                buffer.add({
                    messageId: 'runsAsRoot',
                    data: {
                        server: name,
                        how: "no --user, so the image's user, root unless the image says otherwise",
                    },
                    at: imageTarget,
                    severity: 'low',
                });
            }
            const readOnly = run.options.filter((o) => o.name === 'read-only').at(-1);
            const isReadOnly = readOnly !== undefined && (readOnly.value === undefined || readOnly.value === 'true');
            if (!isReadOnly && opts.requireReadOnly) {
                buffer.add({
                    messageId: 'writableRootFs',
                    data: { server: name },
                    at: imageTarget,
                    severity: 'info',
                });
            }
        }
        return {
            server(server) {
                if (server.transport !== 'stdio')
                    return;
                const line = [server.command ?? '', ...server.args].join(' ');
                if (!/docker|podman|nerdctl/i.test(line))
                    return;
                for (const { argv } of invocationsOf(server.command, server.args)) {
                    const run = parseContainerRun(argv);
                    if (run)
                        check(server, run);
                }
                buffer.flush();
            },
        };
    },
});
function normaliseCapability(capability) {
    return capability.trim().toUpperCase().replace(/^CAP_/, '');
}
