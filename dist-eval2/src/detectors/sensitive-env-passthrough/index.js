import { z } from 'zod';
import { invocationsOf, parseContainerRun } from '../../analyze/command.js';
import { isSecretName } from '../../analyze/secrets.js';
import { defineDetector } from '../../core/detector.js';
import { matchesGlob, reportBuffer, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Ambient cloud and infrastructure credentials (globs): broad power, rarely needed whole. */
    ambientCredentials: z
        .array(z.string())
        .default([
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_PROFILE',
        'AWS_SHARED_CREDENTIALS_FILE',
        'AWS_WEB_IDENTITY_TOKEN_FILE',
        'AWS_CONTAINER_CREDENTIALS_*',
        'GOOGLE_APPLICATION_CREDENTIALS',
        'GOOGLE_OAUTH_ACCESS_TOKEN',
        'CLOUDSDK_AUTH_*',
        'AZURE_CLIENT_SECRET',
        'AZURE_CLIENT_CERTIFICATE_*',
        'AZURE_PASSWORD',
        'ARM_CLIENT_SECRET',
        'ARM_ACCESS_KEY',
        'KUBECONFIG',
        'SSH_AUTH_SOCK',
        'GPG_AGENT_INFO',
        'GNUPGHOME',
        'DOCKER_CONFIG',
        'DOCKER_AUTH_CONFIG',
        'VAULT_TOKEN',
        'OP_SERVICE_ACCOUNT_TOKEN',
        'OP_SESSION_*',
        'DIGITALOCEAN_ACCESS_TOKEN',
        'HCLOUD_TOKEN',
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        'TENCENTCLOUD_SECRET_KEY',
    ]),
    /** Variables (globs) whose passthrough is accepted. */
    allowVariables: z.array(z.string()).default([]),
    /** Env files (globs on the base name) that hold a whole application's secrets. */
    envFilePatterns: z.array(z.string()).default(['.env', '.env.*']),
})
    .strict();
/** `${VAR}`, `${env:VAR}`, `$VAR`, `{env:VAR}`, `%VAR%`: the variables a value forwards. */
const REFERENCE = /\$\{(?:env:)?([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)|\{env:([A-Za-z_]\w*)\}|%([A-Za-z_]\w*)%/g;
function referencedVariables(value) {
    return [...value.matchAll(REFERENCE)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}
export default defineDetector({
    id: 'sensitive-env-passthrough',
    meta: {
        title: 'Sensitive environment passed through to a server',
        description: 'The server receives credentials wholesale from the environment it is started in: ambient cloud or infrastructure credentials (AWS keys and profiles, Google application credentials, the SSH agent, kubeconfig, Vault tokens), every variable of the host, or a whole `.env` file. The server gets far more power than its tools need, and a compromised or injected server can act as the user across their cloud accounts. Forwarding the one token a server needs (`GITHUB_TOKEN` for the GitHub server) is the recommended way to avoid hard-coding it and is reported only as low.',
        severity: 'medium',
        class: 'risk',
        checklist: [
            'server.runtime.environment-variable-security',
            'server.auth.least-privilege',
            'client.tokens.permission-scope-limitation',
        ],
        tags: ['secrets', 'least-privilege'],
        messages: {
            allEnvironment: 'Server "{{server}}" receives every environment variable of the host ({{how}}).',
            ambientCredential: 'Server "{{server}}" receives the ambient credential {{variable}} ({{how}}), which grants far more than one server needs.',
            secretPassthrough: 'Server "{{server}}" receives the secret {{variable}} from the host environment ({{how}}); make sure it needs it.',
            envFile: 'Server "{{server}}" loads the whole env file {{file}} ({{how}}), with every secret of the application in it.',
            credentialToRemote: 'Remote server "{{server}}" is sent the ambient credential {{variable}} in {{how}}.',
        },
        fix: 'Pass each server only the variables it needs, scoped to it: a dedicated, least-privilege token instead of your AWS/GCP/Azure identity or SSH agent, a server-specific env file instead of the project `.env`, and never the whole host environment.',
        options,
    },
    create(ctx, opts) {
        const allowed = (name) => opts.allowVariables.some((glob) => matchesGlob(name, glob));
        const ambient = (name) => !allowed(name) && opts.ambientCredentials.some((glob) => matchesGlob(name, glob));
        const isEnvFile = (path) => {
            const base = path.split(/[\\/]/).pop() ?? path;
            return opts.envFilePatterns.some((glob) => matchesGlob(base, glob));
        };
        const buffer = reportBuffer(ctx, 'medium');
        function passthrough(server, variable, how, at) {
            if (variable === '*') {
                buffer.add({
                    messageId: 'allEnvironment',
                    data: { server: server.name, how },
                    at,
                    severity: 'high',
                });
            }
            else if (ambient(variable)) {
                buffer.add({
                    messageId: 'ambientCredential',
                    data: { server: server.name, variable, how },
                    at,
                });
            }
            else if (!allowed(variable) && isSecretName(variable)) {
                buffer.add({
                    messageId: 'secretPassthrough',
                    data: { server: server.name, variable, how },
                    at,
                    severity: 'low',
                });
            }
        }
        function container(server, argv) {
            const run = parseContainerRun(argv);
            if (!run)
                return;
            for (const option of run.options) {
                const value = option.value ?? '';
                const at = tokenTarget(server, option.valueToken ?? option.token);
                if (option.name === 'env-host' && (value === '' || value === 'true')) {
                    passthrough(server, '*', `${run.engine} --env-host`, at);
                }
                else if (option.name === 'env' && value !== '' && !value.includes('=')) {
                    passthrough(server, value, `${run.engine} -e ${value}`, at);
                }
                else if (option.name === 'env-file' && isEnvFile(value)) {
                    buffer.add({
                        messageId: 'envFile',
                        data: { server: server.name, file: value, how: `${run.engine} --env-file` },
                        at,
                    });
                }
            }
        }
        return {
            server(server) {
                server.envPassthrough.forEach((variable, index) => {
                    passthrough(server, variable, 'forwarded from the client environment', {
                        server,
                        field: 'envPassthrough',
                        key: index,
                    });
                });
                if (server.envFile !== undefined && isEnvFile(server.envFile)) {
                    buffer.add({
                        messageId: 'envFile',
                        data: { server: server.name, file: server.envFile, how: 'envFile' },
                        at: { server, field: 'envFile' },
                    });
                }
                for (const [key, value] of Object.entries(server.env)) {
                    for (const variable of referencedVariables(value)) {
                        if (ambient(variable)) {
                            buffer.add({
                                messageId: 'ambientCredential',
                                data: { server: server.name, variable, how: `env ${key}` },
                                at: { server, field: 'env', key },
                            });
                        }
                    }
                }
                if (server.transport !== 'stdio') {
                    for (const [key, value] of Object.entries(server.headers)) {
                        for (const variable of referencedVariables(value)) {
                            if (ambient(variable)) {
                                buffer.add({
                                    messageId: 'credentialToRemote',
                                    data: { server: server.name, variable, how: `header ${key}` },
                                    at: { server, field: 'headers', key },
                                    severity: 'high',
                                });
                            }
                        }
                    }
                }
                else if (/docker|podman|nerdctl/i.test([server.command ?? '', ...server.args].join(' '))) {
                    for (const { argv } of invocationsOf(server.command, server.args))
                        container(server, argv);
                }
                buffer.flush();
            },
        };
    },
});
