import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { ToolkitError } from '../core/errors.js';
import { editText } from './edit-text.js';

const NODE = '/usr/bin/node';
const WRAPPED = ['/opt/mcp-warden/dist/cli/bin.js', 'wrap', '--', 'npx', '-y', 'pkg@1.0.0'];

describe('editText on JSON', () => {
  const text = `{
    "theme": "dark",
    "mcpServers": {
        "a": {
            "command": "npx",
            "args": ["-y", "pkg@1.0.0"],
            "env": { "TOKEN": "x" }
        }
    },
    "zzz": [1, 2, 3]
}
`;

  it('replaces only the command and the arguments, keeping indentation and order', () => {
    const out = editText(text, 'json', [
      { path: ['mcpServers', 'a', 'command'], from: 'npx', to: NODE },
      { path: ['mcpServers', 'a', 'args'], from: ['-y', 'pkg@1.0.0'], to: WRAPPED },
    ]);
    expect(out).toBe(
      text
        .replace('"command": "npx"', `"command": "${NODE}"`)
        .replace('["-y", "pkg@1.0.0"]', `[${WRAPPED.map((a) => JSON.stringify(a)).join(', ')}]`),
    );
  });

  it('adds a key with the file’s own indentation and removes one without touching its neighbours', () => {
    const out = editText(text, 'json', [
      { path: ['mcpServers', 'a', 'cwd'], to: '/tmp' },
      { path: ['mcpServers', 'a', 'env'], from: { TOKEN: 'x' } },
    ]);
    expect(out).toContain('\n            "cwd": "/tmp"\n');
    expect(out).not.toContain('TOKEN');
    expect(out).toContain('"theme": "dark"');
    expect(out).toContain('"zzz": [1, 2, 3]');
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    const out = editText(crlf, 'json', [{ path: ['mcpServers', 'a', 'cwd'], to: '/tmp' }]);
    expect(out.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('editText on JSONC', () => {
  const text = `// user settings
{
  "editor.fontSize": 14, // big
  /* servers */
  "mcp": {
    "servers": {
      "time": {
        // the runner
        "command": "uvx",
        "args": ["mcp-server-time"],
      },
    },
  },
}
`;

  it('keeps every comment and trailing comma', () => {
    const out = editText(text, 'jsonc', [
      { path: ['mcp', 'servers', 'time', 'command'], from: 'uvx', to: NODE },
      { path: ['mcp', 'servers', 'time', 'args'], from: ['mcp-server-time'], to: WRAPPED },
    ]);
    for (const kept of [
      '// user settings',
      '// big',
      '/* servers */',
      '// the runner',
      '],\n      },\n    },',
    ]) {
      expect(out).toContain(kept);
    }
    expect(out).toContain(`"command": "${NODE}",`);
  });

  it('refuses text that does not parse, naming the file', () => {
    expect(() => editText('{ "a": ', 'jsonc', [], '/x/settings.json')).toThrow(
      /\/x\/settings\.json does not parse/,
    );
  });
});

describe('editText on TOML', () => {
  const text = `# Codex settings
model = "o3"

[mcp_servers.github]
command = "npx" # the runner
args = ["-y", "pkg@1.0.0"]
env = { GITHUB_TOKEN = "x" }

[mcp_servers.github.tools.search]
approval_mode = "approve"

[mcp_servers.remote]
url = "https://example.com/mcp" # the endpoint
bearer_token_env_var = "TOKEN"

# the end
`;

  it('replaces values in place and keeps comments on their lines', () => {
    const out = editText(text, 'toml', [
      { path: ['mcp_servers', 'github', 'command'], from: 'npx', to: NODE },
      { path: ['mcp_servers', 'github', 'args'], from: ['-y', 'pkg@1.0.0'], to: WRAPPED },
    ]);
    expect(out).toContain(`command = "${NODE}" # the runner\n`);
    expect(out).toContain(`args = [${WRAPPED.map((a) => JSON.stringify(a)).join(', ')}]\n`);
    expect(out.replace(/^(command|args) = .*\n/gm, '')).toBe(
      text.replace(/^(command|args) = .*\n/gm, ''),
    );
  });

  it('adds keys to their own table, not to the sub-table after it, and removes whole lines', () => {
    const out = editText(text, 'toml', [
      { path: ['mcp_servers', 'remote', 'command'], to: NODE },
      { path: ['mcp_servers', 'remote', 'args'], to: ['a', 'b'] },
      { path: ['mcp_servers', 'remote', 'url'], from: 'https://example.com/mcp' },
      { path: ['mcp_servers', 'remote', 'bearer_token_env_var'], from: 'TOKEN' },
      { path: ['mcp_servers', 'github', 'cwd'], to: '/srv' },
    ]);
    const data = parseToml(out) as { mcp_servers: Record<string, Record<string, unknown>> };
    expect(data.mcp_servers.remote).toEqual({ command: NODE, args: ['a', 'b'] });
    expect(data.mcp_servers.github?.cwd).toBe('/srv');
    expect(out).toContain(
      'env = { GITHUB_TOKEN = "x" }\ncwd = "/srv"\n\n[mcp_servers.github.tools.search]',
    );
    expect(out).not.toContain('# the endpoint');
    expect(out).toContain('# Codex settings\n');
    expect(out.endsWith('# the end\n')).toBe(true);
  });

  it('refuses a layout it cannot edit without changing other settings', () => {
    const inline = 'mcp_servers = { a = { command = "npx", url = "https://x" } }\n';
    expect(() =>
      editText(inline, 'toml', [{ path: ['mcp_servers', 'a', 'url'], from: 'https://x' }]),
    ).toThrow(ToolkitError);
  });
});

describe('editText on YAML', () => {
  const text = `# Goose
extensions:
  # my GitHub
  github:
    cmd: github-mcp-server   # installed by brew
    args: ["--read-only"]
    envs: {}
    type: stdio
  remote:
    type: streamable_http
    uri: https://example.com/mcp
    headers:
      X-Team: platform
GOOSE_MODE: smart
`;

  it('keeps comments, flow style and untouched keys', () => {
    const out = editText(text, 'yaml', [
      { path: ['extensions', 'github', 'cmd'], from: 'github-mcp-server', to: NODE },
      {
        path: ['extensions', 'github', 'args'],
        from: ['--read-only'],
        to: ['/b.js', 'wrap', '--', 'github-mcp-server', '--read-only'],
      },
    ]);
    expect(out).toContain('# Goose\n');
    expect(out).toContain('  # my GitHub\n');
    expect(out).toContain('args: [/b.js, wrap, --, github-mcp-server, --read-only]');
    expect(out).toContain('GOOSE_MODE: smart');
    expect(out.split('\n').slice(8).join('\n')).toBe(text.split('\n').slice(8).join('\n'));
  });

  it('turns a remote entry into a stdio one, leaving the other keys where they are', () => {
    const out = editText(text, 'yaml', [
      { path: ['extensions', 'remote', 'type'], from: 'streamable_http', to: 'stdio' },
      { path: ['extensions', 'remote', 'cmd'], to: NODE },
      {
        path: ['extensions', 'remote', 'args'],
        to: ['/b.js', 'wrap', '--url', 'https://example.com/mcp'],
      },
      { path: ['extensions', 'remote', 'uri'], from: 'https://example.com/mcp' },
      { path: ['extensions', 'remote', 'headers'], from: { 'X-Team': 'platform' } },
    ]);
    const data = parseYaml(out) as { extensions: Record<string, Record<string, unknown>> };
    expect(data.extensions.remote).toEqual({
      type: 'stdio',
      cmd: NODE,
      args: ['/b.js', 'wrap', '--url', 'https://example.com/mcp'],
    });
    expect(out).toContain('cmd: github-mcp-server   # installed by brew');
  });

  it('edits an item of a list by its index', () => {
    const list = 'mcpServers:\n  - name: a # first\n    command: npx\n    args:\n      - pkg@1\n';
    const out = editText(list, 'yaml', [
      { path: ['mcpServers', 0, 'command'], from: 'npx', to: NODE },
      {
        path: ['mcpServers', 0, 'args'],
        from: ['pkg@1'],
        to: ['/b.js', 'wrap', '--', 'npx', 'pkg@1'],
      },
    ]);
    expect(out).toContain('  - name: a # first\n');
    expect(parseYaml(out)).toEqual({
      mcpServers: [{ name: 'a', command: NODE, args: ['/b.js', 'wrap', '--', 'npx', 'pkg@1'] }],
    });
  });
});
