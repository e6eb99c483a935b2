import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertFor, alertingSink } from './alerts.js';
import type { AuditEvent } from './record.js';

const withheld: AuditEvent = {
  type: 'decision',
  server: 'evil',
  method: 'tools/list',
  decision: {
    control: 'definitions',
    action: 'withhold',
    reason: 'tool "add" carries instructions to read ~/.ssh/id_rsa',
    checklist: ['client.prompt.tool-description-verification'],
  },
};

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      resolve(text);
    });
  });
}

describe('alerts', () => {
  it('raises an alert for a security decision and none for a rate limit or an allow', () => {
    expect(alertFor(withheld)).toMatchObject({
      type: 'alert',
      event: 'definitions-withhold',
      server: 'evil',
      decision: withheld.decision,
    });
    const rateLimited: AuditEvent = {
      type: 'decision',
      decision: { control: 'limits', action: 'deny', reason: 'rate' },
    };
    expect(alertFor(rateLimited)).toBeUndefined();
    expect(
      alertFor({ type: 'decision', decision: { control: 'pins', action: 'allow', reason: '' } }),
    ).toBeUndefined();
  });

  it('writes an alert record after the decision and POSTs it to the webhook over real HTTP', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const received = once(server, 'request') as Promise<[IncomingMessage, { end(): void }]>;
    const written: AuditEvent[] = [];
    const forwarded = new Promise<boolean>((resolve) => {
      const sink = alertingSink(
        { append: (event) => written.push(event) },
        { webhook: `http://127.0.0.1:${String(port)}/hook` },
        () => undefined,
        (_, ok) => {
          resolve(ok);
        },
      );
      sink.append({ ...withheld, args: { secret: 'kept in the log only' } });
    });
    const [request, response] = await received;
    const posted = JSON.parse(await body(request)) as Record<string, unknown>;
    response.end();
    expect(await forwarded).toBe(true);
    server.close();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hook');
    expect(request.headers['content-type']).toBe('application/json');
    expect(posted).toMatchObject({
      source: 'mcp-warden',
      type: 'alert',
      event: 'definitions-withhold',
    });
    expect(posted).not.toHaveProperty('args');
    expect(written.map((event) => event.type)).toEqual(['decision', 'alert']);
  });

  it('hands the alert to the command hook on stdin, without a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-alert-'));
    const out = join(dir, 'alert.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(out)}, require('fs').readFileSync(0))`;
    const ok = await new Promise<boolean>((resolve) => {
      alertingSink(
        { append: () => undefined },
        { command: [process.execPath, '-e', script] },
        () => undefined,
        (_, success) => {
          resolve(success);
        },
      ).append(withheld);
    });
    expect(ok).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      type: 'alert',
      event: 'definitions-withhold',
      server: 'evil',
    });
  });

  it('tells the log when the webhook cannot be reached, and still records the alert', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    const logged: string[] = [];
    const written: AuditEvent[] = [];
    const ok = await new Promise<boolean>((resolve) => {
      alertingSink(
        { append: (event) => written.push(event) },
        { webhook: `http://127.0.0.1:${String(port)}/` },
        (text) => logged.push(text),
        (_, success) => {
          resolve(success);
        },
      ).append(withheld);
    });
    expect(ok).toBe(false);
    expect(logged[0]).toMatch(/^alert webhook failed/);
    expect(written.map((event) => event.type)).toEqual(['decision', 'alert']);
  });
});
