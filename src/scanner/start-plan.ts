import { invocationsOf } from '../analyze/command.js';
import { launchedPackages, type PackageRef } from '../analyze/packages.js';
import type { Finding } from '../core/finding.js';
import type { ServerSpec } from '../core/server-spec.js';

/**
 * Which configured servers a live scan may start, decided before anything runs. A scan must not
 * itself become the supply-chain attack it looks for: a launch judged critical, a package that is
 * not pinned to an exact version, and — when no sandbox is available — any launch that fetches
 * third-party code are not started unless the user says so.
 */

export type StartDecision = { start: true } | { start: false; reason: string };

export interface StartPlanOptions {
  /** `--start-risky`: start critical and unpinned launches too. */
  startRisky: boolean;
  /**
   * Whether stdio servers will run in a sandbox: `available`, `missing` (auto mode found none), or
   * `refused-by-user` (`--sandbox none`: the user accepted unsandboxed runs).
   */
  sandbox: 'available' | 'missing' | 'refused-by-user';
  /** Why no sandbox is available, for the skip reason. */
  sandboxReason?: string;
}

/** The packages a stdio server's launch fetches and runs (npx, uvx, docker run, …). */
export function fetchedPackages(spec: ServerSpec): PackageRef[] {
  if (spec.transport !== 'stdio') return [];
  return invocationsOf(spec.command, spec.args).flatMap(
    (invocation) => launchedPackages(invocation.argv)?.packages ?? [],
  );
}

/** Findings that make a launch too risky to start during a scan: critical, or an unpinned package. */
function launchRisk(findings: readonly Finding[]): Finding | undefined {
  return (
    findings.find((finding) => finding.severity === 'critical') ??
    findings.find(
      (finding) => finding.detectorId === 'unpinned-package' && finding.severity !== 'low',
    )
  );
}

/**
 * Decides whether `spec` is started. `findings` are the config findings on this server.
 *
 * @example
 * planStart(spec, findingsOf(spec), { startRisky: false, sandbox: 'missing' });
 * // { start: false, reason: 'not started: no sandbox here …' } for `npx -y pkg@1.2.3`
 */
export function planStart(
  spec: ServerSpec,
  findings: readonly Finding[],
  options: StartPlanOptions,
): StartDecision {
  if (spec.disabled) return { start: false, reason: 'disabled in its config' };
  const risk = launchRisk(findings);
  if (risk && !options.startRisky) {
    return {
      start: false,
      reason: `not started: ${risk.title} (${risk.detectorId}); use --start-risky to start it anyway`,
    };
  }
  if (options.sandbox === 'missing' && fetchedPackages(spec).length > 0) {
    const why = options.sandboxReason ? ` (${options.sandboxReason})` : '';
    return {
      start: false,
      reason:
        `not started: no sandbox is available${why}, and this launch fetches and runs third-party ` +
        'code with your files and network; install bubblewrap (apt-get install bubblewrap) to ' +
        'scan it sandboxed, or pass --sandbox none to start it unsandboxed',
    };
  }
  return { start: true };
}
