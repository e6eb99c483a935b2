import { describe, expect, it } from 'vitest';
import { createBaseline, parseBaseline } from './baseline.js';
import { ToolkitError } from './errors.js';
import type { Finding } from './finding.js';

const finding = (fingerprint: string, detectorId = 'hardcoded-secret'): Finding => ({
  detectorId,
  messageId: 'm',
  class: 'risk',
  severity: 'high',
  title: 't',
  message: 'm',
  checklist: ['server.auth.credential-management'],
  location: { file: '/p/.mcp.json', pointer: '/mcpServers/a', server: 'a' },
  fix: 'f',
  fingerprint,
});

describe('baseline', () => {
  it('round-trips the fingerprints of the findings it accepts, once each', () => {
    const baseline = createBaseline([finding('b'), finding('a'), finding('a')]);
    expect(baseline.accepted.map((e) => e.fingerprint)).toEqual(['a', 'b']);
    expect(parseBaseline(JSON.stringify(baseline), 'x.json')).toEqual(new Set(['a', 'b']));
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseBaseline('{', 'base.json')).toThrow(/base\.json is not valid JSON/);
  });

  it('rejects JSON of another shape or an entry without a fingerprint', () => {
    expect(() => parseBaseline('[]', 'b.json')).toThrow(ToolkitError);
    expect(() => parseBaseline('{"schemaVersion":1,"accepted":[{}]}', 'b.json')).toThrow(
      /accepted\[0\] has no "fingerprint"/,
    );
  });
});
