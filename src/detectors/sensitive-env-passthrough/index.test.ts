import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import sensitiveEnvPassthrough from './index.js';

new DetectorTester(sensitiveEnvPassthrough).run({
  valid: [
    {
      name: 'forwarding non-secret variables (PATH, LOG_LEVEL) is fine',
      subject: serverFile({ client: 'codex', envPassthrough: ['PATH', 'LOG_LEVEL', 'AWS_REGION'] }),
    },
    {
      // https://code.visualstudio.com/docs/copilot/chat/mcp-servers (reference secrets instead of writing them)
      name: 'referencing a generic token from the environment is the recommended practice',
      subject: serverFile({ env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}' } }),
    },
    {
      name: 'a server-specific env file is fine',
      subject: serverFile({ envFile: '${workspaceFolder}/mcp/github.env' }),
    },
    {
      name: 'docker -e NAME=value and an allow-listed variable are not passthroughs',
      subject: serverFile({
        command: 'docker',
        args: ['run', '-e', 'LOG_LEVEL=debug', '-e', 'AWS_PROFILE', 'img'],
      }),
      options: { allowVariables: ['AWS_PROFILE'] },
    },
    {
      name: 'a remote server sent a generic token reference is not an ambient credential',
      subject: serverFile({
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: 'Bearer ${env:MCP_TOKEN}' },
      }),
    },
  ],
  invalid: [
    {
      name: 'ambient cloud credentials and the SSH agent in envPassthrough are medium, a generic secret low',
      subject: serverFile({
        client: 'codex',
        envPassthrough: ['AWS_SECRET_ACCESS_KEY', 'SSH_AUTH_SOCK', 'GITHUB_TOKEN', 'PATH'],
      }),
      errors: [
        {
          messageId: 'ambientCredential',
          at: '/mcpServers/example/env_vars/0',
          severity: 'medium',
        },
        { messageId: 'ambientCredential', at: '/mcpServers/example/env_vars/1' },
        { messageId: 'secretPassthrough', at: '/mcpServers/example/env_vars/2', severity: 'low' },
      ],
    },
    {
      name: 'a wildcard passthrough forwards the whole environment and is high',
      subject: serverFile({ envPassthrough: ['*'] }),
      errors: [{ messageId: 'allEnvironment', severity: 'high' }],
    },
    {
      name: 'envFile pointing at the project .env is reported at envFile',
      subject: serverFile({ envFile: '${workspaceFolder}/.env' }),
      errors: [{ messageId: 'envFile', at: '/mcpServers/example/envFile' }],
    },
    {
      // https://docs.docker.com/reference/cli/docker/container/run/#env
      name: 'docker --env-file .env and -e AWS_SECRET_ACCESS_KEY without a value are reported at the arguments',
      subject: serverFile({
        command: 'docker',
        args: [
          'run',
          '-i',
          '--env-file',
          '.env.local',
          '-e',
          'AWS_SECRET_ACCESS_KEY',
          '--env',
          'SLACK_BOT_TOKEN',
          'img',
        ],
      }),
      errors: [
        { messageId: 'envFile', at: '/mcpServers/example/args/3' },
        { messageId: 'ambientCredential', at: '/mcpServers/example/args/5' },
        { messageId: 'secretPassthrough', at: '/mcpServers/example/args/7' },
      ],
    },
    {
      name: 'an env value forwarding an ambient credential is reported at that key',
      subject: serverFile({ env: { AWS_SECRET_ACCESS_KEY: '${env:AWS_SECRET_ACCESS_KEY}' } }),
      errors: [
        { messageId: 'ambientCredential', at: '/mcpServers/example/env/AWS_SECRET_ACCESS_KEY' },
      ],
    },
    {
      name: 'an ambient credential sent to a remote server in a header is high',
      subject: makeConfigFile({
        servers: [
          makeServer({
            url: 'https://mcp.example.com/mcp',
            headers: { 'X-Aws-Secret': '${AWS_SECRET_ACCESS_KEY}' },
          }),
        ],
      }),
      errors: [
        {
          messageId: 'credentialToRemote',
          at: '/mcpServers/example/headers/X-Aws-Secret',
          severity: 'high',
        },
      ],
    },
  ],
});
