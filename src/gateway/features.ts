import type { CoverageProvider } from '../core/coverage.js';
import { GATEWAY_CONTROLS } from './middleware/index.js';

/**
 * What the gateway enforces beyond the per-message controls, with the checklist items each
 * covers: the audit log and the supervision of server processes.
 */
export const GATEWAY_FEATURES: readonly CoverageProvider[] = [
  {
    kind: 'control',
    id: 'audit-log',
    checklist: [
      'client.logging.client-logging',
      'client.logging.security-event-recording',
      'client.ai-control.operation-logging',
      'client.auto-approve.approval-process-auditing',
      'client.ui.operation-visualization',
      'server.monitoring.detailed-logging',
      'server.monitoring.log-integrity',
      'server.monitoring.audit-capability',
      'server.monitoring.security-event-alerts',
      'server.persistence.background-activity-monitoring',
    ],
  },
  {
    kind: 'control',
    id: 'process-supervision',
    checklist: [
      'server.persistence.lifecycle-management',
      'server.persistence.shutdown-cleanup',
      'server.persistence.health-check',
      'server.runtime.environment-variable-security',
      'server.isolation.isolation-between-instances',
      'server.tools.namespace-isolation',
      'client.management.tool-naming-control',
      'client.management.conflict-resolution',
    ],
  },
];

/** Every gateway control and feature as a coverage provider, for `mcp-warden checklist`. */
export function gatewayCoverageProviders(): CoverageProvider[] {
  return [
    ...GATEWAY_CONTROLS.map((control) => ({
      kind: 'control' as const,
      id: control.id,
      checklist: control.checklist,
    })),
    ...GATEWAY_FEATURES,
  ];
}
