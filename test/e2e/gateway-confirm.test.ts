// Confirmation through the client, end to end: `mcp-warden wrap` (the built CLI) in front of a
// real server (test/fixtures/servers/confirm-target.mjs), the SDK v2 client as the MCP client —
// declaring elicitation or not, in both protocol eras — and `mcp-warden approve` run as a second
// process for clients that cannot ask.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRecords,
  bin,
  connectGateway,
  connectWrapped,
  fixtures,
  gatewayEnv,
  waitFor,
  type Wrapped,
} from './gateway-support.js';

const run = promisify(execFile);
const SERVER = ['node', join(fixtures, 'confirm-target.mjs')];
const ADDRESS = '0x52908400098527886E0F7030069857D2E4169EE7';

function transfer(amount = '1.5'): { name: string; arguments: Record<string, unknown> } {
  return {
    name: 'transfer_funds',
    arguments: { to: ADDRESS, amount, asset: 'USDC', chain: 'base', maxFeeGwei: 3 },
  };
}

function text(result: unknown): string {
  const content = (result as { content?: { text?: string }[] }).content;
  return content?.[0]?.text ?? '';
}

/** The calls of sensitive tools that actually reached the server. */
async function received(client: Client): Promise<{ name: string; args: unknown }[]> {
  const result = await client.callTool({ name: 'list_received_calls', arguments: {} });
  return JSON.parse(text(result)) as { name: string; args: unknown }[];
}

interface Asked {
  message: string;
  requestedSchema: unknown;
  _meta?: Record<string, unknown>;
}

type Answer = { action: 'accept'; content: { decision: string } } | { action: 'decline' };

/** A client that declares elicitation and answers each question with the next of `answers`. */
async function connectAsking(mode: 'legacy' | 'auto'): Promise<{
  wrapped: Wrapped;
  asked: Asked[];
  answers: Answer[];
}> {
  const asked: Asked[] = [];
  const answers: Answer[] = [];
  const wrapped = await connectWrapped(SERVER, [], {
    capabilities: { elicitation: { form: {} } },
    versionNegotiation: { mode },
    setup(client) {
      client.setRequestHandler('elicitation/create', (request) => {
        asked.push(request.params as unknown as Asked);
        return Promise.resolve(answers.shift() ?? { action: 'decline' as const });
      });
    },
  });
  await wrapped.client.listTools();
  return { wrapped, asked, answers };
}

describe.each([
  ['a 2025 client (elicitation/create)', 'legacy' as const],
  ['a 2026-07-28 client (input_required)', 'auto' as const],
])('wrap: confirmation asked in %s', (_label, mode) => {
  let setup: Awaited<ReturnType<typeof connectAsking>>;
  beforeAll(async () => {
    setup = await connectAsking(mode);
  });
  afterAll(async () => {
    await setup.wrapped.close();
  });

  it('speaks the era under test', () => {
    expect(setup.wrapped.client.getProtocolEra()).toBe(mode === 'legacy' ? 'legacy' : 'modern');
  });

  it('refuses a declined transfer before the server sees it', async () => {
    const { wrapped, asked, answers } = setup;
    answers.push({ action: 'decline' });
    await expect(wrapped.client.callTool(transfer())).rejects.toThrow(/the user declined/);
    expect(asked).toHaveLength(1);
    expect(await received(wrapped.client)).toEqual([]);
  });

  it('shows server, tool, every argument, the recipient’s ends and why, marked as the gateway’s', () => {
    const question = setup.asked[0];
    expect(question?.message).toContain('Server: confirm-target');
    expect(question?.message).toContain('Tool: transfer_funds');
    expect(question?.message).toContain(`to: "${ADDRESS}"`);
    expect(question?.message).toContain('starts "0x5290" … ends "169EE7"');
    for (const shown of ['amount: "1.5"', 'asset: "USDC"', 'chain: "base"', 'maxFeeGwei: 3']) {
      expect(question?.message).toContain(shown);
    }
    expect(question?.message).toContain('classified financial');
    expect(question?._meta).toEqual({ 'mcp-warden/origin': 'mcp-warden' });
  });

  it('runs an accepted transfer exactly once, and asks again for the same call', async () => {
    const { wrapped, asked, answers } = setup;
    answers.push({ action: 'accept', content: { decision: 'once' } });
    expect(text(await wrapped.client.callTool(transfer()))).toBe('done: transfer_funds #1');
    expect(await received(wrapped.client)).toEqual(
      [transfer()].map(({ name, arguments: args }) => ({ name, args })),
    );
    answers.push({ action: 'decline' });
    await expect(wrapped.client.callTool(transfer())).rejects.toThrow(/declined/);
    expect(asked).toHaveLength(3);
    expect(await received(wrapped.client)).toHaveLength(1);
  });

  it('asks again when an argument changes, showing the new value', async () => {
    const { wrapped, asked, answers } = setup;
    answers.push({ action: 'accept', content: { decision: 'once' } });
    expect(text(await wrapped.client.callTool(transfer('250')))).toBe('done: transfer_funds #2');
    expect(asked.at(-1)?.message).toContain('amount: "250"');
    expect(asked).toHaveLength(4);
  });

  it('asks about a destructive tool, and does not ask again after "allow for this session"', async () => {
    const { wrapped, asked, answers } = setup;
    answers.push({ action: 'accept', content: { decision: 'session' } });
    const first = await wrapped.client.callTool({ name: 'delete_note', arguments: { id: 'a' } });
    expect(text(first)).toBe('done: delete_note #3');
    expect(asked.at(-1)?.message).toContain('classified destructive');
    const second = await wrapped.client.callTool({ name: 'delete_note', arguments: { id: 'b' } });
    expect(text(second)).toBe('done: delete_note #4');
    expect(asked).toHaveLength(5);
  });

  it('records every answer in the audit log', async () => {
    await waitFor(
      () => auditRecords(setup.wrapped.stateDir).filter((r) => r.type === 'decision').length >= 6,
      10_000,
      'the decisions in the audit log',
    );
    const decisions = auditRecords(setup.wrapped.stateDir)
      .filter((record) => record.type === 'decision')
      .map((record) => record.decision as { control: string; action: string; reason: string })
      .filter((decision) => decision.control === 'confirm');
    const actions = decisions.map((decision) => decision.action);
    expect(actions.filter((action) => action === 'declined')).toHaveLength(2);
    expect(actions.filter((action) => action === 'approved')).toHaveLength(4);
    expect(decisions.some((d) => d.reason.includes('for the rest of this session'))).toBe(true);
    expect(decisions.some((d) => d.reason.includes('allowed by the user for this session'))).toBe(
      true,
    );
  });
});

describe('wrap: a client that cannot ask, and `mcp-warden approve` in a terminal', () => {
  let wrapped: Wrapped;
  let env: Record<string, string>;
  beforeAll(async () => {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'mcp-warden-run-'));
    env = { ...gatewayEnv().env, XDG_RUNTIME_DIR: runtimeDir };
    wrapped = await connectWrapped(SERVER, [], { env: { XDG_RUNTIME_DIR: runtimeDir } });
    await wrapped.client.listTools();
  });
  afterAll(async () => {
    await wrapped.close();
  });

  /** The id of the next call that waits, from the gateway's stderr after `from`. */
  const waitingId = (from: number): Promise<string> =>
    waitFor(
      () => /mcp-warden approve ([a-z0-9]{8})`/.exec(wrapped.stderr().slice(from))?.[1],
      20_000,
      'the call to wait for approval',
    );

  it('lists the waiting call in full and runs it once approved from a second process', async () => {
    const from = wrapped.stderr().length;
    const call = wrapped.client.callTool(transfer('7'));
    const id = await waitingId(from);
    const listing = await run(process.execPath, [bin, 'approve'], { env });
    expect(listing.stdout).toContain(id);
    expect(listing.stdout).toContain('Server: confirm-target');
    expect(listing.stdout).toContain('Tool: transfer_funds');
    expect(listing.stdout).toContain('amount: "7"');
    expect(listing.stdout).toContain('starts "0x5290" … ends "169EE7"');
    const approved = await run(process.execPath, [bin, 'approve', id], { env });
    expect(approved.stdout).toContain(`Approved ${id}`);
    expect(text(await call)).toBe('done: transfer_funds #1');
    const again = await run(process.execPath, [bin, 'approve', id], { env }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(again).toMatchObject({ code: 2 });
  });

  it('refuses a call denied from the terminal before the server sees it', async () => {
    const from = wrapped.stderr().length;
    const call = wrapped.client.callTool({ name: 'delete_note', arguments: { id: 'x' } }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    const id = await waitingId(from);
    await run(process.execPath, [bin, 'approve', id, '--deny'], { env });
    expect((await call)?.message).toContain('denied at the terminal');
    expect(await received(wrapped.client)).toHaveLength(1);
  });
});

describe('wrap: nobody answers', () => {
  it('refuses with a message that says how to allow the tool and how to use mcp-warden approve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-confirm-'));
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, 'version: 1\ndefaults:\n  confirm:\n    approvalTtlMs: 1000\n');
    const runtimeDir = mkdtempSync(join(tmpdir(), 'mcp-warden-run-'));
    const wrapped = await connectWrapped(SERVER, ['--policy', policy], {
      env: { XDG_RUNTIME_DIR: runtimeDir },
    });
    try {
      await wrapped.client.listTools();
      const error = await wrapped.client.callTool(transfer()).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toContain('declared no form elicitation');
      expect(error?.message).toContain('mcp-warden approve');
      expect(error?.message).toContain('servers.confirm-target.tools.transfer_funds.action: allow');
      expect(await received(wrapped.client)).toEqual([]);
      const decisions = auditRecords(wrapped.stateDir)
        .filter((record) => record.type === 'decision')
        .map((record) => (record.decision as { action: string }).action);
      expect(decisions).toContain('expired');
    } finally {
      await wrapped.close();
    }
  });
});

describe('wrap: a 2026-07-28 retry that does not match what was asked', () => {
  it('refuses changed arguments and a reused approval, and the server sees neither', async () => {
    const { env } = gatewayEnv();
    const child = spawn(process.execPath, [bin, 'wrap', '--', ...SERVER], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const answers = new Map<number, (message: Record<string, unknown>) => void>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      answers.get(message.id as number)?.(message);
    });
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
      'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1.0.0' },
    };
    let nextId = 0;
    const request = (method: string, params: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((resolveAnswer) => {
        const id = ++nextId;
        answers.set(id, resolveAnswer);
        child.stdin.write(
          `${JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } })}\n`,
        );
      });
    try {
      await request('tools/list', {});
      const asked = await request('tools/call', transfer());
      const result = asked.result as Record<string, unknown>;
      expect(result.resultType).toBe('input_required');
      const requestState = result.requestState as string;
      const inputResponses = {
        'mcp-warden/confirm': { action: 'accept', content: { decision: 'once' } },
      };
      const changed = await request('tools/call', {
        ...transfer('9999'),
        inputResponses,
        requestState,
      });
      expect((changed.error as { message: string }).message).toContain(
        'its arguments differ from the ones the user was shown',
      );
      const reused = await request('tools/call', { ...transfer(), inputResponses, requestState });
      expect((reused.error as { message: string }).message).toContain(
        'unknown or was already used',
      );
      const calls = await request('tools/call', { name: 'list_received_calls', arguments: {} });
      expect(text(calls.result)).toBe('[]');
    } finally {
      child.stdin.end();
      await new Promise((resolveExit) => child.once('exit', resolveExit));
    }
  });
});

describe.each([
  ['a 2025 client', 'legacy' as const],
  ['a 2026-07-28 client', 'auto' as const],
])('gateway mode: confirmation asked in %s', (_label, mode) => {
  let gateway: Wrapped;
  const asked: Asked[] = [];
  const answers: Answer[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-confirm-gw-'));
    const policy = join(dir, 'policy.yaml');
    writeFileSync(
      policy,
      [
        'version: 1',
        'servers:',
        '  target:',
        `    command: ${JSON.stringify(process.execPath)}`,
        `    args: [${JSON.stringify(join(fixtures, 'confirm-target.mjs'))}]`,
        '',
      ].join('\n'),
    );
    gateway = await connectGateway(['gateway', '--policy', policy], {
      capabilities: { elicitation: { form: {} } },
      versionNegotiation: { mode },
      setup(client) {
        client.setRequestHandler('elicitation/create', (request) => {
          asked.push(request.params as unknown as Asked);
          return Promise.resolve(answers.shift() ?? { action: 'decline' as const });
        });
      },
    });
    await gateway.client.listTools();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('asks with the server’s own tool name, refuses a no, and runs a yes once', async () => {
    const call = { ...transfer(), name: 'target__transfer_funds' };
    answers.push({ action: 'decline' });
    await expect(gateway.client.callTool(call)).rejects.toThrow(/the user declined/);
    expect(asked.at(-1)?.message).toContain('Server: target');
    expect(asked.at(-1)?.message).toContain('Tool: transfer_funds');
    answers.push({ action: 'accept', content: { decision: 'once' } });
    expect(text(await gateway.client.callTool(call))).toBe('done: transfer_funds #1');
    const seen = await gateway.client.callTool({
      name: 'target__list_received_calls',
      arguments: {},
    });
    expect(JSON.parse(text(seen))).toHaveLength(1);
  });
});
