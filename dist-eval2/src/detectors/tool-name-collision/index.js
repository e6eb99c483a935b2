import { z } from 'zod';
import { codePoints, editDistance, hasInvisibleCharacters, isPlainToolName, looseName, scriptsOf, skeleton, } from '../../analyze/names.js';
import { defineDetector } from '../../core/detector.js';
import { listNames, matchesGlob } from '../shared.js';
/** One-word tool names many servers declare on their own; sharing them is no sign of squatting. */
const GENERIC_NAMES = [
    'search',
    'list',
    'get',
    'fetch',
    'query',
    'read',
    'write',
    'create',
    'update',
    'delete',
    'run',
    'execute',
    'echo',
    'ping',
    'help',
    'status',
    'info',
    'health',
    'version',
    'config',
    'settings',
    'connect',
    'disconnect',
    'explain',
    'export',
    'import',
    'upload',
    'download',
    'navigate',
    'refresh',
    'whoami',
    'login',
    'logout',
];
const options = z
    .object({
    /** Tool names (globs) never reported: names you know are shared on purpose. */
    ignoreNames: z.array(z.string()).default([]),
    /** Common names that only the plain same-name rule applies to (no look-alike checks). */
    genericNames: z.array(z.string()).default(GENERIC_NAMES),
    /** Shortest skeleton the one-edit-away rule looks at; short names differ by one edit by chance. */
    minNearMissLength: z.number().int().min(3).default(6),
})
    .strict();
/** `і` → `U+0456`; ASCII stays as it is. */
function codePoint(char) {
    const value = char.codePointAt(0) ?? 0;
    return value < 0x80 ? char : `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
}
/** The characters of a name that are not in `A-Z a-z 0-9 _ - .`, as code points. */
function unusualCharacters(name) {
    const chars = [...new Set(codePoints(name).filter((c) => !/[A-Za-z0-9_.-]/.test(c)))];
    return chars.map((c) => (/\s/.test(c) ? `space ${codePoint(c)}` : codePoint(c))).join(', ');
}
/** How two look-alike names differ: the unusual characters, else the first differing position. */
function differenceOf(suspect, other) {
    const unusual = unusualCharacters(suspect);
    if (unusual !== '')
        return unusual;
    const a = codePoints(suspect);
    const b = codePoints(other);
    const index = a.findIndex((char, i) => char !== b[i]);
    const at = index === -1 ? a.length : index;
    return `"${a[at] ?? ''}" where the other has "${b[at] ?? ''}"`;
}
/** One entry of each name, from different servers when the names are on different servers. */
function pickPair(a, b) {
    for (const x of a) {
        const y = b.find((candidate) => candidate.serverIndex !== x.serverIndex);
        if (y)
            return [x, y];
    }
    const x = a[0];
    const y = b[0];
    return x && y ? [x, y] : undefined;
}
/** The suspect of a look-alike pair first: the unusual spelling, else the later declaration. */
function suspectFirst(x, y) {
    const xPlain = isPlainToolName(x.name);
    const yPlain = isPlainToolName(y.name);
    if (xPlain !== yPlain)
        return xPlain ? [y, x] : [x, y];
    return x.order > y.order ? [x, y] : [y, x];
}
export default defineDetector({
    id: 'tool-name-collision',
    meta: {
        title: 'Colliding or look-alike tool names',
        description: 'Compares the tool names of every server in the scan: the same name declared by two servers (a client that does not namespace tools may call the wrong one), a name that looks the same as another tool\'s name but is spelled with other characters (Cyrillic "і" for Latin "i", "0" for "o"), a name one typo away from another server\'s tool, and names that use characters outside the plain set the MCP specification recommends. Look-alike names are how a malicious server captures calls meant for a trusted one.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'client.management.function-name-checking',
            'client.management.tool-naming-control',
            'client.management.conflict-detection',
            'server.tools.namespace-isolation',
            'multi-mcp.function-priority-hijacking-prevention',
        ],
        tags: ['shadowing', 'squatting', 'homoglyph'],
        messages: {
            sameName: {
                text: 'Tool "{{tool}}" of server "{{server}}" has the same name as a tool of {{others}}; a client that does not prefix tools with their server may call the wrong one.',
                checklist: [
                    'client.management.conflict-detection',
                    'client.management.tool-naming-control',
                    'server.tools.namespace-isolation',
                    'multi-mcp.function-priority-hijacking-prevention',
                ],
            },
            confusableName: {
                text: 'Tool "{{tool}}" of server "{{server}}" looks like "{{other}}" of server "{{otherServer}}" but is spelled differently ({{difference}}); a look-alike name can capture calls meant for the other tool.',
                class: 'threat',
                checklist: [
                    'client.management.function-name-checking',
                    'client.management.conflict-detection',
                    'multi-mcp.function-priority-hijacking-prevention',
                ],
            },
            caseVariantName: {
                text: 'Tool "{{tool}}" of server "{{server}}" differs from "{{other}}" of server "{{otherServer}}" only in case or separators; the model may call one when it means the other.',
                checklist: [
                    'client.management.function-name-checking',
                    'client.management.conflict-detection',
                ],
            },
            nearMissName: {
                text: 'Tool "{{tool}}" of server "{{server}}" is one edit away from "{{other}}" of server "{{otherServer}}"; the model may call one when it means the other.',
                checklist: [
                    'client.management.function-name-checking',
                    'client.management.conflict-detection',
                ],
            },
            mixedScriptName: {
                text: 'Tool "{{tool}}" of server "{{server}}" mixes {{scripts}} letters in its name ({{characters}}); mixing scripts is how look-alike names are made.',
                class: 'threat',
                checklist: ['client.management.function-name-checking'],
            },
            unusualCharacters: {
                text: 'Tool "{{tool}}" of server "{{server}}" uses characters outside A-Z a-z 0-9 _ - . ({{characters}}); the MCP specification recommends plain names, and other characters can hide look-alikes or break clients.',
                class: 'hygiene',
                checklist: [
                    'client.management.function-name-checking',
                    'client.management.tool-naming-control',
                ],
            },
        },
        fix: 'Remove or rename the look-alike tool (or the server that declares it). For plain clashes, disable one of the tools or use a client or gateway that prefixes tool names with the server name; add deliberate duplicates to `ignoreNames`.',
        options,
    },
    create(ctx, { ignoreNames, genericNames, minNearMissLength }) {
        const ignored = (name) => ignoreNames.some((pattern) => matchesGlob(name, pattern));
        const generic = new Set(genericNames.map((name) => looseName(name)));
        const isGeneric = (entry) => generic.has(entry.loose) || generic.has(entry.skeleton);
        return {
            tool(tool, snapshot) {
                if (ignored(tool.name) || isPlainToolName(tool.name))
                    return;
                const base = { tool: tool.name, server: snapshot.server.name };
                const at = { snapshot, kind: 'tool', item: tool.name, field: 'name' };
                const scripts = scriptsOf(tool.name);
                const characters = unusualCharacters(tool.name);
                if (scripts.length > 1) {
                    ctx.report({
                        messageId: 'mixedScriptName',
                        data: { ...base, scripts: scripts.join(' and '), characters },
                        at,
                        severity: 'medium',
                    });
                }
                else {
                    // Invisible characters hide a difference; other non-ASCII letters can imitate ASCII;
                    // ASCII punctuation (`/`, `:`, spaces) only breaks strict clients.
                    const ascii = codePoints(tool.name).every((c) => c.charCodeAt(0) < 0x80);
                    ctx.report({
                        messageId: 'unusualCharacters',
                        data: { ...base, characters },
                        at,
                        severity: hasInvisibleCharacters(tool.name) ? 'high' : ascii ? 'low' : 'medium',
                    });
                }
            },
            snapshotSet(snapshots) {
                const entries = [];
                snapshots.forEach((snapshot, serverIndex) => {
                    for (const tool of snapshot.tools) {
                        if (ignored(tool.name))
                            continue;
                        entries.push({
                            snapshot,
                            serverIndex,
                            order: entries.length,
                            name: tool.name,
                            skeleton: skeleton(tool.name),
                            loose: looseName(tool.name),
                        });
                    }
                });
                const report = (messageId, suspect, other, severity) => {
                    ctx.report({
                        messageId,
                        data: {
                            tool: suspect.name,
                            server: suspect.snapshot.server.name,
                            other: other.name,
                            otherServer: other.snapshot.server.name,
                            difference: differenceOf(suspect.name, other.name),
                        },
                        at: { snapshot: suspect.snapshot, kind: 'tool', item: suspect.name, field: 'name' },
                        severity,
                    });
                };
                // The same name on several servers: report each copy after the first.
                const byName = new Map();
                for (const entry of entries) {
                    byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
                }
                for (const group of byName.values()) {
                    const servers = [...new Set(group.map((entry) => entry.serverIndex))];
                    if (servers.length < 2)
                        continue;
                    for (const entry of group.filter((e) => e.serverIndex !== servers[0])) {
                        const others = [
                            ...new Set(group.filter((e) => e !== entry).map((e) => e.snapshot.server.name)),
                        ];
                        ctx.report({
                            messageId: 'sameName',
                            data: {
                                tool: entry.name,
                                server: entry.snapshot.server.name,
                                others: `server${others.length > 1 ? 's' : ''} ${listNames(others)}`,
                            },
                            at: { snapshot: entry.snapshot, kind: 'tool', item: entry.name, field: 'name' },
                            severity: 'medium',
                        });
                    }
                }
                // Different names that look alike: one skeleton, or one edit apart.
                const groups = [...byName.values()];
                for (let i = 0; i < groups.length; i++) {
                    for (let j = i + 1; j < groups.length; j++) {
                        const pair = pickPair(groups[i] ?? [], groups[j] ?? []);
                        if (!pair)
                            continue;
                        const [x, y] = pair;
                        if (isGeneric(x) || isGeneric(y))
                            continue;
                        const crossServer = x.serverIndex !== y.serverIndex;
                        const [suspect, other] = suspectFirst(x, y);
                        if (x.skeleton === y.skeleton) {
                            if (x.loose !== y.loose)
                                report('confusableName', suspect, other, 'high');
                            else if (crossServer)
                                report('caseVariantName', suspect, other, 'medium');
                            continue;
                        }
                        if (!crossServer)
                            continue;
                        const shortest = Math.min(codePoints(x.skeleton).length, codePoints(y.skeleton).length);
                        if (shortest < minNearMissLength)
                            continue;
                        if (editDistance(x.skeleton, y.skeleton, 1) === 1) {
                            report('nearMissName', suspect, other, 'medium');
                        }
                    }
                }
            },
        };
    },
});
