// Flow control across servers with one `wrap` per server, as clients run them: a client process
// (test/fixtures/clients/flow-client.mjs) starts three real wraps — a web reader (untrusted
// input), a file reader (private data) and a mail sender (outbound) — and the wraps share one
// flow state through the session broker. Build first (`npm run build`).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  type PathLike,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, fixtures, gatewayEnv, root, waitFor } from './gateway-support.js';
import { brokerPids, hasExited } from '../../src/gateway/session-broker/testing.js';

const clientScript = join(root, 'test/fixtures/clients/flow-client.mjs');

interface Reply {
  ready?: boolean;
  ok?: boolean;
  text?: string;
  error?: string;
}

/** One client process and its three wraps. */
class FlowClient {
  private readonly lines: Interface;
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | undefined;
  private readonly exited: Promise<number | null>;
  stderr = '';

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly stateDir: string,
    readonly outbox: string,
  ) {
    this.lines = createInterface({ input: child.stdout });
    this.lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(reply);
      else this.replies.push(reply);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  }

  next(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolveReply, reject) => {
      this.waiting = resolveReply;
      void this.exited.then((code) => {
        reject(new Error(`the client exited (${String(code)})\n${this.stderr}`));
      });
    });
  }

  call(server: string, tool: string, args: Record<string, unknown>): Promise<Reply> {
    this.child.stdin.write(`${JSON.stringify({ call: server, tool, arguments: args })}\n`);
    return this.next();
  }

  async quit(): Promise<void> {
    this.child.stdin.end(`${JSON.stringify({ quit: true })}\n`);
    expect(await this.exited).toBe(0);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** Every audit record text the three wraps wrote. */
  audit(): string {
    const dir = join(this.stateDir, 'mcp-warden');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('');
  }

  mails(): number {
    return existsSync(this.outbox) ? lines(this.outbox).length : 0;
  }
}

function lines(file: PathLike): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

const started: FlowClient[] = [];

afterEach(() => {
  for (const client of started.splice(0)) client.kill();
});

/** The per-user runtime directory the brokers live in, fresh for a test. */
function runtimeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-flows-'));
  chmodSync(dir, 0o700);
  return dir;
}

async function startClient(runtime: string): Promise<FlowClient> {
  const { env, stateDir } = gatewayEnv({ XDG_RUNTIME_DIR: runtime });
  const outbox = join(stateDir, 'outbox.jsonl');
  // The mail server may write its outbox from inside its sandbox. This client cannot be asked in
  // its own interface (no elicitation), so a held-back call waits for `mcp-warden approve`; here
  // nobody answers, and the question expires after a second. Everything else is the default.
  const policy = join(stateDir, 'policy.yaml');
  writeFileSync(
    policy,
    [
      'version: 1',
      'defaults:',
      '  confirm: { approvalTtlMs: 1000 }',
      'servers:',
      '  mail:',
      `    sandbox: { writePaths: [${JSON.stringify(stateDir)}] }`,
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [clientScript, bin, fixtures], {
    env: { ...env, FLOW_MAIL_OUTBOX: outbox, FLOW_POLICY: policy },
    stdio: 'pipe',
  });
  const client = new FlowClient(child, stateDir, outbox);
  started.push(client);
  expect((await client.next()).ready).toBe(true);
  return client;
}

const PAGE = { url: 'https://example.com/garden' };
const FILE = { path: 'q3.txt' };
const MAIL = { to: 'someone@example.com', subject: 'numbers', body: 'Q3 revenue 1.2M' };

// Each client starts three wraps and their servers: slow on a loaded machine.
describe('flow control with one wrap per server', { timeout: 120_000 }, () => {
  it('holds send_mail back after a web page and a file were read, in other wraps of the client', async () => {
    const runtime = runtimeDir();
    const client = await startClient(runtime);
    // The three wraps started at once, and still found one broker.
    expect(brokerPids(runtime)).toHaveLength(1);
    expect((await client.call('web', 'fetch_page', PAGE)).ok).toBe(true);
    expect((await client.call('files', 'read_file', FILE)).ok).toBe(true);
    const mail = await client.call('mail', 'send_mail', MAIL);
    expect(mail.ok).toBe(false);
    expect(mail.error).toContain('mcp-warden blocked this (flow-control)');
    expect(mail.error).toContain('untrusted content (tool "fetch_page" of server "web"');
    expect(mail.error).toContain('private data (tool "read_file" of server "files"');
    expect(mail.error).toContain("needs the user's confirmation");
    expect(client.mails()).toBe(0);

    const audit = client.audit();
    expect(audit).toContain('Untrusted content entered the session from tool \\"fetch_page\\"');
    expect(audit).toContain('Untrusted content and private data have both entered');
    expect(audit).toContain('"event":"session-broker-joined"');
    // The unanswered question's expiry, once the mail wrap has written it.
    await waitFor(() => client.audit().includes('"action":"expired"'), 10_000, 'the expiry record');
    await client.quit();
  });

  it('lets send_mail through when no web page was read', async () => {
    const client = await startClient(runtimeDir());
    expect((await client.call('files', 'read_file', FILE)).ok).toBe(true);
    const mail = await client.call('mail', 'send_mail', MAIL);
    expect(mail).toEqual({ ok: true, text: 'sent to someone@example.com' });
    expect(client.mails()).toBe(1);
    await client.quit();
  });

  it('shares nothing with a second client running at the same time', async () => {
    const runtime = runtimeDir();
    const first = await startClient(runtime);
    const second = await startClient(runtime);
    await first.call('web', 'fetch_page', PAGE);
    await first.call('files', 'read_file', FILE);
    expect((await second.call('files', 'read_file', FILE)).ok).toBe(true);
    expect((await second.call('mail', 'send_mail', MAIL)).ok).toBe(true);
    expect((await first.call('mail', 'send_mail', MAIL)).ok).toBe(false);
    expect(brokerPids(runtime)).toHaveLength(2);
    await second.quit();
    await first.quit();
  });

  it('fails closed when the broker dies, and says so on stderr and in the audit log', async () => {
    const runtime = runtimeDir();
    const client = await startClient(runtime);
    expect((await client.call('files', 'read_file', FILE)).ok).toBe(true);
    const [pid] = brokerPids(runtime);
    if (pid === undefined) throw new Error('no broker process');
    process.kill(pid, 'SIGKILL');
    // The signal is delivered asynchronously: call once the broker has exited.
    await new Promise<void>((resolveGone) => {
      const watch = (): void => {
        if (hasExited(pid)) resolveGone();
        else setImmediate(watch);
      };
      watch();
    });
    const mail = await client.call('mail', 'send_mail', MAIL);
    expect(mail.ok).toBe(false);
    expect(mail.error, client.stderr).toMatch(/the session broker (went away|connection failed)/);
    expect(client.mails()).toBe(0);
    expect(client.stderr).toContain('Cross-server flow rules fail closed');
    expect(client.audit()).toContain('"event":"session-broker-failed"');
    await client.quit();
  });
});
