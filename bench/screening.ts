import { analyzeText } from '../src/analyze/text.js';
import { findSecretsSync } from '../src/analyze/secrets.js';
import { DEFAULT_POLICY, type Policy } from '../src/core/config/schema.js';
import { redactSpans } from '../src/core/redact.js';
import { compose } from '../src/gateway/middleware/compose.js';
import { outputScreening } from '../src/gateway/middleware/output-screening.js';
import { createSessionState, Pipeline } from '../src/gateway/pipeline.js';
import { ServerPolicy } from '../src/core/config/schema.js';

/** About 1 MiB of ordinary tool output: prose, code, JSON, log lines, a few e-mail addresses and one token. */
export function sampleOutput(bytes = 1024 * 1024): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const chunk =
      `## Section ${String(index)}\n` +
      `The build finished in ${String(index % 97)}.${String(index % 10)} s; 3 warnings, 0 errors. ` +
      `See https://ci.example.com/builds/${String(1000 + index)} for the full log.\n` +
      `function add${String(index)}(a, b) {\n  return a + b + ${String(index)};\n}\n` +
      `{"id": ${String(index)}, "name": "item-${String(index)}", "tags": ["alpha", "beta"], "price": ${String(index * 3)}.99}\n` +
      `2026-01-0${String((index % 9) + 1)}T10:00:00Z INFO worker-${String(index % 8)} processed batch ${String(index)} (${String(index * 17)} records)\n` +
      (index % 50 === 0 ? `Contact: owner${String(index)}@example.org\n` : '') +
      (index === 7 ? 'token: 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\n' : '') +
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\n';
    parts.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  return parts.join('').slice(0, bytes);
}

/** About 1 MiB (serialised) of structured tool output: records of short strings, numbers and nested objects. */
export function sampleStructured(bytes = 1024 * 1024): { items: unknown[] } {
  const items: unknown[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const item = {
      id: index,
      name: `item-${String(index)}`,
      status: index % 3 === 0 ? 'archived' : 'active',
      description: `Build ${String(index)} finished in ${String(index % 97)} s with 3 warnings; see the log for details.`,
      url: `https://ci.example.com/builds/${String(1000 + index)}?include=owner`,
      owner: {
        login: `user${String(index % 50)}`,
        email: index % 50 === 0 ? `owner${String(index)}@example.org` : null,
      },
      tags: ['alpha', 'beta'],
      price: index * 3 + 0.99,
      created_at: `2026-01-0${String((index % 9) + 1)}T10:00:00Z`,
    };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return { items };
}

/**
 * CPU milliseconds of this process since `started` (user + system): steady on a machine shared
 * with other work, where wall-clock time is not.
 */
function cpuMs(started: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

export interface ScreeningResult {
  label: string;
  mbPerSecond: number;
  msPerMiB: number;
}

function measure(
  label: string,
  bytes: number,
  iterations: number,
  run: () => unknown,
): ScreeningResult {
  run();
  const started = process.cpuUsage();
  for (let index = 0; index < iterations; index++) run();
  const ms = cpuMs(started) / iterations;
  const mib = bytes / (1024 * 1024);
  return { label, mbPerSecond: mib / (ms / 1000), msPerMiB: ms / mib };
}

/** Output screening (CPU time) on one 1 MiB tools/call result: the analyzers alone, and the control on text and on a structured result. */
export async function benchScreening(
  everything: Policy,
  iterations = 5,
): Promise<ScreeningResult[]> {
  const text = sampleOutput();
  const bytes = Buffer.byteLength(text);
  const results: ScreeningResult[] = [];
  results.push(
    measure('analyzeText + secrets redaction (the analyzers alone)', bytes, iterations, () => {
      analyzeText(text, { source: 'content' });
      return redactSpans(text, findSecretsSync(text));
    }),
  );
  const structured = sampleStructured();
  const structuredBytes = Buffer.byteLength(JSON.stringify(structured));
  for (const [label, policy, result, size] of [
    [
      'output-screening control, default policy',
      DEFAULT_POLICY,
      { content: [{ type: 'text', text }] },
      bytes,
    ],
    [
      'output-screening control, every screen on',
      everything,
      { content: [{ type: 'text', text }] },
      bytes,
    ],
    [
      'output-screening control, default policy, 1 MiB structured result (structuredContent)',
      DEFAULT_POLICY,
      { content: [], structuredContent: structured },
      structuredBytes,
    ],
    [
      'output-screening control, default policy, the same structured result also sent as its JSON text (per MiB of JSON)',
      DEFAULT_POLICY,
      {
        content: [{ type: 'text', text: JSON.stringify(structured) }],
        structuredContent: structured,
      },
      structuredBytes,
    ],
  ] as const) {
    // The whole screening is timed: a budget that ran out would stop it early.
    const timed: Policy = {
      ...policy,
      defaults: {
        ...policy.defaults,
        screening: { ...policy.defaults.screening, budgetMs: 600_000 },
      },
    };
    const pipeline = new Pipeline({
      middleware: compose([outputScreening(timed)]),
      policy: timed,
      session: createSessionState(),
    });
    const input = {
      direction: 'server-to-client' as const,
      server: 'bench',
      serverPolicy: ServerPolicy.parse({}),
      kind: 'response' as const,
      message: { jsonrpc: '2.0' as const, id: 1, result },
      request: { method: 'tools/call', params: { name: 'read' }, tool: 'read', startedAt: 0 },
      bytes: size,
    };
    const timings: number[] = [];
    const outcome = await pipeline.run(input);
    if (outcome.decisions.some((decision) => decision.reason.includes('screening budget'))) {
      throw new Error(`${label}: the screening budget ran out; the timing would be meaningless`);
    }
    for (let index = 0; index < iterations; index++) {
      const started = process.cpuUsage();
      await pipeline.run(input);
      timings.push(cpuMs(started));
    }
    const ms = timings.reduce((a, b) => a + b, 0) / timings.length;
    const mib = size / (1024 * 1024);
    results.push({ label, mbPerSecond: mib / (ms / 1000), msPerMiB: ms / mib });
  }
  return results;
}
