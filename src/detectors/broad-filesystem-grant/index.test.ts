import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import broadFilesystemGrant from './index.js';

const FS = '@modelcontextprotocol/server-filesystem@2025.8.21';
const fs = (...paths: string[]) => serverFile({ command: 'npx', args: ['-y', FS, ...paths] });

new DetectorTester(broadFilesystemGrant).run({
  valid: [
    {
      // https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem#usage-with-claude-desktop
      name: 'project directories under the home directory are fine',
      subject: fs('/home/alice/projects/app', '~/work/notes', '${workspaceFolder}'),
    },
    {
      name: "a non-filesystem server given / is not this rule's business",
      subject: serverFile({ command: 'npx', args: ['-y', 'other-server@1.0.0', '/'] }),
    },
    {
      name: 'paths after a filesystem image in docker are container paths',
      subject: serverFile({
        command: 'docker',
        args: [
          'run',
          '-i',
          '--rm',
          '--mount',
          'type=bind,src=/home/alice/app,dst=/projects/app',
          'mcp/filesystem',
          '/',
        ],
      }),
    },
    {
      name: 'a filesystem server started without arguments (roots from the client) is fine',
      subject: fs(),
    },
  ],
  invalid: [
    {
      name: 'the filesystem root / is critical and points at the argument',
      subject: fs('/'),
      errors: [{ messageId: 'rootGrant', at: '/mcpServers/example/args/2', severity: 'critical' }],
    },
    {
      // https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices (least privilege)
      name: 'the home directory as ~, $HOME, the environment home and /Users/x is high',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', command: 'npx', args: ['-y', FS, '~'] }),
          makeServer({ name: 'b', command: 'npx', args: ['-y', FS, '$HOME'] }),
          makeServer({ name: 'c', command: 'npx', args: ['-y', FS, '/home/alice/'] }),
          makeServer({ name: 'd', command: 'npx', args: ['-y', FS, '/Users/bob'] }),
        ],
      }),
      errors: [
        { messageId: 'homeGrant', at: '/mcpServers/a/args/2', severity: 'high' },
        { messageId: 'homeGrant', at: '/mcpServers/b/args/2' },
        { messageId: 'homeGrant', at: '/mcpServers/c/args/2' },
        { messageId: 'homeGrant', at: '/mcpServers/d/args/2' },
      ],
    },
    {
      name: 'a Windows home directory and a drive root are reported',
      subject: fs('C:\\Users\\carol', 'D:/'),
      errors: [
        { messageId: 'homeGrant', at: '/mcpServers/example/args/2' },
        { messageId: 'rootGrant', at: '/mcpServers/example/args/3', message: 'whole drive' },
      ],
      environment: { platform: 'win32', homeDirs: ['C:\\Users\\carol'] },
    },
    {
      name: 'system directories (/etc, /root) and credential stores (~/.ssh) are reported',
      subject: fs('/etc', '/root', '~/.ssh'),
      errors: [
        { messageId: 'systemGrant', message: '/etc' },
        { messageId: 'homeGrant', message: '/root' },
        { messageId: 'credentialGrant', message: '~/.ssh' },
      ],
    },
    {
      name: 'desktop-commander and a globally installed binary are filesystem servers too',
      subject: makeConfigFile({
        servers: [
          makeServer({
            name: 'dc',
            command: 'npx',
            args: ['-y', '@wonderwhy-er/desktop-commander@0.2.3', '/'],
          }),
          makeServer({
            name: 'bin',
            command: '/usr/local/bin/mcp-server-filesystem',
            args: ['/home/alice'],
          }),
        ],
      }),
      errors: [
        { messageId: 'rootGrant', at: '/mcpServers/dc/args/2' },
        { messageId: 'homeGrant', at: '/mcpServers/bin/args/0' },
      ],
    },
    {
      name: "the scanning user's home is recognised wherever it lives",
      subject: fs('/data/users/alice'),
      environment: { homeDirs: ['/data/users/alice'] },
      errors: [{ messageId: 'homeGrant', at: '/mcpServers/example/args/2' }],
    },
  ],
});
