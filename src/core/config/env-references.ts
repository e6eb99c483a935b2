import { ToolkitError } from '../errors.js';
import { ENV_NAME_PATTERN } from './schema.js';

/**
 * `${env:NAME}` references in a policy's `args`, `env` and `headers` values: the gateway fills
 * them in from its own environment when it starts a server, so secrets stay out of the policy
 * file. Any other `${…}` is left as written.
 */

const REFERENCE = /\$\{env:([^}]*)\}/g;
const UNTERMINATED = /\$\{env:[^}]*$/;

/** What is wrong with the `${env:…}` references in `value`; empty when they are all well formed. */
export function envReferenceProblems(value: string): string[] {
  const problems: string[] = [];
  for (const match of value.matchAll(REFERENCE)) {
    const name = match[1] ?? '';
    if (!ENV_NAME_PATTERN.test(name)) {
      problems.push(
        `"${match[0]}" is not a valid reference: write \${env:NAME} with NAME made of letters, digits and _`,
      );
    }
  }
  if (UNTERMINATED.test(value)) problems.push('"${env:" is not closed with "}"');
  return problems;
}

/** The variable names `value` refers to, in order, without duplicates. */
export function envReferenceNames(value: string): string[] {
  const names = [...value.matchAll(REFERENCE)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => ENV_NAME_PATTERN.test(name)))];
}

/**
 * Replaces every `${env:NAME}` in `value` with `env[NAME]`. A variable that is not set is an
 * error (fail closed: a server is not started with a half-filled credential).
 *
 * @example
 * expandEnvReferences('Bearer ${env:API_TOKEN}', { API_TOKEN: 't0k3n' }); // 'Bearer t0k3n'
 */
export function expandEnvReferences(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  where = 'the policy',
): string {
  return value.replace(REFERENCE, (reference, name: string) => {
    const resolved = env[name];
    if (!ENV_NAME_PATTERN.test(name) || resolved === undefined) {
      throw new ToolkitError(
        'CONFIG_INVALID',
        `${where} refers to ${reference}, but ${name || 'that variable'} is not set in the gateway's environment.`,
        { hint: `Set ${name || 'it'} before starting mcp-warden, or remove the reference.` },
      );
    }
    return resolved;
  });
}
