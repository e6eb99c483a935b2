import { readFile, realpath, stat } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { ToolkitError } from '../core/errors.js';
import { parseText } from '../discovery/document.js';
import { editText } from './edit-text.js';
import { dataPath } from './entry-edits.js';
import {
  applyOpsToData,
  hasFrom,
  invertOp,
  isApplied,
  isUnapplied,
  sameData,
  valueAt,
  type FieldOp,
} from './field-op.js';
import {
  loadRecord,
  pruneBackups,
  saveRecord,
  sha256,
  writeAtomic,
  type InstallStep,
  type RecordedEntry,
} from './record.js';
import { innerArgv } from './wrap-command.js';

/** What uninstall does to one file. */
export interface RestorePlan {
  path: string;
  /**
   * `restored`: the file is exactly as install left it, so its original bytes come back;
   * `unwrapped`: it changed since, so only mcp-warden's own edits are undone in the current text;
   * `unchanged`: install's edits are no longer there; `missing`: the file is gone.
   */
  how: 'restored' | 'unwrapped' | 'unchanged' | 'missing';
  before?: Buffer;
  after?: Buffer;
  /** Entries whose edits could not be undone, and why. */
  conflicts: string[];
  steps: InstallStep[];
}

function groupByPath(steps: readonly InstallStep[]): Map<string, InstallStep[]> {
  const groups = new Map<string, InstallStep[]>();
  for (const step of steps) groups.set(step.path, [...(groups.get(step.path) ?? []), step]);
  return groups;
}

/** The ops that undo one entry's edit in `data`, or why they cannot. */
function undoEntry(data: unknown, entry: RecordedEntry): { ops: FieldOp[]; conflict?: string } {
  const inverse = entry.ops.map(invertOp).reverse();
  if (entry.ops.every((op) => isApplied(data, op))) return { ops: inverse };
  // Already as it was before install (undone by an earlier uninstall, or by hand).
  if (entry.ops.every((op) => isUnapplied(data, op))) return { ops: [] };
  // Edited since install: a stdio entry whose command line still runs `wrap` is unwrapped from it.
  if (entry.kind === 'stdio' && entry.argv !== undefined) {
    const { command, args } = entry.argv;
    const argsValue: unknown = valueAt(data, args).value;
    const commandValue = command === undefined ? undefined : valueAt(data, command).value;
    const argv =
      command === undefined
        ? argsValue
        : [commandValue, ...(Array.isArray(argsValue) ? (argsValue as unknown[]) : [])];
    const inner =
      Array.isArray(argv) && argv.every((part) => typeof part === 'string')
        ? innerArgv(argv)
        : undefined;
    if (inner !== undefined) {
      if (command === undefined) return { ops: [{ path: args, from: argsValue, to: inner }] };
      const argsOp = entry.ops.find((op) => op.path.join('\u0000') === args.join('\u0000'));
      const hadArgs = argsOp !== undefined && hasFrom(argsOp);
      const restArgs = inner.slice(1);
      return {
        ops: [
          { path: command, from: commandValue, to: inner[0] },
          restArgs.length === 0 && !hadArgs
            ? { path: args, from: argsValue }
            : { path: args, from: argsValue, to: restArgs },
        ],
      };
    }
  }
  return {
    ops: [],
    conflict: `"${entry.name}" (${entry.pointer}) was changed after install and no longer runs mcp-warden as install wrote it; left as it is`,
  };
}

/**
 * In a JSON file the user changed after install, an entry they left as install wrote it gets
 * its original text back (key order, spacing and all), cut from the backup.
 */
function spliceOriginalEntries(
  current: string,
  original: string,
  step: InstallStep,
  data: unknown,
): { text: string; done: Set<RecordedEntry> } {
  const done = new Set<RecordedEntry>();
  if (step.format !== 'json' && step.format !== 'jsonc') return { text: current, done };
  const bom = current.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = current.slice(bom.length);
  const originalBody = original.replace(/^\uFEFF/, '');
  const originalData = parseText(originalBody, step.format).data;
  const options = { allowTrailingComma: true };
  const currentRoot = parseTree(body, [], options);
  const originalRoot = parseTree(originalBody, [], options);
  if (currentRoot === undefined || originalRoot === undefined) return { text: current, done };
  const splices: { offset: number; length: number; text: string }[] = [];
  for (const entry of step.entries) {
    if (!entry.ops.every((op) => isApplied(data, op))) continue;
    const path = dataPath(originalData, entry.pointer);
    const installed = valueAt(applyOpsToData(originalData, entry.ops), path);
    if (!installed.found || !sameData(valueAt(data, path).value, installed.value)) continue;
    const now = findNodeAtLocation(currentRoot, path);
    const before = findNodeAtLocation(originalRoot, path);
    if (now === undefined || before === undefined) continue;
    splices.push({
      offset: now.offset,
      length: now.length,
      text: originalBody.slice(before.offset, before.offset + before.length),
    });
    done.add(entry);
  }
  let text = body;
  for (const splice of splices.sort((a, b) => b.offset - a.offset)) {
    text = text.slice(0, splice.offset) + splice.text + text.slice(splice.offset + splice.length);
  }
  return { text: bom + text, done };
}

/**
 * Plans the undo of every install recorded in `stateDir`: per file, newest install first, the
 * backup's bytes when the file is exactly as that install left it, else only mcp-warden's own
 * edits undone in the current text. Reads only.
 *
 * @example
 * const plans = await planUninstall(installStateDir(env, platform, home));
 * for (const plan of plans) console.log(plan.path, plan.how, plan.conflicts);
 */
export async function planUninstall(stateDir: string): Promise<RestorePlan[]> {
  const record = await loadRecord(stateDir);
  const plans: RestorePlan[] = [];
  for (const [path, steps] of groupByPath(record.steps)) {
    let current: Buffer;
    try {
      current = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      plans.push({
        path,
        how: 'missing',
        conflicts: [`the file is gone; its original is kept at ${steps[0]?.backup ?? '?'}`],
        steps,
      });
      continue;
    }
    let bytes = current;
    let how: RestorePlan['how'] = 'unchanged';
    const conflicts: string[] = [];
    for (const step of [...steps].reverse()) {
      const hash = sha256(bytes);
      if (hash === step.installedSha256) {
        bytes = await readFile(step.backup);
        if (sha256(bytes) !== step.originalSha256) {
          throw new ToolkitError(
            'FILE_UNREADABLE',
            `The backup ${step.backup} of ${path} is damaged.`,
            {
              hint: 'Nothing was changed. Undo the edits by hand.',
            },
          );
        }
        if (how === 'unchanged') how = 'restored';
        continue;
      }
      if (hash === step.originalSha256) continue;
      const text = bytes.toString('utf8');
      const parsed = parseText(text.replace(/^\uFEFF/, ''), step.format);
      if (parsed.parseError !== undefined) {
        conflicts.push(
          `it does not parse any more (${parsed.parseError.message}); install's edits were left in it`,
        );
        continue;
      }
      const ops: FieldOp[] = [];
      const undone = new Map<RecordedEntry, FieldOp[]>();
      for (const entry of step.entries) {
        const undo = undoEntry(parsed.data, entry);
        if (undo.conflict !== undefined) conflicts.push(undo.conflict);
        undone.set(entry, undo.ops);
        ops.push(...undo.ops);
      }
      if (ops.length === 0) continue;
      try {
        const original = (await readFile(step.backup)).toString('utf8');
        const spliced = spliceOriginalEntries(text, original, step, parsed.data);
        const rest = step.entries
          .filter((entry) => !spliced.done.has(entry))
          .flatMap((entry) => undone.get(entry) ?? []);
        let out =
          rest.length === 0 ? spliced.text : editText(spliced.text, step.format, rest, path);
        const check = parseText(out.replace(/^\uFEFF/, ''), step.format);
        if (
          check.parseError !== undefined ||
          !sameData(check.data, applyOpsToData(parsed.data, ops))
        ) {
          out = editText(text, step.format, ops, path);
        }
        bytes = Buffer.from(out, 'utf8');
        how = 'unwrapped';
      } catch (error) {
        if (!(error instanceof ToolkitError)) throw error;
        conflicts.push(error.message);
      }
    }
    if (how === 'restored' && !bytes.equals(current) && conflicts.length > 0) how = 'unwrapped';
    plans.push({ path, how, before: current, after: bytes, conflicts, steps });
  }
  return plans;
}

/** A unified diff of what uninstall changes in the file. */
export function restoreDiff(plan: RestorePlan): string {
  if (plan.before === undefined || plan.after === undefined) return '';
  return createTwoFilesPatch(
    plan.path,
    plan.path,
    plan.before.toString('utf8'),
    plan.after.toString('utf8'),
    'now',
    'after uninstall',
  );
}

/**
 * Carries out an uninstall plan: writes each file back (through a rename, keeping its mode),
 * then forgets the steps and deletes their backups. A file with conflicts keeps its step (and
 * backup) so that nothing is lost; a file that changed since it was planned is not touched.
 *
 * @example
 * const stateDir = installStateDir(env, platform, home);
 * await applyUninstall(await planUninstall(stateDir), stateDir);
 */
export async function applyUninstall(
  plans: readonly RestorePlan[],
  stateDir: string,
): Promise<{ written: string[] }> {
  const record = await loadRecord(stateDir);
  const written: string[] = [];
  const done: InstallStep[] = [];
  for (const plan of plans) {
    if (plan.before !== undefined && plan.after !== undefined && !plan.after.equals(plan.before)) {
      const target = await realpath(plan.path);
      const now = await readFile(target);
      if (!now.equals(plan.before)) {
        throw new ToolkitError(
          'FILE_UNWRITABLE',
          `${plan.path} changed while mcp-warden was uninstalling; it was not changed.`,
          {
            hint: 'Run `mcp-warden uninstall` again.',
          },
        );
      }
      await writeAtomic(target, plan.after, (await stat(target)).mode & 0o7777);
      written.push(plan.path);
    }
    if (plan.conflicts.length === 0) done.push(...plan.steps);
  }
  const finished = new Set(done);
  record.steps = record.steps.filter(
    (step) =>
      ![...finished].some(
        (gone) => gone.path === step.path && gone.at === step.at && gone.backup === step.backup,
      ),
  );
  await saveRecord(stateDir, record);
  await pruneBackups(done, record);
  return { written };
}
