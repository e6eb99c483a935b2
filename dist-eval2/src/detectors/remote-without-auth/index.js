import { z } from 'zod';
import { isSecretName, shannonEntropy } from '../../analyze/secrets.js';
import { defineDetector } from '../../core/detector.js';
import { CLIENT_IDS } from '../../core/server-spec.js';
import { isLoopbackHost, matchesGlob, parseUrl } from '../shared.js';
const options = z
    .object({
    /** Header names (globs) that carry credentials, besides any secret-looking name. */
    authHeaders: z
        .array(z.string())
        .default([
        'authorization',
        'proxy-authorization',
        'cookie',
        'x-api-key',
        'api-key',
        'apikey',
        '*-token',
        '*-key',
    ]),
    /**
     * Clients that negotiate OAuth with a remote server that asks for it (MCP authorization
     * spec); for them a missing static credential is reported as low.
     */
    oauthClients: z
        .array(z.enum(CLIENT_IDS))
        .default([
        'claude-code',
        'claude-desktop',
        'cursor',
        'vscode',
        'windsurf',
        'gemini',
        'codex',
        'cline',
        'opencode',
        'goose',
        'kiro',
    ]),
    /**
     * Servers (name globs) known to authenticate some other way: a Codex `bearer_token_env_var`,
     * a client-managed login, a private network.
     */
    assumeAuthenticated: z.array(z.string()).default([]),
    /** A URL path segment at least this long and random counts as a capability token. */
    pathTokenMinLength: z.number().int().positive().default(24),
})
    .strict();
export default defineDetector({
    id: 'remote-without-auth',
    meta: {
        title: 'Remote server configured without authentication',
        description: 'A remote (HTTP or SSE) MCP server is configured with no credential at all: no Authorization or API-key header, no token in the URL, no bearer token from the environment. Unless the server enforces OAuth, anyone who learns its URL can call its tools, and the client cannot tell the real server from an impostor. Clients that implement MCP authorization can negotiate OAuth at connect time, so for them this is a prompt to check the server rather than proof of a hole.',
        severity: 'medium',
        class: 'risk',
        checklist: ['client.auth.mandatory-authentication', 'server.auth.access-control'],
        tags: ['auth', 'remote'],
        messages: {
            noAuth: 'Remote server "{{server}}" ({{host}}) is configured without credentials; unless it enforces OAuth, anyone with the URL can call its tools.',
            noStaticAuth: {
                text: 'Remote server "{{server}}" ({{host}}) has no static credentials; {{client}} negotiates OAuth only if the server asks for it, so make sure the server requires authentication.',
                class: 'hygiene',
            },
        },
        fix: "Require authentication on the server (OAuth 2.1 per the MCP authorization spec, or a bearer token) and configure the client with it: an Authorization header from a secret reference (`${input:…}`, `${env:…}`), Codex `bearer_token_env_var`, or the client's OAuth login.",
        options,
    },
    create(ctx, opts) {
        const oauthClients = new Set(opts.oauthClients);
        const isAuthHeader = (name) => isSecretName(name) || opts.authHeaders.some((glob) => matchesGlob(name, glob));
        const hasPathToken = (url) => url.pathname
            .split('/')
            .some((segment) => segment.length >= opts.pathTokenMinLength &&
            /\d/.test(segment) &&
            /[A-Za-z]/.test(segment) &&
            shannonEntropy(segment) >= 3.5);
        return {
            server(server) {
                if (server.transport === 'stdio' || server.url === undefined)
                    return;
                const url = parseUrl(server.url);
                if (!url || isLoopbackHost(url.hostname))
                    return;
                if (opts.assumeAuthenticated.some((glob) => matchesGlob(server.name, glob)))
                    return;
                const headerAuth = Object.entries(server.headers).some(([name, value]) => value.trim() !== '' && isAuthHeader(name));
                const urlAuth = url.username !== '' ||
                    url.password !== '' ||
                    [...url.searchParams].some(([name, value]) => value !== '' && isSecretName(name)) ||
                    hasPathToken(url);
                if (headerAuth || urlAuth)
                    return;
                const oauth = oauthClients.has(server.client);
                ctx.report({
                    messageId: oauth ? 'noStaticAuth' : 'noAuth',
                    data: { server: server.name, host: url.host, client: server.client },
                    at: { server, field: 'url' },
                    ...(oauth ? { severity: 'low' } : {}),
                });
            },
        };
    },
});
