export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];
export function severityRank(severity) {
    return SEVERITIES.indexOf(severity);
}
export function isSeverity(value) {
    return SEVERITIES.includes(value);
}
/** Sorts most severe first. */
export function compareSeverityDesc(a, b) {
    return severityRank(b) - severityRank(a);
}
