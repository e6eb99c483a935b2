import { describe, expect, it } from 'vitest';
import { innerArgv, isWrapped, wrapArgv, type WrapSettings } from './wrap-command.js';

const settings: WrapSettings = {
  launcher: { command: '/usr/bin/node', args: ['/opt/mcp-warden/dist/cli/bin.js'] },
  policy: '/home/me/.config/mcp-warden/mcp-warden.policy.yaml',
  lockfile: '/home/me/.config/mcp-warden/mcp-warden.lock.json',
};

describe('wrapArgv', () => {
  it('runs a stdio server through wrap with its name, absolute paths, its variables and its argv', () => {
    expect(
      wrapArgv(
        {
          kind: 'stdio',
          name: 'gh',
          command: 'npx',
          args: ['-y', 'pkg@1.0.0', '--'],
          passEnv: ['TOKEN'],
        },
        settings,
      ),
    ).toEqual([
      '/usr/bin/node',
      '/opt/mcp-warden/dist/cli/bin.js',
      'wrap',
      '--name',
      'gh',
      '--policy',
      settings.policy,
      '--lockfile',
      settings.lockfile,
      '--pass-env',
      'TOKEN',
      '--',
      'npx',
      '-y',
      'pkg@1.0.0',
      '--',
    ]);
  });

  it('reaches a remote server with headers as references and forces only SSE', () => {
    const argv = wrapArgv(
      {
        kind: 'remote',
        name: 'docs',
        url: 'https://docs.example.com/sse',
        transport: 'sse',
        headers: [['Authorization', 'Bearer ${env:DOCS}']],
        headerEnv: [['X-Key', 'DOCS_KEY']],
        allowHttp: false,
      },
      { ...settings, lockfile: undefined },
    );
    expect(argv.slice(2)).toEqual([
      'wrap',
      '--name',
      'docs',
      '--policy',
      settings.policy,
      '--url',
      'https://docs.example.com/sse',
      '--transport',
      'sse',
      '--header',
      'Authorization=Bearer ${env:DOCS}',
      '--header-env',
      'X-Key=DOCS_KEY',
    ]);
  });
});

describe('isWrapped and innerArgv', () => {
  it('recognises any copy of mcp-warden running wrap', () => {
    expect(isWrapped(['mcp-warden', 'wrap', '--', 'x'])).toBe(true);
    expect(isWrapped(['npx', '-y', 'mcp-warden@0.1.0', 'wrap', '--', 'x'])).toBe(true);
    expect(isWrapped(['/usr/bin/node', '/a/b/dist/cli/bin.js', 'wrap', '--url', 'https://x'])).toBe(
      true,
    );
    expect(isWrapped(['C:\\nodejs\\node.exe', 'C:\\m\\dist\\cli\\bin.js', 'wrap', '--', 'x'])).toBe(
      true,
    );
  });

  it('does not mistake a server that merely has wrap in its arguments', () => {
    expect(isWrapped(['npx', '-y', 'some-server', 'wrap'])).toBe(false);
    expect(isWrapped(['mcp-warden-like', 'wrap'])).toBe(false);
    expect(isWrapped(['node', 'server.js'])).toBe(false);
  });

  it('gives back the server’s own command line: everything after the first --', () => {
    expect(
      innerArgv(['/n', '/b/dist/cli/bin.js', 'wrap', '--name', 'a', '--', 'npx', '--', 'x']),
    ).toEqual(['npx', '--', 'x']);
    expect(innerArgv(['/n', '/b/dist/cli/bin.js', 'wrap', '--url', 'https://x'])).toBeUndefined();
  });
});
