import { expect, it } from 'vitest';
import { parseConfigText } from '../../discovery/load.js';
import { DetectorTester } from '../detector-tester.js';
import { makeApproval, makeConfigFile } from '../testing.js';
import autoApprovedTools from './index.js';

new DetectorTester(autoApprovedTools).run({
  valid: [
    {
      name: 'a file without auto-approvals is fine',
      subject: makeConfigFile({}),
    },
    {
      name: 'auto-approved tools the user accepted by option are not reported',
      subject: makeConfigFile({
        approvals: [makeApproval({ tools: ['read_file', 'list_directory'] })],
      }),
      options: { ignoreTools: ['read_*', 'list_*'] },
    },
    {
      name: 'an approval with an empty tool list approves nothing',
      subject: makeConfigFile({ approvals: [makeApproval({ tools: [] })] }),
    },
  ],
  invalid: [
    {
      // https://code.visualstudio.com/docs/copilot/chat/chat-agent-mode (chat.tools.autoApprove)
      name: 'a global yolo switch (every tool of every server) is high and names every server',
      subject: makeConfigFile({
        client: 'vscode',
        approvals: [
          makeApproval({
            server: '*',
            tools: ['*'],
            setting: 'chat.tools.autoApprove',
            pointer: '/chat.tools.autoApprove',
          }),
        ],
      }),
      errors: [
        {
          messageId: 'allTools',
          at: '/chat.tools.autoApprove',
          severity: 'high',
          message: 'every server',
        },
      ],
    },
    {
      // https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md (trust: true)
      name: 'a trusted server (Gemini trust, a bare mcp__server permission) is high',
      subject: makeConfigFile({
        client: 'gemini',
        approvals: [
          makeApproval({
            server: 'github',
            tools: ['*'],
            setting: 'trust',
            pointer: '/mcpServers/github/trust',
          }),
        ],
      }),
      errors: [
        { messageId: 'allTools', at: '/mcpServers/github/trust', message: 'server "github"' },
      ],
    },
    {
      name: 'named read-only tools are medium and are named',
      subject: makeConfigFile({
        approvals: [makeApproval({ server: 'fs', tools: ['read_file', 'list_directory'] })],
      }),
      errors: [
        {
          messageId: 'namedTools',
          severity: 'medium',
          message: '"read_file" and "list_directory"',
        },
      ],
    },
    {
      // https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks
      name: 'a destructive, exec or financial tool among named tools raises it to high and names it',
      subject: makeConfigFile({
        approvals: [
          makeApproval({
            server: 'fs',
            tools: ['read_file', 'delete_file'],
            pointer: '/mcpServers/fs/alwaysAllow',
          }),
          makeApproval({
            server: 'shell',
            tools: ['executeCommand'],
            pointer: '/mcpServers/shell/alwaysAllow',
          }),
          makeApproval({
            server: 'wallet',
            tools: ['get_balance', 'transfer_tokens'],
            pointer: '/mcpServers/wallet/alwaysAllow',
          }),
        ],
      }),
      errors: [
        {
          messageId: 'sensitiveTools',
          at: '/mcpServers/fs/alwaysAllow',
          severity: 'high',
          message: '"delete_file" can change',
        },
        {
          messageId: 'sensitiveTools',
          at: '/mcpServers/shell/alwaysAllow',
          message: '"executeCommand"',
        },
        {
          messageId: 'sensitiveTools',
          at: '/mcpServers/wallet/alwaysAllow',
          message: '"transfer_tokens" can',
        },
      ],
    },
    {
      name: 'a tool pattern with a wildcard is judged by its words',
      subject: makeConfigFile({ approvals: [makeApproval({ server: 'db', tools: ['drop_*'] })] }),
      errors: [{ messageId: 'sensitiveTools', message: '"drop_*"' }],
    },
  ],
});

// https://cursor.com/docs/reference/permissions (mcpAllowlist in ~/.cursor/permissions.json)
it("reads Cursor's permissions.json mcpAllowlist: a whole server is high, a named tool points at its entry", async () => {
  const file = parseConfigText(
    `{
  // JSONC, as Cursor reads it
  "mcpAllowlist": ["github:*", "filesystem:read_file", 42],
  "terminalAllowlist": ["ls"]
}`,
    { path: '/home/me/.cursor/permissions.json', scope: 'user' },
  );
  expect(file).toMatchObject({ client: 'cursor', format: 'jsonc' });
  expect(file.parseError).toBeUndefined();
  const { findings } = await new DetectorTester(autoApprovedTools).execute({
    name: 'cursor permissions',
    subject: file,
  });
  expect(findings.map((f) => [f.messageId, f.severity, f.location.pointer])).toEqual([
    ['allTools', 'high', '/mcpAllowlist/0'],
    ['namedTools', 'medium', '/mcpAllowlist/1'],
  ]);
  expect(findings[0]?.location.line).toBe(3);
});
