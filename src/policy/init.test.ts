import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import type { ServerSpec } from '../core/server-spec.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, type ToolDefinition } from '../core/snapshot.js';
import { policyJsonSchema } from '../core/config/json-schema.js';
import { parsePolicy } from '../core/config/parse.js';
import { createStarterPolicy } from './init.js';

const GITHUB_TOKEN = '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';
const API_KEY = 'sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123';

function spec(name: string, fields: Partial<ServerSpec>): ServerSpec {
  return {
    name,
    client: 'claude-code',
    scope: 'project',
    source: { file: '/work/app/.mcp.json', pointer: `/mcpServers/${name}`, line: 3, column: 5 },
    transport: 'stdio',
    args: [],
    env: {},
    headers: {},
    envPassthrough: [],
    disabled: false,
    fields: {},
    ...fields,
  };
}

function snapshot(name: string, tools: ToolDefinition[]): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    server: { name },
    tools,
    prompts: [],
    resources: [],
    resourceTemplates: [],
  };
}

const tool = (name: string, description: string, properties: Record<string, unknown> = {}) => ({
  name,
  description,
  inputSchema: { type: 'object', properties },
});

const servers = [
  spec('filesystem', {
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/work/app'],
  }),
  spec('github', {
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-github', '--api-key', API_KEY],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN, LOG_LEVEL: 'debug', OTHER: '${OTHER}' },
  }),
  spec('remote', {
    transport: 'http',
    url: 'https://mcp.example.com/mcp',
    headers: { Authorization: `Bearer ${GITHUB_TOKEN}` },
  }),
];

const finding: Finding = {
  detectorId: 'hardcoded-secret',
  messageId: 'secret',
  class: 'risk',
  severity: 'high',
  title: 'Hard-coded secret in a server entry',
  message: 'x',
  checklist: [],
  location: { file: '/work/app/.mcp.json', server: 'github' },
  fix: 'x',
  fingerprint: 'f',
};

describe('createStarterPolicy', () => {
  it('writes every server without a single secret, referring to the environment instead', async () => {
    const starter = await createStarterPolicy({
      servers,
      snapshots: [],
      findings: [finding],
      offline: true,
    });
    expect(starter.text).not.toContain(GITHUB_TOKEN);
    expect(starter.text).not.toContain(API_KEY);
    const policy = parsePolicy(starter.text, 'p.yaml', { mode: 'gateway' });
    expect(policy.servers.github?.env).toEqual({
      GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GITHUB_PERSONAL_ACCESS_TOKEN}',
      LOG_LEVEL: 'debug',
      OTHER: '${env:OTHER}',
    });
    expect(policy.servers.github?.args.at(-1)).toBe('${env:GITHUB_API_KEY}');
    expect(policy.servers.remote?.headers).toEqual({
      Authorization: 'Bearer ${env:REMOTE_AUTHORIZATION}',
    });
    expect(starter.secrets.map((s) => s.variable).sort()).toEqual([
      'GITHUB_API_KEY',
      'GITHUB_PERSONAL_ACCESS_TOKEN',
      'REMOTE_AUTHORIZATION',
    ]);
    expect(starter.text).toContain(
      '#   high: Hard-coded secret in a server entry (hardcoded-secret)',
    );
    expect(starter.text).toContain('no tool rules');
  });

  it('sets destructive, financial, run-anything and key-exporting tools to confirm, and marks web readers untrusted', async () => {
    const starter = await createStarterPolicy({
      servers: [],
      snapshots: [
        snapshot('wallet', [
          tool('transfer_funds', 'Transfers ETH to any address.', {
            to: { type: 'string' },
            amountEth: { type: 'number' },
          }),
          tool('get_balance', 'Returns the wallet balance.'),
        ]),
        snapshot('shell', [
          tool('run_command', 'Runs any shell command on the host.', {
            command: { type: 'string' },
          }),
          tool('delete_file', 'Deletes a file.', { path: { type: 'string' } }),
        ]),
        snapshot('web', [tool('fetch', 'Fetches a web page by URL.', { url: { type: 'string' } })]),
      ],
      findings: [],
      offline: false,
      lockfile: 'mcp-warden.lock.json',
    });
    const policy = parsePolicy(starter.text, 'p.yaml');
    expect(policy.servers.wallet?.tools).toEqual({ transfer_funds: { action: 'confirm' } });
    expect(Object.keys(policy.servers.shell?.tools ?? {}).sort()).toEqual([
      'delete_file',
      'run_command',
    ]);
    expect(policy.servers.web?.trust).toBe('untrusted');
    expect(policy.defaults.lockfile).toBe('mcp-warden.lock.json');
    expect(starter.text).toMatch(/# moves funds \(transfer\)\n\s+transfer_funds:/);
  });

  it('writes YAML that the JSON Schema accepts too, with the editor comment on top', async () => {
    const starter = await createStarterPolicy({
      servers,
      snapshots: [],
      findings: [],
      offline: true,
      schema: 'node_modules/mcp-warden/schemas/policy.schema.json',
    });
    expect(starter.text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=node_modules/mcp-warden/schemas/policy.schema.json',
    );
    const ajv = new Ajv2020({ strict: true });
    ajv.addFormat('uri', true);
    expect(ajv.validate(policyJsonSchema(), parseYaml(starter.text))).toBe(true);
  });

  it('renames a server whose name the policy cannot hold, saying so', async () => {
    const starter = await createStarterPolicy({
      servers: [spec('My Server', { command: 'echo' })],
      snapshots: [],
      findings: [],
      offline: true,
    });
    expect(Object.keys(parsePolicy(starter.text, 'p.yaml').servers)).toEqual(['My-Server']);
    expect(starter.text).toContain('# Named "My Server" there');
  });
});
