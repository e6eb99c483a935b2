import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../core/config/parse.js';
import { serverSandbox } from './sandboxing.js';

const policy = parsePolicy(
  [
    'version: 1',
    'defaults:',
    '  sandbox:',
    '    readPaths: [/opt/data]',
    '    limits: { memoryMb: 512 }',
    'servers:',
    '  web:',
    '    sandbox:',
    '      network: false',
    '      writePaths: [~/notes]',
    '      limits: { processes: 16 }',
    '  plain: {}',
    '',
  ].join('\n'),
  'policy.yaml',
);

describe('serverSandbox', () => {
  it('is bubblewrap when available, with network and the default limits, for a server that says nothing', () => {
    expect(serverSandbox(policy, policy.servers.plain!, {}, '/home/u')).toEqual({
      mode: 'auto',
      network: true,
      readPaths: ['/opt/data'],
      writePaths: [],
      limits: { memoryMb: 512, processes: 256, openFiles: 4096 },
    });
  });

  it("takes the server's own fields, adds its paths to the defaults', and expands ~/", () => {
    expect(serverSandbox(policy, policy.servers.web!, {}, '/home/u')).toEqual({
      mode: 'auto',
      network: false,
      readPaths: ['/opt/data'],
      writePaths: ['/home/u/notes'],
      limits: { memoryMb: 512, processes: 16, openFiles: 4096 },
    });
  });

  it('lets the command line win', () => {
    const sandbox = serverSandbox(policy, policy.servers.web!, { mode: 'off', network: true });
    expect([sandbox.mode, sandbox.network]).toEqual(['off', true]);
  });

  it('rejects a relative sandbox path in the policy', () => {
    expect(() =>
      parsePolicy('version: 1\ndefaults:\n  sandbox:\n    readPaths: [data]\n', 'policy.yaml'),
    ).toThrow(/an absolute path or one starting with ~\//);
  });
});
