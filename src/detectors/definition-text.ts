import { findSecretsSync, mergeHits } from '../analyze/secrets.js';
import type { Signal } from '../analyze/signal.js';
import { analyzeText } from '../analyze/text.js';
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
