import type { Command } from 'commander';
import pc from 'picocolors';
import { CHECKLIST, CHECKLIST_PARTS } from '../../core/checklist.js';
import type { ChecklistPart, ChecklistPriority } from '../../core/checklist-types.js';
import {
  COVERAGE_FACES,
  computeCoverage,
  type CoverageProvider,
  type CoverageStatus,
  detectorProviders,
  type GradedItem,
  type GradedSummary,
  gradeCoverage,
  type ItemCoverage,
  summarizeGraded,
} from '../../core/coverage.js';
import { COVERAGE_CLAIMS } from '../../core/coverage-claims.js';
import { ToolkitError } from '../../core/errors.js';
import { detectorRegistry } from '../../detectors/registry.js';
import { gatewayCoverageProviders } from '../../gateway/features.js';
import type { CommandRuntime } from '../runtime.js';

const FORMATS = ['text', 'json', 'md'] as const;
const PRIORITIES = ['high', 'medium', 'low'] as const;
const PARTS = ['server', 'client', 'llm', 'multi-mcp', 'crypto'] as const;
const LANGS = ['en', 'zh'] as const;

type Format = (typeof FORMATS)[number];
type Lang = (typeof LANGS)[number];

/** Version of the `--format json` document; bump on breaking changes. */
export const CHECKLIST_JSON_SCHEMA_VERSION = 2;

interface ChecklistFlags {
  format: string;
  priority?: string[];
  part?: string[];
  lang: string;
  uncovered?: boolean;
  details?: boolean;
  color?: boolean;
}

/** One item as shown: its graded coverage and the rules and controls that merely relate to it. */
interface ItemView {
  graded: GradedItem;
  related: ItemCoverage;
}

interface ChecklistView {
  /** Items to show, in checklist order. */
  items: ItemView[];
  /** Graded coverage of the items matching the priority and part filters (`--uncovered` aside). */
  summary: GradedSummary;
  /** How many of those items some rule or control merely declares (not proof). */
  declared: number;
  lang: Lang;
  details: boolean;
  /** `--uncovered`: say what is missing for every item shown. */
  missing: boolean;
}

const STATUS_MARK: Record<CoverageStatus, string> = {
  full: '✓',
  partial: '◐',
  attest: '?',
  none: '·',
};

const LABELS = {
  en: {
    priority: { high: 'high', medium: 'medium', low: 'low' },
    rules: 'rules',
    controls: 'controls',
    how: 'how',
    none: 'No checklist items match the filters.',
    header: '| | Priority | Item | Summary | Coverage |',
    status: { full: 'full', partial: 'partial', attest: 'attest', none: 'none' },
    missing: 'missing',
    all: 'all',
    test: 'test',
    related: 'related',
    everything: 'nothing of it is done yet',
    personOnly: 'only a person can answer this item',
    proven: 'Proven coverage (every claim names the test that shows it)',
    declaredNote: (declared: number, total: number) =>
      `Declared by some rule or control (not proof of coverage): ${String(declared)}/${String(total)} items`,
  },
  zh: {
    priority: { high: '高', medium: '中', low: '低' },
    rules: '规则',
    controls: '控制',
    how: '方式',
    none: '没有符合筛选条件的检查项。',
    header: '| | 优先级 | 检查项 | 说明 | 覆盖 |',
    status: { full: '完全', partial: '部分', attest: '人工确认', none: '未覆盖' },
    missing: '缺少',
    all: '全部',
    test: '测试',
    related: '相关',
    everything: '尚未实现',
    personOnly: '此项只能由人确认',
    proven: '已证明的覆盖 (每项声明都有对应测试)',
    declaredNote: (declared: number, total: number) =>
      `由规则或控制声明 (并非覆盖证明): ${String(declared)}/${String(total)} 项`,
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

/** The graded counts, one line per priority with items, then the declared-only note. */
function summaryLines(view: ChecklistView): string[] {
  const labels = LABELS[view.lang];
  const { summary } = view;
  const count = (counts: Record<CoverageStatus, number>) =>
    (['full', 'partial', 'attest', 'none'] as const)
      .map((status) => `${String(counts[status])} ${labels.status[status]}`)
      .join(', ');
  const lines = [`${labels.proven}:`];
  for (const priority of PRIORITIES) {
    const bucket = summary.byPriority[priority];
    if (bucket.total === 0) continue;
    lines.push(`  ${labels.priority[priority]} (${String(bucket.total)}): ${count(bucket)}`);
  }
  lines.push(`  ${labels.all} (${String(summary.total)}): ${count(summary.counts)}`);
  lines.push(labels.declaredNote(view.declared, summary.total));
  return lines;
}

/** Items grouped by part, then section, both in checklist order. */
function groupItems(
  items: readonly ItemView[],
): { part: (typeof CHECKLIST_PARTS)[number]; sections: ItemView[][] }[] {
  return CHECKLIST_PARTS.map((part) => {
    const sections = new Map<string, ItemView[]>();
    for (const entry of items) {
      const { item } = entry.graded;
      if (item.part !== part.id) continue;
      const list = sections.get(item.section) ?? [];
      list.push(entry);
      sections.set(item.section, list);
    }
    return { part, sections: [...sections.values()] };
  }).filter((group) => group.sections.length > 0);
}

/** One line per face the item allows: its status and what does it, or none. */
function faceLines(entry: ItemView, view: ChecklistView): string[] {
  const labels = LABELS[view.lang];
  const { graded } = entry;
  const lines: string[] = [];
  for (const face of COVERAGE_FACES) {
    if (!(face in graded.faces)) continue;
    const claim = graded.faces[face];
    if (!claim) {
      lines.push(`${face}: ${labels.status.none}`);
      continue;
    }
    lines.push(`${face}: ${labels.status[claim.status]} (${claim.by.join(', ')})`);
    if (view.details) lines.push(`  ${labels.test}: ${claim.test.file} › ${claim.test.title}`);
    if (claim.missing !== undefined && (view.missing || view.details)) {
      lines.push(`  ${labels.missing}: ${claim.missing}`);
    }
  }
  if (graded.status === 'attest') lines.push(labels.personOnly);
  if (graded.status === 'none' && view.missing) {
    lines.push(`${labels.missing}: ${labels.everything} — ${graded.item.summary}`);
  }
  return lines;
}

function relatedLine(entry: ItemView, lang: Lang): string | undefined {
  const labels = LABELS[lang];
  const parts: string[] = [];
  if (entry.related.rules.length > 0)
    parts.push(`${labels.rules}: ${entry.related.rules.join(', ')}`);
  if (entry.related.controls.length > 0)
    parts.push(`${labels.controls}: ${entry.related.controls.join(', ')}`);
  return parts.length > 0 ? `${labels.related} ${parts.join('; ')}` : undefined;
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
  const statusColor: Record<CoverageStatus, (text: string) => string> = {
    full: c.green,
    partial: c.yellow,
    attest: c.blue,
    none: c.dim,
  };
  const width = Math.max(...PRIORITIES.map((p) => displayWidth(labels.priority[p])));
  // The honest counts come first, before the item list.
  const lines: string[] = [...summaryLines(view).map((line) => c.bold(line)), ''];
  for (const { part, sections } of groupItems(view.items)) {
    lines.push(c.bold(zh ? part.titleZh : part.title));
    for (const entries of sections) {
      const first = entries[0]?.graded.item;
      const section = first && (zh ? (first.sectionZh ?? first.section) : first.section);
      if (section) lines.push(`  ${c.bold(section)}`);
      const margin = section ? '    ' : '  ';
      const indent = ' '.repeat(margin.length + 2 + width + 2);
      for (const entry of entries) {
        const { item, status } = entry.graded;
        const mark = statusColor[status](STATUS_MARK[status]);
        const label = padDisplay(labels.priority[item.priority], width);
        const title = zh ? item.titleZh : item.title;
        lines.push(
          `${margin}${mark} ${priorityColor[item.priority](label)}  ${title}  ${statusColor[status](labels.status[status])}  ${c.dim(item.id)}`,
        );
        for (const line of faceLines(entry, view)) lines.push(indent + line);
        const related = relatedLine(entry, view.lang);
        if (view.details && related) lines.push(indent + c.dim(related));
        if (view.details) {
          lines.push(indent + c.dim(`${labels.how}: ${item.coverage.join(', ')}`));
          lines.push(indent + item.summary);
        }
      }
    }
    lines.push('');
  }
  if (view.items.length === 0) lines.push(labels.none, '');
  return `${lines.join('\n')}\n`;
}

function renderJson(view: ChecklistView): string {
  const document = {
    schemaVersion: CHECKLIST_JSON_SCHEMA_VERSION,
    summary: view.summary,
    declared: view.declared,
    items: view.items.map(({ graded, related }) => ({
      ...graded.item,
      status: graded.status,
      faces: Object.fromEntries(
        COVERAGE_FACES.filter((face) => face in graded.faces).map((face) => {
          const claim = graded.faces[face];
          return [
            face,
            claim
              ? {
                  status: claim.status,
                  by: claim.by,
                  test: claim.test,
                  ...(claim.missing === undefined ? {} : { missing: claim.missing }),
                }
              : { status: 'none' },
          ];
        }),
      ),
      related: { rules: related.rules, controls: related.controls },
    })),
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
    ...summaryLines(view).map((line) => (line.startsWith('  ') ? `- ${line.trim()}` : line)),
    '',
  ];
  for (const { part, sections } of groupItems(view.items)) {
    lines.push(`## ${zh ? part.titleZh : part.title}`, '');
    for (const entries of sections) {
      const first = entries[0]?.graded.item;
      const section = first && (zh ? (first.sectionZh ?? first.section) : first.section);
      if (section) lines.push(`### ${section}`, '');
      lines.push(labels.header, '| --- | --- | --- | --- | --- |');
      for (const entry of entries) {
        const { item, status } = entry.graded;
        const cells = [
          STATUS_MARK[status],
          labels.priority[item.priority],
          `**${escapeCell(zh ? item.titleZh : item.title)}**<br>\`${item.id}\``,
          escapeCell(item.summary),
          [labels.status[status], ...faceLines(entry, { ...view, details: false, missing: true })]
            .map(escapeCell)
            .join('<br>'),
        ];
        lines.push(`| ${cells.join(' | ')} |`);
      }
      lines.push('');
    }
  }
  if (view.items.length === 0) lines.push(labels.none, '');
  return `${lines.join('\n')}\n`;
}

/**
 * Registers `mcp-warden checklist`: the 129 checklist items, each graded `full`, `partial`,
 * `attest` or `none` from claims that name the test showing them, grouped by part and section.
 *
 * @example
 * registerChecklist(program, runtime); // mcp-warden checklist --priority high --uncovered
 */
export function registerChecklist(program: Command, runtime: CommandRuntime): void {
  program
    .command('checklist')
    .description(
      'List the SlowMist MCP Security Checklist items and how far mcp-warden covers each (full, partial, attest or none), with the tests that show it.',
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
    .option('--uncovered', 'only items covered partly or not at all, with what is missing')
    .option('-d, --details', 'text format: also print the tests, related rules, summary and modes')
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

      const related = computeCoverage(CHECKLIST, coverageProviders()).items;
      const graded = gradeCoverage(CHECKLIST, COVERAGE_CLAIMS);
      // Both follow CHECKLIST order, one entry per item.
      const matching = related
        .flatMap((entry, index): ItemView[] => {
          const grade = graded[index];
          return grade ? [{ graded: grade, related: entry }] : [];
        })
        .filter(
          ({ graded: { item } }) =>
            (priorities.size === 0 || priorities.has(item.priority)) &&
            (parts.size === 0 || parts.has(item.part)),
        );
      const uncovered = flags.uncovered ?? false;
      const view: ChecklistView = {
        items: uncovered
          ? matching.filter((e) => e.graded.status === 'none' || e.graded.status === 'partial')
          : matching,
        summary: summarizeGraded(matching.map((entry) => entry.graded)),
        declared: matching.filter((entry) => entry.related.covered).length,
        lang,
        details: flags.details ?? false,
        missing: uncovered,
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
