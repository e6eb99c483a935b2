import { expect, it } from 'vitest';
import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import hardcodedSecret from './index.js';

// Fake credentials, generated for these tests.
const GITHUB_PAT = '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';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Im1jcC13YXJkZW4gdGVzdCIsImlhdCI6MTcwMDAwMDAwMH0.xgq4CFXLYt6LhPVWnwq8kxSeElpdfh2czboLIrYkjlI';
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgy+S8JPt8sAwzGycl\nkGL1vG3MG34tB2nxNm1dTsROHeKhRANCAATMNTZC2M6QIY8JrIDmjpSKtqSjG5e8\nmvLGgTkbsPoueNk3fwzqEDJ9mZHu3QHDBZ0gC1JK3B/yi1rEUlEJVxi3\n-----END PRIVATE KEY-----\n';
const HEX_KEY = '0x54f62b3af29a52b2e2b3ec9869df40820fd8031ee169da03229ceb9ac6709e5e';
// The BIP-39 test vector: public, worthless, and shaped like a real wallet seed.
const MNEMONIC =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const RANDOM_API_KEY = 'q8Zr2LkP0vX7mWn4Tb9Yc1Hd';

new DetectorTester(hardcodedSecret).run({
  valid: [
    {
      // https://code.visualstudio.com/docs/copilot/chat/mcp-servers (input variables)
      name: 'a token taken from a VS Code input variable is not hard-coded',
      subject: serverFile({ env: { GITHUB_TOKEN: '${input:github_token}' } }),
    },
    {
      name: 'a token read from the environment (${env:…}, $VAR, {env:…}) is not hard-coded',
      subject: serverFile({
        env: {
          GITHUB_TOKEN: '${env:GITHUB_TOKEN}',
          SLACK_TOKEN: '$SLACK_TOKEN',
          API_KEY: '{env:API_KEY}',
        },
        headers: { Authorization: 'Bearer ${env:API_TOKEN}' },
      }),
    },
    {
      name: 'README placeholders are not secrets',
      subject: serverFile({
        env: {
          GITHUB_PERSONAL_ACCESS_TOKEN: '<YOUR_TOKEN>',
          OPENAI_API_KEY: 'your_api_key_here',
          DB_PASSWORD: 'changeme',
          API_SECRET: 'xxxxxxxxxxxxxxxx',
          EMPTY_TOKEN: '',
        },
      }),
    },
    {
      name: 'settings about tokens are not tokens (MAX_TOKENS, TOKEN_LIMIT, PASSWORD_FILE, *_URL)',
      subject: serverFile({
        env: {
          MAX_TOKENS: '4096',
          TOKEN_LIMIT: '100000',
          PASSWORD_FILE: '/run/secrets/db_password',
          AUTH_URL: 'https://auth.example.com/oauth/authorize',
          GOOGLE_APPLICATION_CREDENTIALS:
            '/home/alice/.config/gcloud/application_default_credentials.json',
        },
      }),
    },
    {
      name: 'a random-looking value in a variable whose name does not say secret is not reported',
      subject: serverFile({ env: { BUILD_ID: 'a8F3kQ9zLm2Xv7Rt' } }),
    },
    {
      name: 'a 64-hex value without key context (a digest) is not a private key',
      subject: serverFile({
        args: ['--checksum', '54f62b3af29a52b2e2b3ec9869df40820fd8031ee169da03229ceb9ac6709e5e'],
      }),
    },
    {
      name: 'URL credentials that are placeholders or references are not secrets',
      subject: makeConfigFile({
        servers: [
          makeServer({
            name: 'a',
            env: { DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/db' },
          }),
          makeServer({
            name: 'b',
            env: { DATABASE_URL: 'postgres://user:${DB_PASSWORD}@db:5432/app' },
          }),
          makeServer({ name: 'c', url: 'https://mcp.example.com/mcp?api_key=${env:API_KEY}' }),
        ],
      }),
    },
    {
      name: 'an ignored variable name is not reported',
      subject: serverFile({ env: { SIGNING_KEY: RANDOM_API_KEY } }),
      options: { ignoreNames: ['SIGNING_*'] },
    },
  ],
  invalid: [
    {
      // https://github.com/github/github-mcp-server#installation — the token belongs in an input or env reference
      name: 'a GitHub personal access token in env is reported at that variable',
      subject: serverFile({ env: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_PAT } }),
      errors: [
        {
          messageId: 'secretInEnv',
          at: '/mcpServers/example/env/GITHUB_PERSONAL_ACCESS_TOKEN',
          severity: 'high',
          message: 'github credential',
        },
      ],
    },
    {
      // https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
      name: 'a random value in a secret-named variable is reported even without a known prefix',
      subject: serverFile({ env: { ACME_API_KEY: RANDOM_API_KEY, DB_PASSWORD: 'hunter2!X9' } }),
      errors: [
        { messageId: 'secretInEnv', at: '/mcpServers/example/env/ACME_API_KEY' },
        { messageId: 'secretInEnv', at: '/mcpServers/example/env/DB_PASSWORD' },
      ],
    },
    {
      name: 'a token passed as --api-key VALUE, --token=VALUE or -e NAME=VALUE is reported at that argument',
      subject: serverFile({
        command: 'docker',
        args: [
          'run',
          '-e',
          `GITHUB_TOKEN=${GITHUB_PAT}`,
          'image',
          '--api-key',
          RANDOM_API_KEY,
          `--token=${JWT}`,
        ],
      }),
      errors: [
        { messageId: 'secretInArgs', at: '/mcpServers/example/args/2' },
        { messageId: 'secretInArgs', at: '/mcpServers/example/args/5' },
        { messageId: 'secretInArgs', at: '/mcpServers/example/args/6', message: 'JWT' },
      ],
    },
    {
      name: 'a bearer token in an HTTP header is reported at that header',
      subject: serverFile({
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: `Bearer ${JWT}` },
      }),
      errors: [{ messageId: 'secretInHeader', at: '/mcpServers/example/headers/Authorization' }],
    },
    {
      name: 'a password in the URL userinfo and a key in the query string are reported at the URL',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'userinfo', url: 'https://bob:Zq8!vR2x9LmT@mcp.example.com/sse' }),
          makeServer({
            name: 'query',
            url: `https://mcp.example.com/mcp?api_key=${RANDOM_API_KEY}`,
          }),
        ],
      }),
      errors: [
        {
          messageId: 'secretInUrl',
          at: '/mcpServers/userinfo/url',
          message: 'hard-coded password in its URL',
        },
        { messageId: 'secretInUrl', at: '/mcpServers/query/url' },
      ],
    },
    {
      // https://github.com/slowmist/MCP-Security-Checklist (crypto: private key protection)
      name: 'a wallet private key, a seed phrase and a PEM key are critical',
      subject: serverFile({
        env: { WALLET_PRIVATE_KEY: HEX_KEY, MNEMONIC, TLS_KEY: PEM },
      }),
      errors: [
        {
          messageId: 'keyInEnv',
          at: '/mcpServers/example/env/WALLET_PRIVATE_KEY',
          severity: 'critical',
        },
        {
          messageId: 'keyInEnv',
          at: '/mcpServers/example/env/MNEMONIC',
          severity: 'critical',
          message: 'seed phrase',
        },
        {
          messageId: 'secretInEnv',
          at: '/mcpServers/example/env/TLS_KEY',
          severity: 'critical',
          message: 'private key',
        },
      ],
    },
    {
      name: 'a secret in a one-string command line is reported at the command',
      subject: serverFile({
        command: `GITHUB_TOKEN=${GITHUB_PAT} npx -y @modelcontextprotocol/server-github`,
      }),
      errors: [{ messageId: 'secretInArgs', at: '/mcpServers/example/command' }],
    },
  ],
});

it('tags wallet keys, and only wallet keys, as crypto private-key findings', async () => {
  const { findings } = await new DetectorTester(hardcodedSecret).execute({
    name: 'a GitHub token, a TLS key and a wallet key',
    subject: serverFile({ env: { GITHUB_TOKEN: GITHUB_PAT, TLS_KEY: PEM, WALLET: HEX_KEY } }),
  });
  const byKey = new Map(findings.map((f) => [f.location.pointer?.split('/').pop(), f]));
  expect(byKey.get('GITHUB_TOKEN')?.checklist).not.toContain('crypto.private-key-protection');
  expect(byKey.get('TLS_KEY')?.checklist).not.toContain('crypto.private-key-protection');
  expect(byKey.get('WALLET')?.checklist).toContain('crypto.private-key-protection');
  expect(byKey.get('GITHUB_TOKEN')?.class).toBe('risk');
});

it('never puts a raw secret into any field of a finding', async () => {
  const tester = new DetectorTester(hardcodedSecret);
  const { findings } = await tester.execute({
    name: 'every kind of secret at once',
    subject: serverFile({
      command: 'npx',
      args: ['-y', 'pkg@1.0.0', `--token=${GITHUB_PAT}`],
      env: { GITHUB_TOKEN: GITHUB_PAT, KEY: PEM, MNEMONIC, WALLET_PRIVATE_KEY: HEX_KEY },
      headers: { Authorization: `Bearer ${JWT}`, 'X-Api-Key': RANDOM_API_KEY },
    }),
  });
  expect(findings.length).toBe(7);
  const serialised = JSON.stringify(findings);
  for (const secret of [
    GITHUB_PAT,
    JWT,
    HEX_KEY,
    MNEMONIC,
    RANDOM_API_KEY,
    'MIGHAgEAMBMGByqGSM49',
    'xgq4CFXLYt6LhPVWnwq8',
  ]) {
    expect(serialised).not.toContain(secret);
  }
  expect(findings[0]?.evidence).toMatch(/\[redacted:[a-z0-9-]+\]/);
});
