import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDetectors } from '../../core/engine.js';
import type { Snapshot, ToolDefinition } from '../../core/snapshot.js';
import { DetectorTester } from '../detector-tester.js';
import { makeSnapshot, makeTool } from '../testing.js';
import toolCapabilityRisk from './index.js';

const str = (description?: string) => ({
  type: 'string',
  ...(description ? { description } : {}),
});

function tool(
  name: string,
  description: string,
  properties: Record<string, unknown> = {},
  annotations?: ToolDefinition['annotations'],
): ToolDefinition {
  return makeTool({
    name,
    description,
    inputSchema: { type: 'object', properties },
    ...(annotations ? { annotations } : {}),
  });
}

function server(name: string, ...tools: ToolDefinition[]): Snapshot {
  return makeSnapshot({ server: { name }, tools });
}

// Shaped after @modelcontextprotocol/server-filesystem (annotations as it declares them).
const filesystem = server(
  'filesystem',
  tool('read_text_file', 'Read a file as text.', { path: str() }, { readOnlyHint: true }),
  tool('list_files', 'List the files in a directory.', { path: str() }, { readOnlyHint: true }),
  tool(
    'write_file',
    'Create or overwrite a file.',
    { path: str(), content: str() },
    { readOnlyHint: false, destructiveHint: true },
  ),
  tool(
    'move_file',
    'Move or rename a file.',
    { source: str(), destination: str() },
    { readOnlyHint: false, destructiveHint: true },
  ),
);

// Shaped after EVM wallet servers (mcpdotdirect/evm-mcp-server and forks).
const wallet = server(
  'evm',
  tool(
    'get_balance',
    'Get the native balance of an address.',
    { address: str() },
    {
      readOnlyHint: true,
    },
  ),
  tool('transfer_eth', 'Send native ETH from the configured wallet to an address.', {
    to: str('Recipient address or ENS name'),
    amount: str('Amount in ether'),
  }),
);

new DetectorTester(toolCapabilityRisk).run({
  valid: [
    {
      name: 'server-filesystem with honest annotations is fine (readOnlyHint on list_files is right)',
      subject: filesystem,
    },
    {
      name: 'server-everything echo and add are fine',
      subject: server(
        'everything',
        tool('echo', 'Echoes the input.', { message: str() }, { readOnlyHint: true }),
        tool('add', 'Adds two numbers.', { a: { type: 'number' }, b: { type: 'number' } }),
      ),
    },
    {
      name: 'read-only look-alikes are fine: a swap quote, a token count, a process log reader',
      subject: server(
        'misc',
        tool(
          'get_swap_quote',
          'Quote a token swap on a DEX.',
          { amount: str(), tokenIn: str() },
          {
            readOnlyHint: true,
          },
        ),
        tool(
          'get_token_count',
          'Count the LLM tokens in a text.',
          { text: str() },
          {
            readOnlyHint: true,
          },
        ),
        tool(
          'read_process_output',
          'Read the output of a running process.',
          { pid: str() },
          {
            readOnlyHint: true,
          },
        ),
      ),
    },
    {
      name: 'destructiveHint: false on deleting a cache entry is accepted (low impact)',
      subject: server(
        'cache',
        tool(
          'delete_cache_entry',
          'Remove one entry from the cache.',
          { key: str() },
          {
            readOnlyHint: false,
            destructiveHint: false,
          },
        ),
      ),
    },
    {
      name: 'a tool taking the recipient address of a wallet read is not a funds operation',
      subject: server(
        'evm',
        tool('get_transaction_history', 'List past transactions of a wallet.', { address: str() }),
      ),
    },
    {
      name: 'ignoreTools leaves a reviewed shell tool alone',
      subject: server('shell', tool('run_command', 'Run a shell command.', { command: str() })),
      options: { ignoreTools: ['run_*'] },
    },
    {
      name: 'a description that promises never to return the key is not a key export',
      subject: server(
        'evm',
        tool('get_wallet_address', 'Get the wallet address. It never returns the private key.'),
      ),
    },
  ],
  invalid: [
    {
      name: 'readOnlyHint: true on a delete is high (clients may run it unasked)',
      subject: server(
        'memory',
        tool(
          'delete_entities',
          'Delete entities from the graph.',
          { names: str() },
          {
            readOnlyHint: true,
          },
        ),
      ),
      errors: [
        {
          messageId: 'readOnlyButModifies',
          item: 'delete_entities',
          field: 'annotations.readOnlyHint',
          severity: 'high',
          message: 'looks destructive (name word "delete")',
        },
      ],
    },
    {
      name: 'destructiveHint: false on removing files is high',
      subject: server(
        'files',
        tool(
          'remove_file',
          'Remove a file.',
          { path: str() },
          {
            readOnlyHint: false,
            destructiveHint: false,
          },
        ),
      ),
      errors: [
        {
          messageId: 'notDestructiveButDeletes',
          field: 'annotations.destructiveHint',
          severity: 'high',
        },
      ],
    },
    {
      name: 'readOnlyHint: true on a low-impact delete is only medium',
      subject: server(
        'cache',
        tool(
          'delete_cache_entry',
          'Remove one entry from the cache.',
          { key: str() },
          {
            readOnlyHint: true,
          },
        ),
      ),
      errors: [{ messageId: 'readOnlyButModifies', severity: 'medium' }],
    },
    {
      name: 'readOnlyHint: true on a runner without a code parameter is medium',
      subject: server(
        'ci',
        tool('run_pipeline', 'Trigger a pipeline.', { project: str() }, { readOnlyHint: true }),
      ),
      errors: [{ messageId: 'readOnlyButModifies', severity: 'medium' }],
    },
    {
      name: 'an EVM transfer is high and asks for confirmation; get_balance is not flagged',
      subject: wallet,
      errors: [
        {
          messageId: 'movesFunds',
          item: 'transfer_eth',
          severity: 'high',
          message: "gateway's `confirm` policy",
        },
      ],
    },
    {
      name: 'signing a transaction and approving token spending need confirmation',
      subject: server(
        'evm',
        tool('sign_transaction', 'Sign a raw transaction with the wallet key.', { tx: str() }),
        tool('approve_token_spending', 'Let a spender move your ERC20 tokens.', {
          tokenAddress: str(),
          spender: str(),
          amount: str(),
        }),
      ),
      errors: [
        { messageId: 'movesFunds', item: 'sign_transaction', message: 'sign transaction' },
        { messageId: 'movesFunds', item: 'approve_token_spending', message: 'approve' },
      ],
    },
    {
      name: 'a tool that returns the private key is critical',
      subject: server('evm', tool('export_private_key', 'Export the wallet key as hex.')),
      errors: [{ messageId: 'returnsKeyMaterial', severity: 'critical' }],
    },
    {
      name: 'a wallet generator that returns the mnemonic is critical',
      subject: server(
        'evm',
        tool('create_wallet', 'Create a wallet and return its address and mnemonic phrase.'),
      ),
      errors: [{ messageId: 'returnsKeyMaterial', severity: 'critical' }],
    },
    {
      name: 'a private key parameter is high and points at the parameter',
      subject: server(
        'evm',
        tool('get_address_from_private_key', 'Derive the address of a key.', {
          privateKey: str('Hex private key'),
        }),
      ),
      errors: [
        {
          messageId: 'acceptsKeyMaterial',
          field: 'inputSchema.properties.privateKey',
          severity: 'high',
        },
      ],
    },
    {
      name: 'a host shell with a free-form command is high',
      subject: server(
        'desktop',
        tool('start_process', 'Start a terminal process and run a shell command.', {
          command: str(),
          timeout_ms: { type: 'number' },
        }),
      ),
      errors: [
        {
          messageId: 'runsArbitraryCode',
          field: 'inputSchema.properties.command',
          severity: 'high',
          message: 'runs any command',
        },
      ],
    },
    {
      name: 'JavaScript evaluated inside a browser page is medium',
      subject: server(
        'devtools',
        tool('evaluate_script', 'Evaluate JavaScript inside the selected page.', {
          function: str(),
        }),
      ),
      errors: [{ messageId: 'runsArbitraryCode', severity: 'medium', message: 'browser page' }],
    },
    {
      name: 'code nested in a wrapper object is found (CircleCI style)',
      subject: server(
        'ci',
        tool('run_script', 'Run a script on the build machine.', {
          params: { type: 'object', properties: { script: str() } },
        }),
      ),
      errors: [
        {
          messageId: 'runsArbitraryCode',
          field: 'inputSchema.properties.params.properties.script',
        },
      ],
    },
    {
      name: 'a tool that hands an API key to the model is medium',
      subject: server('vault', tool('get_api_key', 'Get the stored API key for a service.')),
      errors: [{ messageId: 'returnsSecrets', severity: 'medium', message: 'api key' }],
    },
  ],
});

describe('tool-capability-risk on real servers', () => {
  // 327 tools of 24 real servers from the npm registry (see /work/shared/corpus/README.md).
  const corpus = '/work/shared/corpus/benign-servers.jsonl';

  it.skipIf(!existsSync(corpus))(
    'raises no critical and at most 3 high findings on the benign corpus',
    () => {
      const snapshots = new Map<string, Snapshot>();
      for (const line of readFileSync(corpus, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const record = JSON.parse(line) as {
          kind: string;
          server: string;
          name: string;
          description?: string;
          inputSchema?: Record<string, unknown>;
          annotations?: ToolDefinition['annotations'];
        };
        if (record.kind !== 'tool') continue;
        const snapshot = snapshots.get(record.server) ?? server(record.server);
        snapshots.set(record.server, snapshot);
        snapshot.tools.push({
          name: record.name,
          ...(record.description !== undefined ? { description: record.description } : {}),
          inputSchema: record.inputSchema ?? { type: 'object' },
          ...(record.annotations ? { annotations: record.annotations } : {}),
        });
      }
      const { findings, diagnostics } = runDetectors(
        { 'tool-capability-risk': toolCapabilityRisk },
        { snapshots: [...snapshots.values()] },
        {
          cwd: '/',
          services: { findSecrets: () => [] },
          environment: { homeDirs: [], platform: 'linux' },
        },
      );
      expect(diagnostics).toEqual([]);
      expect(snapshots.size).toBe(24);
      expect(findings.filter((f) => f.severity === 'critical')).toEqual([]);
      // Measured: 3 high — desktop-commander start_process, playwright browser_run_code_unsafe
      // and kubernetes kubectl_generic, each of which really runs any command it is given —
      // and 3 medium (code evaluated in a browser page or a pod). The bound leaves no room for
      // new alarms on these servers.
      const high = findings.filter((f) => f.severity === 'high');
      expect(high.length).toBeLessThanOrEqual(3);
      expect(high.every((f) => f.messageId === 'runsArbitraryCode')).toBe(true);
      expect(findings.filter((f) => f.messageId === 'readOnlyButModifies')).toEqual([]);
    },
  );
});
