import { z } from 'zod';
import { distinctiveToolNames } from '../../analyze/cross-tool.js';
import { defineDetector } from '../../core/detector.js';
import { severityRank } from '../../core/severity.js';
import { describeDefinition, judgeDefinition, POISONING_REASONS, poisoningReasons, quoteSpan, } from '../definition-text.js';
const options = z
    .object({
    /** Least severity reported; the score bands are those of `analyze/verdict.ts`. */
    minSeverity: z.enum(['low', 'medium', 'high', 'critical']).default('low'),
    /** Definitions never reported, as `tool:name`, `prompt:name`, `resource:name` or `instructions`. */
    ignore: z.array(z.string()).default([]),
})
    .strict();
function groupKey(entry) {
    return `${entry.kind}\0${entry.item}`;
}
function ignoreKey(entry) {
    return entry.kind === 'instructions' ? 'instructions' : `${entry.kind}:${entry.item}`;
}
const DEFINITION_ITEMS = [
    'client.prompt.tool-description-verification',
    'client.prompt.malicious-instruction-detection',
    'client.management.malicious-mcp-detection',
    'llm.execution.malicious-prompt-prevention',
    'multi-mcp.function-priority-hijacking-prevention',
];
export default defineDetector({
    id: 'tool-poisoning',
    meta: {
        title: 'Poisoned tool, prompt or resource definition',
        description: 'A definition the server declares (tool or parameter description, prompt, resource, server instructions) carries text aimed at the model rather than at the user: hidden <IMPORTANT> blocks, "ignore previous instructions", demands to read ~/.ssh or other clients\' MCP config, to send data to a hard-coded address, to keep it from the user, or to change how other tools behave. Clients put these strings straight into the model\'s context, so a poisoned description steers the agent without any tool being called.',
        severity: 'high',
        class: 'threat',
        checklist: [
            'client.prompt.tool-description-verification',
            'client.prompt.malicious-instruction-detection',
            'client.management.malicious-mcp-detection',
            'llm.execution.malicious-prompt-prevention',
            'multi-mcp.function-priority-hijacking-prevention',
            'client.prompt.prompt-templates',
        ],
        tags: ['prompt-injection', 'tool-poisoning'],
        messages: {
            poisonedDefinition: {
                text: '{{what}} carries {{reasons}}: "{{quote}}"',
                checklist: DEFINITION_ITEMS,
            },
            poisonedPrompt: {
                text: '{{what}} carries {{reasons}}: "{{quote}}"',
                checklist: [...DEFINITION_ITEMS, 'client.prompt.prompt-templates'],
            },
        },
        fix: 'Do not connect this server until its definitions are explained: remove it, or pin a reviewed version and check the text of every tool, prompt and resource. Server authors: describe what the tool does for the user; never instruct the model about other tools, files or secrecy.',
        options,
    },
    create(ctx, opts) {
        const pending = new Map();
        const minRank = severityRank(opts.minSeverity);
        const ignored = new Set(opts.ignore);
        function judge(snapshot, entries, otherTools) {
            const judgement = judgeDefinition(entries, otherTools);
            if (judgement === undefined)
                return;
            const { found, assessment } = judgement;
            const severity = assessment.severity;
            if (severity === undefined || severityRank(severity) < minRank)
                return;
            const top = found.reduce((best, f) => (f.signal.weight > best.signal.weight ? f : best));
            const reasons = poisoningReasons(assessment);
            const quote = quoteSpan(ctx, top.entry.text, top.signal.start, top.signal.end);
            ctx.report({
                // A prompt the server offers is a template the client fills: it has its own item.
                messageId: top.entry.kind === 'prompt' ? 'poisonedPrompt' : 'poisonedDefinition',
                data: {
                    what: describeDefinition(top.entry),
                    reasons: reasons.length > 0 ? reasons.join(', ') : (POISONING_REASONS[top.signal.kind] ?? ''),
                    quote,
                },
                at: { snapshot, kind: top.entry.kind, item: top.entry.item, field: top.entry.field },
                evidence: quote,
                severity,
            });
        }
        return {
            declaredString(entry, snapshot) {
                if (ignored.has(ignoreKey(entry)))
                    return;
                const list = pending.get(snapshot) ?? [];
                list.push(entry);
                pending.set(snapshot, list);
            },
            snapshotSet(snapshots) {
                for (const snapshot of snapshots) {
                    // Tools of other servers, minus names this server declares itself.
                    const own = new Set(snapshot.tools.map((tool) => tool.name.toLowerCase()));
                    const otherTools = new Set([
                        ...distinctiveToolNames(snapshots
                            .filter((other) => other !== snapshot)
                            .flatMap((other) => other.tools.map((tool) => tool.name))),
                    ].filter((name) => !own.has(name)));
                    const groups = new Map();
                    for (const entry of pending.get(snapshot) ?? []) {
                        const key = groupKey(entry);
                        groups.set(key, [...(groups.get(key) ?? []), entry]);
                    }
                    for (const entries of groups.values())
                        judge(snapshot, entries, otherTools);
                }
                pending.clear();
            },
        };
    },
});
