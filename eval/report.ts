import { CODE_LEVEL_FILE, type Split } from './corpus.js';
import {
  metricsOf,
  type Metrics,
  type Outcome,
  type Population,
  VERDICT_DETECTORS,
} from './evaluate.js';

/** Tables and lists from evaluation outcomes, as Markdown (printed and written to docs). */

const SPLITS: readonly (Split | 'all')[] = ['tune', 'holdout', 'all'];
/**
 * Classes whose records carry no attack in their own text: bare injection goals ("delete file
 * 13") and the user prompts that trigger a server-side attack. Counted, but also shown apart.
 */
export const NO_TEXT_ATTACK: ReadonlySet<string> = new Set(['injection_goal', 'user_prompt']);
const POPULATIONS: readonly [Population, string][] = [
  ['definition', 'definitions (tool/prompt/resource/instructions)'],
  ['tool_result', 'tool results (gateway verdict)'],
];

function inSplit(outcomes: readonly Outcome[], split: Split | 'all'): Outcome[] {
  return split === 'all' ? [...outcomes] : outcomes.filter((o) => o.split === split);
}

function pct(value: number | undefined): string {
  return value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export interface Summary {
  /** Records on which rules outside the verdict set raised medium-or-worse findings, by rule. */
  otherRules: Record<string, { malicious: number; benign: number }>;
  metrics: Record<string, Record<string, Metrics>>;
  classes: Record<string, Record<string, { n: number; detected: number }>>;
  codeLevel: { n: number; flagged: number };
  benignServerHighAlarms: number;
}

/** The numbers the gate test and `--json` use. */
export function summarize(outcomes: readonly Outcome[]): Summary {
  const metrics: Summary['metrics'] = {};
  for (const [population] of POPULATIONS) {
    metrics[population] = {};
    for (const split of SPLITS) {
      metrics[population][split] = metricsOf(
        inSplit(outcomes, split).filter((o) => o.population === population),
      );
    }
  }
  metrics.poisoning = {};
  for (const split of SPLITS) {
    metrics.poisoning[split] = metricsOf(
      inSplit(outcomes, split).filter(
        (o) => o.population === 'definition' && !NO_TEXT_ATTACK.has(o.attackClass),
      ),
    );
  }
  metrics.combined = {};
  for (const split of SPLITS) {
    metrics.combined[split] = metricsOf(
      inSplit(outcomes, split).filter((o) => o.population !== 'code_level'),
    );
  }
  const classes: Summary['classes'] = {};
  for (const outcome of outcomes) {
    if (!outcome.malicious || outcome.population === 'code_level') continue;
    const key = `${outcome.population}\0${outcome.attackClass}`;
    classes[key] ??= {};
    for (const split of ['all', outcome.split] as const) {
      const entry = (classes[key][split] ??= { n: 0, detected: 0 });
      entry.n++;
      if (outcome.flagged) entry.detected++;
    }
  }
  const code = outcomes.filter((o) => o.population === 'code_level');
  const otherRules: Summary['otherRules'] = {};
  for (const outcome of outcomes) {
    for (const id of outcome.otherRules ?? []) {
      const entry = (otherRules[id] ??= { malicious: 0, benign: 0 });
      if (outcome.malicious) entry.malicious++;
      else entry.benign++;
    }
  }
  return {
    otherRules,
    metrics,
    classes,
    codeLevel: { n: code.length, flagged: code.filter((o) => o.flagged).length },
    benignServerHighAlarms: outcomes.filter(
      (o) =>
        o.file === 'benign-servers.jsonl' && o.flagged && /\[(?:high|critical)\]/u.test(o.reason),
    ).length,
  };
}

function metricsTable(summary: Summary): string[] {
  const lines = [
    row(['population', 'split', 'n', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'FPR']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const labelled: [string, string][] = [
    POPULATIONS[0] ?? ['definition', 'definitions'],
    ['poisoning', 'definitions without bare goals / trigger prompts'],
    ...POPULATIONS.slice(1),
    ['combined', 'all text-visible records'],
  ];
  for (const [population, label] of labelled) {
    for (const split of SPLITS) {
      const m = summary.metrics[population]?.[split];
      if (!m) continue;
      lines.push(
        row([
          label,
          split,
          m.n,
          m.tp,
          m.fp,
          m.fn,
          m.tn,
          pct(m.precision),
          pct(m.recall),
          pct(m.fpr),
        ]),
      );
    }
  }
  return lines;
}

function classTable(summary: Summary): string[] {
  const lines = [
    row(['population', 'attack class', 'tune', 'holdout', 'all', 'recall (all)']),
    row(['---', '---', '---:', '---:', '---:', '---:']),
  ];
  const keys = Object.keys(summary.classes).sort();
  for (const key of keys) {
    const [population = '', name = ''] = key.split('\0');
    const cell = (split: string): string => {
      const entry = summary.classes[key]?.[split];
      return entry ? `${String(entry.detected)}/${String(entry.n)}` : '–';
    };
    const all = summary.classes[key]?.all;
    lines.push(
      row([
        population,
        name,
        cell('tune'),
        cell('holdout'),
        cell('all'),
        pct(all ? all.detected / all.n : undefined),
      ]),
    );
  }
  return lines;
}

function fileTable(outcomes: readonly Outcome[]): string[] {
  const lines = [
    row([
      'source file',
      'malicious',
      'benign',
      'precision',
      'recall',
      'FPR',
      'recall tune / holdout',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const files = [...new Set(outcomes.map((o) => o.file))].sort();
  for (const file of files) {
    const of = outcomes.filter((o) => o.file === file);
    const m = metricsOf(of);
    const tune = metricsOf(of.filter((o) => o.split === 'tune'));
    const holdout = metricsOf(of.filter((o) => o.split === 'holdout'));
    const note = file === CODE_LEVEL_FILE ? ' (code-level)' : '';
    lines.push(
      row([
        `${file}${note}`,
        m.tp + m.fn,
        m.fp + m.tn,
        pct(m.precision),
        pct(m.recall),
        pct(m.fpr),
        `${pct(tune.recall)} / ${pct(holdout.recall)}`,
      ]),
    );
  }
  return lines;
}

export interface FormatOptions {
  /** Which split's misses and false alarms to list. */
  listSplit: Split | 'all';
  corpus: string;
}

/** The whole report as Markdown. */
export function formatReport(outcomes: readonly Outcome[], options: FormatOptions): string {
  const summary = summarize(outcomes);
  const listed = inSplit(outcomes, options.listSplit).filter((o) => o.population !== 'code_level');
  const misses = listed.filter((o) => o.malicious && !o.flagged);
  const alarms = listed.filter((o) => !o.malicious && o.flagged);
  const code = summary.codeLevel;
  return [
    '# Detection quality',
    '',
    '<!-- Generated by `npm run eval -- --write-docs`; do not edit by hand. -->',
    '',
    `Measured on the labelled MCP security corpus (${String(outcomes.length)} records, read at run time from \`${options.corpus}\`; not part of this repository). Every tool, prompt, resource and server-instructions record becomes a one-definition snapshot run through the real detector registry: it counts as flagged when a finding is at least \`medium\`. Every tool result goes through \`analyzeText\` plus the secret index and the gateway verdict (\`toolResultVerdict\`, threshold \`INJECTION_THRESHOLD\`). Records are split by a hash of their id into \`tune\` (~70%, used to improve rules) and \`holdout\` (~30%, only measured).`,
    '',
    '## Summary',
    '',
    ...metricsTable(summary),
    '',
    `Code-level attacks (\`${CODE_LEVEL_FILE}\`): ${String(code.flagged)} of ${String(code.n)} flagged — the malice is in the implementation, not visible to a description scanner; not counted above.`,
    '',
    `High-severity false alarms on real servers (\`benign-servers.jsonl\`): ${String(summary.benignServerHighAlarms)}.`,
    '',
    `Rules in the verdict: ${[...VERDICT_DETECTORS].map((id) => `\`${id}\``).join(', ')}. Other rules describe risk rather than malice; their medium-or-worse findings on these records, not counted above: ${
      Object.keys(summary.otherRules).length === 0
        ? 'none'
        : Object.entries(summary.otherRules)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(
              ([id, n]) =>
                `\`${id}\` ${String(n.malicious)} malicious / ${String(n.benign)} benign`,
            )
            .join('; ')
    }.`,
    '',
    '## Recall by attack class',
    '',
    ...classTable(summary),
    '',
    '## By source file (all splits)',
    '',
    ...fileTable(outcomes),
    '',
    `## Misses (${options.listSplit} split, ${String(misses.length)})`,
    '',
    ...(misses.length > 0
      ? misses.map((o) => `- \`${o.id}\` (${o.attackClass}): ${o.reason}`)
      : ['None.']),
    '',
    `## False alarms (${options.listSplit} split, ${String(alarms.length)})`,
    '',
    ...(alarms.length > 0 ? alarms.map((o) => `- \`${o.id}\`: ${o.reason}`) : ['None.']),
    '',
  ].join('\n');
}
