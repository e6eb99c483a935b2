import { defineDetector } from '../../core/detector.js';
import type { PinChange } from '../../core/pin-change.js';
import { truncate } from '../../core/redact.js';

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
      changed: '{{kind}} "{{key}}" of server "{{server}}" changed since it was pinned: {{fields}}.',
      added: '{{kind}} "{{key}}" of server "{{server}}" is new since the server was pinned.',
      removed: {
        text: '{{kind}} "{{key}}" of server "{{server}}" was pinned but is no longer declared.',
        class: 'hygiene',
        checklist: ['client.management.version-control', 'client.management.secure-updates'],
      },
      changedDuringScan:
        '{{kind}} "{{key}}" of server "{{server}}" changed while it was being scanned (after list_changed): {{fields}}.',
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
          ctx.report({
            messageId:
              change.observed === 'during-scan' ? `${change.status}DuringScan` : change.status,
            data: {
              kind: change.kind,
              key: change.key === '' ? '(instructions)' : change.key,
              server: snapshot.server.name,
              fields: describeFields(change),
            },
            at: { snapshot, kind: change.kind, item: change.key },
            severity:
              change.status === 'changed' ? 'high' : change.status === 'added' ? 'medium' : 'low',
            ...(evidence !== undefined ? { evidence } : {}),
          });
        }
      },
    };
  },
});
