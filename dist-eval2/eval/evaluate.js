import { buildSecretIndex } from '../src/analyze/secrets.js';
import { analyzeText } from '../src/analyze/text.js';
import { assessSignals, toolResultVerdict } from '../src/analyze/verdict.js';
import { runDetectors } from '../src/core/engine.js';
import { severityRank } from '../src/core/severity.js';
import { declaredStrings, SNAPSHOT_SCHEMA_VERSION } from '../src/core/snapshot.js';
import { detectorRegistry } from '../src/detectors/registry.js';
import { attackClass, CODE_LEVEL_FILE, splitOf } from './corpus.js';
/**
 * The detection evaluation: every definition record becomes a one-definition snapshot run
 * through the real detector registry; every tool result goes through `analyzeText` plus the
 * secret index and the shared verdict. Pure over the records it is given.
 */
/** A definition counts as flagged when some finding on it is at least this severe … */
export const DEFINITION_MIN_SEVERITY = 'medium';
/**
 * … and comes from a rule that judges the definition itself to be an attack. Risk rules
 * (`tool-capability-risk`: "this tool runs code"; `toxic-flow`: a dangerous combination in a
 * session) describe what a benign tool can do; their findings are counted apart.
 */
export const VERDICT_DETECTORS = new Set([
    'tool-poisoning',
    'hidden-text',
    'encoded-payload',
    'tool-name-collision',
]);
export function metricsOf(outcomes) {
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (const o of outcomes) {
        if (o.malicious && o.flagged)
            tp++;
        else if (o.malicious)
            fn++;
        else if (o.flagged)
            fp++;
        else
            tn++;
    }
    const ratio = (a, b) => (b === 0 ? undefined : a / b);
    return {
        n: outcomes.length,
        tp,
        fp,
        tn,
        fn,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn),
        fpr: ratio(fp, fp + tn),
    };
}
/** The one-definition snapshot a client would see for a record. */
export function snapshotOf(record) {
    const snapshot = {
        schemaVersion: SNAPSHOT_SCHEMA_VERSION,
        server: { name: record.server ?? record.file.replace(/\.jsonl$/u, '') },
        tools: [],
        prompts: [],
        resources: [],
        resourceTemplates: [],
    };
    const description = record.description ?? record.text;
    const common = {
        ...(record.title !== undefined ? { title: record.title } : {}),
        ...(description !== undefined ? { description } : {}),
    };
    switch (record.kind) {
        case 'tool':
            snapshot.tools.push({
                name: record.name ?? 'tool',
                ...common,
                inputSchema: record.inputSchema ?? { type: 'object', properties: {} },
                ...(record.outputSchema ? { outputSchema: record.outputSchema } : {}),
                ...(record.annotations ? { annotations: record.annotations } : {}),
            });
            break;
        case 'prompt':
            snapshot.prompts.push({
                name: record.name ?? 'prompt',
                ...common,
                ...(record.arguments ? { arguments: record.arguments } : {}),
            });
            break;
        case 'resource':
            if (record.uriTemplate !== undefined) {
                snapshot.resourceTemplates.push({
                    uriTemplate: record.uriTemplate,
                    name: record.name ?? '',
                    ...common,
                    ...(record.mimeType ? { mimeType: record.mimeType } : {}),
                });
            }
            else {
                snapshot.resources.push({
                    uri: record.uri ?? '',
                    name: record.name ?? '',
                    ...common,
                    ...(record.mimeType ? { mimeType: record.mimeType } : {}),
                });
            }
            break;
        case 'server_instructions':
            snapshot.instructions = record.text ?? record.description ?? '';
            break;
        case 'tool_result':
            throw new Error(`${record.id}: a tool result is not a definition`);
    }
    return snapshot;
}
function populationOf(record) {
    if (record.file === CODE_LEVEL_FILE)
        return 'code_level';
    return record.kind === 'tool_result' ? 'tool_result' : 'definition';
}
/**
 * Why a record came out as it did, in rule ids and numbers only: reasons end up in
 * `docs/detection.md`, and corpus text must not be copied into the repository.
 */
function signalSummary(signals) {
    const assessment = assessSignals(signals);
    const rules = new Map();
    for (const signal of assessment.signals) {
        if (!rules.has(signal.rule))
            rules.set(signal.rule, signal.weight);
    }
    const top = [...rules].slice(0, 4).map(([rule, weight]) => `${rule} ${weight.toFixed(2)}`);
    return `score ${assessment.score.toFixed(2)}${top.length > 0 ? `: ${top.join(', ')}` : ''}`;
}
function findingReason(findings, snapshot) {
    const top = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
    const signals = declaredStrings(snapshot).flatMap((entry) => analyzeText(entry.text, { field: entry.field, source: 'definition' }));
    const summary = signalSummary(signals);
    return top ? `${top.detectorId} [${top.severity}] ${summary}` : summary;
}
/**
 * Evaluates `records`.
 *
 * @example
 * const outcomes = await evaluate(readCorpus(corpusDir()), { split: 'tune' });
 */
export async function evaluate(records, options = {}) {
    const registry = options.registry ?? detectorRegistry;
    const chosen = records.filter((record) => !options.split || options.split === 'all' || splitOf(record.id) === options.split);
    const definitions = chosen.filter((record) => record.kind !== 'tool_result');
    const results = chosen.filter((record) => record.kind === 'tool_result');
    const snapshots = new Map(definitions.map((record) => [record, snapshotOf(record)]));
    const definitionIndex = await buildSecretIndex([...snapshots.values()].flatMap((snapshot) => declaredStrings(snapshot).map((e) => e.text)));
    const resultIndex = await buildSecretIndex(results.map((r) => r.text ?? ''));
    const outcomes = [];
    const base = (record) => ({
        id: record.id,
        file: record.file,
        kind: record.kind,
        split: splitOf(record.id),
        population: populationOf(record),
        attackClass: attackClass(record),
        malicious: record.label === 'malicious',
    });
    for (const [record, snapshot] of snapshots) {
        const { findings, diagnostics } = runDetectors(registry, { snapshots: [snapshot] }, {
            cwd: '/',
            services: { findSecrets: (text) => definitionIndex.find(text) },
            environment: { homeDirs: ['/home/user'], platform: 'linux' },
        });
        if (diagnostics.length > 0) {
            throw new Error(`${record.id}: ${diagnostics.map((d) => d.message).join('; ')}`);
        }
        const atLeastMedium = findings.filter((f) => severityRank(f.severity) >= severityRank(DEFINITION_MIN_SEVERITY));
        const serious = atLeastMedium.filter((f) => VERDICT_DETECTORS.has(f.detectorId));
        const others = [
            ...new Set(atLeastMedium.filter((f) => !VERDICT_DETECTORS.has(f.detectorId)).map((f) => f.detectorId)),
        ];
        const judged = findings.filter((f) => VERDICT_DETECTORS.has(f.detectorId));
        outcomes.push({
            ...base(record),
            flagged: serious.length > 0,
            reason: findingReason(serious.length > 0 ? serious : judged, snapshot),
            ...(others.length > 0 ? { otherRules: others } : {}),
        });
    }
    for (const record of results) {
        const text = record.text ?? '';
        const verdict = toolResultVerdict(analyzeText(text), resultIndex.find(text));
        outcomes.push({
            ...base(record),
            flagged: verdict.malicious,
            score: Math.round(verdict.score * 100) / 100,
            reason: signalSummary(verdict.signals),
        });
    }
    const order = new Map(chosen.map((record, index) => [record.id, index]));
    return outcomes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
