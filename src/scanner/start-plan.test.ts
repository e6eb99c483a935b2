import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import type { ServerSpec } from '../core/server-spec.js';
import { makeServer } from '../detectors/testing.js';
import { fetchedPackages, planStart } from './start-plan.js';

function finding(detectorId: string, severity: Finding['severity']): Finding {
  return {
    detectorId,
    messageId: 'message',
    class: 'risk',
    severity,
    title: detectorId,
    message: '',
    checklist: [],
    location: {},
    fingerprint: detectorId,
    fix: '',
  };
}

const pinned = makeServer({
  name: 'memory',
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-memory@2026.8.31'],
});
const local = makeServer({ name: 'local', command: 'node', args: ['server.mjs'] });
const sandboxed = { startRisky: false, sandbox: 'available' } as const;

describe('planStart', () => {
  it('starts a pinned package in a sandbox', () => {
    expect(planStart(pinned, [], sandboxed)).toEqual({ start: true });
  });

  it('does not start a launch with a critical finding unless --start-risky', () => {
    const risky = [finding('shell-launcher', 'critical')];
    expect(planStart(pinned, risky, sandboxed)).toMatchObject({
      start: false,
      reason: expect.stringMatching(/shell-launcher.*--start-risky/),
    });
    expect(planStart(pinned, risky, { ...sandboxed, startRisky: true })).toEqual({ start: true });
  });

  it('does not start an unpinned package, but starts an image pinned only by tag', () => {
    expect(planStart(pinned, [finding('unpinned-package', 'medium')], sandboxed)).toMatchObject({
      start: false,
      reason: expect.stringMatching(/unpinned-package/),
    });
    expect(planStart(pinned, [finding('unpinned-package', 'low')], sandboxed)).toEqual({
      start: true,
    });
  });

  it('without a sandbox starts local commands but no package it would fetch', () => {
    const missing = { startRisky: false, sandbox: 'missing', sandboxReason: 'no bwrap' } as const;
    expect(planStart(local, [], missing)).toEqual({ start: true });
    expect(planStart(pinned, [], missing)).toMatchObject({
      start: false,
      reason: expect.stringMatching(/no sandbox is available \(no bwrap\).*--sandbox none/),
    });
    expect(planStart(pinned, [], { startRisky: false, sandbox: 'refused-by-user' })).toEqual({
      start: true,
    });
  });

  it('never starts a disabled server', () => {
    const disabled: ServerSpec = { ...local, disabled: true };
    expect(planStart(disabled, [], sandboxed)).toEqual({
      start: false,
      reason: 'disabled in its config',
    });
  });
});

describe('fetchedPackages', () => {
  it('names what npx, uvx and docker fetch, and nothing for a local script or a remote', () => {
    expect(fetchedPackages(pinned).map((ref) => ref.name)).toEqual([
      '@modelcontextprotocol/server-memory',
    ]);
    expect(
      fetchedPackages(makeServer({ command: 'uvx', args: ['mcp-server-fetch'] })).map(
        (ref) => ref.ecosystem,
      ),
    ).toEqual(['pypi']);
    expect(fetchedPackages(local)).toEqual([]);
  });
});
