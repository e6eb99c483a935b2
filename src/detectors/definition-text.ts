import { findToolNameMentions } from '../analyze/cross-tool.js';
import { scoreDefinition } from '../analyze/scorer/index.js';
import { findSecretsSync, mergeHits } from '../analyze/secrets.js';
import type { Signal, SignalKind } from '../analyze/signal.js';
import { analyzeText } from '../analyze/text.js';
import { type Assessment, assessSignals, corroborates, modelSignal } from '../analyze/verdict.js';
import type { DetectorContext } from '../core/detector.js';
import { redactSpans } from '../core/redact.js';
import type { DeclaredString } from '../core/snapshot.js';

/** Helpers shared by the definition-text rules (tool-poisoning, hidden-text, encoded-payload). */

/**
 * Signals of one declared string. The engine hands every detector the same entry objects, so
 * the analysis runs once per string per scan however many rules read it.
 */
const cache = new WeakMap<DeclaredString, Signal[]>();
export function signalsOf(entry: DeclaredString): Signal[] {
  let signals = cache.get(entry);
  if (!signals) {
    signals = analyzeText(entry.text, { field: entry.field, source: 'definition' });
    cache.set(entry, signals);
  }
  return signals;
}

/** What the poisoning judgement weighs; hidden characters and encodings have their own rules. */
export const POISONING_KINDS: ReadonlySet<SignalKind> = new Set([
  'model-directive',
  'sensitive-target',
  'exfiltration',
  'cross-tool',
  'model',
]);

/** What each kind of poisoning signal means, for messages. */
export const POISONING_REASONS: Readonly<Partial<Record<SignalKind, string>>> = {
  'model-directive': 'instructions aimed at the model',
  'sensitive-target': 'sensitive files or data',
  exfiltration: 'a way to send data out',
  'cross-tool': 'rules for other tools',
  model: 'text the trained scorer rates as an attack',
};

/** The reasons an assessment gives, strongest first: `instructions aimed at the model`, … */
export function poisoningReasons(assessment: Assessment): string[] {
  return [
    ...new Set(
      assessment.signals
        .filter((signal) => signal.weight >= 0.2 && POISONING_KINDS.has(signal.kind))
        .map((signal) => POISONING_REASONS[signal.kind] ?? signal.kind),
    ),
  ];
}

/** One signal of a definition, with the declared string it was found in. */
export interface DefinitionSignal {
  entry: DeclaredString;
  signal: Signal;
}

export interface DefinitionJudgement {
  found: DefinitionSignal[];
  /** Over every signal found; `malicious` is what the gateway withholds. */
  assessment: Assessment;
}

/**
 * Judges one definition — every declared string of one tool, prompt or resource, or the server
 * instructions — as the `tool-poisoning` rule does: signals aimed at the model, sensitive targets,
 * exfiltration and cross-tool rules, plus mentions of `otherTools` (other servers' distinctive
 * tool names, lower-case), plus the trained scorer's verdict on the whole definition (every
 * declared string, parameter names included), assessed together. Undefined when nothing was found. Shared by the
 * rule and the gateway's `definitions` control, so both judge alike.
 *
 * @example
 * judgeDefinition(declaredStrings(snapshot).filter((e) => e.item === 'add'))?.assessment.malicious;
 */
export function judgeDefinition(
  entries: readonly DeclaredString[],
  otherTools: ReadonlySet<string> = new Set(),
): DefinitionJudgement | undefined {
  const found: DefinitionSignal[] = [];
  for (const entry of entries) {
    for (const signal of signalsOf(entry)) {
      if (POISONING_KINDS.has(signal.kind)) found.push({ entry, signal });
    }
    if (otherTools.size > 0 && !entry.field.endsWith('name')) {
      for (const signal of findToolNameMentions(entry.text, otherTools)) {
        found.push({ entry, signal });
      }
    }
  }
  const first = entries[0];
  if (first) {
    const verdict = scoreDefinition(
      first.item,
      entries.map((entry) => ({ field: entry.field, text: entry.text, signals: signalsOf(entry) })),
    );
    const entry = verdict && entries[verdict.part];
    const corroborated = corroborates(entries.flatMap((e) => signalsOf(e)));
    const signal = verdict && modelSignal(verdict, verdict, corroborated);
    if (entry && signal) found.push({ entry, signal });
  }
  if (found.length === 0) return undefined;
  return { found, assessment: assessSignals(found.map((f) => f.signal)) };
}

const KIND_LABELS: Readonly<Record<DeclaredString['kind'], string>> = {
  tool: 'Tool',
  prompt: 'Prompt',
  resource: 'Resource',
  resourceTemplate: 'Resource template',
  instructions: 'The server instructions',
  serverInfo: 'The server info',
};

/** `Tool "read_file"`, `The server instructions`, for messages. */
export function describeDefinition(entry: Pick<DeclaredString, 'kind' | 'item'>): string {
  const label = KIND_LABELS[entry.kind];
  return entry.item === '' ? label : `${label} "${printable(entry.item, 60)}"`;
}

/**
 * Makes text safe to show: invisible and control characters become `\u{…}` escapes, runs of
 * whitespace one space, and the result is cut at `max` characters.
 */
export function printable(text: string, max = 120): string {
  let out = '';
  let length = 0;
  for (const char of text.replace(/\s+/gu, ' ')) {
    const cp = char.codePointAt(0) ?? 0;
    const visible =
      cp < 0x20 ||
      cp === 0x7f ||
      (cp >= 0x80 && cp < 0xa0) ||
      /[\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(char) ||
      (cp >= 0xfe00 && cp <= 0xfe0f) ||
      (cp >= 0xe0100 && cp <= 0xe01ef)
        ? `\\u{${cp.toString(16).toUpperCase()}}`
        : char;
    out += visible;
    length++;
    if (length >= max) return `${out.trimEnd()}…`;
  }
  return out.trim();
}

/** Redacts secrets in `text` (the engine's index and our own patterns). */
export function redactSecrets(ctx: Pick<DetectorContext, 'services'>, text: string): string {
  const hits = mergeHits(ctx.services.findSecrets(text), findSecretsSync(text));
  return redactSpans(text, hits);
}

/** The matched span of `text`, secrets redacted, made printable and cut to `max`. */
export function quoteSpan(
  ctx: Pick<DetectorContext, 'services'>,
  text: string,
  start: number,
  end: number,
  max = 120,
): string {
  const stop = Math.min(end, start + max * 4);
  const hits = mergeHits(ctx.services.findSecrets(text), findSecretsSync(text))
    .filter((hit) => hit.end > start && hit.start < stop)
    .map((hit) => ({
      ...hit,
      start: Math.max(hit.start, start) - start,
      end: Math.min(hit.end, stop) - start,
    }));
  return printable(redactSpans(text.slice(start, stop), hits), max);
}
