import type { z } from 'zod';
import type { PinChange } from './pin-change.js';
import type { ConfigFile, ServerField, ServerSpec } from './server-spec.js';
import type { DeclaredString, Snapshot, ToolDefinition } from './snapshot.js';
import type { Severity } from './severity.js';

export interface DetectorMeta<MessageIds extends string = string> {
  title: string;
  /** One paragraph for reports and SARIF `fullDescription`: what is wrong and why it matters. */
  description: string;
  severity: Severity;
  /** Checklist item ids from `core/checklist.ts`; at least one. */
  checklist: readonly string[];
  tags?: readonly string[];
  /** Message templates; `{{name}}` is replaced from `data`. */
  messages: Record<MessageIds, string>;
  /** What the user should do about a finding. */
  fix: string;
}

/** A span of a secret found in a string: [start, end) and the kind of secret. */
export interface SecretHit {
  start: number;
  end: number;
  kind: string;
}

/** Services the engine provides to detectors; all synchronous, all pure for the run. */
export interface DetectorServices {
  /** Secrets in a string. Answers from an index built before the detectors run. */
  findSecrets(text: string): SecretHit[];
  /**
   * What changed in a server since it was pinned; undefined when no lockfile is in use or the
   * server has no pins.
   */
  pinChanges?(snapshot: Snapshot): readonly PinChange[] | undefined;
}

/**
 * Points a finding at a file (optionally a JSON pointer in it), at a field of a configured
 * server, or at a server's live declaration (a definition and a field in it).
 */
export type ReportTarget =
  | { file: ConfigFile; pointer?: string }
  | { server: ServerSpec; field?: ServerField; key?: string | number }
  | { snapshot: Snapshot; kind?: DeclaredString['kind']; item?: string; field?: string };

export interface ReportDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  at: ReportTarget;
  /** Display text; must already be redacted. */
  evidence?: string;
  /** Overrides the detector's default severity for this finding. */
  severity?: Severity;
}

export interface DetectorContext<MessageIds extends string = string> {
  readonly detectorId: string;
  readonly services: DetectorServices;
  /** Environment facts detectors may depend on, fixed for the run. */
  readonly environment: { homeDirs: readonly string[]; platform: NodeJS.Platform };
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** What a detector visits; it defines only the visitors it needs. */
export interface DetectorVisitors {
  /** Once per config file (parsed or not). */
  configFile?(file: ConfigFile): void;
  /** Once per configured server. */
  server?(server: ServerSpec, file: ConfigFile): void;
  /** Once per scan, with every config file: for cross-file checks. */
  configSet?(files: readonly ConfigFile[]): void;
  /** Once per live server snapshot. */
  snapshot?(snapshot: Snapshot): void;
  /** Once per tool a server declares. */
  tool?(tool: ToolDefinition, snapshot: Snapshot): void;
  /** Once per string a server declares (see `declaredStrings`). */
  declaredString?(entry: DeclaredString, snapshot: Snapshot): void;
  /** Once per scan, with every snapshot: for cross-server checks. */
  snapshotSet?(snapshots: readonly Snapshot[]): void;
}

export interface DetectorDefinition<
  MessageIds extends string = string,
  Options extends z.ZodType = z.ZodType,
> {
  id: string;
  meta: DetectorMeta<MessageIds> & { options?: Options };
  create(context: DetectorContext<MessageIds>, options: z.output<Options>): DetectorVisitors;
}

/** A detector with its types erased, as the engine and registry hold it. */
export interface Detector {
  id: string;
  meta: DetectorMeta & { options?: z.ZodType };
  create(context: DetectorContext, options: unknown): DetectorVisitors;
}

export type DetectorRegistry = Readonly<Record<string, Detector>>;

/**
 * Declares a detector. Typing the messages and options here keeps `ctx.report` honest.
 *
 * @example
 * export default defineDetector({
 *   id: 'remote-plain-http',
 *   meta: { title: 'Remote server over plain HTTP', description: '…', severity: 'high',
 *           checklist: ['client.transport.encrypted-communication'],
 *           messages: { plainHttp: 'Server "{{server}}" is reached over http://.' }, fix: 'Use https.' },
 *   create(ctx) { return { server(server) { … } }; },
 * });
 */
export function defineDetector<MessageIds extends string, Options extends z.ZodType = z.ZodType>(
  definition: DetectorDefinition<MessageIds, Options>,
): Detector {
  return definition;
}
