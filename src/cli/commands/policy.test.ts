import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../core/config/parse.js';
import type { Lockfile } from '../../pin/lockfile.js';
import { run } from '../index.js';
import type { CliIo } from '../io.js';

const root = resolve(import.meta.dirname, '../../..');
const GITHUB_TOKEN = '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';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: readonly string[], cwd: string, home: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout(text) {
      stdout += text;
    },
    stderr(text) {
      stderr += text;
    },
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    homedir: home,
    platform: 'linux',
    color: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

let project: string;
let home: string;

function writeConfig(servers: Record<string, unknown>): void {
  writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2));
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'mcp-warden-policy-cli-'));
  home = mkdtempSync(join(tmpdir(), 'mcp-warden-policy-home-'));
});

describe('mcp-warden policy validate', () => {
  it('prints one OK line and exits 0 for a valid policy', async () => {
    const result = await cli(
      ['policy', 'validate', 'examples/policy.yaml', '--gateway'],
      root,
      home,
    );
    expect(result).toEqual({
      code: 0,
      stdout:
        'mcp-warden: policy examples/policy.yaml is valid: 3 servers, 8 tools with actions.\n',
      stderr: '',
    });
  });

  it('exits 2 listing every problem with file, line and column', async () => {
    const file = join(project, 'mcp-warden.policy.yaml');
    writeFileSync(file, 'version: 1\ndefaults:\n  action: ask\nservers:\n  fs:\n    toolz: {}\n');
    const result = await cli(['policy', 'validate'], project, home);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Policy mcp-warden.policy.yaml is not valid (2 problems):');
    expect(result.stderr).toContain(
      'mcp-warden.policy.yaml:3:11  defaults.action: the string "ask" is not allowed; allowed values: allow, deny, confirm',
    );
    expect(result.stderr).toContain(
      'mcp-warden.policy.yaml:6:5  servers.fs.toolz: unknown key "toolz" (did you mean "tools"?)',
    );
    expect(result.stderr).toContain('fix: Fix the problems listed');
  });

  it('exits 2 when there is no policy file', async () => {
    const result = await cli(['policy', 'validate'], project, home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot read policy .*mcp-warden\.policy\.yaml: ENOENT/);
  });
});

describe('mcp-warden policy init', () => {
  it('writes a valid starting policy offline, with no secret in it and no lockfile', async () => {
    writeConfig({
      filesystem: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', project],
      },
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN },
      },
    });
    const result = await cli(['policy', 'init', '--offline', '--no-user'], project, home);
    expect(result.code).toBe(0);
    const file = join(project, 'mcp-warden.policy.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(text).not.toContain('ghp_');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+policy\.schema\.json\n/);
    const policy = parsePolicy(text, file, { mode: 'gateway' });
    expect(Object.keys(policy.servers)).toEqual(['filesystem', 'github']);
    expect(policy.servers.github?.env.GITHUB_PERSONAL_ACCESS_TOKEN).toBe(
      '${env:GITHUB_PERSONAL_ACCESS_TOKEN}',
    );
    expect(policy.servers.filesystem?.tools).toEqual({});
    expect(existsSync(join(project, 'mcp-warden.lock.json'))).toBe(false);
    expect(result.stderr).toContain('policy written to mcp-warden.policy.yaml: 2 servers');
    expect(result.stderr).toContain(
      "1 secret kept out of the policy: set GITHUB_PERSONAL_ACCESS_TOKEN in the gateway's environment",
    );
    expect(result.stderr).toContain('no lockfile written: --offline lists no definitions');

    const validated = await cli(['policy', 'validate', '--gateway'], project, home);
    expect(validated.code).toBe(0);
  });

  it('refuses to overwrite an existing policy unless --force', async () => {
    writeConfig({ memory: { command: 'npx', args: ['-y', 'x'] } });
    const file = join(project, 'mine.yaml');
    writeFileSync(file, 'version: 1\n# my own\n');
    const refused = await cli(
      ['policy', 'init', '--offline', '--no-user', '-o', 'mine.yaml'],
      project,
      home,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.yaml already exists; not overwritten.');
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n# my own\n');

    const forced = await cli(
      ['policy', 'init', '--offline', '--no-user', '-o', 'mine.yaml', '--force'],
      project,
      home,
    );
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('memory:');
  });

  it('never writes over a client config, even with --force', async () => {
    writeConfig({ memory: { command: 'npx', args: ['-y', 'x'] } });
    const before = readFileSync(join(project, '.mcp.json'), 'utf8');
    for (const output of ['.mcp.json', '.cursor/mcp.json']) {
      mkdirSync(join(project, '.cursor'), { recursive: true });
      const result = await cli(
        ['policy', 'init', '--offline', '--no-user', '-o', output, '--force'],
        project,
        home,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'is an MCP client configuration; policy init never writes over one',
      );
    }
    expect(readFileSync(join(project, '.mcp.json'), 'utf8')).toBe(before);
    expect(existsSync(join(project, '.cursor/mcp.json'))).toBe(false);
  });

  it('asks before moving funds: live, the wallet fixture gets confirm on transfer and sign, and is pinned', async () => {
    writeConfig({
      wallet: { command: 'node', args: [join(root, 'test/fixtures/servers/crypto-stealer.mjs')] },
    });
    const result = await cli(['policy', 'init', '--no-user', '--no-progress'], project, home);
    expect(result.stderr).toContain('3 tools set to confirm');
    expect(result.code).toBe(0);
    const file = join(project, 'mcp-warden.policy.yaml');
    const text = readFileSync(file, 'utf8');
    const policy = parsePolicy(text, file);
    expect(policy.servers.wallet?.tools).toEqual({
      export_wallet_backup: { action: 'confirm' },
      sign_transaction: { action: 'confirm' },
      transfer_funds: { action: 'confirm' },
    });
    expect(text).toMatch(/# moves funds \(transfer\)\n\s+transfer_funds:/);
    expect(text).not.toContain('abandon ability');
    expect(policy.defaults.lockfile).toBe('mcp-warden.lock.json');

    const lock = JSON.parse(
      readFileSync(join(project, 'mcp-warden.lock.json'), 'utf8'),
    ) as Lockfile;
    expect(Object.keys(lock.servers.wallet?.tools ?? {}).sort()).toEqual([
      'export_wallet_backup',
      'sign_transaction',
      'transfer_funds',
    ]);
    expect(result.stderr).toContain('pinned 1 server in mcp-warden.lock.json');

    const again = await cli(
      ['policy', 'init', '--no-user', '--no-progress', '--force'],
      project,
      home,
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('kept the existing mcp-warden.lock.json');
  }, 60_000);
});
