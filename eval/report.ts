import { CODE_LEVEL_FILE, type Split } from './corpus.js';
import {
  metricsOf,
  type Metrics,
  type Outcome,
  type Population,
  VERDICT_DETECTORS,
} from './evaluate.js';
import { modelFor } from '../src/analyze/scorer/index.js';
import { UNCORROBORATED_SHARE } from '../src/analyze/verdict.js';
import { FIT_OPTIONS } from '../train/dataset.js';
import type { LeaveOutRow } from './leave-out.js';

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

/** A committed model's thresholds, as prose. */
function threshold(kind: 'definition' | 'content'): string {
  const model = modelFor(kind);
  return model ? `${model.threshold.toFixed(3)} (high ${model.high.toFixed(3)})` : 'not available';
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

export interface LeaveOutReport {
  family: Record<'definition' | 'content', LeaveOutRow[]>;
  source: Record<'definition' | 'content', LeaveOutRow[]>;
  /** Records of `train/data` taken in, and the minutes the folds took. */
  dataRecords: number;
  minutes: number;
}

export interface FormatOptions {
  /** Which split's misses and false alarms to list. */
  listSplit: Split | 'all';
  corpus: string;
  /** Leave-one-family-out and leave-one-source-out results (absent with `--skip-leave-out`). */
  leaveOut?: LeaveOutReport;
}

/** What the trained scorer is, for the docs page (describes only what exists). */
const SCORER_SECTION = [
  '## The trained scorer',
  '',
  'Besides the pattern analyzers, every tool result and every whole definition is judged by a trained scorer (`src/analyze/scorer/`): a logistic regression over hashed word unigrams and bigrams and character 3–5-grams of the **normalised** text (invisible characters dropped and counted, NFKC, Cyrillic/Greek look-alikes folded to Latin, leetspeak inside words folded to letters, camelCase written as snake_case, lower case, whitespace runs made one space; an identifier joined by `_` also counts as its words, so a parameter named `ignorePreviousInstructions` shares the weights of the prose), plus the analyzers\' signals (`sig:<rule>`, `kind:<kind>`) and intent cues the n-grams see only word by word (`src/analyze/scorer/intent.ts`): text addressed to the model, authority claims, requests for secrets, orders to call a tool, urgency, send-to-address phrasing, obligations addressed to the reader (modal verbs: "you must", "the assistant shall", "never wait"), the user spoken of as a third party, hiding from the user, approvals taken away (no confirmation, pre-approved), other tools spoken of (instead of, deprecated), a reply dictated to the reader, a rule for every later request, an extra action before or after each use, key and config file paths, literal crypto addresses — each cue a short per-language list of function words and fixed phrases (English, German, Spanish, French, Italian, Portuguese, Russian, Chinese, Japanese), never attack phrases, so that a cue learnt from English attacks also fires on the same request in another language — plus pairs of cues that mean more together (`and:*`: an obligation about the user, about secrets, about other tools), and for definitions scope mismatch between the tool\'s name and parameters and what its text asks (`scope:*`: secret-bearing or conversation-reaching parameters, secrets, sending, destruction or moving funds the name does not announce).',
  '',
  '- Two models: `definition` (every declared string of one tool, prompt, resource or the server instructions — descriptions, titles, `enum`, `const`, `default`, `examples`, `$comment`, nested properties, parameter names — joined into one document, each string after a marker of its field) and `content` (tool results and other data).',
  "- Long texts are scored in windows of 1,024 normalised characters overlapping by half; the strongest window wins, and the verdict carries the span that drove it (the run of characters with the largest positive contribution) and the top features. They appear as the `model.injection` signal in `analyzeText`, in `tool-poisoning` findings and in the gateway's audit records.",
  `- \`npm run train\` trains both models deterministically (seeded order, AdaGrad, L2; for definitions, seeded dropout of ${pct(FIT_OPTIONS.definition.dropout)} of the n-grams and ${pct(FIT_OPTIONS.definition.namedDropout)} of the named features at each step, so that no attack family's wording can carry the fit alone) on this corpus (read at run time, never committed), the synthetic records of \`train/data\`, and real benign text read at training time and never committed: package READMEs and JSDoc comments of \`node_modules\` as benign tool results, each JSDoc comment also as the description of a benign tool, the definitions of the real MCP servers installed there (\`train/gen/offline-benign.mjs\`), and the tool and parameter descriptions and README paragraphs of the MCP server packages of npm pinned in \`train/gen/npm-servers.mjs\`, read statically from their packed tarballs ( none of them is in the corpus, and offline text the corpus also holds is dropped). Real definitions listed from a server weigh three times a synthetic one. The weights, quantised to one byte each, are committed in \`src/analyze/scorer/weights.generated.ts\`.`,
  `- Thresholds are chosen on out-of-fold scores (4 folds) dealt by **source**, not at random: each corpus file, each synthetic style, each real server and each package is one group, so every score comes from a fit that never saw its source (plain synthetic documents without look-alike wording are dealt at random: every synthetic attack sits inside one, so holding a document type out would keep its attacks and teach its words as attack words). \`threshold\` lets through at most ${pct(FIT_OPTIONS.definition.falseAlarms)} (definitions) or ${pct(FIT_OPTIONS.content.falseAlarms)} (results) of all benign records **and** at most ${pct(FIT_OPTIONS.definition.realFalseAlarms)} (definitions) or ${pct(FIT_OPTIONS.content.realFalseAlarms)} (results) of the real benign ones (real servers' definitions, package docs and comments), and for results at most ${pct(FIT_OPTIONS.content.writtenFalseAlarms)} of the other benign ones (look-alikes written for training, the corpus's e-mails and call logs), each share of its own pool; \`high\` a fifth of that; neither below 0.5 (definitions) or ${(FIT_OPTIONS.content.floor ?? 0.5).toFixed(2)} (results: short tool outputs such as "done: transfer_funds #1" are in no calibration pool). With the committed weights the definition model's threshold is ${threshold('definition')} and the content model's ${threshold('content')}.`,
  `- In \`verdict.ts\` the model adds a signal of weight 0.5 (a \`medium\` threat) at its threshold, rising to 0.7 (\`high\`) at its high threshold and 0.9 at certainty; below its threshold it adds nothing. On a definition the model alone — no analyzer signal of weight 0.2 or more on any of its strings — stays in the \`low\` band (weight 0.45) until it is ${pct(UNCORROBORATED_SHARE)} of the way from its threshold to its high threshold: the leave-out tables weigh the retrained model the same way (\`modelFlags\` in \`eval/leave-out.ts\`), and the \`benign-servers.jsonl\` row of the leave-one-source-out table below is the share of real servers' definitions flagged by a model that never saw them, still more than the 1 % the out-of-fold calibration aims at. The deterministic analyzers (tag characters, ANSI conceal, decoded payloads, secrets) keep their own weights and verdicts.`,
  '- `definition-changed` judges a rug pull by its diff: the text a change adds is analysed and scored; a threat makes the finding `high` (`critical` when certain), a change that adds nothing suspicious is `low`.',
  "- Speed: `npm run bench:scorer` measures the scorer's CPU time per MiB and per definition.",
  '',
];

function leaveOutSection(report: LeaveOutReport | undefined): string[] {
  if (!report) {
    return ['## Leave-one-out (trained scorer)', '', 'Not run (`--skip-leave-out`).', ''];
  }
  const lines = [
    '## Leave-one-out (trained scorer): the numbers to quote',
    '',
    `The scorer is retrained for every fold without the family or source left out (thresholds chosen again on out-of-fold scores of the remaining data), then measured on what was left out. A record counts as detected when the analyzers' own verdict (without any model) or the retrained model flags it; "model alone" is the model's share. Bare injection goals, user prompts, secrets and code-level records are not in these tables (they carry no injection text). Training data: the corpus plus ${String(report.dataRecords)} records of \`train/data\`. All folds took ${report.minutes.toFixed(1)} min on one core.`,
    '',
  ];
  const totals = (rows: LeaveOutRow[]): string => {
    const t = leaveOutTotals(rows);
    return `recall ${pct(t.recall)} (model alone ${pct(t.modelRecall)}), false alarms ${pct(t.fpr)}`;
  };
  lines.push(
    `- Definitions, leave-one-family-out: ${totals(report.family.definition)}.`,
    `- Definitions, leave-one-source-out: ${totals(report.source.definition)}.`,
    `- Tool results, leave-one-family-out: ${totals(report.family.content)}.`,
    `- Tool results, leave-one-source-out: ${totals(report.source.content)}.`,
    '',
  );
  for (const [title, rows, what] of [
    ['Definitions, leave-one-family-out', report.family.definition, 'family'],
    ['Definitions, leave-one-source-out', report.source.definition, 'source'],
    ['Tool results, leave-one-family-out', report.family.content, 'family'],
    ['Tool results, leave-one-source-out', report.source.content, 'source'],
  ] as const) {
    lines.push(`### ${title}`, '', ...leaveOutTable(rows, what), '');
  }
  return lines;
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
    `Measured on the labelled MCP security corpus (${String(outcomes.length)} records, read at run time from \`${options.corpus}\`; not part of this repository). Every tool, prompt, resource and server-instructions record becomes a one-definition snapshot run through the real detector registry: it counts as flagged when a finding is at least \`medium\`. Every tool result goes through \`analyzeText\` plus the secret index and the gateway verdict (\`toolResultVerdict\`, threshold \`INJECTION_THRESHOLD\`). Both include the trained scorer (\`model.injection\`, see *The trained scorer* below) with its committed weights, which were trained on this corpus: the summary, class and file tables are **in-sample** for the model and overstate what it catches on new data. The leave-one-out tables retrain without what they measure and are the numbers to quote. Records are split by a hash of their id into \`tune\` (~70%, used to improve rules) and \`holdout\` (~30%, only measured).`,
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
    ...SCORER_SECTION,
    ...leaveOutSection(options.leaveOut),
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

/** Totals of leave-out rows: recall over all attacks, false alarms over all benign records. */
export function leaveOutTotals(rows: readonly LeaveOutRow[]): {
  attacks: number;
  detected: number;
  modelDetected: number;
  benign: number;
  falseAlarms: number;
  recall: number | undefined;
  modelRecall: number | undefined;
  fpr: number | undefined;
  /** Mean of the per-group recalls (every family weighs the same). */
  macroRecall: number | undefined;
} {
  const sum = (f: (r: LeaveOutRow) => number): number => rows.reduce((s, r) => s + f(r), 0);
  const attacks = sum((r) => r.attacks);
  const benign = sum((r) => r.benign);
  const withAttacks = rows.filter((r) => r.attacks > 0);
  return {
    attacks,
    detected: sum((r) => r.detected),
    modelDetected: sum((r) => r.modelDetected),
    benign,
    falseAlarms: sum((r) => r.falseAlarms),
    recall: attacks > 0 ? sum((r) => r.detected) / attacks : undefined,
    modelRecall: attacks > 0 ? sum((r) => r.modelDetected) / attacks : undefined,
    fpr: benign > 0 ? sum((r) => r.falseAlarms) / benign : undefined,
    macroRecall:
      withAttacks.length > 0
        ? withAttacks.reduce((s, r) => s + r.detected / r.attacks, 0) / withAttacks.length
        : undefined,
  };
}

/** One leave-out scheme as a Markdown table with a totals row. */
export function leaveOutTable(rows: readonly LeaveOutRow[], what: 'family' | 'source'): string[] {
  const lines = [
    row([
      `${what} left out`,
      'attacks',
      'detected',
      'recall',
      'model alone',
      'benign',
      'false alarms',
      'FPR',
      'threshold',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const r of rows) {
    lines.push(
      row([
        `\`${r.heldOut}\``,
        r.attacks,
        r.detected,
        pct(r.attacks > 0 ? r.detected / r.attacks : undefined),
        pct(r.attacks > 0 ? r.modelDetected / r.attacks : undefined),
        r.benign,
        r.falseAlarms,
        pct(r.benign > 0 ? r.falseAlarms / r.benign : undefined),
        r.threshold.toFixed(3),
      ]),
    );
  }
  const t = leaveOutTotals(rows);
  lines.push(
    row([
      '**all**',
      t.attacks,
      t.detected,
      `**${pct(t.recall)}** (macro ${pct(t.macroRecall)})`,
      pct(t.modelRecall),
      t.benign,
      t.falseAlarms,
      `**${pct(t.fpr)}**`,
      '',
    ]),
  );
  return lines;
}
