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
