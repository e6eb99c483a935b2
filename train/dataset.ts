import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  attackClass,
  CODE_LEVEL_FILE,
  type CorpusRecord,
  readCorpus,
  repoRoot,
} from '../eval/corpus.js';
import { snapshotOf } from '../eval/evaluate.js';
import {
  contentInput,
  definitionInput,
  type LinearModel,
  useModels,
} from '../src/analyze/scorer/index.js';
import { type ScorerInput, vectorize } from '../src/analyze/scorer/model.js';
import { fitCalibrated, type FitOptions, type RecordVectors } from '../src/analyze/scorer/train.js';
import { analyzeText } from '../src/analyze/text.js';
import { pathToFileURL } from 'node:url';
import type * as OfflineBenign from './gen/offline-benign.mjs';
import type * as NpmServers from './gen/npm-servers.mjs';
import { declaredStrings } from '../src/core/snapshot.js';
import { corroborates, scoreSignals } from '../src/analyze/verdict.js';
import { POISONING_KINDS } from '../src/detectors/definition-text.js';

/**
 * The scorer's training data: the labelled corpus (`../shared/corpus`, read at run time, never
 * committed) and the synthetic and offline-benign records in `train/data/*.jsonl`, each turned
 * into the feature vectors the model sees. Records carry their attack family and their source
 * (the file they came from), so that evaluation can leave one family or one source out.
 */

export type Population = 'definition' | 'content';

export interface TrainingRecord {
  id: string;
  population: Population;
  label: 'malicious' | 'benign';
  /** Attack family (`benign` for benign records). */
  family: string;
  /**
   * Where it came from: the corpus file; for `train/data` the record's own `source` (its
   * writing style or document type); for offline benign text its generator's source
   * (`npm-readme`, `npm-jsdoc`, `real-<server>`).
   */
  source: string;
  /** Which body of data it belongs to (leave-one-source-out treats `synthetic` as one source). */
  origin: 'corpus' | 'synthetic' | 'offline';
  record: CorpusRecord;
}

/** The leave-one-source-out group of every record of `train/data` (one generator, one source). */
export const SYNTHETIC_SOURCE = 'train/data (synthetic)';

/**
 * Sources of real benign text written by people for other purposes (real servers' definitions,
 * package docs and comments): the models' thresholds hold their false alarms down.
 */
export function isRealBenignSource(record: TrainingRecord): boolean {
  return (
    record.label === 'benign' &&
    !record.id.endsWith('#as-definition') &&
    (record.origin === 'offline' || record.source === BENIGN_SERVERS_FILE)
  );
}

/** The corpus file of real MCP servers' definitions. */
export const BENIGN_SERVERS_FILE = 'benign-servers.jsonl';

/**
 * The group a record is left out with: its source, except that all synthetic records are one
 * source (one generator), and offline package text is grouped by package (the models meet
 * docs of packages they never saw, not a genre they never saw).
 */
export function sourceGroup(record: TrainingRecord): string {
  if (record.origin === 'synthetic') return SYNTHETIC_SOURCE;
  return record.source;
}

/**
 * The calibration group of a record (thresholds are set on folds of whole groups): its source;
 * for synthetic records their own style or document type, for package text its package, for
 * real servers' definitions their server. Plain synthetic documents (`doc-*`: e-mails,
 * calendars, contracts… with no look-alike wording) have none and are dealt at random: every
 * synthetic attack sits inside such a document, so a fold that held out one document type would
 * keep its attacks, learn that type's words as attack words and set the threshold by that
 * artefact (a calendar scored 0.98), where a document type really never seen appears in no
 * attack either.
 */
export function calibrationGroup(record: TrainingRecord): string | undefined {
  if (record.origin === 'synthetic' && record.family.startsWith('doc-')) return undefined;
  const base = record.id.split('#')[0] ?? record.id;
  const pkg = /^npm-(?:readme|jsdoc|server)-(.+)-r?\d+$/u.exec(base)?.[1];
  if (pkg !== undefined) return `${record.source}:${pkg}`;
  // Real servers' definitions: one group per server (`benign-servers:<package>:<kind>:<name>`).
  if (record.source === BENIGN_SERVERS_FILE) return base.split(':').slice(0, 2).join(':');
  return record.origin === 'synthetic' ? `synthetic:${record.source}` : record.source;
}

/** Families whose records hold no attack in their own text (bare goals, user prompts). */
export const NO_TEXT_FAMILIES: ReadonlySet<string> = new Set(['injection_goal', 'user_prompt']);
/** Families that are not injections: secrets in output (the secret index judges them). */
export const NOT_INJECTION_FAMILIES: ReadonlySet<string> = new Set(['secret_in_output']);

/** A record of `train/data/*.jsonl` (see train/data/README.md). */
interface DataRecord extends Omit<CorpusRecord, 'file' | 'attack'> {
  family?: string;
  source?: string;
  attack?: string | null;
}

function populationOf(record: CorpusRecord): Population {
  return record.kind === 'tool_result' ? 'content' : 'definition';
}

/** Corpus records the scorer learns from, or is measured on. */
export function corpusRecords(dir: string): TrainingRecord[] {
  return readCorpus(dir)
    .filter((record) => record.file !== CODE_LEVEL_FILE)
    .map((record) => ({
      id: record.id,
      population: populationOf(record),
      label: record.label,
      family: attackClass(record),
      source: record.file,
      origin: 'corpus' as const,
      record,
    }));
}

/** The folder of synthetic and offline-benign records. */
export function dataDir(): string {
  return join(repoRoot(), 'train', 'data');
}

/** A record of `train/data` or of the offline benign loaders, checked. */
function fromData(
  data: DataRecord,
  file: string,
  origin: 'synthetic' | 'offline',
  line?: number,
): TrainingRecord {
  const where = line !== undefined ? `${file}:${String(line)}` : `${file} ${data.id}`;
  // A hand-written file may hold anything: check what the type promises.
  if (!(['malicious', 'benign'] as unknown[]).includes(data.label)) {
    throw new Error(`${where}: label must be malicious or benign`);
  }
  if (typeof data.id !== 'string' || data.id === '') throw new Error(`${where}: id missing`);
  const record: CorpusRecord = { ...data, attack: data.attack ?? data.family ?? null, file };
  return {
    id: data.id,
    population: populationOf(record),
    label: data.label,
    family: data.family ?? (data.label === 'benign' ? 'benign' : attackClass(record)),
    source: data.source ?? file,
    origin,
    record,
  };
}

/**
 * Real benign text already on this machine, read at training time and never committed: package
 * READMEs and JSDoc comments of node_modules (benign tool results) and the definitions of the
 * real MCP servers installed there (benign definitions); see `train/gen/offline-benign.mjs`.
 */
export async function offlineRecords(): Promise<TrainingRecord[]> {
  // From the source tree, also when running compiled from dist-eval (tsc does not copy .mjs).
  const loader = (await import(
    pathToFileURL(join(repoRoot(), 'train', 'gen', 'offline-benign.mjs')).href
  )) as typeof OfflineBenign;
  const { packageCommentRecords, packageDocRecords, realServerRecords } = loader;
  const { npmServerRecords } = (await import(
    pathToFileURL(join(repoRoot(), 'train', 'gen', 'npm-servers.mjs')).href
  )) as typeof NpmServers;
  const loaded = [
    ...packageDocRecords(),
    ...packageCommentRecords(),
    ...(await realServerRecords()),
    ...npmServerRecords(),
  ];
  return loaded.map((data) => fromData(data as DataRecord, 'offline-benign', 'offline'));
}

/** Records of `train/data/*.jsonl`, if the folder exists. */
export function dataRecords(dir: string = dataDir()): TrainingRecord[] {
  if (!existsSync(dir)) return [];
  const out: TrainingRecord[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        let data: DataRecord;
        try {
          data = JSON.parse(line) as DataRecord;
        } catch (error) {
          throw new Error(`${file}:${String(index + 1)}: not JSON`, { cause: error });
        }
        out.push(fromData(data, file, 'synthetic', index + 1));
      });
  }
  return out;
}

/**
 * Malicious prompt templates (jailbreaks, direct injections) are injected text wherever they
 * land: each also teaches the content model, as a tool result with the same words.
 */
export function withContentViews(records: readonly TrainingRecord[]): TrainingRecord[] {
  const out = [...records];
  for (const record of records) {
    const text = record.record.text ?? record.record.description;
    if (record.record.kind !== 'prompt' || record.label !== 'malicious' || !text) continue;
    out.push({
      ...record,
      id: `${record.id}#as-content`,
      population: 'content',
      record: { ...record.record, id: `${record.id}#as-content`, kind: 'tool_result', text },
    });
  }
  return out;
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 8);
}

/**
 * Sample weights that balance twins: an attack built by inserting a payload into a benign text
 * that is itself in the data (BIPIA's e-mails) teaches the benign text's words as attack words
 * once per attack. Each benign record weighs as much as the attacks of its population that
 * contain at least 80 % of its lines, so what the twins share cancels out and the payload is
 * what is learnt.
 */
export function twinWeights(records: readonly TrainingRecord[]): Map<string, number> {
  const weights = new Map<string, number>();
  const textOf = (r: TrainingRecord): string => r.record.text ?? r.record.description ?? '';
  for (const population of ['definition', 'content'] as const) {
    const attacks = records
      .filter((r) => r.population === population && r.label === 'malicious')
      .map(textOf);
    // Training balances the classes: a benign record weighs positives/negatives of an attack.
    // Scaled back, a twin weighs what its attacks weigh however much other benign text there is.
    const benign = records.filter((r) => r.population === population && r.label === 'benign');
    const dilution = attacks.length > 0 ? Math.max(1, benign.length / attacks.length) : 1;
    for (const record of records) {
      if (record.population !== population || record.label !== 'benign') continue;
      const lines = linesOf(textOf(record));
      if (lines.length === 0) continue;
      let twins = 0;
      for (const attack of attacks) {
        let found = 0;
        for (const line of lines) if (attack.includes(line)) found++;
        if (found >= 0.8 * lines.length) twins++;
      }
      if (twins > 1) weights.set(record.id, twins * dilution);
    }
  }
  return weights;
}

/** Whether a record teaches the injection models (bare goals and secrets do not). */
export function trainable(record: TrainingRecord): boolean {
  return !NO_TEXT_FAMILIES.has(record.family) && !NOT_INJECTION_FAMILIES.has(record.family);
}

/** The scorer's input for a record (analyzer signals computed without any model). */
export function inputOf(record: TrainingRecord): ScorerInput {
  const restore = useModels({ content: null, definition: null });
  try {
    if (record.population === 'content') {
      const text = record.record.text ?? '';
      return contentInput(text, analyzeText(text, { model: false }));
    }
    const snapshot = snapshotOf(record.record);
    const entries = declaredStrings(snapshot);
    const name = entries[0]?.item ?? '';
    return definitionInput(
      name,
      entries.map((entry) => ({
        field: entry.field,
        text: entry.text,
        signals: analyzeText(entry.text, { field: entry.field, source: 'definition' }),
      })),
    ).input;
  } finally {
    restore();
  }
}

/**
 * How much more a real benign definition listed from a server weighs than a synthetic one:
 * they are few, and they are what the scorer meets. The definitions read statically from npm
 * packages (`NPM_SERVERS_SOURCE`) are many and weigh one.
 */
export const REAL_BENIGN_WEIGHT = 3;

/** Source of the definitions read statically from MCP server packages of npm. */
export const NPM_SERVERS_SOURCE = 'npm-mcp-servers';

/** Feature vectors of a record (every window; the whole text when longer than one). */
export function vectorsOf(record: TrainingRecord, twins = 1): RecordVectors {
  const real = isRealBenignSource(record);
  // Only definitions: real tool results (package text) already outnumber the synthetic ones,
  // and weighing them more would drown the twin weights of the corpus's e-mails.
  const weight =
    twins *
    (real && record.population === 'definition' && record.source !== NPM_SERVERS_SOURCE
      ? REAL_BENIGN_WEIGHT
      : 1);
  const input = inputOf(record);
  const group = calibrationGroup(record);
  const windows = vectorize(input);
  const whole = windows.length > 1 ? vectorize(input, true)[0] : undefined;
  const evidence =
    record.population === 'definition'
      ? {
          score: scoreSignals(input.signals.filter((s) => POISONING_KINDS.has(s.kind))),
          corroborated: corroborates(input.signals),
        }
      : undefined;
  return {
    y: record.label === 'malicious' ? 1 : 0,
    windows,
    ...(whole ? { whole } : {}),
    ...(weight !== 1 ? { weight } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(real ? { real: true } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

/** Training settings of each model, shared by `npm run train` and the leave-out evaluation. */
export const FIT_OPTIONS: Readonly<Record<Population, FitOptions>> = {
  definition: {
    falseAlarms: 0.01,
    realFalseAlarms: 0.01,
    folds: 4,
    epochs: 10,
    l2: 1e-3,
    rate: 0.3,
    seed: 7,
    dropout: 0.8,
    namedDropout: 0.3,
  },
  content: {
    falseAlarms: 0.02,
    realFalseAlarms: 0.03,
    // Thousands of easy package READMEs would otherwise set the bar for e-mails and call logs.
    writtenFalseAlarms: 0.05,
    // Short tool outputs ("done: transfer_funds #1", a two-line e-mail) are in no calibration
    // pool and scored 0.56–0.59 under a model whose out-of-fold bar came out at 0.55.
    floor: 0.7,
    folds: 4,
    epochs: 10,
    l2: 3e-3,
    rate: 0.3,
    seed: 7,
  },
};

/** The model kind of a population. */
export const MODEL_KIND: Readonly<Record<Population, 'definition' | 'content'>> = {
  definition: 'definition',
  content: 'content',
};

/** Fits one population's model on `records` (already vectorised). */
export function fitPopulation(
  population: Population,
  records: readonly RecordVectors[],
  options: Partial<FitOptions> = {},
): LinearModel {
  return fitCalibrated(MODEL_KIND[population], records, { ...FIT_OPTIONS[population], ...options });
}

/** A piece of `text` of whole lines, from line `first`, at most `max` characters long. */
function linePiece(text: string, first: number, max: number): string {
  const lines = text.split('\n').slice(first);
  let out = '';
  for (const line of lines) {
    if (out.length > 0 && out.length + line.length + 1 > max) break;
    out = out.length > 0 ? `${out}\n${line}` : line.slice(0, max);
  }
  return out.trim();
}

/**
 * Short benign views: tool results are often one line ("Hello world", a JSON object), and the
 * benign data is mostly whole documents. Each benign tool result longer than 240 characters
 * also gives its first lines and its middle lines (at most 160 characters each), and each
 * benign tool or prompt description gives a tool result with its text.
 */
export function withShortViews(records: readonly TrainingRecord[]): TrainingRecord[] {
  const out = [...records];
  const add = (record: TrainingRecord, suffix: string, text: string): void => {
    if (text.length < 12) return;
    const id = `${record.id}#${suffix}`;
    out.push({
      ...record,
      id,
      population: 'content',
      record: { ...record.record, id, kind: 'tool_result', text },
    });
  };
  for (const record of records) {
    if (record.label !== 'benign') continue;
    if (record.population === 'content') {
      const text = record.record.text ?? '';
      if (text.length <= 240) continue;
      add(record, 'head', linePiece(text, 0, 160));
      add(record, 'middle', linePiece(text, Math.floor(text.split('\n').length / 2), 160));
    } else if (record.record.description) {
      add(record, 'description-as-content', record.record.description);
    }
  }
  return out;
}

/**
 * Real benign definitions are few (a few hundred tools of real servers) and the synthetic ones
 * are written alike: each JSDoc comment of node_modules (real developer prose documenting a
 * function, full of "must" and "never") also teaches the definition model, as the description
 * of a tool named after its package.
 */
export function withDefinitionViews(records: readonly TrainingRecord[]): TrainingRecord[] {
  const out = [...records];
  for (const record of records) {
    if (record.source !== 'npm-jsdoc' || record.label !== 'benign' || !record.record.text) continue;
    const id = `${record.id}#as-definition`;
    const pkg = /^npm-jsdoc-(.+)-\d+$/u.exec(record.id)?.[1] ?? 'package';
    out.push({
      ...record,
      id,
      population: 'definition',
      record: {
        ...record.record,
        id,
        kind: 'tool',
        name: pkg.replace(/[^a-z0-9]+/giu, '_').replace(/^_|_$/gu, ''),
        description: record.record.text,
        inputSchema: { type: 'object', properties: {} },
      },
    });
  }
  return out;
}

function textOf(record: TrainingRecord): string {
  return (record.record.text ?? record.record.description ?? '').trim();
}

/**
 * Offline text that the corpus also holds (a package whose strings a corpus server repeats)
 * would let a model meet a held-out source's text in training: such records are dropped.
 */
export function withoutCorpusCopies(records: readonly TrainingRecord[]): TrainingRecord[] {
  const corpus = new Set(records.filter((r) => r.origin === 'corpus').map(textOf));
  corpus.delete('');
  return records.filter((r) => r.origin !== 'offline' || !corpus.has(textOf(r)));
}

/** What the models learn from: trainable records plus content and short views, sorted by id. */
export function trainingSet(records: readonly TrainingRecord[]): TrainingRecord[] {
  return withDefinitionViews(
    withShortViews(withContentViews(withoutCorpusCopies(records).filter(trainable))),
  ).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
