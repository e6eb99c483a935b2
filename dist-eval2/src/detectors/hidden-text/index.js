import { z } from 'zod';
import { assessSignals } from '../../analyze/verdict.js';
import { defineDetector } from '../../core/detector.js';
import { severityRank } from '../../core/severity.js';
import { describeDefinition, printable, redactSecrets, signalsOf } from '../definition-text.js';
const options = z
    .object({
    /** Least severity reported; the score bands are those of `analyze/verdict.ts`. */
    minSeverity: z.enum(['low', 'medium', 'high', 'critical']).default('low'),
})
    .strict();
function isHidden(signal) {
    return signal.kind === 'hidden-text' || signal.kind === 'terminal-escape';
}
export default defineDetector({
    id: 'hidden-text',
    meta: {
        title: 'Hidden or deceptive text in a definition',
        description: 'A string the server declares contains characters a person does not see but the model reads: Unicode tag characters, zero-width or bidirectional controls, variation-selector smuggling, invisible fillers, look-alike Cyrillic or Greek letters in a name, terminal escape sequences, or whitespace that pushes text out of view. Whoever reviews or approves the tool sees one text; the model acts on another.',
        severity: 'high',
        class: 'threat',
        checklist: [
            'client.ui.information-transparency',
            'client.prompt.tool-description-verification',
            'client.management.malicious-mcp-detection',
        ],
        tags: ['prompt-injection', 'unicode'],
        messages: {
            hiddenMessage: {
                text: '{{what}} hides text in {{field}}: {{detail}} It reads: "{{revealed}}"',
                checklist: [
                    'client.ui.information-transparency',
                    'client.prompt.tool-description-verification',
                    'client.management.malicious-mcp-detection',
                ],
            },
            hiddenCharacters: {
                text: '{{what}} hides text in {{field}}: {{detail}}',
                checklist: [
                    'client.ui.information-transparency',
                    'client.prompt.tool-description-verification',
                    'client.management.malicious-mcp-detection',
                ],
            },
            terminalEscape: {
                text: '{{what}} has terminal control sequences in {{field}}: {{detail}}',
                checklist: [
                    'client.ui.information-transparency',
                    'client.prompt.tool-description-verification',
                    'client.management.malicious-mcp-detection',
                ],
            },
        },
        fix: 'Treat the server as hostile until the hidden text is explained: declared strings have no reason to carry invisible characters, escape sequences or look-alike letters. Remove the server or pin a reviewed version.',
        options,
    },
    create(ctx, opts) {
        const minRank = severityRank(opts.minSeverity);
        return {
            declaredString(entry, snapshot) {
                const signals = signalsOf(entry);
                const hidden = signals.filter(isHidden);
                if (hidden.length === 0)
                    return;
                // Signals surfaced from a hidden message sit exactly on its span.
                const inner = signals.filter((signal) => !isHidden(signal) &&
                    signal.revealed !== undefined &&
                    hidden.some((h) => h.start === signal.start && h.end === signal.end));
                const assessment = assessSignals([...hidden, ...inner]);
                const severity = assessment.severity;
                if (severity === undefined || severityRank(severity) < minRank)
                    return;
                const top = hidden.reduce((best, s) => (s.weight > best.weight ? s : best));
                const revealed = hidden
                    .filter((s) => s.revealed !== undefined && s.revealed.trim() !== '')
                    .sort((a, b) => b.weight - a.weight)[0]?.revealed;
                const data = {
                    what: describeDefinition(entry),
                    field: entry.field,
                    detail: top.message,
                };
                const at = { snapshot, kind: entry.kind, item: entry.item, field: entry.field };
                if (revealed !== undefined && top.kind === 'hidden-text') {
                    const shown = printable(redactSecrets(ctx, revealed), 160);
                    ctx.report({
                        messageId: 'hiddenMessage',
                        data: { ...data, revealed: shown },
                        at,
                        evidence: shown,
                        severity,
                    });
                }
                else {
                    ctx.report({
                        messageId: top.kind === 'terminal-escape' ? 'terminalEscape' : 'hiddenCharacters',
                        data,
                        at,
                        evidence: printable(entry.text.slice(Math.max(0, top.start - 20), top.end + 20), 80),
                        severity,
                    });
                }
            },
        };
    },
});
