export type ChecklistPriority = 'high' | 'medium' | 'low';
/** The checklist's five parts. */
export type ChecklistPart = 'server' | 'client' | 'llm' | 'multi-mcp' | 'crypto';
/** Who an item concerns: the parts, as audiences. */
export type ChecklistConcern = 'server' | 'client' | 'llm' | 'multi-mcp' | 'crypto';
/**
 * How mcp-warden covers an item: `scan` (static or live scan), `gateway` (enforced at run time),
 * `probe` (a live test of a server's behaviour), `attest` (a process item a person confirms).
 */
export type CoverageMode = 'scan' | 'gateway' | 'probe' | 'attest';

export interface ChecklistItem {
  /** Permanent id of our own: `<part>.<section>.<item>`, or `<part>.<item>` for sectionless parts. */
  id: string;
  part: ChecklistPart;
  /** Section title as in the checklist (English); empty for sectionless parts. */
  section: string;
  /** Section title as in the Chinese checklist; absent for sectionless parts. */
  sectionZh?: string;
  title: string;
  titleZh: string;
  priority: ChecklistPriority;
  concerns: readonly ChecklistConcern[];
  coverage: readonly CoverageMode[];
  /** What the item asks for, in our own words. */
  summary: string;
}
