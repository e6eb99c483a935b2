import { createHash } from 'node:crypto';
export const FINDING_CLASSES = ['threat', 'risk', 'hygiene'];
/**
 * A stable identity for a finding: detector, message and location, with the file relative to
 * the scan root. Line numbers are left out so findings survive edits elsewhere in the file.
 */
export function fingerprintOf(detectorId, messageId, location, relativeFile) {
    const parts = [
        detectorId,
        messageId,
        relativeFile ?? '',
        location.pointer ?? '',
        location.client ?? '',
        location.server ?? '',
        location.itemKind ?? '',
        location.item ?? '',
        location.field ?? '',
    ];
    return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
