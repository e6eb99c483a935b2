import { scopeFeatures } from './features.js';
import { scoreInput, } from './model.js';
import { normalize } from './normalize.js';
import { unpack } from './train.js';
import { PACKED_MODELS } from './weights.generated.js';
let loaded = {};
let replaced;
/** The model used for `kind`: the committed one unless {@link useModels} replaced it. */
export function modelFor(kind) {
    if (replaced && kind in replaced)
        return replaced[kind] ?? undefined;
    let model = loaded[kind];
    if (!model) {
        const packed = PACKED_MODELS.find((p) => p.kind === kind);
        if (!packed)
            return undefined;
        model = unpack(packed);
        loaded = { ...loaded, [kind]: model };
    }
    return model;
}
/**
 * Replaces the committed models (`null`: no model for that kind) until the returned function
 * is called. For training and evaluation (a model per fold), not for production use.
 */
export function useModels(models) {
    const before = replaced;
    replaced = { ...(before ?? {}), ...models };
    return () => {
        replaced = before;
    };
}
function verdictOf(model, input) {
    const score = scoreInput(model, input, model.threshold);
    return {
        kind: model.kind,
        probability: score.probability,
        threshold: model.threshold,
        high: model.high,
        malicious: score.probability >= model.threshold,
        start: score.start,
        end: score.end,
        top: score.top,
    };
}
function normalizationFeatures(hidden, folded) {
    const out = [];
    if (hidden > 0)
        out.push({ name: 'norm:hidden', value: Math.min(1, hidden / 8) });
    if (folded > 0)
        out.push({ name: 'norm:folded', value: Math.min(1, folded / 8) });
    return out;
}
/** The scorer's input for a tool result or other content. */
export function contentInput(text, signals) {
    const normalized = normalize(text);
    return {
        normalized,
        signals,
        global: normalizationFeatures(normalized.hidden, normalized.folded),
    };
}
/**
 * Scores a tool result (or any content flowing to the model). Undefined when no model is
 * available.
 *
 * @example
 * scoreContent(text, analyzeText(text))?.malicious;
 */
export function scoreContent(text, signals) {
    const model = modelFor('content');
    if (!model || text.length === 0)
        return undefined;
    return verdictOf(model, contentInput(text, signals));
}
/** Schema bookkeeping that says nothing: JSON types, formats, required lists, `$schema`. */
const STRUCTURAL = /(?:^|\.)(?:type|format|\$schema|additionalProperties|mimeType)(?:\[\d+\])?$|(?:^|\.)required\[\d+\]$/u;
/** The marker word put before a declared string: the model learns where text sits. */
function markerOf(field) {
    if (field.endsWith('#name'))
        return 'xxparam';
    if (field === 'name')
        return 'xxname';
    if (field === 'title' || field.endsWith('.title'))
        return 'xxtitle';
    if (field === 'description')
        return 'xxdesc';
    if (field === 'instructions')
        return 'xxinstructions';
    if (field.endsWith('.description'))
        return 'xxparamdesc';
    if (/(?:^|\.)(?:enum|const|default|examples)(?:\[\d+\])?$/u.test(field))
        return 'xxvalue';
    if (field.endsWith('$comment'))
        return 'xxcomment';
    if (/(?:^|\.)(?:uri|uriTemplate)$/u.test(field))
        return 'xxuri';
    return 'xxother';
}
/**
 * One document of every declared string of a definition, each after a marker of its field,
 * and the analyzer signals moved to document offsets.
 */
export function definitionDocument(parts) {
    let text = '';
    const signals = [];
    const segments = [];
    parts.forEach((part, index) => {
        if (STRUCTURAL.test(part.field))
            return;
        text += `${markerOf(part.field)} `;
        const start = text.length;
        text += part.text;
        segments.push({ part: index, start, end: text.length });
        text += '\n';
        for (const signal of part.signals) {
            signals.push({ ...signal, start: signal.start + start, end: signal.end + start });
        }
    });
    return { text, signals, segments };
}
/** The scorer's input for a definition, and where its parts sit. */
export function definitionInput(name, parts) {
    const document = definitionDocument(parts);
    const normalized = normalize(document.text);
    const parameters = parts.filter((p) => p.field.endsWith('#name')).map((p) => p.text);
    return {
        input: {
            normalized,
            signals: document.signals,
            global: [
                ...normalizationFeatures(normalized.hidden, normalized.folded),
                ...scopeFeatures(name, parameters, normalized.text),
            ],
        },
        segments: document.segments,
    };
}
/**
 * Scores a whole definition (every declared string, see {@link DefinitionPart}). Undefined
 * when no model is available or nothing was declared.
 *
 * @example
 * scoreDefinition('add', [{ field: 'description', text, signals: analyzeText(text) }]);
 */
export function scoreDefinition(name, parts) {
    const model = modelFor('definition');
    if (!model)
        return undefined;
    const { input, segments } = definitionInput(name, parts);
    if (input.normalized.text.length === 0 || segments.length === 0)
        return undefined;
    const verdict = verdictOf(model, input);
    // The segment holding most of the span.
    let best = segments[0];
    let overlap = -1;
    for (const segment of segments) {
        const shared = Math.min(segment.end, verdict.end) - Math.max(segment.start, verdict.start);
        if (shared > overlap) {
            overlap = shared;
            best = segment;
        }
    }
    if (!best)
        return undefined;
    const start = Math.min(Math.max(verdict.start, best.start), best.end) - best.start;
    const end = Math.max(Math.min(verdict.end, best.end), best.start) - best.start;
    return { ...verdict, part: best.part, start, end: Math.max(start, end) };
}
