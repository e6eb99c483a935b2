import { describe, expect, it } from 'vitest';
import { buildSecretIndex } from '../analyze/secrets.js';
import type { Detector, DetectorContext } from '../core/detector.js';
import { runDetectors, type EngineResult } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { ConfigFile, ServerSpec } from '../core/server-spec.js';
import type { Severity } from '../core/severity.js';
import { declaredStrings, type Snapshot } from '../core/snapshot.js';
import { TEST_HOME } from './testing.js';

/** What a detector runs over in a test: one config file or several, or live server snapshots. */
export type DetectorSubject = ConfigFile | readonly ConfigFile[] | Snapshot | readonly Snapshot[];

function isSnapshot(value: ConfigFile | Snapshot): value is Snapshot {
  return 'schemaVersion' in value;
}

/** Splits a subject into the config files and the snapshots it holds. */
export function subjectParts(subject: DetectorSubject): {
  files: ConfigFile[];
  snapshots: Snapshot[];
} {
  const list: readonly (ConfigFile | Snapshot)[] = Array.isArray(subject)
    ? (subject as readonly (ConfigFile | Snapshot)[])
    : [subject as ConfigFile | Snapshot];
  return {
    files: list.filter((entry): entry is ConfigFile => !isSnapshot(entry)),
    snapshots: list.filter(isSnapshot),
  };
}

export interface ValidCase {
  /** A sentence: what this case is and why it must (not) be flagged. */
  name: string;
  subject: DetectorSubject;
  /** Detector options, validated by the detector's schema like the engine does. */
  options?: unknown;
  environment?: Partial<DetectorContext['environment']>;
}

export interface ExpectedError {
  messageId: string;
  /** The finding's JSON pointer (`/mcpServers/x/args/2`). */
  at?: string;
  /** For snapshot findings: the definition's name (`read_file`) … */
  item?: string;
  /** … and the field in it (`description`, `inputSchema.properties.path.description`). */
  field?: string;
  severity?: Severity;
  /** A substring of, or a pattern for, the rendered message. */
  message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  /** Every finding, in the order the detector reports them. */
  errors: readonly ExpectedError[];
}

export interface DetectorTests {
  valid: readonly ValidCase[];
  invalid: readonly InvalidCase[];
}

/** Every string of a server a scan would index for secrets. */
export function subjectStrings(files: readonly ConfigFile[]): string[] {
  const ofServer = (server: ServerSpec): string[] => [
    server.command ?? '',
    ...server.args,
    ...Object.values(server.env),
    server.url ?? '',
    ...Object.values(server.headers),
    server.cwd ?? '',
    server.envFile ?? '',
  ];
  return files.flatMap((file) => file.servers.flatMap(ofServer)).filter((text) => text !== '');
}

/**
 * Runs one detector over test subjects, shaped like ESLint's `RuleTester`: `valid` cases must
 * produce no finding, `invalid` cases exactly the listed errors. Each run uses the real engine
 * and a real secret index built over the subject's strings, and checks that no finding carries a
 * secret the index knows about.
 *
 * @example
 * new DetectorTester(hardcodedSecret).run({
 *   valid: [{ name: 'a token read from the environment is fine', subject: serverFile({ env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}' } }) }],
 *   invalid: [{ name: 'a GitHub token in env', subject: serverFile({ env: { GITHUB_TOKEN: 'ghp_…' } }), errors: [{ messageId: 'secretInEnv' }] }],
 * });
 */
export class DetectorTester {
  constructor(private readonly detector: Detector) {}

  /** Runs the detector once and returns the engine's result (for extra assertions). */
  async execute(testCase: ValidCase): Promise<EngineResult> {
    const { files, snapshots } = subjectParts(testCase.subject);
    const strings = [
      ...subjectStrings(files),
      ...snapshots.flatMap((snapshot) => declaredStrings(snapshot).map((entry) => entry.text)),
    ];
    const index = await buildSecretIndex(strings);
    const result = runDetectors(
      { [this.detector.id]: this.detector },
      { files, snapshots },
      {
        cwd: '/',
        services: { findSecrets: (text) => index.find(text) },
        environment: { homeDirs: [TEST_HOME], platform: 'linux', ...testCase.environment },
        ...(testCase.options === undefined
          ? {}
          : { detectorOptions: { [this.detector.id]: testCase.options } }),
      },
    );
    expect(result.diagnostics, 'the detector ran without diagnostics').toEqual([]);
    const secrets = strings.flatMap((text) =>
      index.find(text).map((hit) => text.slice(hit.start, hit.end)),
    );
    for (const finding of result.findings) this.checkFinding(finding, secrets);
    return result;
  }

  private checkFinding(finding: Finding, secrets: readonly string[]): void {
    expect(Object.keys(this.detector.meta.messages)).toContain(finding.messageId);
    expect(finding.message, 'every {{placeholder}} is filled').not.toMatch(/\{\{\s*\w+\s*\}\}/);
    const serialised = JSON.stringify(finding);
    for (const secret of secrets) {
      if (secret.length >= 8)
        expect(serialised, 'no finding holds a raw secret').not.toContain(secret);
    }
  }

  run(tests: DetectorTests): void {
    describe(this.detector.id, () => {
      describe('valid', () => {
        for (const testCase of tests.valid) {
          it(testCase.name, async () => {
            const { findings } = await this.execute(testCase);
            expect(findings.map((f) => `${f.messageId}: ${f.message}`)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of tests.invalid) {
          it(testCase.name, async () => {
            const { findings } = await this.execute(testCase);
            expect(
              findings.map((f) => f.messageId),
              findings
                .map((f) => `${f.messageId} at ${f.location.pointer ?? ''}: ${f.message}`)
                .join('\n'),
            ).toEqual(testCase.errors.map((e) => e.messageId));
            testCase.errors.forEach((expected, i) => {
              const finding = findings[i];
              if (!finding) return;
              if (expected.at !== undefined) expect(finding.location.pointer).toBe(expected.at);
              if (expected.item !== undefined) expect(finding.location.item).toBe(expected.item);
              if (expected.field !== undefined) expect(finding.location.field).toBe(expected.field);
              if (expected.severity !== undefined) expect(finding.severity).toBe(expected.severity);
              if (typeof expected.message === 'string')
                expect(finding.message).toContain(expected.message);
              else if (expected.message) expect(finding.message).toMatch(expected.message);
            });
          });
        }
      });
    });
  }
}
