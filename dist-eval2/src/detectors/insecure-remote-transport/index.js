import { z } from 'zod';
import { invocationsOf, programName } from '../../analyze/command.js';
import { defineDetector } from '../../core/detector.js';
import { redactSpans } from '../../core/redact.js';
import { isLoopbackHost, parseUrl, reportBuffer, secretsIn, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Environment variables that switch TLS verification off, with the values that do it. */
    tlsOffEnv: z.record(z.string(), z.array(z.string())).default({
        NODE_TLS_REJECT_UNAUTHORIZED: ['0'],
        PYTHONHTTPSVERIFY: ['0'],
        GIT_SSL_NO_VERIFY: ['1', 'true'],
    }),
    /** Command-line flags that switch TLS verification off or allow plain HTTP. */
    insecureFlags: z
        .array(z.string())
        .default([
        '--insecure',
        '--allow-http',
        '--no-check-certificate',
        '--ignore-certificate-errors',
        '--tls-skip-verify',
        '--insecure-skip-tls-verify',
        '--skip-tls-verify',
        '--no-verify-ssl',
        '--disable-ssl-verification',
        '--no-tls-verify',
    ]),
    /** Programs and packages for which `-k` means "insecure" (curl's spelling). */
    shortInsecurePrograms: z.array(z.string()).default(['curl', 'mcp-remote', 'supergateway']),
    /** stdio-to-remote bridges: a plain-http URL in their arguments is reported. */
    bridgePackages: z
        .array(z.string())
        .default([
        'mcp-remote',
        'supergateway',
        '@supercorp/supergateway',
        'mcp-proxy',
        'mcp-remote-client',
    ]),
    /** Hosts (besides loopback) that may be reached over plain HTTP. */
    allowHttpHosts: z.array(z.string()).default([]),
})
    .strict();
/** `@scope/name@1.2.3` → `@scope/name`; `pkg==1` → `pkg`; a path → its program name. */
function packageName(value) {
    const npm = /^(@?[^@\s]+)(?:@.*)?$/.exec(value)?.[1] ?? value;
    return programName(npm.replace(/(?:[=<>!~]=?|\[).*$/, ''));
}
export default defineDetector({
    id: 'insecure-remote-transport',
    meta: {
        title: 'Remote server reached without TLS or without certificate checks',
        description: 'The client talks to a remote MCP server over plain `http://` (directly or through a stdio bridge such as mcp-remote or supergateway), or the server process runs with TLS certificate verification switched off. Anyone on the network path can then read the tool calls, results and credentials, and can impersonate the server to inject tools and instructions.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'client.transport.encrypted-communication',
            'client.transport.certificate-validation',
            'client.transport.secure-protocol-configuration',
        ],
        tags: ['transport'],
        messages: {
            plainHttp: {
                text: 'Server "{{server}}" is reached over {{scheme}}:// at {{host}}: traffic, tool results and credentials travel unencrypted.',
                checklist: [
                    'client.transport.encrypted-communication',
                    'client.transport.secure-protocol-configuration',
                ],
            },
            bridgeOverHttp: {
                text: 'Server "{{server}}" bridges to {{host}} over plain {{scheme}}:// through {{bridge}}.',
                checklist: [
                    'client.transport.encrypted-communication',
                    'client.transport.secure-protocol-configuration',
                ],
            },
            tlsVerificationOff: {
                text: 'Server "{{server}}" sets {{name}}={{value}}, which switches TLS certificate verification off for everything it connects to.',
                checklist: [
                    'client.transport.certificate-validation',
                    'client.transport.secure-protocol-configuration',
                ],
            },
            insecureFlag: {
                text: 'Server "{{server}}" is started with {{flag}}, which disables transport security checks.',
                checklist: [
                    'client.transport.certificate-validation',
                    'client.transport.secure-protocol-configuration',
                ],
            },
        },
        fix: 'Use an https:// (or wss://) URL with a valid certificate; remove NODE_TLS_REJECT_UNAUTHORIZED=0, --insecure and similar switches, and trust a private CA with NODE_EXTRA_CA_CERTS or the system store instead.',
        options,
    },
    create(ctx, opts) {
        const insecureFlags = new Set(opts.insecureFlags.map((f) => f.toLowerCase()));
        const shortPrograms = new Set(opts.shortInsecurePrograms.map(packageName));
        const bridges = new Set(opts.bridgePackages.map(packageName));
        const allowedHosts = new Set(opts.allowHttpHosts.map((h) => h.toLowerCase()));
        const plain = (url) => url !== undefined &&
            (url.protocol === 'http:' || url.protocol === 'ws:') &&
            !isLoopbackHost(url.hostname) &&
            !allowedHosts.has(url.hostname.toLowerCase());
        const hostOf = (url) => redactSpans(url.host, secretsIn(ctx, url.host));
        return {
            server(server) {
                const url = server.url === undefined ? undefined : parseUrl(server.url);
                if (plain(url)) {
                    ctx.report({
                        messageId: 'plainHttp',
                        data: { server: server.name, scheme: url.protocol.slice(0, -1), host: hostOf(url) },
                        at: { server, field: 'url' },
                    });
                }
                for (const [name, value] of Object.entries(server.env)) {
                    const bad = opts.tlsOffEnv[name];
                    if (bad?.includes(value.trim())) {
                        ctx.report({
                            messageId: 'tlsVerificationOff',
                            data: { server: server.name, name, value: value.trim() },
                            at: { server, field: 'env', key: name },
                        });
                    }
                }
                if (server.transport !== 'stdio')
                    return;
                const buffer = reportBuffer(ctx, 'high');
                for (const { argv } of invocationsOf(server.command, server.args)) {
                    const names = argv.map((t) => packageName(t.value));
                    const bridge = names.find((n) => bridges.has(n));
                    const shortAllowed = names.some((n) => shortPrograms.has(n));
                    for (const token of argv.slice(1)) {
                        const flag = token.value.toLowerCase().replace(/=.*$/, '');
                        if (insecureFlags.has(flag) || (shortAllowed && token.value === '-k')) {
                            buffer.add({
                                messageId: 'insecureFlag',
                                data: { server: server.name, flag: token.value.replace(/=.*$/, '') },
                                at: tokenTarget(server, token),
                            });
                            continue;
                        }
                        if (!bridge || !/^(?:http|ws):\/\//i.test(token.value))
                            continue;
                        const target = parseUrl(token.value);
                        if (!plain(target))
                            continue;
                        buffer.add({
                            messageId: 'bridgeOverHttp',
                            data: {
                                server: server.name,
                                host: hostOf(target),
                                scheme: target.protocol.slice(0, -1),
                                bridge,
                            },
                            at: tokenTarget(server, token),
                        });
                    }
                }
                buffer.flush();
            },
        };
    },
});
