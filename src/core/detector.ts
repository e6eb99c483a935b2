import type { z } from 'zod';
import type { FindingClass } from './finding.js';
import type { PinChange } from './pin-change.js';
import type { ConfigFile, ServerField, ServerSpec } from './server-spec.js';
import type { DeclaredString, Snapshot, ToolDefinition } from './snapshot.js';
import type { Severity } from './severity.js';

/**
 * One message of a detector: its template (`{{name}}` is replaced from `data`) and, where they
 * differ from the detector's, its class and the checklist items it addresses. A finding carries
 * only its message's items, so a "runs any command" finding is not a private-key finding.
 */
export interface MessageSpec {
  text: string;
  class?: FindingClass;
  /** A subset of the detector's `checklist`. */
  checklist?: readonly string[];
}

export interface DetectorMeta<MessageIds extends string = string> {
  title: string;
  /** One paragraph for reports and SARIF `fullDescription`: what is wrong and why it matters. */
  description: string;
  severity: Severity;
  /** The class of its findings, unless a message says otherwise. */
  class?: FindingClass;
  /** Checklist item ids from `core/checklist.ts`, every one any message addresses; at least one. */
  checklist: readonly string[];
  tags?: readonly string[];
  /** Message templates (or {@link MessageSpec}s); `{{name}}` is replaced from `data`. */
  messages: Record<MessageIds, string | MessageSpec>;
  /** What the user should do about a finding. */
  fix: string;
}

/** A message as the engine uses it: template, class and checklist items resolved. */
export interface ResolvedMessage {
  text: string;
  /** Undefined when neither the message nor the detector declares one (the catalogue forbids it). */
  class: FindingClass | undefined;
  checklist: readonly string[];
}

/**
 * Resolves one message of a detector: the message's own class and checklist items, else the
 * detector's. Undefined for an unknown message id.
 *
 * @example
 * resolveMessage(toolCapabilityRisk.meta, 'runsArbitraryCode')?.checklist;
 */
export function resolveMessage(
  meta: Pick<DetectorMeta, 'messages' | 'checklist' | 'class'>,
  messageId: string,
): ResolvedMessage | undefined {
  if (!Object.hasOwn(meta.messages, messageId)) return undefined;
  const declared = meta.messages[messageId];
  if (declared === undefined) return undefined;
  const spec: MessageSpec = typeof declared === 'string' ? { text: declared } : declared;
  return {
    text: spec.text,
    class: spec.class ?? meta.class,
    checklist: spec.checklist ?? meta.checklist,
  };
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
