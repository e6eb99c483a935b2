import { scoreDefinition } from '../../analyze/scorer/index.js';
import { analyzeText } from '../../analyze/text.js';
import { assessSignals, corroborates, modelSignal } from '../../analyze/verdict.js';
import { defineDetector } from '../../core/detector.js';
import type { PinChange } from '../../core/pin-change.js';
import { truncate } from '../../core/redact.js';
import type { Severity } from '../../core/severity.js';

const MAX_FIELDS_SHOWN = 5;

function describeFields(change: PinChange): string {
  if (change.fields.length === 0) return 'a secret value (redacted in the lockfile)';
  const shown = change.fields.slice(0, MAX_FIELDS_SHOWN).map((field) => field.path);
  const more = change.fields.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${String(more)} more` : '');
}

function evidenceOf(change: PinChange): string | undefined {
  if (change.fields.length === 0) return undefined;
  return change.fields
    .slice(0, MAX_FIELDS_SHOWN)
    .map(({ path, before, after }) => {
      const show = (value: unknown) =>
        value === undefined ? '(absent)' : truncate(JSON.stringify(value), 120);
      return `${path}: ${show(before)} → ${show(after)}`;
    })
    .join('\n');
}

/** Every string in a JSON value, with its dotted path under `path`. */
function stringsOf(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'string') out.set(path, value);
  else if (Array.isArray(value))
    value.forEach((v, i) => stringsOf(v, `${path}[${String(i)}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      // Property names are declared text too (a new `conversation_history` parameter).
      if (path.endsWith('properties')) out.set(`${path}.${key}#name`, key);
      stringsOf(v, `${path}.${key}`, out);
    }
  }
  return out;
}

/** What `after` adds to `before`: the middle that differs once the common ends are cut. */
function addedPart(before: string | undefined, after: string): string {
  if (before === undefined) return after;
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  return after.slice(head, after.length - tail);
}

/**
 * How serious a changed definition is, judged by what the change adds: text the analyzers and
 * the trained scorer rate as an attack makes it `high` (`critical` when certain); a change that
 * adds nothing suspicious is `low` (re-approve a wording edit); one with weak evidence `medium`.
 */
export function changeSeverity(change: PinChange): { severity: Severity; reason?: string } {
  const parts: { field: string; text: string }[] = [];
  for (const field of change.fields) {
    const before = stringsOf(field.before, field.path, new Map());
    for (const [path, text] of stringsOf(field.after, field.path, new Map())) {
      const added = addedPart(before.get(path), text).trim();
      if (added.length > 0 && before.get(path) !== text) parts.push({ field: path, text: added });
    }
  }
  if (change.fields.length === 0) return { severity: 'medium' };
  if (parts.length === 0) return { severity: 'low' };
  const withSignals = parts.map((part) => ({
    ...part,
    signals: analyzeText(part.text, { source: 'definition', field: part.field }),
  }));
  const signals = withSignals.flatMap((part) => part.signals);
  const verdict = scoreDefinition(change.key, withSignals);
  const model = verdict && modelSignal(verdict, verdict, corroborates(signals));
  const assessment = assessSignals(model ? [...signals, model] : signals);
  const top = assessment.signals[0];
  const reason = top && top.weight >= 0.2 ? top.message : undefined;
  const severity: Severity =
    assessment.score >= 0.9
      ? 'critical'
      : assessment.malicious
        ? 'high'
        : assessment.score >= 0.35
          ? 'medium'
          : 'low';
  return { severity, ...(reason !== undefined ? { reason } : {}) };
}

export default defineDetector({
  id: 'definition-changed',
  meta: {
    title: 'Definition changed since it was pinned',
    description:
      'A server declares a tool, prompt, resource, template or instructions that differ from ' +
      'what mcp-warden.lock.json pinned when the user approved it. Servers can change what they ' +
      'tell the model after installation (a "rug pull"): a tool that was harmless when reviewed ' +
      'can later carry hidden instructions.',
    severity: 'high',
    class: 'risk',
    checklist: [
      'client.management.version-control',
      'client.management.tool-verification',
      'client.management.secure-updates',
      'server.integrity.integrity-verification',
    ],
    tags: ['rug-pull', 'pinning'],
    messages: {
      changed:
        '{{kind}} "{{key}}" of server "{{server}}" changed since it was pinned: {{fields}}.{{judgement}}',
      added: '{{kind}} "{{key}}" of server "{{server}}" is new since the server was pinned.',
      removed: {
        text: '{{kind}} "{{key}}" of server "{{server}}" was pinned but is no longer declared.',
        class: 'hygiene',
        checklist: ['client.management.version-control', 'client.management.secure-updates'],
      },
      changedDuringScan:
        '{{kind}} "{{key}}" of server "{{server}}" changed while it was being scanned (after list_changed): {{fields}}.{{judgement}}',
      addedDuringScan:
        '{{kind}} "{{key}}" of server "{{server}}" appeared while it was being scanned (after list_changed).',
      removedDuringScan:
        '{{kind}} "{{key}}" of server "{{server}}" disappeared while it was being scanned (after list_changed).',
    },
    fix:
      'Review the change (the evidence shows each field before and after). If you trust it, ' +
      're-pin with `mcp-warden pin`; if not, remove or downgrade the server.',
  },
  create(ctx) {
    return {
      snapshot(snapshot) {
        const changes = ctx.services.pinChanges?.(snapshot) ?? [];
        for (const change of changes) {
          const evidence = evidenceOf(change);
          const judged = change.status === 'changed' ? changeSeverity(change) : undefined;
          const judgement =
            judged === undefined
              ? ''
              : judged.severity === 'low'
                ? ' The change adds nothing suspicious; re-approve it if the wording is expected.'
                : judged.reason !== undefined
                  ? ` What it adds: ${judged.reason}`
                  : '';
          ctx.report({
            messageId:
              change.observed === 'during-scan' ? `${change.status}DuringScan` : change.status,
            data: {
              kind: change.kind,
              key: change.key === '' ? '(instructions)' : change.key,
              server: snapshot.server.name,
              fields: describeFields(change),
              judgement,
            },
            at: { snapshot, kind: change.kind, item: change.key },
            severity: judged?.severity ?? (change.status === 'added' ? 'medium' : 'low'),
            ...(evidence !== undefined ? { evidence } : {}),
          });
        }
      },
    };
  },
});
