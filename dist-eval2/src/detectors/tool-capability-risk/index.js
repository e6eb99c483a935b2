import { z } from 'zod';
import { classifyTool, strongEvidence, } from '../../analyze/capabilities.js';
import { defineDetector } from '../../core/detector.js';
import { matchesGlob } from '../shared.js';
const options = z
    .object({
    /** Tools (globs on the tool name) this detector leaves alone. */
    ignoreTools: z.array(z.string()).default([]),
})
    .strict();
/** Capabilities a tool annotated `readOnlyHint: true` must not have. */
const MODIFYING = ['destructive', 'write', 'execute', 'financial'];
function describeEvidence(evidence, max = 3) {
    const shown = [...new Set(evidence.map((e) => e.detail))].slice(0, max);
    return shown.join(', ');
}
/** The dotted field of a parameter path: `params.command` → `inputSchema.properties.params.properties.command`. */
function parameterField(path) {
    return `inputSchema.properties.${path.split('.').join('.properties.')}`;
}
export default defineDetector({
    id: 'tool-capability-risk',
    meta: {
        title: 'Risky tool capability',
        description: 'Classifies each tool by what it can do (read, write, delete, execute, reach the network, move funds, handle credentials) from its name, description, parameters and annotations, and reports the risky cases: annotations that claim a tool is read-only or non-destructive when its name and schema say otherwise (clients use them to skip confirmation), tools that sign or transfer funds, tools that return or take private keys and seed phrases, tools that run any command or code, and tools that hand secrets to the model.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'client.management.tool-classification',
            'client.ui.confirmation-of-sensitive-operations',
            'crypto.transfer-information-confirmation',
            'crypto.private-key-protection',
            'crypto.funds-operation-verification',
            'server.tools.tool-behavior-constraints',
            'server.tools.tool-permission-control',
        ],
        tags: ['capabilities', 'annotations', 'crypto'],
        messages: {
            readOnlyButModifies: {
                text: 'Tool "{{tool}}" of server "{{server}}" is annotated readOnlyHint: true, but it looks {{capabilities}} ({{evidence}}). Clients may run read-only tools without asking.',
                checklist: [
                    'client.management.tool-classification',
                    'client.ui.confirmation-of-sensitive-operations',
                    'server.tools.tool-behavior-constraints',
                ],
            },
            notDestructiveButDeletes: {
                text: 'Tool "{{tool}}" of server "{{server}}" is annotated destructiveHint: false, but it deletes ({{evidence}}). Clients may skip confirmation for non-destructive tools.',
                checklist: [
                    'client.management.tool-classification',
                    'client.ui.confirmation-of-sensitive-operations',
                    'server.tools.tool-behavior-constraints',
                ],
            },
            movesFunds: {
                text: 'Tool "{{tool}}" of server "{{server}}" can {{operations}} ({{evidence}}). Put it behind user confirmation (for example the gateway\'s `confirm` policy) that shows recipient, amount, asset and chain.',
                checklist: [
                    'crypto.transfer-information-confirmation',
                    'crypto.funds-operation-verification',
                    'client.ui.confirmation-of-sensitive-operations',
                    'client.management.tool-classification',
                ],
            },
            returnsKeyMaterial: {
                text: 'Tool "{{tool}}" of server "{{server}}" returns private keys or seed phrases ({{evidence}}): they land in the model context, its logs and its provider.',
                checklist: ['crypto.private-key-protection', 'server.tools.tool-permission-control'],
            },
            acceptsKeyMaterial: {
                text: 'Tool "{{tool}}" of server "{{server}}" takes a private key or seed phrase as a parameter ({{parameters}}): the model has to hold the key to call it.',
                checklist: ['crypto.private-key-protection'],
            },
            runsArbitraryCode: {
                text: 'Tool "{{tool}}" of server "{{server}}" runs any {{what}} it is given in parameter {{parameters}}{{scope}}. A prompt injection turns into code execution; confine it (allowlist, sandbox) and require confirmation.',
                checklist: [
                    'client.management.tool-classification',
                    'client.ui.confirmation-of-sensitive-operations',
                    'server.tools.tool-behavior-constraints',
                    'server.tools.tool-permission-control',
                ],
            },
            returnsSecrets: {
                text: 'Tool "{{tool}}" of server "{{server}}" returns {{secrets}} to the model; secrets in the model context can leak through any other tool.',
                checklist: [
                    'client.management.tool-classification',
                    'server.tools.tool-permission-control',
                ],
            },
        },
        fix: 'Correct annotations that understate what a tool does; put tools that sign, transfer, delete, execute or reveal secrets behind user confirmation (the gateway `confirm` policy) or disable them; never let keys or seed phrases pass through the model.',
        options,
    },
    create(ctx, { ignoreTools }) {
        return {
            tool(tool, snapshot) {
                if (ignoreTools.some((pattern) => matchesGlob(tool.name, pattern)))
                    return;
                const classification = classifyTool(tool);
                const at = { snapshot, kind: 'tool', item: tool.name };
                const base = { tool: tool.name, server: snapshot.server.name };
                const annotations = tool.annotations ?? {};
                // (a) Annotations that contradict what the tool's name and schema say.
                if (annotations.readOnlyHint === true) {
                    const contradicting = MODIFYING.map((capability) => [capability, strongEvidence(classification, capability)]).filter(([, evidence]) => evidence.length > 0);
                    if (contradicting.length > 0) {
                        // A cache entry or a temp file is cheap to lose; `run_query` without a code
                        // parameter may well only read. Both are worth a look, not an alarm.
                        const kinds = contradicting.map(([c]) => c);
                        const cheapWrite = kinds.every((c) => c === 'write' || c === 'destructive') && classification.lowImpact;
                        const onlyRuns = kinds.every((c) => c === 'execute') && classification.runsAnyCode === undefined;
                        ctx.report({
                            messageId: 'readOnlyButModifies',
                            data: {
                                ...base,
                                capabilities: contradicting.map(([c]) => c).join(', '),
                                evidence: describeEvidence(contradicting.flatMap(([, e]) => e)),
                            },
                            at: { ...at, field: 'annotations.readOnlyHint' },
                            severity: cheapWrite || onlyRuns ? 'medium' : 'high',
                        });
                    }
                }
                if (annotations.destructiveHint === false && annotations.readOnlyHint !== true) {
                    const deleting = strongEvidence(classification, 'destructive');
                    if (deleting.length > 0 && !classification.lowImpact) {
                        ctx.report({
                            messageId: 'notDestructiveButDeletes',
                            data: { ...base, evidence: describeEvidence(deleting) },
                            at: { ...at, field: 'annotations.destructiveHint' },
                        });
                    }
                }
                // (b) Crypto: keys and funds.
                if (classification.keyMaterial.returns !== undefined) {
                    ctx.report({
                        messageId: 'returnsKeyMaterial',
                        data: { ...base, evidence: classification.keyMaterial.returns },
                        at,
                        severity: 'critical',
                    });
                }
                if (classification.keyMaterial.parameters.length > 0) {
                    ctx.report({
                        messageId: 'acceptsKeyMaterial',
                        data: {
                            ...base,
                            parameters: classification.keyMaterial.parameters.map((p) => `"${p}"`).join(', '),
                        },
                        at: { ...at, field: parameterField(classification.keyMaterial.parameters[0] ?? '') },
                    });
                }
                const funds = strongEvidence(classification, 'financial');
                if (funds.length > 0) {
                    const operations = classification.fundsOperations.length > 0
                        ? classification.fundsOperations.join(' / ')
                        : 'move funds';
                    ctx.report({
                        messageId: 'movesFunds',
                        data: { ...base, operations, evidence: describeEvidence(funds) },
                        at,
                    });
                }
                // (c) Execute-anything: a free-form command or code parameter on a tool that runs it.
                if (classification.runsAnyCode !== undefined) {
                    const severity = classification.runsAnyCode === 'host' ? 'high' : 'medium';
                    const shell = classification.codeParameters.some((p) => /(command|cmd|shell|bash)/i.test(p));
                    ctx.report({
                        messageId: 'runsArbitraryCode',
                        data: {
                            ...base,
                            what: shell ? 'command' : 'code',
                            parameters: classification.codeParameters.map((p) => `"${p}"`).join(', '),
                            scope: severity === 'medium' ? ' (inside a browser page, pod or container)' : '',
                        },
                        at: { ...at, field: parameterField(classification.codeParameters[0] ?? '') },
                        severity,
                    });
                }
                // Secrets handed to the model.
                if (classification.returnsSecrets.length > 0 &&
                    classification.keyMaterial.returns === undefined) {
                    ctx.report({
                        messageId: 'returnsSecrets',
                        data: { ...base, secrets: classification.returnsSecrets.join(', ') },
                        at,
                        severity: 'medium',
                    });
                }
            },
        };
    },
});
