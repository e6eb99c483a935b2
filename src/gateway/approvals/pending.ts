import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { chmod, link, lstat, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ToolkitError } from '../../core/errors.js';
import { defaultAuditPath } from '../audit/paths.js';

/**
 * Calls waiting for a decision from a terminal (`mcp-warden approve`), for clients that cannot
 * ask the user. One owner-only directory (`$XDG_RUNTIME_DIR/mcp-warden/approvals`, else
 * `approvals/` beside the default audit log): the gateway writes `<id>.json` describing the call
 * and waits (inotify, no polling) for `<id>.decision.json`, which `mcp-warden approve` creates
 * atomically and at most once. A decision names the call's binding, so it approves only the call
 * it was shown.
 */

export interface PendingCall {
  version: 1;
  id: string;
  server: string;
  method: string;
  tool?: string;
  arguments: unknown;
  reason: string;
  /** {@link callBinding} of the call. */
  binding: string;
  createdAt: number;
  expiresAt: number;
  pid: number;
}

export interface PendingDecision {
  id: string;
  binding: string;
  decision: 'approve' | 'deny';
  at: number;
}

export type WaitResult = 'approve' | 'deny' | 'timeout' | 'aborted';

const DECISION_SUFFIX = '.decision.json';
const ID_PATTERN = /^[a-z0-9]{8}$/;

/** Where pending calls live for this user. */
export function approvalsDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime !== undefined && runtime !== '') return join(runtime, 'mcp-warden', 'approvals');
  return join(dirname(defaultAuditPath(env, platform, home)), 'approvals');
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Creates the directory owner-only, or checks that an existing one is: a directory (not a link)
 * owned by this user that nobody else can read or write. Anything else is an error (fail closed).
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stats = await lstat(dir);
  const uid = process.getuid?.();
  const problem = !stats.isDirectory()
    ? 'is not a directory'
    : uid !== undefined && stats.uid !== uid
      ? `belongs to user ${String(stats.uid)}, not to you (${String(uid)})`
      : (stats.mode & 0o077) !== 0
        ? `can be read or written by others (mode ${(stats.mode & 0o777).toString(8)})`
        : undefined;
  if (problem !== undefined) {
    throw new ToolkitError('CONFIG_INVALID', `The approvals directory ${dir} ${problem}.`, {
      hint: `Remove it, or make it yours and owner-only: chmod 700 ${dir}`,
    });
  }
}

function isPendingCall(value: unknown): value is PendingCall {
  if (typeof value !== 'object' || value === null) return false;
  const call = value as Record<string, unknown>;
  return (
    call.version === 1 &&
    typeof call.id === 'string' &&
    ID_PATTERN.test(call.id) &&
    typeof call.server === 'string' &&
    typeof call.method === 'string' &&
    typeof call.reason === 'string' &&
    typeof call.binding === 'string' &&
    typeof call.expiresAt === 'number'
  );
}

/** The gateway's side: registers calls and waits for their decision. */
export class PendingCalls {
  constructor(readonly dir: string) {}

  /** A fresh short id a person can type. */
  static newId(): string {
    return randomBytes(5).toString('hex').slice(0, 8);
  }

  async register(call: PendingCall): Promise<void> {
    await ensurePrivateDir(this.dir);
    await writeFile(join(this.dir, `${call.id}.json`), `${JSON.stringify(call, null, 2)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
  }

  /**
   * Waits for `mcp-warden approve` to decide on `call`, until `timeoutMs` or `signal`. A decision
   * for another binding counts as a denial. The call's files are removed either way.
   */
  wait(call: PendingCall, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    const decisionFile = join(this.dir, `${call.id}${DECISION_SUFFIX}`);
    return new Promise((resolveWait) => {
      let done = false;
      let watcher: FSWatcher | undefined;
      const finish = (result: WaitResult): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        watcher?.close();
        signal?.removeEventListener('abort', onAbort);
        void this.remove(call.id).then(() => {
          resolveWait(result);
        });
      };
      const check = (): void => {
        readFile(decisionFile, 'utf8').then(
          (text) => {
            let decision: Partial<PendingDecision> = {};
            try {
              decision = JSON.parse(text) as Partial<PendingDecision>;
            } catch {
              // a decision file that is not JSON is a no
            }
            const yes =
              decision.id === call.id &&
              decision.binding === call.binding &&
              decision.decision === 'approve';
            finish(yes ? 'approve' : 'deny');
          },
          (error: unknown) => {
            if (errorCode(error) !== 'ENOENT') finish('deny');
          },
        );
      };
      const onAbort = (): void => {
        finish('aborted');
      };
      const timer = setTimeout(() => {
        finish('timeout');
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        watcher = watch(this.dir, (_event, name) => {
          if (name === `${call.id}${DECISION_SUFFIX}`) check();
        });
        watcher.on('error', () => {
          finish('deny');
        });
      } catch {
        finish('deny');
        return;
      }
      check();
    });
  }

  private async remove(id: string): Promise<void> {
    for (const name of [`${id}.json`, `${id}${DECISION_SUFFIX}`]) {
      await unlink(join(this.dir, name)).catch(() => undefined);
    }
  }
}

/** The terminal's side: the calls waiting now, oldest first; expired leftovers are removed. */
export async function listPendingCalls(dir: string, now = Date.now()): Promise<PendingCall[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  await ensurePrivateDir(dir);
  const calls: PendingCall[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.endsWith(DECISION_SUFFIX)) continue;
    let value: unknown;
    try {
      value = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    if (!isPendingCall(value)) continue;
    if (value.expiresAt <= now) {
      await unlink(join(dir, name)).catch(() => undefined);
      continue;
    }
    const decided = names.includes(`${value.id}${DECISION_SUFFIX}`);
    if (!decided) calls.push(value);
  }
  return calls.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Decides one pending call, at most once: the decision file appears atomically (hard link of a
 * private temporary file), and a second decision for the same call fails.
 */
export async function decidePendingCall(
  dir: string,
  id: string,
  decision: 'approve' | 'deny',
  now = Date.now(),
): Promise<PendingCall> {
  if (!ID_PATTERN.test(id)) {
    throw new ToolkitError('USAGE', `"${id}" is not a pending call id (8 letters and digits).`, {
      hint: 'Run `mcp-warden approve` without an id to list the calls waiting.',
    });
  }
  await ensurePrivateDir(dir);
  let call: unknown;
  try {
    call = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8'));
  } catch {
    call = undefined;
  }
  if (!isPendingCall(call) || call.id !== id || call.expiresAt <= now) {
    throw new ToolkitError(
      'FILE_NOT_FOUND',
      `No call ${id} is waiting for a decision (it was answered, it expired, or its gateway stopped).`,
      { hint: 'Run `mcp-warden approve` without an id to list the calls waiting.' },
    );
  }
  const body: PendingDecision = { id, binding: call.binding, decision, at: now };
  const temporary = join(dir, `.${id}.${String(process.pid)}.tmp`);
  await writeFile(temporary, `${JSON.stringify(body)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await chmod(temporary, 0o600);
    await link(temporary, join(dir, `${id}${DECISION_SUFFIX}`));
  } catch (error) {
    if (errorCode(error) === 'EEXIST') {
      throw new ToolkitError('USAGE', `Call ${id} has already been decided.`, { cause: error });
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return call;
}
