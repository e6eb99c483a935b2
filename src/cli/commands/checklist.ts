import type { Command } from 'commander';
import pc from 'picocolors';
import { CHECKLIST, CHECKLIST_PARTS } from '../../core/checklist.js';
import type { ChecklistPart, ChecklistPriority } from '../../core/checklist-types.js';
import {
  computeCoverage,
  type CoverageProvider,
  type CoverageSummary,
  detectorProviders,
  type ItemCoverage,
  summarizeCoverage,
} from '../../core/coverage.js';
import { ToolkitError } from '../../core/errors.js';
import { detectorRegistry } from '../../detectors/registry.js';
import { gatewayCoverageProviders } from '../../gateway/features.js';
import type { CommandRuntime } from '../index.js';

const FORMATS = ['text', 'json', 'md'] as const;
const PRIORITIES = ['high', 'medium', 'low'] as const;
const PARTS = ['server', 'client', 'llm', 'multi-mcp', 'crypto'] as const;
const LANGS = ['en', 'zh'] as const;

type Format = (typeof FORMATS)[number];
type Lang = (typeof LANGS)[number];

/** Version of the `--format json` document; bump on breaking changes. */
export const CHECKLIST_JSON_SCHEMA_VERSION = 1;

interface ChecklistFlags {
  format: string;
  priority?: string[];
  part?: string[];
  lang: string;
  uncovered?: boolean;
  details?: boolean;
  color?: boolean;
}

interface ChecklistView {
  /** Items to show, in checklist order. */
  items: ItemCoverage[];
  /** Coverage of the items matching the priority and part filters (`--uncovered` aside). */
  summary: CoverageSummary;
  lang: Lang;
  details: boolean;
}

const LABELS = {
  en: {
    priority: { high: 'high', medium: 'medium', low: 'low' },
    notYet: 'not yet',
    rules: 'rules',
    controls: 'controls',
    how: 'how',
    none: 'No checklist items match the filters.',
    header: '| | Priority | Item | Summary | Covered by |',
    summary: (s: CoverageSummary, parts: string) =>
      `Covered: ${s.covered}/${s.total} items${parts ? ` (${parts})` : ''}`,
  },
  zh: {
    priority: { high: '高', medium: '中', low: '低' },
    notYet: '尚未覆盖',
    rules: '规则',
    controls: '控制',
    how: '方式',
    none: '没有符合筛选条件的检查项。',
    header: '| | 优先级 | 检查项 | 说明 | 覆盖 |',
    summary: (s: CoverageSummary, parts: string) =>
      `已覆盖: ${s.covered}/${s.total} 项${parts ? ` (${parts})` : ''}`,
  },
} as const;

/** Gateway controls join here as they are written; rules come from the detector registry. */
function coverageProviders(): CoverageProvider[] {
  return [...detectorProviders(detectorRegistry), ...gatewayCoverageProviders()];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim())];
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  }
  return width;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ToolkitError(
      'USAGE',
      `${option} "${value}" is not allowed; use one of: ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

function summaryLine(summary: CoverageSummary, lang: Lang): string {
  const labels = LABELS[lang];
  const parts = PRIORITIES.filter((p) => summary.byPriority[p].total > 0)
    .map((p) => {
      const count = summary.byPriority[p];
      return `${labels.priority[p]} ${count.covered}/${count.total}`;
    })
    .join(', ');
  return labels.summary(summary, parts);
}

/** Items grouped by part, then section, both in checklist order. */
function groupItems(
  items: readonly ItemCoverage[],
): { part: (typeof CHECKLIST_PARTS)[number]; sections: ItemCoverage[][] }[] {
  return CHECKLIST_PARTS.map((part) => {
    const sections = new Map<string, ItemCoverage[]>();
    for (const entry of items) {
      if (entry.item.part !== part.id) continue;
      const list = sections.get(entry.item.section) ?? [];
      list.push(entry);
      sections.set(entry.item.section, list);
    }
    return { part, sections: [...sections.values()] };
  }).filter((group) => group.sections.length > 0);
}

function coveredBy(entry: ItemCoverage, lang: Lang): string {
  const labels = LABELS[lang];
  const parts: string[] = [];
  if (entry.rules.length > 0) parts.push(`${labels.rules}: ${entry.rules.join(', ')}`);
  if (entry.controls.length > 0) parts.push(`${labels.controls}: ${entry.controls.join(', ')}`);
  return parts.join('; ');
}

function renderText(view: ChecklistView, color: boolean): string {
  const c = pc.createColors(color);
  const labels = LABELS[view.lang];
  const zh = view.lang === 'zh';
  const priorityColor: Record<ChecklistPriority, (text: string) => string> = {
    high: c.red,
    medium: c.yellow,
    low: c.blue,
  };
  const width = Math.max(...PRIORITIES.map((p) => displayWidth(labels.priority[p])));
  const lines: string[] = [];
  for (const { part, sections } of groupItems(view.items)) {
    lines.push(c.bold(zh ? part.titleZh : part.title));
    for (const entries of sections) {
      const first = entries[0]?.item;
      const section = first && (zh ? (first.sectionZh ?? first.section) : first.section);
      if (section) lines.push(`  ${c.bold(section)}`);
      const margin = section ? '    ' : '  ';
      const indent = ' '.repeat(margin.length + 2 + width + 2);
      for (const entry of entries) {
        const { item } = entry;
        const mark = entry.covered ? c.green('✓') : c.dim('·');
        const label = padDisplay(labels.priority[item.priority], width);
        const title = zh ? item.titleZh : item.title;
        lines.push(
          `${margin}${mark} ${priorityColor[item.priority](label)}  ${title}  ${c.dim(item.id)}`,
        );
        lines.push(indent + (entry.covered ? coveredBy(entry, view.lang) : c.dim(labels.notYet)));
        if (view.details) {
          lines.push(indent + c.dim(`${labels.how}: ${item.coverage.join(', ')}`));
          lines.push(indent + item.summary);
        }
      }
    }
    lines.push('');
  }
  if (view.items.length === 0) lines.push(labels.none, '');
  lines.push(c.bold(summaryLine(view.summary, view.lang)));
  return `${lines.join('\n')}\n`;
}

function renderJson(view: ChecklistView): string {
  const document = {
    schemaVersion: CHECKLIST_JSON_SCHEMA_VERSION,
    items: view.items.map((entry) => ({
      ...entry.item,
      covered: entry.covered,
      coveredBy: { rules: entry.rules, controls: entry.controls },
    })),
    summary: view.summary,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function renderMarkdown(view: ChecklistView): string {
  const labels = LABELS[view.lang];
  const zh = view.lang === 'zh';
  const lines: string[] = [
    zh
      ? '# SlowMist MCP 安全检查清单：mcp-warden 覆盖情况'
      : '# SlowMist MCP Security Checklist: mcp-warden coverage',
    '',
  ];
  for (const { part, sections } of groupItems(view.items)) {
    lines.push(`## ${zh ? part.titleZh : part.title}`, '');
    for (const entries of sections) {
      const first = entries[0]?.item;
      const section = first && (zh ? (first.sectionZh ?? first.section) : first.section);
      if (section) lines.push(`### ${section}`, '');
      lines.push(labels.header, '| --- | --- | --- | --- | --- |');
      for (const entry of entries) {
        const { item } = entry;
        const by = entry.covered
          ? [
              ...entry.rules.map((id) => `rule \`${id}\``),
              ...entry.controls.map((id) => `control \`${id}\``),
            ].join(', ')
          : labels.notYet;
        const cells = [
          entry.covered ? '✅' : '⬜',
          labels.priority[item.priority],
          `**${escapeCell(zh ? item.titleZh : item.title)}**<br>\`${item.id}\``,
          escapeCell(item.summary),
          by,
        ];
        lines.push(`| ${cells.join(' | ')} |`);
      }
      lines.push('');
    }
  }
  if (view.items.length === 0) lines.push(labels.none, '');
  lines.push(`**${summaryLine(view.summary, view.lang)}**`);
  return `${lines.join('\n')}\n`;
}

/**
 * Registers `mcp-warden checklist`: the 129 checklist items with the rules and controls that
 * cover each, grouped by part and section.
 *
 * @example
 * registerChecklist(program, runtime); // mcp-warden checklist --priority high --uncovered
 */
export function registerChecklist(program: Command, runtime: CommandRuntime): void {
  program
    .command('checklist')
    .description(
      'List the SlowMist MCP Security Checklist items and which mcp-warden rules and controls cover them.',
    )
    .option('-f, --format <format>', `output format (${FORMATS.join('|')})`, 'text')
    .option(
      '--priority <levels>',
      `only items of these priorities (${PRIORITIES.join('|')}; repeatable or comma-separated)`,
      collect,
    )
    .option(
      '--part <parts>',
      `only items of these parts (${PARTS.join('|')}; repeatable or comma-separated)`,
      collect,
    )
    .option('--lang <lang>', `language of titles and section names (${LANGS.join('|')})`, 'en')
    .option('--uncovered', 'only items that no rule or control covers yet')
    .option('-d, --details', 'text format: also print each item summary and how it can be covered')
    .option('--color', 'force coloured text output')
    .option('--no-color', 'disable coloured text output')
    .action((flags: ChecklistFlags) => {
      const format: Format = oneOf('--format', flags.format, FORMATS);
      const lang: Lang = oneOf('--lang', flags.lang, LANGS);
      const priorities = new Set<ChecklistPriority>(
        (flags.priority ?? []).map((p) => oneOf('--priority', p, PRIORITIES)),
      );
      const parts = new Set<ChecklistPart>(
        (flags.part ?? []).map((p) => oneOf('--part', p, PARTS)),
      );

      const { items } = computeCoverage(CHECKLIST, coverageProviders());
      const matching = items.filter(
        (entry) =>
          (priorities.size === 0 || priorities.has(entry.item.priority)) &&
          (parts.size === 0 || parts.has(entry.item.part)),
      );
      const view: ChecklistView = {
        items: flags.uncovered ? matching.filter((entry) => !entry.covered) : matching,
        summary: summarizeCoverage(matching),
        lang,
        details: flags.details ?? false,
      };
      const document =
        format === 'json'
          ? renderJson(view)
          : format === 'md'
            ? renderMarkdown(view)
            : renderText(view, flags.color ?? runtime.io.color);
      runtime.io.stdout(document);
    });
}
