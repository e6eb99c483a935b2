import { z } from 'zod';
import { findSecretsSync, isKeyMaterial, isSecretName, isWalletKey, mergeHits, } from '../../analyze/secrets.js';
import { defineDetector } from '../../core/detector.js';
import { redactSpans, truncate } from '../../core/redact.js';
import { matchesGlob, secretsIn } from '../shared.js';
const options = z
    .object({
    /** Shortest value of a secret-named variable or header that counts as a secret. */
    minLength: z.number().int().positive().default(8),
    /** Least Shannon entropy (bits per character) such a value needs. */
    minEntropy: z.number().nonnegative().default(2.5),
    /** Variable and header names never reported (globs: `*_PUBLIC_KEY`). */
    ignoreNames: z.array(z.string()).default([]),
})
    .strict();
/** Labels for kinds whose name does not read well in a sentence; others read `<kind> credential`. */
const KIND_LABELS = {
    'private-key': 'private key',
    'gcp-service-account': 'service-account private key',
    'hex-private-key': 'raw private key',
    'seed-phrase': 'seed phrase',
    'solana-secret-key': 'Solana secret key',
    'wif-private-key': 'WIF private key',
    'extended-private-key': 'extended private key',
    jwt: 'JWT',
    'aws-secret-access-key': 'AWS secret access key',
    'database-url': 'database password',
    'basic-auth-url': 'password',
    'secret-value': 'secret',
    'secret-assignment': 'secret',
    'known-secret': 'secret',
};
function kindLabel(hits) {
    const labels = [...new Set(hits.map((h) => KIND_LABELS[h.kind] ?? `${h.kind} credential`))];
    return labels.join(' and ');
}
const CREDENTIAL_ITEMS = [
    'server.auth.credential-management',
    'client.storage.credential-secure-storage',
    'server.runtime.environment-variable-security',
];
/** Only wallet key material (a raw private key, a seed phrase) is a private-key-protection finding. */
const KEY_ITEMS = [...CREDENTIAL_ITEMS, 'crypto.private-key-protection'];
/** Wallet key material: only these are findings about crypto private-key protection. */
const hasWalletKey = (hits) => hits.some((hit) => isWalletKey(hit.kind));
/** `--api-key=VALUE`, `API_KEY=VALUE`: the name and where the value starts. */
const NAMED_ARG = /^(-{0,2}[A-Za-z_][\w.-]*)=(.+)$/s;
export default defineDetector({
    id: 'hardcoded-secret',
    meta: {
        title: 'Hard-coded secret in a server entry',
        description: 'A credential (API token, password, private key, seed phrase) is written in clear text into an MCP client configuration: in an environment variable, a command-line argument, an HTTP header or the server URL. Config files are copied, synced, shared in bug reports and read by every process of the user; a secret kept there leaks with them and cannot be rotated without editing every copy.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'server.auth.credential-management',
            'client.storage.credential-secure-storage',
            'server.runtime.environment-variable-security',
            'crypto.private-key-protection',
        ],
        tags: ['secrets'],
        messages: {
            secretInEnv: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in env variable {{key}}.',
                checklist: CREDENTIAL_ITEMS,
            },
            secretInArgs: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in its command line ({{where}}).',
                checklist: CREDENTIAL_ITEMS,
            },
            secretInHeader: {
                text: 'Server "{{server}}" sends a hard-coded {{kind}} in header {{key}}.',
                checklist: CREDENTIAL_ITEMS,
            },
            secretInUrl: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in its URL.',
                checklist: CREDENTIAL_ITEMS,
            },
            keyInEnv: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in env variable {{key}}: whoever reads the file holds the wallet it unlocks.',
                checklist: KEY_ITEMS,
            },
            keyInArgs: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in its command line ({{where}}): whoever reads the file holds the wallet it unlocks.',
                checklist: KEY_ITEMS,
            },
            keyInHeader: {
                text: 'Server "{{server}}" sends a hard-coded {{kind}} in header {{key}}: whoever reads the file holds the wallet it unlocks.',
                checklist: KEY_ITEMS,
            },
            keyInUrl: {
                text: 'Server "{{server}}" has a hard-coded {{kind}} in its URL: whoever reads the file holds the wallet it unlocks.',
                checklist: KEY_ITEMS,
            },
        },
        fix: "Move the secret out of the config file: reference it from the environment or the client's secret store (`${env:NAME}`, `${input:id}`, Codex `bearer_token_env_var`, an OAuth login) and rotate the exposed value.",
        options,
    },
    create(ctx, opts) {
        const thresholds = { minLength: opts.minLength, minEntropy: opts.minEntropy };
        const ignored = (name) => opts.ignoreNames.some((glob) => matchesGlob(name, glob));
        const severityOf = (hits) => hits.some((h) => isKeyMaterial(h.kind)) ? 'critical' : undefined;
        function argHits(args, index) {
            const arg = args[index] ?? '';
            const hits = secretsIn(ctx, arg, thresholds);
            const named = NAMED_ARG.exec(arg);
            if (named) {
                const [, name = '', value = ''] = named;
                const offset = arg.length - value.length;
                const valueHits = findSecretsSync(value, { name, ...thresholds }).map((h) => ({
                    ...h,
                    start: h.start + offset,
                    end: h.end + offset,
                }));
                return mergeHits(hits, valueHits);
            }
            const previous = index > 0 ? args[index - 1] : undefined;
            if (previous &&
                /^--?[A-Za-z]/.test(previous) &&
                !previous.includes('=') &&
                isSecretName(previous)) {
                return mergeHits(hits, findSecretsSync(arg, { name: previous, ...thresholds }));
            }
            return hits;
        }
        function checkServer(server) {
            for (const [key, value] of Object.entries(server.env)) {
                if (ignored(key))
                    continue;
                const hits = secretsIn(ctx, value, { name: key, ...thresholds });
                if (hits.length === 0)
                    continue;
                ctx.report({
                    messageId: hasWalletKey(hits) ? 'keyInEnv' : 'secretInEnv',
                    data: { server: server.name, kind: kindLabel(hits), key },
                    at: { server, field: 'env', key },
                    evidence: truncate(`${key}=${redactSpans(value, hits)}`),
                    ...(severityOf(hits) ? { severity: 'critical' } : {}),
                });
            }
            if (server.command !== undefined) {
                const hits = secretsIn(ctx, server.command, thresholds);
                if (hits.length > 0) {
                    ctx.report({
                        messageId: hasWalletKey(hits) ? 'keyInArgs' : 'secretInArgs',
                        data: { server: server.name, kind: kindLabel(hits), where: 'command' },
                        at: { server, field: 'command' },
                        evidence: truncate(redactSpans(server.command, hits)),
                        ...(severityOf(hits) ? { severity: 'critical' } : {}),
                    });
                }
            }
            server.args.forEach((arg, index) => {
                const hits = argHits(server.args, index);
                if (hits.length === 0)
                    return;
                ctx.report({
                    messageId: hasWalletKey(hits) ? 'keyInArgs' : 'secretInArgs',
                    data: { server: server.name, kind: kindLabel(hits), where: `args[${String(index)}]` },
                    at: { server, field: 'args', key: index },
                    evidence: truncate(redactSpans(arg, hits)),
                    ...(severityOf(hits) ? { severity: 'critical' } : {}),
                });
            });
            for (const [key, value] of Object.entries(server.headers)) {
                if (ignored(key))
                    continue;
                const hits = secretsIn(ctx, value, { name: key, ...thresholds });
                if (hits.length === 0)
                    continue;
                ctx.report({
                    messageId: hasWalletKey(hits) ? 'keyInHeader' : 'secretInHeader',
                    data: { server: server.name, kind: kindLabel(hits), key },
                    at: { server, field: 'headers', key },
                    evidence: truncate(`${key}: ${redactSpans(value, hits)}`),
                    ...(severityOf(hits) ? { severity: 'critical' } : {}),
                });
            }
            if (server.url !== undefined) {
                const hits = secretsIn(ctx, server.url, thresholds);
                if (hits.length > 0) {
                    ctx.report({
                        messageId: hasWalletKey(hits) ? 'keyInUrl' : 'secretInUrl',
                        data: { server: server.name, kind: kindLabel(hits) },
                        at: { server, field: 'url' },
                        evidence: truncate(redactSpans(server.url, hits)),
                    });
                }
            }
        }
        return { server: checkServer };
    },
});
