import type { ChecklistItem, ChecklistPriority } from './checklist-types.js';
import type { DetectorRegistry } from './detector.js';
import { ToolkitError } from './errors.js';

/** Something that declares checklist items it covers: a scanner rule or a gateway control. */
export interface CoverageProvider {
  kind: 'rule' | 'control';
  id: string;
  /** Checklist item ids; at least one, each from `core/checklist.ts`. */
  checklist: readonly string[];
}

/** Who covers one checklist item. */
export interface ItemCoverage {
  item: ChecklistItem;
  /** Ids of the rules that cover the item, sorted. */
  rules: string[];
  /** Ids of the gateway controls that cover the item, sorted. */
  controls: string[];
  covered: boolean;
}

export interface CoverageCount {
  covered: number;
  total: number;
}

export interface CoverageSummary extends CoverageCount {
  byPriority: Record<ChecklistPriority, CoverageCount>;
}

export interface CoverageResult {
  /** One entry per item, in the order of the items given. */
  items: ItemCoverage[];
  summary: CoverageSummary;
}

const PRIORITIES: readonly ChecklistPriority[] = ['high', 'medium', 'low'];

/**
 * Coverage providers for every detector of a registry, in registry order.
 *
 * @example
 * computeCoverage(CHECKLIST, detectorProviders(detectorRegistry));
 */
export function detectorProviders(registry: DetectorRegistry): CoverageProvider[] {
  return Object.values(registry).map((detector) => ({
    kind: 'rule',
    id: detector.id,
    checklist: detector.meta.checklist,
  }));
}

/**
 * Summarises per-item coverage: totals and covered counts, overall and per priority.
 *
 * @example
 * summarizeCoverage(result.items.filter((c) => c.item.part === 'crypto'));
 */
export function summarizeCoverage(items: readonly ItemCoverage[]): CoverageSummary {
  const byPriority = Object.fromEntries(
    PRIORITIES.map((priority) => [priority, { covered: 0, total: 0 }]),
  ) as Record<ChecklistPriority, CoverageCount>;
  let covered = 0;
  for (const entry of items) {
    const count = byPriority[entry.item.priority];
    count.total += 1;
    if (entry.covered) {
      count.covered += 1;
      covered += 1;
    }
  }
  return { covered, total: items.length, byPriority };
}

/**
 * Computes which rules and controls cover each checklist item. Coverage is derived from what the
 * providers declare, never written by hand.
 *
 * Throws `ToolkitError('INVALID_DETECTOR')` when a provider declares no checklist item or an id
 * that is not among `items`.
 *
 * @example
 * const { summary } = computeCoverage(CHECKLIST, detectorProviders(detectorRegistry));
 * console.log(`${summary.covered}/${summary.total}`);
 */
export function computeCoverage(
  items: readonly ChecklistItem[],
  providers: readonly CoverageProvider[],
): CoverageResult {
  const byId = new Map<string, { rules: Set<string>; controls: Set<string> }>(
    items.map((item) => [item.id, { rules: new Set(), controls: new Set() }]),
  );
  for (const provider of providers) {
    const label = `${provider.kind} "${provider.id}"`;
    if (provider.checklist.length === 0) {
      throw new ToolkitError('INVALID_DETECTOR', `The ${label} declares no checklist item.`, {
        hint: 'Every rule and control must list at least one id from core/checklist.ts.',
      });
    }
    for (const id of provider.checklist) {
      const entry = byId.get(id);
      if (!entry) {
        throw new ToolkitError(
          'INVALID_DETECTOR',
          `The ${label} declares unknown checklist id "${id}".`,
          { hint: 'Use an id from core/checklist.ts (`mcp-warden checklist --format json`).' },
        );
      }
      (provider.kind === 'rule' ? entry.rules : entry.controls).add(provider.id);
    }
  }
  const coverage = items.map((item): ItemCoverage => {
    const entry = byId.get(item.id);
    const rules = [...(entry?.rules ?? [])].sort();
    const controls = [...(entry?.controls ?? [])].sort();
    return { item, rules, controls, covered: rules.length + controls.length > 0 };
  });
  return { items: coverage, summary: summarizeCoverage(coverage) };
}

/** How well one face of mcp-warden covers one checklist item. */
export type CoverageStatus = 'full' | 'partial' | 'attest' | 'none';
/** The faces that can demonstrate an item: a scan rule, a gateway control, a live probe. */
export type CoverageFace = 'scan' | 'gateway' | 'probe';

export const COVERAGE_FACES: readonly CoverageFace[] = ['scan', 'gateway', 'probe'];
export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['full', 'partial', 'attest', 'none'];

/**
 * One demonstrated claim: a face covers an item `full`y or in `partial`, through these rules or
 * controls, as the named test shows (`it('…')`, or a `name: '…'` case of a DetectorTester).
 */
export interface CoverageClaim {
  item: string;
  face: CoverageFace;
  status: 'full' | 'partial';
  /** Ids of the rules or controls that do it; each declares the item. */
  by: readonly string[];
  /** The test that demonstrates it: a file relative to the repository root and its title. */
  test: { file: string; title: string };
  /** Required for `partial`: what the item asks that this face does not do. */
  missing?: string;
}

/** One item's graded coverage: per face its claim (or none), and the item's overall status. */
export interface GradedItem {
  item: ChecklistItem;
  /** The item's status: its best face, else `attest` for an item only a person can answer, else `none`. */
  status: CoverageStatus;
  faces: Partial<Record<CoverageFace, CoverageClaim | undefined>>;
  /** Every claim of the item, in face order. */
  claims: CoverageClaim[];
}

export type GradedCounts = Record<CoverageStatus, number>;

export interface GradedSummary {
  total: number;
  counts: GradedCounts;
  byPriority: Record<ChecklistPriority, GradedCounts & { total: number }>;
}

const zeroCounts = (): GradedCounts => ({ full: 0, partial: 0, attest: 0, none: 0 });

/**
 * Grades every item from the claims: `full` when a face fully covers it, `partial` when one
 * covers part of it, `attest` when only a person can answer it (its only coverage mode is
 * `attest`), else `none`.
 *
 * @example
 * gradeCoverage(CHECKLIST, COVERAGE_CLAIMS).filter((g) => g.status === 'full');
 */
export function gradeCoverage(
  items: readonly ChecklistItem[],
  claims: readonly CoverageClaim[],
): GradedItem[] {
  return items.map((item) => {
    const own = claims.filter((claim) => claim.item === item.id);
    const faces: GradedItem['faces'] = {};
    for (const face of COVERAGE_FACES) {
      if (item.coverage.includes(face)) faces[face] = own.find((claim) => claim.face === face);
    }
    const sorted = COVERAGE_FACES.flatMap((face) => own.filter((claim) => claim.face === face));
    const status: CoverageStatus = own.some((claim) => claim.status === 'full')
      ? 'full'
      : own.length > 0
        ? 'partial'
        : item.coverage.every((mode) => mode === 'attest')
          ? 'attest'
          : 'none';
    return { item, status, faces, claims: sorted };
  });
}

/**
 * Counts graded items per status, overall and per priority.
 *
 * @example
 * summarizeGraded(gradeCoverage(CHECKLIST, COVERAGE_CLAIMS)).byPriority.high.full;
 */
export function summarizeGraded(graded: readonly GradedItem[]): GradedSummary {
  const counts = zeroCounts();
  const byPriority = Object.fromEntries(
    PRIORITIES.map((priority) => [priority, { ...zeroCounts(), total: 0 }]),
  ) as GradedSummary['byPriority'];
  for (const entry of graded) {
    counts[entry.status] += 1;
    const bucket = byPriority[entry.item.priority];
    bucket[entry.status] += 1;
    bucket.total += 1;
  }
  return { total: graded.length, counts, byPriority };
}
