import { spawn } from 'node:child_process';
import type { AuditEvent } from './record.js';

/** Where alert records are forwarded besides the audit log (`audit.alerts` in the policy). */
export interface AlertTargets {
  /** A program and its arguments, started once per alert with the alert as JSON on stdin. */
  command?: readonly string[];
  /** An http(s) URL that receives each alert as a JSON POST. */
  webhook?: string;
}

/** Appends audit events; the shape the gateway's sessions write to. */
export interface AlertSink {
  append(event: AuditEvent): unknown;
}

/**
 * The controls whose refusals and rewrites are security events worth an alert: a poisoned or
 * changed definition withheld, injected output marked or blocked, a secret redacted, a call
 * held back by flow control, key material kept from a server, a server asking the user for a
 * secret or sampling with an injection. Rate limits and argument checks are ordinary refusals.
 */
export const ALERTING_CONTROLS: ReadonlySet<string> = new Set([
  'definitions',
  'pins',
  'output-screening',
  'flow-control',
  'outbound',
  'elicitation',
  'sampling',
]);

/** The alert record a security decision raises, or undefined for an ordinary decision. */
export function alertFor(event: AuditEvent): AuditEvent | undefined {
  const { decision } = event;
  if (event.type !== 'decision' || decision === undefined) return undefined;
  if (decision.action === 'allow' || !ALERTING_CONTROLS.has(decision.control)) return undefined;
  return {
    type: 'alert',
    event: `${decision.control}-${decision.action}`,
    ...(event.server === undefined ? {} : { server: event.server }),
    ...(event.method === undefined ? {} : { method: event.method }),
    ...(event.tool === undefined ? {} : { tool: event.tool }),
    ...(event.id === undefined ? {} : { id: event.id }),
    decision,
  };
}

/** What is forwarded: the alert without arguments, which stay in the (redacted) audit log only. */
function payload(alert: AuditEvent): string {
  const forwarded: AuditEvent = { ...alert };
  delete forwarded.args;
  return JSON.stringify({ source: 'mcp-warden', ...forwarded });
}

/**
 * Wraps the audit sink: each security decision appended is followed by an `alert` record in
 * the log, and the alert goes to the policy's command hook and webhook. Forwarding never blocks
 * or fails a message: its errors are told to `log`.
 *
 * @example
 * const sink = alertingSink(auditLog, { webhook: 'https://alerts.example/mcp' }, console.error);
 */
export function alertingSink(
  sink: AlertSink,
  targets: AlertTargets,
  log: (text: string) => void,
  onForwarded?: (target: 'command' | 'webhook', ok: boolean) => void,
): AlertSink {
  const forward = (alert: AuditEvent): void => {
    const body = payload(alert);
    if (targets.webhook !== undefined) {
      const url = targets.webhook;
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(5000),
      }).then(
        (response) => {
          if (!response.ok) log(`alert webhook answered HTTP ${String(response.status)}`);
          onForwarded?.('webhook', response.ok);
        },
        (error: unknown) => {
          log(`alert webhook failed: ${error instanceof Error ? error.message : String(error)}`);
          onForwarded?.('webhook', false);
        },
      );
    }
    const [program, ...args] = targets.command ?? [];
    if (program !== undefined) {
      const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'inherit'], shell: false });
      child.on('error', (error) => {
        log(`alert command failed: ${error.message}`);
        onForwarded?.('command', false);
      });
      child.on('exit', (code) => {
        if (code !== 0 && code !== null) log(`alert command exited with ${String(code)}`);
        if (code !== null) onForwarded?.('command', code === 0);
      });
      child.stdin.on('error', () => {
        // A hook that does not read its input is its own business.
      });
      child.stdin.end(`${body}\n`);
    }
  };
  return {
    append(event) {
      const result = sink.append(event);
      const alert = alertFor(event);
      if (alert !== undefined) {
        sink.append(alert);
        forward(alert);
      }
      return result;
    },
  };
}
