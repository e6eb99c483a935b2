import { z } from 'zod';
import { classifyTool, } from '../../analyze/capabilities.js';
import { classEvidence } from '../../analyze/tool-classes.js';
import { defineDetector } from '../../core/detector.js';
import { matchesGlob } from '../shared.js';
const options = z
    .object({
    /**
     * Tools left out of every leg, as globs on `tool` or `server/tool`: tools you put behind
     * confirmation or know to be harmless.
     */
    ignoreTools: z.array(z.string()).default([]),
    /** Servers (globs on the configured name) left out of the analysis. */
    ignoreServers: z.array(z.string()).default([]),
    /** How many tools a message names per leg before it says "and N more". */
    maxNamesPerLeg: z.number().int().positive().default(4),
})
    .strict();
/** The legs one tool provides, with the evidence that counts for each (the flow-control classes). */
function legsOf(classification) {
    const legs = {};
    const untrusted = classEvidence(classification, 'untrusted-input', { weak: true });
    const secret = classEvidence(classification, 'private-data');
    const outbound = classEvidence(classification, 'outbound');
    if (untrusted)
        legs.untrusted = untrusted;
    if (secret)
        legs.private = secret;
    if (outbound)
        legs.outbound = outbound;
    return legs;
}
export default defineDetector({
    id: 'toxic-flow',
    meta: {
        title: 'Untrusted input, private data and a way out in one session',
        description: 'Looks at every tool of every server the client loads together and finds the "lethal trifecta": a tool that brings in content other people wrote (web pages, search results, email, issues, messages), a tool that reads the user\'s private data (files, mail, databases, secrets), and a tool that can send data out (a URL it requests, a message, an email, a public issue). One model sees all of them, so instructions hidden in the untrusted content can make it read the private data and send it out, even when each server is harmless on its own.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'multi-mcp.environment-security',
            'multi-mcp.cross-mcp-call-control',
            'client.management.domain-isolation',
            'client.prompt.context-isolation',
        ],
        tags: ['exfiltration', 'prompt-injection', 'lethal-trifecta'],
        messages: {
            singleTool: 'Tool "{{tool}}" of server "{{server}}" on its own brings in untrusted content ({{untrusted}}), reads private data ({{private}}) and can send data out ({{outbound}}).',
            serverFlow: 'Server "{{server}}" alone holds an exfiltration path: untrusted content from {{untrusted}}; private data from {{private}}; a way out through {{outbound}}.',
            crossServerFlow: 'Servers loaded together ({{count}} involved) form an exfiltration path: untrusted content from {{untrusted}}; private data from {{private}}; a way out through {{outbound}}. Instructions injected through the first leg can make the model send the second out through the third.',
        },
        fix: 'Break one leg: put the outbound tools (and the private-data readers) behind user confirmation — for example the gateway `confirm` policy — or disable them; split servers that read untrusted content and servers that hold private data into separate client profiles or sessions; narrow file-system roots and URL allowlists.',
        options,
    },
    create(ctx, { ignoreTools, ignoreServers, maxNamesPerLeg }) {
        const ignoredServer = (name) => ignoreServers.some((p) => matchesGlob(name, p));
        const ignoredTool = (server, tool) => ignoreTools.some((p) => matchesGlob(tool, p) || matchesGlob(`${server}/${tool}`, p));
        /** `read_file, list_directory (filesystem); web_search (brave) and 3 more`. */
        const describe = (providers) => {
            const shown = providers.slice(0, maxNamesPerLeg);
            const byServer = new Map();
            for (const provider of shown) {
                const server = provider.snapshot.server.name;
                byServer.set(server, [...(byServer.get(server) ?? []), `"${provider.tool.name}"`]);
            }
            const text = [...byServer.entries()]
                .map(([server, tools]) => `${tools.join(', ')} (${server})`)
                .join('; ');
            const more = providers.length - shown.length;
            return more > 0 ? `${text} and ${String(more)} more` : text;
        };
        const evidenceOf = (legs) => ['untrusted', 'private', 'outbound']
            .map((leg) => {
            const first = legs[leg][0];
            return first ? `${leg}: ${first.tool.name} — ${first.evidence.detail}` : '';
        })
            .filter((line) => line !== '')
            .join('\n');
        /**
         * When a leg has strong providers (third-party content), the weak ones (local files) add
         * nothing to the message: keep the strong ones only.
         */
        const keepStrongest = (list) => {
            if (!list.some((p) => p.strong))
                return;
            const strong = list.filter((p) => p.strong);
            list.splice(0, list.length, ...strong);
        };
        return {
            snapshotSet(snapshots) {
                const legs = { untrusted: [], private: [], outbound: [] };
                const perServer = new Map();
                snapshots.forEach((snapshot, serverIndex) => {
                    if (ignoredServer(snapshot.server.name))
                        return;
                    const own = { untrusted: [], private: [], outbound: [] };
                    for (const tool of snapshot.tools) {
                        if (ignoredTool(snapshot.server.name, tool.name))
                            continue;
                        const found = legsOf(classifyTool(tool));
                        for (const leg of ['untrusted', 'private', 'outbound']) {
                            const evidence = found[leg];
                            if (!evidence)
                                continue;
                            const provider = { snapshot, serverIndex, tool, evidence, strong: evidence.strong };
                            legs[leg].push(provider);
                            own[leg].push(provider);
                        }
                        if (found.untrusted && found.private && found.outbound) {
                            ctx.report({
                                messageId: 'singleTool',
                                data: {
                                    tool: tool.name,
                                    server: snapshot.server.name,
                                    untrusted: found.untrusted.detail,
                                    private: found.private.detail,
                                    outbound: found.outbound.detail,
                                },
                                at: { snapshot, kind: 'tool', item: tool.name },
                                severity: found.untrusted.strong ? 'high' : 'medium',
                            });
                        }
                    }
                    perServer.set(serverIndex, own);
                });
                for (const list of Object.values(legs))
                    keepStrongest(list);
                // One server holding every leg across several of its tools.
                for (const own of perServer.values()) {
                    if (own.untrusted.length === 0 || own.private.length === 0 || own.outbound.length === 0) {
                        continue;
                    }
                    const tools = (leg) => new Set(own[leg].map((p) => p.tool));
                    const allInOne = [...tools('untrusted')].some((tool) => tools('private').has(tool) && tools('outbound').has(tool));
                    if (allInOne)
                        continue; // the singleTool finding already says it
                    for (const list of Object.values(own))
                        keepStrongest(list);
                    const snapshot = own.outbound[0]?.snapshot;
                    if (!snapshot)
                        continue;
                    ctx.report({
                        messageId: 'serverFlow',
                        data: {
                            server: snapshot.server.name,
                            untrusted: describe(own.untrusted),
                            private: describe(own.private),
                            outbound: describe(own.outbound),
                        },
                        at: { snapshot },
                        evidence: evidenceOf(own),
                        severity: own.untrusted.some((p) => p.strong) ? 'high' : 'medium',
                    });
                }
                // The whole set: legs spread over more than one server.
                const involved = new Set(Object.values(legs).flatMap((list) => list.map((p) => p.serverIndex)));
                if (legs.untrusted.length === 0 ||
                    legs.private.length === 0 ||
                    legs.outbound.length === 0 ||
                    involved.size < 2) {
                    return;
                }
                const anchor = [...legs.outbound].sort((a, b) => a.serverIndex - b.serverIndex)[0];
                if (!anchor)
                    return;
                ctx.report({
                    messageId: 'crossServerFlow',
                    data: {
                        count: involved.size,
                        untrusted: describe(legs.untrusted),
                        private: describe(legs.private),
                        outbound: describe(legs.outbound),
                    },
                    at: { snapshot: anchor.snapshot },
                    evidence: evidenceOf(legs),
                    severity: legs.untrusted.some((p) => p.strong) ? 'high' : 'medium',
                });
            },
        };
    },
});
