import { describe, expect, it } from 'vitest';
import { defineDetector } from '../core/detector.js';
import { runDetectors } from '../core/engine.js';
import { parseConfigText } from './load.js';

/** One finding per server, pointing at a key inside it: the lookup every config rule makes. */
const everyServer = defineDetector({
  id: 'every-server',
  meta: {
    title: 'every server',
    description: 'test',
    severity: 'low',
    class: 'hygiene',
    checklist: ['server.api.input-validation'],
    messages: { seen: 'seen {{server}}' },
    fix: 'none',
  },
  create(ctx) {
    return {
      server(server) {
        ctx.report({
          messageId: 'seen',
          data: { server: server.name },
          at: { server, field: 'env', key: 'TOKEN' },
        });
      },
    };
  },
});

function manyServers(count: number): string {
  const servers: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    servers[`srv${String(i)}`] = {
      command: 'node',
      args: [`server-${String(i)}.js`, '--flag', 'x'.repeat(90)],
      env: { TOKEN: 'value' },
    };
  }
  return JSON.stringify({ mcpServers: servers }, null, 1);
}

describe('a config with many servers', () => {
  // A search per lookup made this quadratic: 64k servers took a minute, 100k several.
  it('parses and locates a finding in each of 100,000 servers in linear time', () => {
    const text = manyServers(100_000);
    const started = process.cpuUsage();
    const file = parseConfigText(text, { path: '/p/servers.json' });
    const { findings } = runDetectors(
      { 'every-server': everyServer },
      { files: [file] },
      {
        cwd: '/p',
        services: { findSecrets: () => [] },
        environment: { homeDirs: [], platform: 'linux' },
      },
    );
    const used = process.cpuUsage(started);
    expect(file.servers).toHaveLength(100_000);
    expect(findings).toHaveLength(100_000);
    const last = findings.at(-1);
    expect(last?.location).toMatchObject({ pointer: '/mcpServers/srv99999/env/TOKEN' });
    const offset = text.lastIndexOf('"TOKEN"');
    const lineStart = text.lastIndexOf('\n', offset) + 1;
    expect(last?.location).toMatchObject({
      line: text.slice(0, offset).split('\n').length,
      column: offset - lineStart + 1,
    });
    // CPU time, not wall time, so a loaded machine does not fail it; quadratic took minutes.
    expect((used.user + used.system) / 1e6).toBeLessThan(30);
  });
});
