import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientId } from '../core/server-spec.js';
import { fixturePath } from '../discovery/__fixtures__/fixture.js';
import { loadConfigFile } from '../discovery/load.js';
import { applyInstall, changes, planInstall, type InstallOptions } from './install.js';
import { loadRecord } from './record.js';
import { applyUninstall, planUninstall } from './uninstall.js';
import { innerArgv, isWrapped } from './wrap-command.js';

const SETTINGS = {
  launcher: { command: '/usr/local/bin/node', args: ['/opt/mcp-warden/dist/cli/bin.js'] },
  policy: '/home/me/.config/mcp-warden/mcp-warden.policy.yaml',
};

const fixture = (relative: string): string => readFileSync(fixturePath(relative), 'utf8');

/** One config per client, where the client keeps it on Linux, each with stdio and remote servers. */
const CONFIGS: Record<Exclude<ClientId, 'generic'>, [string, string]> = {
  'claude-desktop': [
    '.config/Claude/claude_desktop_config.json',
    fixture('claude-desktop/claude_desktop_config.json'),
  ],
  'claude-code': [
    '.claude.json',
    `{
  "numStartups": 12,
  "mcpServers": {
    "docs": { "type": "http", "url": "https://docs.example.com/mcp", "headers": { "Authorization": "Bearer \${DOCS_TOKEN}" } }
  },
  "projects": {
    "/work/app": {
      "allowedTools": [],
      "mcpServers": { "db": { "type": "stdio", "command": "db-mcp", "args": [], "env": { "DB_URL": "\${DB_URL}" } } }
    }
  }
}
`,
  ],
  cursor: [
    '.cursor/mcp.json',
    `{
\t"mcpServers": {
\t\t"fixture": { "command": "node", "args": ["server.mjs"], "env": { "API_KEY": "\${env:API_KEY}" } },
\t\t"remote": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${env:TOKEN}" } }
\t}
}
`,
  ],
  vscode: [
    '.config/Code/User/mcp.json',
    `{
  // servers for the agent
  "servers": {
    "time": { "type": "stdio", "command": "uvx", "args": ["mcp-server-time"] },
    "github": {
      "type": "http", // remote
      "url": "https://api.githubcopilot.com/mcp/",
    },
  },
  "inputs": [],
}
`,
  ],
  windsurf: [
    '.codeium/windsurf/mcp_config.json',
    `{
  "mcpServers": {
    "remote": { "serverUrl": "https://example.com/sse" },
    "local": { "command": "npx", "args": ["-y", "pkg@1.2.3"], "disabled": true }
  }
}
`,
  ],
  cline: [
    '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    fixture('cline/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'),
  ],
  roo: [
    '.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
    fixture('roo/rooveterinaryinc.roo-cline/settings/mcp_settings.json'),
  ],
  gemini: [
    '.gemini/settings.json',
    `{
  "theme": "Default", // mine
  "mcpServers": {
    "stream": { "httpUrl": "https://example.com/mcp", "headers": { "X-Key": "$GEMINI_KEY" }, "trust": false },
    "py": { "command": "python", "args": ["-m", "srv"], "cwd": "./tools", "timeout": 30000 },
  },
}
`,
  ],
  codex: [
    '.codex/config.toml',
    `# Codex
model = "o3"

[mcp_servers.github]
command = "npx" # runner
args = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]
env_vars = ["GITHUB_TOKEN"]

[mcp_servers.github.tools.search]
approval_mode = "approve"

[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
bearer_token_env_var = "FIGMA_TOKEN"
`,
  ],
  zed: ['.config/zed/settings.json', fixture('zed/zed/settings.json')],
  continue: [
    '.continue/config.yaml',
    `name: My assistant
version: 1.0.0
schema: v1
mcpServers:
  # the local one
  - name: sqlite
    command: uvx
    args:
      - mcp-server-sqlite
      - --db-path
      - /tmp/test.db
  - name: remote
    type: streamable-http
    url: https://example.com/mcp
`,
  ],
  goose: ['.config/goose/config.yaml', fixture('goose/goose/config.yaml')],
  kiro: [
    '.kiro/settings/mcp.json',
    `{
  "mcpServers": {
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch"], "autoApprove": ["fetch"], "disabled": false }
  }
}
`,
  ],
  'amazon-q': [
    '.aws/amazonq/mcp.json',
    '{"mcpServers":{"aws-docs":{"command":"uvx","args":["awslabs.aws-documentation-mcp-server@latest"],"env":{"FASTMCP_LOG_LEVEL":"ERROR"}}}}',
  ],
  'lm-studio': [
    '.lmstudio/mcp.json',
    `{
  "mcpServers": {
    "hf": { "url": "https://huggingface.co/mcp", "headers": { "Authorization": "Bearer hf_literal" } }
  }
}
`,
  ],
  opencode: ['.config/opencode/opencode.jsonc', fixture('opencode/opencode.jsonc')],
};

let home: string;
let stateDir: string;
let options: InstallOptions;

function writeAll(): Map<string, string> {
  const written = new Map<string, string>();
  for (const [relative, text] of Object.values(CONFIGS)) {
    const path = join(home, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: 0o640 });
    written.set(path, text);
  }
  return written;
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-warden-install-'));
  stateDir = join(home, '.local/state/mcp-warden/install');
  options = {
    home,
    cwd: join(home, 'project'),
    platform: 'linux',
    env: {},
    settings: SETTINGS,
  };
});

describe('install and uninstall', () => {
  it('wraps every server of every client format, then restores every file byte for byte', async () => {
    const originals = writeAll();
    const plan = await planInstall(options);
    expect(plan.unreadable).toEqual([]);
    const clients = new Set(plan.files.map((file) => file.client));
    expect([...clients].sort()).toEqual(Object.keys(CONFIGS).sort());
    for (const file of plan.files) {
      expect(file.error, file.path).toBeUndefined();
      expect(changes(file), file.path).toBe(true);
    }
    await applyInstall(plan, stateDir);

    for (const path of originals.keys()) {
      const file = await loadConfigFile(path, { home, platform: 'linux', env: {} });
      expect(file.parseError, path).toBeUndefined();
      expect(statSync(path).mode & 0o777, path).toBe(0o640);
      for (const server of file.servers) {
        expect(server.transport, `${path} ${server.name}`).toBe('stdio');
        const argv = [server.command ?? '', ...server.args];
        expect(isWrapped(argv), `${path} ${server.name}`).toBe(true);
        expect(argv[0]).toBe(SETTINGS.launcher.command);
        expect(argv).toContain(SETTINGS.policy);
      }
    }

    const uninstall = await planUninstall(stateDir);
    expect(uninstall.map((p) => p.how)).toEqual(uninstall.map(() => 'restored'));
    await applyUninstall(uninstall, stateDir);
    for (const [path, text] of originals) {
      expect(readFileSync(path, 'utf8'), path).toBe(text);
      expect(statSync(path).mode & 0o777, path).toBe(0o640);
    }
    expect((await loadRecord(stateDir)).steps).toEqual([]);
  });

  it('edits the project’s files only when asked, and restores them too', async () => {
    const project = join(home, 'project');
    const files: Record<string, string> = {
      '.mcp.json':
        '{\n  "mcpServers": {\n    "db": { "command": "db-mcp", "args": ["--ro"] }\n  }\n}\n',
      '.continue/mcpServers/search.yaml':
        'name: search\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: search # web\n    command: npx\n    args: ["-y", "search-mcp@1.0.0"]\n',
      '.vscode/mcp.json': '{\n\t// mine\n\t"servers": { "x": { "command": "x-mcp" } }\n}\n',
    };
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project, relative)), { recursive: true });
      writeFileSync(join(project, relative), text);
    }
    expect((await planInstall(options)).files).toEqual([]);
    const plan = await planInstall({ ...options, includeProject: true });
    expect(plan.files.map((file) => file.client).sort()).toEqual([
      'claude-code',
      'continue',
      'vscode',
    ]);
    await applyInstall(plan, stateDir);
    for (const relative of Object.keys(files)) {
      expect(readFileSync(join(project, relative), 'utf8'), relative).toMatch(/\bwrap\b/);
    }
    expect(readFileSync(join(project, '.continue/mcpServers/search.yaml'), 'utf8')).toContain(
      '  - name: search # web\n',
    );
    await applyUninstall(await planUninstall(stateDir), stateDir);
    for (const [relative, text] of Object.entries(files)) {
      expect(readFileSync(join(project, relative), 'utf8')).toBe(text);
    }
  });

  it('keeps the wrapped command line of a stdio server runnable: env names passed, original argv after --', async () => {
    writeAll();
    await applyInstall(
      await planInstall({ ...options, clients: ['cursor', 'codex', 'goose'] }),
      stateDir,
    );
    const cursor = await loadConfigFile(join(home, '.cursor/mcp.json'), {
      home,
      platform: 'linux',
      env: {},
    });
    const fixtureServer = cursor.servers.find((s) => s.name === 'fixture');
    const argv = [fixtureServer?.command ?? '', ...(fixtureServer?.args ?? [])];
    expect(innerArgv(argv)).toEqual(['node', 'server.mjs']);
    expect(argv.slice(0, 5)).toEqual([
      SETTINGS.launcher.command,
      ...SETTINGS.launcher.args,
      'wrap',
      '--name',
      'fixture',
    ]);
    expect(argv.join(' ')).toContain('--pass-env API_KEY --');
    expect(fixtureServer?.env).toEqual({ API_KEY: '${env:API_KEY}' });
    const remote = cursor.servers.find((s) => s.name === 'remote');
    expect(remote?.args.join(' ')).toContain(
      '--url https://example.com/mcp --header Authorization=Bearer ${env:TOKEN}',
    );

    const codex = await loadConfigFile(join(home, '.codex/config.toml'), {
      home,
      platform: 'linux',
      env: {},
    });
    const figma = codex.servers.find((s) => s.name === 'figma');
    expect(figma?.args.join(' ')).toContain('--header Authorization=Bearer ${env:FIGMA_TOKEN}');
    expect(figma?.envPassthrough).toEqual(['FIGMA_TOKEN']);
    const github = codex.servers.find((s) => s.name === 'github');
    expect(github?.args.join(' ')).toContain(
      '--pass-env GITHUB_TOKEN -- npx -y @modelcontextprotocol/server-github@2025.4.8',
    );

    const goose = await loadConfigFile(join(home, '.config/goose/config.yaml'), {
      home,
      platform: 'linux',
      env: {},
    });
    const sse = goose.servers.find((s) => s.name === 'legacy-sse');
    expect(sse?.args.slice(-3)).toEqual(['http://localhost:8000/sse', '--transport', 'sse']);
  });

  it('is idempotent: a second install finds every server wrapped and changes nothing', async () => {
    writeAll();
    await applyInstall(await planInstall(options), stateDir);
    const again = await planInstall(options);
    expect(again.files.filter(changes)).toEqual([]);
    for (const file of again.files) {
      for (const server of file.servers)
        expect(server.status, `${file.path} ${server.name}`).toBe('already-wrapped');
    }
  });

  it('undoes only its own edits in a file the user changed after install, and shows the rest', async () => {
    const originals = writeAll();
    const path = join(home, '.cursor/mcp.json');
    await applyInstall(await planInstall({ ...options, clients: ['cursor'] }), stateDir);
    const installed = readFileSync(path, 'utf8');
    // The user adds a server and a setting, and appends an argument to the wrapped server.
    const edited = installed
      .replace('"mcpServers": {', '"mcpServers": {\n\t\t"added": { "command": "added-mcp" },')
      .replace('"server.mjs"', '"server.mjs", "--verbose"')
      .replace(/\n}\n$/, ',\n\t"theme": "light"\n}\n');
    writeFileSync(path, edited);
    const [plan] = await planUninstall(stateDir);
    expect(plan?.how).toBe('unwrapped');
    expect(plan?.conflicts).toEqual([]);
    await applyUninstall(plan ? [plan] : [], stateDir);
    const after = readFileSync(path, 'utf8');
    const expected = (originals.get(path) ?? '')
      .replace('"mcpServers": {', '"mcpServers": {\n\t\t"added": { "command": "added-mcp" },')
      .replace('"args": ["server.mjs"]', '"args": ["server.mjs", "--verbose"]')
      .replace(/\n}\n$/, ',\n\t"theme": "light"\n}\n');
    expect(after).toBe(expected);
  });

  it('keeps the record of an entry it could not undo, and says why', async () => {
    writeAll();
    const path = join(home, '.lmstudio/mcp.json');
    await applyInstall(await planInstall({ ...options, clients: ['lm-studio'] }), stateDir);
    writeFileSync(path, '{ "mcpServers": { "hf": { "command": "something-else" } } }\n');
    const plans = await planUninstall(stateDir);
    expect(plans[0]?.conflicts[0]).toMatch(/"hf" .* was changed after install/);
    await applyUninstall(plans, stateDir);
    expect(readFileSync(path, 'utf8')).toBe(
      '{ "mcpServers": { "hf": { "command": "something-else" } } }\n',
    );
    expect((await loadRecord(stateDir)).steps).toHaveLength(1);
  });

  it('stores the record and backups owner-only', async () => {
    writeAll();
    await applyInstall(await planInstall({ ...options, clients: ['kiro'] }), stateDir);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'record.json')).mode & 0o777).toBe(0o600);
    const [step] = (await loadRecord(stateDir)).steps;
    expect(step && statSync(step.backup).mode & 0o777).toBe(0o600);
  });

  it('plans without writing anything', async () => {
    const originals = writeAll();
    const plan = await planInstall(options);
    expect(plan.files.some(changes)).toBe(true);
    for (const [path, text] of originals) expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('skips, with the reason, a remote server over plain http:// off this machine', async () => {
    const path = join(home, '.cursor/mcp.json');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{ "mcpServers": { "plain": { "url": "http://10.0.0.5/mcp" } } }');
    const plan = await planInstall(options);
    expect(plan.files[0]?.servers).toEqual([
      {
        name: 'plain',
        status: 'skipped',
        reason: expect.stringMatching(/not encrypted/) as unknown,
      },
    ]);
    const allowed = await planInstall({ ...options, allowHttp: true });
    expect(allowed.files[0]?.after).toContain('--allow-http');
  });

  it('leaves a file that does not parse alone, and says so', async () => {
    const path = join(home, '.cursor/mcp.json');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{ "mcpServers": { ');
    const plan = await planInstall(options);
    expect(plan.files[0]?.error).toMatch(/does not parse/);
    expect(changes(plan.files[0]!)).toBe(false);
  });
});
