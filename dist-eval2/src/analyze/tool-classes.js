import { classifyTool, } from './capabilities.js';
export const TOOL_CLASSES = [
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
const CLASS_EVIDENCE = {
    'untrusted-input': { capability: 'untrusted-content', weak: false },
    'private-data': { capability: 'private-data', weak: false },
    outbound: { capability: 'network', weak: false },
    destructive: { capability: 'destructive', weak: true },
    financial: { capability: 'financial', weak: true },
};
/**
 * The evidence that puts a tool in `cls` (the strongest first), if any. `weak: true` lets weak
 * evidence count where the class does not (the scanner's toxic-flow rule counts files of
 * unknown origin as a possible source of untrusted content).
 */
export function classEvidence(classification, cls, options = {}) {
    const { capability } = CLASS_EVIDENCE[cls];
    const weak = options.weak ?? CLASS_EVIDENCE[cls].weak;
    const candidates = classification.evidence.filter((e) => e.capability === capability && (weak || (e.strong && e.source !== 'annotation')));
    return candidates.find((e) => e.strong) ?? candidates[0];
}
/** The classes the policy names, as they are. */
export function policyToolClasses(override) {
    const reasons = new Map();
    for (const cls of override.classes)
        reasons.set(cls, `policy ${override.path}`);
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
export function classifyToolClasses(tool, options = {}) {
    if (options.override !== undefined)
        return policyToolClasses(options.override);
    const reasons = new Map();
    const classification = options.classification ?? classifyTool(tool);
    for (const cls of TOOL_CLASSES) {
        const evidence = classEvidence(classification, cls);
        if (evidence !== undefined)
            reasons.set(cls, evidence.detail);
    }
    const annotations = tool.annotations ?? {};
    if (annotations.openWorldHint === true) {
        const cls = annotations.readOnlyHint === true ? 'untrusted-input' : 'outbound';
        if (!reasons.has(cls))
            reasons.set(cls, 'annotation openWorldHint: true');
    }
    if (options.untrustedServer !== undefined && !reasons.has('untrusted-input')) {
        reasons.set('untrusted-input', `policy ${options.untrustedServer.path}: untrusted`);
    }
    return { classes: new Set(reasons.keys()), reasons, source: 'inferred' };
}
