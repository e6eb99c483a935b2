import { describe, expect, it } from 'vitest';
import { createHarness } from './testing.js';
import { resolveToolAction, toolAccess } from './tool-access.js';
import { GATEWAY_ERROR } from './types.js';

const policy = {
  version: 1 as const,
  servers: {
    fs: {
      command: 'fs-server',
      action: 'confirm' as const,
      tools: {
        read_file: { action: 'allow' as const },
        delete_file: { action: 'deny' as const },
        '*': { action: 'confirm' as const },
      },
    },
    web: { command: 'web-server' },
    shell: { command: 'sh-server', action: 'deny' as const },
  },
};

describe('tool-access', () => {
  it('passes an allowed call on as the same message object', async () => {
    const h = createHarness({ policy });
    const mw = toolAccess(h.policy);
    const call = h.request('fs', 'tools/call', { name: 'read_file', arguments: { path: 'a' } });
    const message = call.message;
    const { forwarded } = await h.run(mw, call);
    expect(forwarded).toBe(true);
    expect(call.message).toBe(message);
    expect(call.decisions).toEqual([]);
  });

  it('denies a tool the policy denies and names the policy entry', async () => {
    const h = createHarness({ policy });
    const call = h.request('fs', 'tools/call', { name: 'delete_file', arguments: {} });
    expect((await h.run(toolAccess(h.policy), call)).forwarded).toBe(false);
    expect(call.denial?.decision.action).toBe('deny');
    expect(call.reason).toContain('servers.fs.tools.delete_file.action: deny');
  });

  it('hands a confirm tool on to the confirm control', async () => {
    const h = createHarness({ policy });
    const call = h.request('fs', 'tools/call', { name: 'write_file', arguments: {} });
    expect((await h.run(toolAccess(h.policy), call)).forwarded).toBe(true);
    expect(call.denied).toBe(false);
  });

  it("lets a tool's own entry win over '*', the server action and the defaults", () => {
    const h = createHarness({ policy: { ...policy, defaults: { action: 'deny' } } });
    const fs = h.policy.servers.fs!;
    expect(resolveToolAction(h.policy, 'fs', fs, 'read_file')).toEqual({
      action: 'allow',
      source: 'servers.fs.tools.read_file.action',
    });
    expect(resolveToolAction(h.policy, 'shell', h.policy.servers.shell!, 'run').source).toBe(
      'servers.shell.action',
    );
    expect(resolveToolAction(h.policy, 'web', h.policy.servers.web!, 'fetch')).toEqual({
      action: 'deny',
      source: 'defaults.action',
    });
  });

  it('leaves denied tools out of the tool list and keeps the others', async () => {
    const h = createHarness({ policy });
    const listed = await h.list(toolAccess(h.policy), 'fs', [
      { name: 'read_file', inputSchema: { type: 'object' } },
      { name: 'delete_file', inputSchema: { type: 'object' } },
    ]);
    const result = listed.message.result as { tools: { name: string }[] };
    expect(result.tools.map((t) => t.name)).toEqual(['read_file']);
    expect(listed.decisions[0]?.action).toBe('withhold');
  });

  it('passes a tool list with nothing denied as the same object', async () => {
    const h = createHarness({ policy });
    const request = h.request('web', 'tools/list', {});
    const result = h.result(request, { tools: [{ name: 'fetch', inputSchema: {} }] });
    const message = result.message;
    await h.run(toolAccess(h.policy), result);
    expect(result.message).toBe(message);
  });

  it('refuses a tools/call without a tool name', async () => {
    const h = createHarness({ policy });
    const call = h.request('web', 'tools/call', { arguments: {} });
    await h.run(toolAccess(h.policy), call);
    expect(call.denial?.code).toBe(GATEWAY_ERROR.invalidParams);
  });
});
