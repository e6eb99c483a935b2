import { buildSecretIndex, findSecretsSync, mergeHits } from '../../analyze/secrets.js';
import { redactSpans } from '../../core/redact.js';
import type { ServerSpec } from '../../core/server-spec.js';
import type { SnapshotServer } from '../../core/snapshot.js';

/** `--api-key` → `api-key`, for use as the name a following value is assigned to. */
function flagName(token: string | undefined): string | undefined {
  if (token === undefined || !token.startsWith('-')) return undefined;
  return token.replace(/^-+/, '');
}

/** Finds secret spans in a value, given the name it is assigned to when there is one. */
export type SecretFinder = (
  text: string,
  name?: string,
) => readonly { start: number; end: number }[];

const syncFinder: SecretFinder = (text, name) =>
  findSecretsSync(text, name === undefined ? {} : { name });

/** One argument redacted: `--token=abc…` by the flag's name, a bare value by the flag before it. */
function redactArg(arg: string, previous: string | undefined, find: SecretFinder): string {
  const equals = arg.indexOf('=');
  if (arg.startsWith('-') && equals > 0) {
    const value = arg.slice(equals + 1);
    const name = flagName(arg.slice(0, equals));
    return `${arg.slice(0, equals + 1)}${redactSpans(value, find(value, name))}`;
  }
  return redactSpans(arg, find(arg, flagName(previous)));
}

/** A URL with secrets in its userinfo, query values and path redacted. */
function redactUrl(raw: string, find: SecretFinder): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactSpans(raw, find(raw));
  }
  let changed = false;
  if (url.password !== '') {
    url.password = '****';
    changed = true;
  }
  for (const [key, value] of [...url.searchParams]) {
    const redacted = redactSpans(value, find(value, key));
    if (redacted !== value) {
      url.searchParams.set(key, redacted);
      changed = true;
    }
  }
  const text = changed ? url.toString() : raw;
  return redactSpans(text, find(text));
}

/**
 * The command line or URL of a server, for display and for snapshots: secrets redacted the way
 * the config scan does it (provider token formats, secret-named flags and query parameters).
 *
 * @example
 * describeTarget({ transport: 'stdio', command: 'npx', args: ['srv', '--api-key', 'sk-live-…'] });
 * // 'npx srv --api-key sk-l****…(40 chars)'
 */
export function describeTarget(
  spec: Pick<ServerSpec, 'transport' | 'command' | 'args' | 'url'>,
  find: SecretFinder = syncFinder,
): string {
  if (spec.transport !== 'stdio') return redactUrl(spec.url ?? '', find);
  const tokens = [spec.command ?? '', ...spec.args];
  return tokens
    .map((token, index) =>
      index === 0 ? redactSpans(token, find(token)) : redactArg(token, tokens[index - 1], find),
    )
    .join(' ')
    .trim();
}

/**
 * The identity of a configured server, as a snapshot records it: the target redacted with
 * the secret engine's rule table.
 */
export async function snapshotServer(spec: ServerSpec): Promise<SnapshotServer> {
  const texts = [spec.command ?? '', ...spec.args, spec.url ?? ''];
  const index = await buildSecretIndex(texts);
  const find: SecretFinder = (text, name) =>
    mergeHits(index.find(text), name === undefined ? [] : findSecretsSync(text, { name }));
  return {
    name: spec.name,
    client: spec.client,
    source: spec.source,
    transport: spec.transport,
    target: describeTarget(spec, find),
  };
}
