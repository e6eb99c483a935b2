import { z } from 'zod';
import { invocationsOf } from '../../analyze/command.js';
import { launchedPackages } from '../../analyze/packages.js';
import { defineDetector } from '../../core/detector.js';
import { redactSpans } from '../../core/redact.js';
import { matchesGlob, reportBuffer, secretsIn, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Package, repository or image names (globs: `@my-org/*`) never reported. */
    ignorePackages: z.array(z.string()).default([]),
    /** Report images pinned by tag only (`:1.2.3`), at low severity. */
    requireImageDigest: z.boolean().default(true),
})
    .strict();
/** Cheap pre-filter: the runners `launchedPackages` understands. */
const RUNNER_HINT = /npx|pnpx|bunx|npm|pnpm|yarn|bun|uvx|uv|pipx|deno|docker|podman|nerdctl/i;
export default defineDetector({
    id: 'unpinned-package',
    meta: {
        title: 'Server package not pinned to an exact version',
        description: 'The server is fetched and run by a package runner (npx, pnpm dlx, yarn dlx, bunx, uvx, pipx run, docker run) without an exact version, commit or digest. Every start then runs whatever the registry or repository serves at that moment: a compromised maintainer account, a typosquat taking over a tag, or a malicious update reaches the machine without review, and nobody can say later which code ran.',
        severity: 'medium',
        class: 'hygiene',
        checklist: [
            'server.supply-chain.package-integrity',
            'server.supply-chain.dependency-management',
            'server.integrity.integrity-verification',
            'client.management.version-control',
        ],
        tags: ['supply-chain'],
        messages: {
            unpinnedPackage: 'Server "{{server}}" runs {{package}} through {{runner}} with {{reason}}; each start may run different code.',
            unpinnedGitRef: 'Server "{{server}}" runs {{package}} through {{runner}} from {{reason}}; the branch or tag can move.',
            unpinnedImage: 'Server "{{server}}" runs the image {{package}} with {{reason}}.',
        },
        fix: 'Pin an exact version (`npx -y pkg@1.2.3`, `uvx pkg==1.2.3`), a full commit sha for git sources, and an `@sha256:` digest for images; update deliberately after review (a lockfile or `mcp-warden pin` records what you approved).',
        options,
    },
    create(ctx, opts) {
        const ignored = (ref) => opts.ignorePackages.some((glob) => matchesGlob(ref.name, glob) || matchesGlob(ref.spec, glob));
        return {
            server(server) {
                if (server.transport !== 'stdio')
                    return;
                const line = [server.command ?? '', ...server.args].join(' ');
                if (!RUNNER_HINT.test(line))
                    return;
                const seen = new Set();
                const buffer = reportBuffer(ctx, 'medium');
                for (const invocation of invocationsOf(server.command, server.args)) {
                    const launch = launchedPackages(invocation.argv);
                    if (!launch)
                        continue;
                    for (const ref of launch.packages) {
                        if (ref.pinned || ignored(ref))
                            continue;
                        if (ref.ecosystem === 'container' && ref.tagged && !opts.requireImageDigest)
                            continue;
                        const key = `${JSON.stringify(ref.token.source)}\0${ref.spec}`;
                        if (seen.has(key))
                            continue;
                        seen.add(key);
                        const data = {
                            server: server.name,
                            package: redactSpans(ref.spec, secretsIn(ctx, ref.spec)),
                            runner: launch.runner,
                            reason: ref.reason ?? 'no exact version',
                        };
                        const at = tokenTarget(server, ref.token);
                        if (ref.ecosystem === 'container') {
                            buffer.add({
                                messageId: 'unpinnedImage',
                                data,
                                at,
                                ...(ref.tagged ? { severity: 'low' } : {}),
                            });
                        }
                        else if (ref.ecosystem === 'git') {
                            buffer.add({ messageId: 'unpinnedGitRef', data, at });
                        }
                        else {
                            buffer.add({ messageId: 'unpinnedPackage', data, at });
                        }
                    }
                }
                buffer.flush();
            },
        };
    },
});
