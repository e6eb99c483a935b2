import { describe, expect, it } from 'vitest';
import type { Signal } from './signal.js';
import {
  assessSignals,
  corroborates,
  INJECTION_THRESHOLD,
  modelWeight,
  scoreSignals,
  secretSignals,
  severityOfScore,
  toolResultVerdict,
} from './verdict.js';

const signal = (rule: string, weight: number): Signal => ({
  kind: 'model-directive',
  rule,
  start: 0,
  end: 1,
  message: rule,
  weight,
});

describe('the verdict', () => {
  it('combines independent evidence with a noisy-OR', () => {
    expect(scoreSignals([signal('a', 0.5), signal('b', 0.5)])).toBeCloseTo(0.75);
  });

  it('counts one rule once, however often it matches', () => {
    expect(scoreSignals([signal('a', 0.4), signal('a', 0.4), signal('a', 0.3)])).toBeCloseTo(0.4);
  });

  it('keeps many weak signals below the attack threshold', () => {
    const weak = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((rule) => signal(rule, 0.15));
    expect(scoreSignals(weak)).toBeLessThan(0.3);
  });

  it('maps scores to severities and calls medium and above malicious', () => {
    expect([0.1, 0.35, 0.5, 0.7, 0.95].map(severityOfScore)).toEqual([
      undefined,
      'low',
      'medium',
      'high',
      'critical',
    ]);
    expect(assessSignals([signal('a', INJECTION_THRESHOLD)]).malicious).toBe(true);
    expect(assessSignals([signal('a', 0.45)]).malicious).toBe(false);
  });

  it('treats a secret in a tool result as malicious, key material most of all', () => {
    const hits = [{ start: 0, end: 10, kind: 'private-key' }];
    expect(secretSignals(hits)[0]).toMatchObject({
      kind: 'secret',
      rule: 'secret.private-key',
      weight: 0.95,
    });
    expect(toolResultVerdict([], hits)).toMatchObject({ malicious: true, severity: 'critical' });
    expect(toolResultVerdict([], [])).toMatchObject({ malicious: false, score: 0 });
  });
});

describe('the model alone on a definition', () => {
  const verdict = (probability: number) => ({ probability, threshold: 0.6, high: 0.9 });

  it('stays below the medium band in the lower half between its thresholds without analyzer evidence', () => {
    expect(modelWeight(verdict(0.7), false)).toBeLessThan(INJECTION_THRESHOLD);
    expect(severityOfScore(modelWeight(verdict(0.7), false))).toBe('low');
    expect(modelWeight(verdict(0.7), true)).toBeGreaterThanOrEqual(INJECTION_THRESHOLD);
    expect(severityOfScore(modelWeight(verdict(0.8), false))).toBe('medium');
  });

  it('keeps its weight above its high threshold, and nothing below its threshold', () => {
    expect(modelWeight(verdict(0.95), false)).toBeGreaterThanOrEqual(0.7);
    expect(modelWeight(verdict(0.5), false)).toBe(0);
  });

  it('counts only signals that are evidence on their own as corroboration', () => {
    expect(corroborates([signal('a', 0.1)])).toBe(false);
    expect(corroborates([signal('a', 0.1), signal('b', 0.3)])).toBe(true);
  });
});
