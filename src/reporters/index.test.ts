import { describe, expect, it } from 'vitest';
import { ToolkitError } from '../core/errors.js';
import { getReporter, REPORTER_IDS, reporters } from './index.js';

describe('reporters', () => {
  it('registers each reporter under its own id', () => {
    expect(REPORTER_IDS).toEqual(['text', 'json', 'sarif', 'markdown']);
    for (const id of REPORTER_IDS) {
      expect(reporters[id].id).toBe(id);
      expect(getReporter(id)).toBe(reporters[id]);
    }
  });

  it('rejects an unknown format with a usage error naming the allowed ones', () => {
    expect(() => getReporter('html')).toThrow(ToolkitError);
    try {
      getReporter('toString');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ToolkitError);
      expect((error as ToolkitError).code).toBe('USAGE');
      expect((error as ToolkitError).message).toContain('text, json, sarif, markdown');
    }
  });
});
