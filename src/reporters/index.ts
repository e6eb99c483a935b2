import { ToolkitError } from '../core/errors.js';
import type { Reporter } from '../core/report.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export type ReporterId = Reporter['id'];

/** Every built-in reporter, by id. */
export const reporters = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  markdown: markdownReporter,
} as const satisfies Readonly<Record<ReporterId, Reporter>>;

export const REPORTER_IDS = Object.keys(reporters) as readonly ReporterId[];

export function isReporterId(id: string): id is ReporterId {
  return Object.hasOwn(reporters, id);
}

/**
 * The reporter for a format id; a `USAGE` error naming the allowed ids otherwise.
 *
 * @example
 * const document = getReporter('sarif').format(report, context);
 */
export function getReporter(id: string): Reporter {
  if (!isReporterId(id)) {
    const allowed = REPORTER_IDS.join(', ');
    throw new ToolkitError('USAGE', `Unknown report format "${id}"; use one of: ${allowed}.`, {
      hint: `Pass --format with one of: ${allowed}.`,
    });
  }
  return reporters[id];
}

export { jsonReporter, markdownReporter, sarifReporter, textReporter };
export { canonicalReport } from './json.js';
export { SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI } from './sarif.js';
