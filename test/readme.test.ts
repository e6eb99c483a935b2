import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../src/detectors/registry.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every registered rule with a link to its documentation', () => {
    for (const id of Object.keys(detectorRegistry)) {
      expect(readme, id).toContain(`[\`${id}\`](src/detectors/${id}/README.md)`);
    }
  });

  it('opens with the quick start: install and run the demo, then the test command', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const commands = [...quickStart.matchAll(/```sh\n(.+)\n```/g)].map((m) => m[1]);
    expect(commands[0]).toMatch(/^npm install && npx mcp-warden scan .*examples\//);
    expect(commands[1]).toBe('npm test');
  });
});
