import type { Signal } from '../signal.js';
import { contextMatches, type DenseFeature, scopeFeatures } from './features.js';
import {
  type Contribution,
  type LinearModel,
  type ModelKind,
  type ScorerInput,
  scoreInput,
} from './model.js';
import { normalize } from './normalize.js';
import { unpack } from './packed.js';
import { PACKED_MODELS } from './weights.generated.js';

/**
 * The trained scorer: turns a text (a tool result) or a whole definition (every string a tool,
 * prompt or resource declares) plus the analyzers' signals into a probability of attack, with
 * the span and features that drove it. The models are trained by `npm run train` and committed
 * in `weights.generated.ts`. Pure.
 */

export type { Contribution, LinearModel, ModelKind } from './model.js';

export interface ModelVerdict {
  kind: ModelKind;
  probability: number;
  /** The model's calibrated thresholds (see `LinearModel`). */
  threshold: number;
  high: number;
  /** `probability >= threshold`. */
  malicious: boolean;
  /** Span of the scored text that drove the score. */
  start: number;
  end: number;
  /** Features that pushed the score up most (explained only at and above `threshold`). */
  top: Contribution[];
}

let loaded: Partial<Record<ModelKind, LinearModel>> = {};
let replaced: Partial<Record<ModelKind, LinearModel | null>> | undefined;

/** The model used for `kind`: the committed one unless {@link useModels} replaced it. */
export function modelFor(kind: ModelKind): LinearModel | undefined {
  if (replaced && kind in replaced) return replaced[kind] ?? undefined;
  let model = loaded[kind];
  if (!model) {
    const packed = PACKED_MODELS.find((p) => p.kind === kind);
    if (!packed) return undefined;
    model = unpack(packed);
    loaded = { ...loaded, [kind]: model };
  }
  return model;
}

/**
 * Replaces the committed models (`null`: no model for that kind) until the returned function
 * is called. For training and evaluation (a model per fold), not for production use.
 */
export function useModels(models: Partial<Record<ModelKind, LinearModel | null>>): () => void {
  const before = replaced;
  replaced = { ...(before ?? {}), ...models };
  return () => {
    replaced = before;
  };
}

function verdictOf(
  model: LinearModel,
  input: ScorerInput,
): Omit<ModelVerdict, 'start' | 'end'> & {
  start: number;
  end: number;
} {
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

function normalizationFeatures(hidden: number, folded: number): DenseFeature[] {
  const out: DenseFeature[] = [];
  if (hidden > 0) out.push({ name: 'norm:hidden', value: Math.min(1, hidden / 8) });
  if (folded > 0) out.push({ name: 'norm:folded', value: Math.min(1, folded / 8) });
  return out;
}

/**
 * Cues that say nothing about content: a literal crypto address is what wallet and explorer
 * tools return (in a definition, a fixed destination is a cue; in a result, the words around
 * the address carry the intent).
 */
const NOT_CONTENT_CUES: ReadonlySet<string> = new Set(['ctx:crypto-address']);

/** The scorer's input for a tool result or other content. */
export function contentInput(text: string, signals: readonly Signal[]): ScorerInput {
  const normalized = normalize(text);
  return {
    normalized,
    signals,
    global: normalizationFeatures(normalized.hidden, normalized.folded),
    context: contextMatches(normalized.text).filter((cue) => !NOT_CONTENT_CUES.has(cue.name)),
  };
}

/**
 * Scores a tool result (or any content flowing to the model). Undefined when no model is
 * available.
 *
 * @example
 * scoreContent(text, analyzeText(text))?.malicious;
 */
export function scoreContent(text: string, signals: readonly Signal[]): ModelVerdict | undefined {
  const model = modelFor('content');
  if (!model || text.length === 0) return undefined;
  return verdictOf(model, contentInput(text, signals));
}

/** One declared string of a definition, with its analyzer signals. */
export interface DefinitionPart {
  /** Where it is declared: `description`, `inputSchema.properties.path#name`, … */
  field: string;
  text: string;
  signals: readonly Signal[];
}

/** Schema bookkeeping that says nothing: JSON types, formats, required lists, `$schema`. */
const STRUCTURAL =
  /(?:^|\.)(?:type|format|\$schema|additionalProperties|mimeType)(?:\[\d+\])?$|(?:^|\.)required\[\d+\]$/u;

/** The marker word put before a declared string: the model learns where text sits. */
function markerOf(field: string): string {
  if (field.endsWith('#name')) return 'xxparam';
  if (field === 'name') return 'xxname';
  if (field === 'title' || field.endsWith('.title')) return 'xxtitle';
  if (field === 'description') return 'xxdesc';
  if (field === 'instructions') return 'xxinstructions';
  if (field.endsWith('.description')) return 'xxparamdesc';
  if (/(?:^|\.)(?:enum|const|default|examples)(?:\[\d+\])?$/u.test(field)) return 'xxvalue';
  if (field.endsWith('$comment')) return 'xxcomment';
  if (/(?:^|\.)(?:uri|uriTemplate)$/u.test(field)) return 'xxuri';
  return 'xxother';
}

/** Where each part sits in the definition document. */
export interface DefinitionSegment {
  part: number;
  /** Offset of the part's text in the document. */
  start: number;
  end: number;
}

/**
 * One document of every declared string of a definition, each after a marker of its field,
 * and the analyzer signals moved to document offsets.
 */
export function definitionDocument(parts: readonly DefinitionPart[]): {
  text: string;
  signals: Signal[];
  segments: DefinitionSegment[];
} {
  let text = '';
  const signals: Signal[] = [];
  const segments: DefinitionSegment[] = [];
  parts.forEach((part, index) => {
    if (STRUCTURAL.test(part.field)) return;
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
export function definitionInput(
  name: string,
  parts: readonly DefinitionPart[],
): { input: ScorerInput; segments: DefinitionSegment[] } {
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

export interface DefinitionVerdict extends ModelVerdict {
  /** The part that holds the span; `start`/`end` are offsets in its text. */
  part: number;
}

/**
 * Scores a whole definition (every declared string, see {@link DefinitionPart}). Undefined
 * when no model is available or nothing was declared.
 *
 * @example
 * scoreDefinition('add', [{ field: 'description', text, signals: analyzeText(text) }]);
 */
export function scoreDefinition(
  name: string,
  parts: readonly DefinitionPart[],
): DefinitionVerdict | undefined {
  const model = modelFor('definition');
  if (!model) return undefined;
  const { input, segments } = definitionInput(name, parts);
  if (input.normalized.text.length === 0 || segments.length === 0) return undefined;
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
  if (!best) return undefined;
  const start = Math.min(Math.max(verdict.start, best.start), best.end) - best.start;
  const end = Math.max(Math.min(verdict.end, best.end), best.start) - best.start;
  return { ...verdict, part: best.part, start, end: Math.max(start, end) };
}
