import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/snapshot.js';
import { type Capability, classifyTool, strongEvidence } from './capabilities.js';

function tool(
  name: string,
  description: string,
  properties: Record<string, unknown> = {},
  annotations?: ToolDefinition['annotations'],
): ToolDefinition {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties },
    ...(annotations ? { annotations } : {}),
  };
}

const str = (description?: string) => ({
  type: 'string',
  ...(description ? { description } : {}),
});

function strong(definition: ToolDefinition): Capability[] {
  const classification = classifyTool(definition);
  return [...classification.capabilities].filter(
    (c) => strongEvidence(classification, c, { annotations: true }).length > 0,
  );
}

describe('classifyTool', () => {
  describe('server-filesystem', () => {
    it('sees read_text_file as reading private files (and files as weakly untrusted)', () => {
      const result = classifyTool(
        tool(
          'read_text_file',
          'Read a whole file as text.',
          { path: str() },
          { readOnlyHint: true },
        ),
      );
      expect(result.capabilities).toEqual(new Set(['read', 'private-data', 'untrusted-content']));
      expect(strongEvidence(result, 'untrusted-content')).toEqual([]);
      expect(result.reasons).toContain('private-data: name reads "file"');
    });

    it('sees write_file as a write, and its destructiveHint only as weak evidence', () => {
      const writeFile = tool(
        'write_file',
        'Create a file or overwrite an existing one.',
        { path: str(), content: str() },
        { readOnlyHint: false, destructiveHint: true },
      );
      const result = classifyTool(writeFile);
      expect(strong(writeFile)).toEqual(['write']);
      expect(result.reasons).toContain('destructive: destructiveHint: true (weak)');
      expect(strongEvidence(result, 'destructive')).toEqual([]);
    });

    it('sees move_file as a write, not as a network send (destination is a path)', () => {
      const result = classifyTool(
        tool('move_file', 'Move or rename a file.', { source: str(), destination: str() }),
      );
      expect(result.capabilities.has('write')).toBe(true);
      expect(result.capabilities.has('network')).toBe(false);
    });
  });

  describe('server-everything', () => {
    it('finds nothing risky in echo', () => {
      expect(strong(tool('echo', 'Echoes the input back.', { message: str() }))).toEqual([]);
    });

    it('reads "add" with no object as arithmetic, not as a write', () => {
      const result = classifyTool(
        tool('add', 'Adds two numbers.', { a: { type: 'number' }, b: { type: 'number' } }),
      );
      expect(result.capabilities.has('write')).toBe(false);
    });

    it('sees get-env as handing out environment variables (weak credentials)', () => {
      const result = classifyTool(tool('get-env', 'Returns the environment variables.'));
      expect(result.capabilities.has('credentials')).toBe(true);
      expect(strongEvidence(result, 'credentials')).toEqual([]);
      expect(result.returnsSecrets).toEqual([]);
    });
  });

  it('sees a GitHub create_issue as a write that publishes to others (strong network)', () => {
    const createIssue = tool('create_issue', 'Open a new issue in a repository.', {
      owner: str(),
      repo: str(),
      title: str(),
      body: str(),
    });
    const result = classifyTool(createIssue);
    expect(strong(createIssue)).toEqual(['write', 'network']);
    expect(result.reasons).toContain('network: name publishes "issue"');
  });

  it('sees list_issues as untrusted content other people wrote', () => {
    const result = classifyTool(tool('list_issues', 'List the issues of a repository.'));
    expect(strongEvidence(result, 'untrusted-content')).not.toEqual([]);
  });

  describe('an EVM wallet', () => {
    const transfer = tool('transfer_eth', 'Send native ETH from the configured wallet.', {
      to: str('Recipient address or ENS name'),
      amount: str('Amount in ether'),
      network: str(),
    });

    it('sees transfer as a funds operation, from its name and its amount/recipient parameters', () => {
      const result = classifyTool(transfer);
      expect(result.fundsOperations).toEqual(['transfer']);
      expect(result.reasons).toEqual(
        expect.arrayContaining([
          'financial: name word "transfer"',
          'financial: parameters "amount" and "to"',
        ]),
      );
      // A wallet's `to` is an address on chain, not a mail recipient.
      expect(result.capabilities.has('network')).toBe(false);
    });

    it('sees sign_transaction as a funds operation', () => {
      const result = classifyTool(
        tool('sign_transaction', 'Sign a transaction with the wallet key.', { tx: str() }),
      );
      expect(result.fundsOperations).toContain('sign transaction');
    });

    it('sees get_balance as a plain read', () => {
      const getBalance = tool('get_balance', 'Get the ETH balance of an address.', {
        address: str(),
      });
      expect(classifyTool(getBalance).fundsOperations).toEqual([]);
      expect(strong(getBalance)).toEqual(['read']);
    });

    it('sees export_private_key and get_mnemonic as returning key material', () => {
      expect(classifyTool(tool('export_private_key', 'Export the key.')).keyMaterial.returns).toBe(
        'name "export_private_key" (export … privatekey)',
      );
      expect(
        classifyTool(tool('get_mnemonic', 'Show the wallet seed words.')).keyMaterial.returns,
      ).toBeDefined();
    });

    it('sees a wallet generator whose description returns the mnemonic as returning key material', () => {
      const result = classifyTool(
        tool('create_wallet', 'Create a new wallet and return its address and mnemonic phrase.'),
      );
      expect(result.keyMaterial.returns).toMatch(/description says/);
    });

    it('does not count a description that promises never to reveal the key', () => {
      const result = classifyTool(
        tool('get_wallet_address', 'Get the wallet address. Never returns the private key.'),
      );
      expect(result.keyMaterial.returns).toBeUndefined();
    });

    it('sees a private key parameter as key material taken in, not returned', () => {
      const result = classifyTool(
        tool('get_address_from_private_key', 'Derive the address of a key.', {
          privateKey: str('Hex private key'),
        }),
      );
      expect(result.keyMaterial).toEqual({ parameters: ['privateKey'] });
    });

    it('does not treat a swap quote as a funds operation', () => {
      const result = classifyTool(
        tool('get_swap_quote', 'Quote a token swap on a DEX.', { amount: str(), tokenIn: str() }),
      );
      expect(result.fundsOperations).toEqual([]);
    });
  });

  describe('look-alikes', () => {
    it('does not see get_token_count as a credential (LLM tokens)', () => {
      const result = classifyTool(tool('get_token_count', 'Count the tokens in a text.'));
      expect(result.capabilities.has('credentials')).toBe(false);
    });

    it('sees get_access_token as returning a secret', () => {
      const result = classifyTool(tool('get_access_token', 'Get an OAuth access token.'));
      expect(result.returnsSecrets).toEqual(['token']);
    });

    it('sees delete_cache_entry as destructive but low impact', () => {
      const result = classifyTool(tool('delete_cache_entry', 'Remove an entry from the cache.'));
      expect(result.capabilities.has('destructive')).toBe(true);
      expect(result.lowImpact).toBe(true);
    });

    it('does not call drop_database low impact', () => {
      expect(classifyTool(tool('drop_database', 'Drop a database.')).lowImpact).toBe(false);
    });

    it('sees send_to_clipboard as a local write, its "send" only weak network', () => {
      const result = classifyTool(tool('send_to_clipboard', 'Copy text to the clipboard.'));
      expect(result.capabilities.has('write')).toBe(true);
      expect(strongEvidence(result, 'network')).toEqual([]);
    });

    it('reads a verb after a read verb as an object: get_merge_request is a read', () => {
      const result = classifyTool(tool('get_merge_request', 'Get a merge request.'));
      expect(strongEvidence(result, 'write')).toEqual([]);
    });

    it('keeps "and" as a new verb: search_and_replace writes', () => {
      const result = classifyTool(tool('search_and_replace', 'Search text and replace it.'));
      expect(strongEvidence(result, 'write')).not.toEqual([]);
    });

    it('does not take a nested "to" (a graph relation) or a date range "to" as a recipient', () => {
      const relations = classifyTool(
        tool('create_relations', 'Create relations in the graph.', {
          relations: {
            type: 'array',
            items: { type: 'object', properties: { from: str(), to: str() } },
          },
        }),
      );
      const papers = classifyTool(
        tool('search_papers', 'Search papers.', { query: str(), from: str(), to: str() }),
      );
      expect(relations.capabilities.has('network')).toBe(false);
      expect(papers.capabilities.has('network')).toBe(false);
    });
  });

  it('sees a shell tool with a free-form command parameter as execute with a code parameter', () => {
    const result = classifyTool(
      tool('run_command', 'Run a shell command.', { command: str(), timeout: { type: 'number' } }),
    );
    expect(result.capabilities.has('execute')).toBe(true);
    expect(result.codeParameters).toEqual(['command']);
  });

  it('does not count an enum "command" parameter as free-form code', () => {
    const result = classifyTool(
      tool('control_player', 'Control the music player.', {
        command: { type: 'string', enum: ['play', 'pause'] },
      }),
    );
    expect(result.codeParameters).toEqual([]);
  });

  it('sees a URL fetcher as untrusted content and as a way out (any URL)', () => {
    const result = classifyTool(
      tool('fetch', 'Fetch a URL and return its content.', { url: str() }),
    );
    expect(strongEvidence(result, 'untrusted-content')).not.toEqual([]);
    expect(result.reasons).toContain('network: parameter "url" takes any URL');
  });

  it('sees slack_post_message as an outbound send', () => {
    const result = classifyTool(
      tool('slack_post_message', 'Post a message to a channel.', {
        channel_id: str(),
        text: str(),
      }),
    );
    expect(strongEvidence(result, 'network')).not.toEqual([]);
  });

  it('finds parameters nested in a wrapper object (CircleCI style)', () => {
    const result = classifyTool(
      tool('run_script', 'Run a script on the build machine.', {
        params: { type: 'object', properties: { script: str() } },
      }),
    );
    expect(result.codeParameters).toEqual(['params.script']);
  });
});
