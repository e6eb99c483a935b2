import type { z } from 'zod';
import type { FlowClass } from '../core/config/schema.js';
import type { ToolDefinition } from '../core/snapshot.js';
import {
  type Capability,
  type CapabilityEvidence,
  classifyTool,
  type ToolClassification,
} from './capabilities.js';

/**
 * The classes flow control reasons with, for one tool: does it bring in content others wrote
 * (`untrusted-input`), read the user's private data (`private-data`), send data out
 * (`outbound`), destroy data (`destructive`), move funds (`financial`)? Derived from
 * {@link classifyTool}'s evidence, the tool's MCP annotations, and the policy's overrides.
 */

export type ToolClass = z.output<typeof FlowClass>;

export const TOOL_CLASSES: readonly ToolClass[] = [
  'untrusted-input',
  'private-data',
  'outbound',
  'destructive',
  'financial',
];

/**
 * Which capability of {@link classifyTool} stands for each class, and whether weak evidence
 * counts. Weak `untrusted-content` is "files of unknown origin", weak `network` a fixed service
 * and weak `private-data` "handles credentials": none of them is a leg of an exfiltration path
 * on its own, so only strong evidence counts for those; any evidence of destruction or of moving
 * funds counts.
 */
const CLASS_EVIDENCE: Readonly<Record<ToolClass, { capability: Capability; weak: boolean }>> = {
  'untrusted-input': { capability: 'untrusted-content', weak: false },
  'private-data': { capability: 'private-data', weak: false },
  outbound: { capability: 'network', weak: false },
  destructive: { capability: 'destructive', weak: true },
  financial: { capability: 'financial', weak: true },
};

export interface ToolClasses {
  classes: ReadonlySet<ToolClass>;
  /** Why, per class: `outbound: name word "send"`, `policy servers.web.classes`. */
  reasons: ReadonlyMap<ToolClass, string>;
  /** `policy` when the policy named the classes, so the analyzers were not asked. */
  source: 'policy' | 'inferred';
}

/** Where the policy names a tool's classes, and what it says (tool entry, `*`, server). */
export interface ClassOverride {
  /** For messages: `servers.mail.tools.send.classes`. */
  path: string;
  classes: readonly ToolClass[];
}

export interface ToolClassOptions {
  /** The policy's `classes` for this tool, when it names them: replaces what is inferred. */
  override?: ClassOverride;
  /** The server is marked `trust: untrusted`: every tool brings in untrusted content. */
  untrustedServer?: { path: string };
  /** A classification already computed for this tool. */
  classification?: ToolClassification;
}

/**
 * The evidence that puts a tool in `cls` (the strongest first), if any. `weak: true` lets weak
 * evidence count where the class does not (the scanner's toxic-flow rule counts files of
 * unknown origin as a possible source of untrusted content).
 */
export function classEvidence(
  classification: ToolClassification,
  cls: ToolClass,
  options: { weak?: boolean } = {},
): CapabilityEvidence | undefined {
  const { capability } = CLASS_EVIDENCE[cls];
  const weak = options.weak ?? CLASS_EVIDENCE[cls].weak;
  const candidates = classification.evidence.filter(
    (e) => e.capability === capability && (weak || (e.strong && e.source !== 'annotation')),
  );
  return candidates.find((e) => e.strong) ?? candidates[0];
}

/** The classes the policy names, as they are. */
export function policyToolClasses(override: ClassOverride): ToolClasses {
  const reasons = new Map<ToolClass, string>();
  for (const cls of override.classes) reasons.set(cls, `policy ${override.path}`);
  return { classes: new Set(reasons.keys()), reasons, source: 'policy' };
}

/**
 * The tool's classes. Policy `classes` replace the inference entirely (that is how a false class
 * is relaxed or a missing one added); otherwise each class comes from the analyzers' evidence,
 * and the MCP annotations can only add: a server's own hints never remove a class, since a
 * malicious server would declare `readOnlyHint` on its way out. `openWorldHint` on a read-only
 * tool means it reads from the open world (untrusted input), on any other tool that it acts
 * there (outbound).
 *
 * @example
 * classifyToolClasses({ name: 'send_email', inputSchema: { type: 'object', properties: { to: { type: 'string' } } } }).classes;
 * // Set { 'outbound' }
 */
export function classifyToolClasses(
  tool: ToolDefinition,
  options: ToolClassOptions = {},
): ToolClasses {
  if (options.override !== undefined) return policyToolClasses(options.override);
  const reasons = new Map<ToolClass, string>();
  const classification = options.classification ?? classifyTool(tool);
  for (const cls of TOOL_CLASSES) {
    const evidence = classEvidence(classification, cls);
    if (evidence !== undefined) reasons.set(cls, evidence.detail);
  }
  const annotations = tool.annotations ?? {};
  if (annotations.openWorldHint === true) {
    const cls: ToolClass = annotations.readOnlyHint === true ? 'untrusted-input' : 'outbound';
    if (!reasons.has(cls)) reasons.set(cls, 'annotation openWorldHint: true');
  }
  if (options.untrustedServer !== undefined && !reasons.has('untrusted-input')) {
    reasons.set('untrusted-input', `policy ${options.untrustedServer.path}: untrusted`);
  }
  return { classes: new Set(reasons.keys()), reasons, source: 'inferred' };
}
