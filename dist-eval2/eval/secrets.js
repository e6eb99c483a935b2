import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSecrets, SECRET_RULES } from '../src/analyze/secrets.js';
const CORPUS_FILE = 'secretlint-fixtures.jsonl';
function textOf(sample) {
    return typeof sample === 'string' ? [sample, undefined] : [sample.text, sample.name];
}
function kindsIn(sample) {
    const [text, name] = textOf(sample);
    return findSecrets(text, name === undefined ? {} : { name }).map((hit) => hit.kind);
}
/** Runs every rule's samples and, when `corpusDir` holds it, the secretlint fixtures. */
export function evaluateSecrets(corpusDir) {
    const samples = { positives: 0, found: 0, negatives: 0, falsePositives: 0 };
    const sampleFailures = [];
    for (const rule of SECRET_RULES) {
        for (const sample of rule.samples.positive) {
            samples.positives++;
            if (kindsIn(sample).includes(rule.kind))
                samples.found++;
            else
                sampleFailures.push(`${rule.kind}: missed ${JSON.stringify(textOf(sample)[0].slice(0, 60))}`);
        }
        for (const sample of rule.samples.negative) {
            samples.negatives++;
            if (kindsIn(sample).includes(rule.kind)) {
                samples.falsePositives++;
                sampleFailures.push(`${rule.kind}: flagged ${JSON.stringify(textOf(sample)[0].slice(0, 60))}`);
            }
        }
    }
    const result = { samples, sampleFailures };
    const path = join(corpusDir, CORPUS_FILE);
    if (!existsSync(path))
        return result;
    const rows = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line));
    const corpus = {
        positives: 0,
        found: 0,
        negatives: 0,
        falsePositives: 0,
        missed: [],
        flagged: [],
    };
    for (const row of rows) {
        const kinds = [...new Set(findSecrets(row.text).map((hit) => hit.kind))];
        if (row.label === 'malicious') {
            corpus.positives++;
            if (kinds.length > 0)
                corpus.found++;
            else
                corpus.missed.push(row.id);
        }
        else {
            corpus.negatives++;
            if (kinds.length > 0) {
                corpus.falsePositives++;
                corpus.flagged.push({ id: row.id, kinds });
            }
        }
    }
    return { ...result, corpus };
}
const percent = (part, whole) => whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
/** The evaluation as a Markdown section. */
export function formatSecretsReport(evaluation) {
    const { samples, corpus } = evaluation;
    const lines = [
        '## Secret engine',
        '',
        '| set | recall | false positives |',
        '| --- | ---: | ---: |',
        `| rule samples (${String(SECRET_RULES.length)} rules) | ${String(samples.found)}/${String(samples.positives)} (${percent(samples.found, samples.positives)}) | ${String(samples.falsePositives)}/${String(samples.negatives)} (${percent(samples.falsePositives, samples.negatives)}) |`,
    ];
    if (corpus) {
        lines.push(`| secretlint fixtures | ${String(corpus.found)}/${String(corpus.positives)} (${percent(corpus.found, corpus.positives)}) | ${String(corpus.falsePositives)}/${String(corpus.negatives)} (${percent(corpus.falsePositives, corpus.negatives)}) |`);
    }
    for (const failure of evaluation.sampleFailures)
        lines.push(`- sample ${failure}`);
    for (const id of corpus?.missed ?? [])
        lines.push(`- missed \`${id}\``);
    for (const { id, kinds } of corpus?.flagged ?? []) {
        lines.push(`- flagged \`${id}\` (${kinds.join(', ')})`);
    }
    return `${lines.join('\n')}\n`;
}
