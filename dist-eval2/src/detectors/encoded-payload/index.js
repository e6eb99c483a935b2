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
const ENCODING_LABELS = {
    'encoded.base64': 'base64',
    'encoded.hex': 'hex',
    'encoded.escapes': 'escaped (\\x / \\u)',
    'encoded.percent': 'percent-encoded',
    'encoded.html-entities': 'HTML-entity',
};
export default defineDetector({
    id: 'encoded-payload',
    meta: {
        title: 'Encoded payload in a definition',
        description: 'A string the server declares holds base64, hex, escaped, percent-encoded or HTML-entity text that decodes to instructions for the model or to deliberately disguised letters. Models decode such text readily; people reviewing the definition and keyword filters do not, so encoding is a way to slip instructions past both.',
        severity: 'high',
        class: 'threat',
        checklist: [
            'client.prompt.tool-description-verification',
            'client.prompt.malicious-instruction-detection',
            'client.management.malicious-mcp-detection',
        ],
        tags: ['prompt-injection', 'obfuscation'],
        messages: {
            encodedInstructions: '{{what}} has {{encoding}} text in {{field}} that decodes to instructions for the model: "{{revealed}}"',
            obfuscatedText: '{{what}} writes plain text as {{encoding}} escapes in {{field}}: "{{revealed}}"',
        },
        fix: 'Declared strings have no reason to carry encoded instructions: remove the server or pin a reviewed version, and ask the author what the encoded text is for.',
        options,
    },
    create(ctx, opts) {
        const minRank = severityRank(opts.minSeverity);
        return {
            declaredString(entry, snapshot) {
                const signals = signalsOf(entry);
                for (const encoded of signals.filter((s) => s.kind === 'encoded-payload')) {
                    const inner = signals.filter((s) => s !== encoded &&
                        s.kind !== 'encoded-payload' &&
                        s.revealed !== undefined &&
                        s.start === encoded.start &&
                        s.end === encoded.end);
                    const assessment = assessSignals([encoded, ...inner]);
                    const severity = assessment.severity;
                    if (severity === undefined || severityRank(severity) < minRank)
                        continue;
                    const revealed = printable(redactSecrets(ctx, encoded.revealed ?? ''), 160);
                    ctx.report({
                        messageId: inner.length > 0 ? 'encodedInstructions' : 'obfuscatedText',
                        data: {
                            what: describeDefinition(entry),
                            encoding: ENCODING_LABELS[encoded.rule] ?? encoded.rule,
                            field: entry.field,
                            revealed,
                        },
                        at: { snapshot, kind: entry.kind, item: entry.item, field: entry.field },
                        evidence: revealed,
                        severity,
                    });
                    return;
                }
            },
        };
    },
});
