import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import remoteWithoutAuth from './index.js';

new DetectorTester(remoteWithoutAuth).run({
  valid: [
    {
      name: 'an Authorization header from an input variable is authentication',
      subject: serverFile({
        client: 'vscode',
        url: 'https://api.githubcopilot.com/mcp/',
        headers: { Authorization: 'Bearer ${input:github_mcp_pat}' },
      }),
    },
    {
      name: 'an API-key header (X-API-Key, CONTEXT7_API_KEY) is authentication',
      subject: makeConfigFile({
        servers: [
          makeServer({
            name: 'a',
            url: 'https://mcp.example.com/mcp',
            headers: { 'X-API-Key': '${env:KEY}' },
          }),
          makeServer({
            name: 'b',
            url: 'https://mcp.context7.com/mcp',
            headers: { CONTEXT7_API_KEY: '${env:C7}' },
          }),
        ],
      }),
    },
    {
      name: 'a token in the query string or a capability path segment is authentication',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', url: 'https://mcp.example.com/sse?api_key=${env:KEY}' }),
          makeServer({
            name: 'b',
            url: 'https://mcp.zapier.com/api/mcp/s/Zk3q9XvB2mL7pR4tW8yN1cD6fH0jK5sA/mcp',
          }),
        ],
      }),
    },
    {
      name: 'a loopback server needs no authentication here',
      subject: serverFile({ url: 'http://localhost:3000/mcp' }),
    },
    {
      name: 'a stdio server is not a remote server',
      subject: serverFile({ command: 'npx', args: ['-y', 'pkg@1.0.0'] }),
    },
    {
      name: 'a server known to authenticate another way (Codex bearer_token_env_var) can be declared',
      subject: serverFile({ client: 'codex', name: 'figma', url: 'https://mcp.figma.com/mcp' }),
      options: { assumeAuthenticated: ['figma'] },
    },
  ],
  invalid: [
    {
      // https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization
      name: 'a remote server in a client without OAuth support is medium',
      subject: serverFile({ client: 'generic', url: 'https://mcp.example.com/mcp' }),
      errors: [
        {
          messageId: 'noAuth',
          at: '/mcpServers/example/url',
          severity: 'medium',
          message: 'mcp.example.com',
        },
      ],
    },
    {
      name: 'a remote server in an OAuth-capable client is low and says OAuth may apply',
      subject: serverFile({
        client: 'cursor',
        url: 'https://mcp.example.com/sse',
        transport: 'sse',
      }),
      errors: [{ messageId: 'noStaticAuth', severity: 'low', message: 'negotiates OAuth' }],
    },
    {
      name: 'an empty Authorization header is no authentication',
      subject: serverFile({
        client: 'generic',
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: '', 'User-Agent': 'x' },
      }),
      errors: [{ messageId: 'noAuth' }],
    },
  ],
});
