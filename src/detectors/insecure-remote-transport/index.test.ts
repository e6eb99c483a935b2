import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import insecureRemoteTransport from './index.js';

new DetectorTester(insecureRemoteTransport).run({
  valid: [
    {
      name: 'an https remote server is fine',
      subject: serverFile({ url: 'https://mcp.example.com/mcp' }),
    },
    {
      // https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning (local servers bind to localhost)
      name: 'http on loopback (localhost, 127.0.0.1, [::1], *.localhost) is fine',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', url: 'http://localhost:3000/mcp' }),
          makeServer({ name: 'b', url: 'http://127.0.0.1:8080/sse' }),
          makeServer({ name: 'c', url: 'http://[::1]:9000/mcp' }),
          makeServer({ name: 'd', url: 'http://api.localhost/mcp' }),
        ],
      }),
    },
    {
      name: 'mcp-remote pointed at an https URL or a local http URL is fine',
      subject: makeConfigFile({
        servers: [
          makeServer({
            name: 'a',
            command: 'npx',
            args: ['-y', 'mcp-remote@0.1.29', 'https://mcp.example.com/sse'],
          }),
          makeServer({
            name: 'b',
            command: 'npx',
            args: ['-y', 'mcp-remote@0.1.29', 'http://localhost:8080/sse'],
          }),
        ],
      }),
    },
    {
      name: 'an http URL passed to a program that is not a bridge is not reported here',
      subject: serverFile({
        command: 'uvx',
        args: ['mcp-server-fetch==2025.4.7', '--proxy-url', 'http://proxy.internal:3128'],
      }),
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED=1 keeps verification on',
      subject: serverFile({
        command: 'node',
        args: ['server.js'],
        env: { NODE_TLS_REJECT_UNAUTHORIZED: '1' },
      }),
    },
    {
      name: '-k is not insecure for programs other than curl-like ones',
      subject: serverFile({ command: 'my-server', args: ['-k', '5'] }),
    },
    {
      name: 'an allow-listed internal host may use http',
      subject: serverFile({ url: 'http://mcp.corp.internal/mcp' }),
      options: { allowHttpHosts: ['mcp.corp.internal'] },
    },
  ],
  invalid: [
    {
      // https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security
      name: 'a remote server over http:// is reported at the URL',
      subject: serverFile({ url: 'http://mcp.example.com/mcp' }),
      errors: [
        {
          messageId: 'plainHttp',
          at: '/mcpServers/example/url',
          severity: 'high',
          message: 'mcp.example.com',
        },
      ],
    },
    {
      name: 'an sse server on a LAN address over http:// is reported',
      subject: serverFile({ url: 'http://192.168.1.20:8000/sse', transport: 'sse' }),
      errors: [{ messageId: 'plainHttp' }],
    },
    {
      // https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue
      name: 'NODE_TLS_REJECT_UNAUTHORIZED=0 in env is reported at the variable',
      subject: serverFile({
        command: 'node',
        args: ['server.js'],
        env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      }),
      errors: [
        {
          messageId: 'tlsVerificationOff',
          at: '/mcpServers/example/env/NODE_TLS_REJECT_UNAUTHORIZED',
        },
      ],
    },
    {
      // https://github.com/geelen/mcp-remote#flags (--allow-http)
      name: 'mcp-remote to a remote http:// URL with --allow-http is reported twice',
      subject: serverFile({
        command: 'npx',
        args: ['-y', 'mcp-remote@0.1.29', 'http://mcp.example.com/sse', '--allow-http'],
      }),
      errors: [
        { messageId: 'bridgeOverHttp', at: '/mcpServers/example/args/2', message: 'mcp-remote' },
        { messageId: 'insecureFlag', at: '/mcpServers/example/args/3', message: '--allow-http' },
      ],
    },
    {
      name: 'supergateway --sse http://remote is a bridge over http',
      subject: serverFile({
        command: 'npx',
        args: ['-y', 'supergateway@3.4.0', '--sse', 'http://10.0.0.5:8000/sse'],
      }),
      errors: [{ messageId: 'bridgeOverHttp', at: '/mcpServers/example/args/3' }],
    },
    {
      name: 'curl -k and --insecure in one script are reported as one finding at that argument',
      subject: serverFile({
        command: 'sh',
        args: ['-c', 'curl -k https://x.example/health && my-server --insecure'],
      }),
      errors: [
        { messageId: 'insecureFlag', at: '/mcpServers/example/args/1', message: '-k / --insecure' },
      ],
    },
  ],
});
