import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigFormat } from '../core/server-spec.js';
import { fixturePath } from './__fixtures__/fixture.js';
import { parseText } from './document.js';
import { loadConfigFile, parseConfigText } from './load.js';

const broken = (name: string): string => readFileSync(fixturePath(`broken/${name}`), 'utf8');

describe('parse errors', () => {
  it('gives the line and column of a missing comma in JSON', () => {
    expect(parseText(broken('bad.json'), 'json').parseError).toEqual({
      message: 'Comma expected',
      line: 5,
      column: 7,
    });
  });

  it('gives the line and column of an unclosed array in JSONC', () => {
    expect(parseText(broken('bad.jsonc'), 'jsonc').parseError).toEqual({
      message: 'Value expected',
      line: 7,
      column: 1,
    });
  });

  it('gives the line and column of an unclosed array in TOML', () => {
    expect(parseText(broken('bad.toml'), 'toml').parseError).toEqual({
      message: 'expected comma or end of structure',
      line: 4,
      column: 1,
    });
  });

  it('gives the line and column of an unclosed flow sequence in YAML', () => {
    const failure = parseText(broken('bad.yaml'), 'yaml').parseError;
    expect(failure).toMatchObject({ line: 5, column: 3 });
    expect(failure?.message).toMatch(/^Flow sequence in block collection/);
    expect(failure?.message).not.toMatch(/at line/);
  });

  it('rejects comments and trailing commas in strict JSON but accepts them in JSONC', () => {
    const text = '{\n  // comment\n  "a": 1,\n}\n';
    expect(parseText(text, 'json').parseError).toMatchObject({ line: 2, column: 3 });
    expect(parseText(text, 'jsonc').parseError).toBeUndefined();
    expect(parseText(text, 'jsonc').data).toEqual({ a: 1 });
  });

  it('loads a broken file as a ConfigFile with parseError and no servers instead of throwing', async () => {
    const file = await loadConfigFile(fixturePath('broken/bad.toml'), { client: 'codex' });
    expect(file).toMatchObject({ client: 'codex', format: 'toml', servers: [], approvals: [] });
    expect(file.parseError).toMatchObject({ line: 4, column: 1 });
  });

  it('reports a trailing comma in a client file that is read as strict JSON', () => {
    const file = parseConfigText('{ "mcpServers": { "a": { "command": "a" }, } }', {
      path: '/Users/me/Library/Application Support/Claude/claude_desktop_config.json',
    });
    expect(file.format).toBe('json');
    expect(file.parseError).toMatchObject({ message: 'Property name expected', line: 1 });
    expect(file.servers).toEqual([]);
  });

  it('never throws on text that is not configuration at all', () => {
    const junk = ['\u0000\u0001{[', '::: - [ {', '[[[', '{"a": tru', '\uFEFF', ''];
    for (const format of ['json', 'jsonc', 'toml', 'yaml'] satisfies ConfigFormat[]) {
      for (const text of junk) {
        expect(() => parseConfigText(text, { path: '/x/conf', format })).not.toThrow();
      }
    }
  });
});

describe('locating pointers', () => {
  it('points at the key of an object member and at an array element', () => {
    const parsed = parseText('{\n  "a": {\n    "b": [1,\n      2]\n  }\n}\n', 'json');
    expect(parsed.locate('')).toEqual({ line: 1, column: 1 });
    expect(parsed.locate('/a')).toEqual({ line: 2, column: 3 });
    expect(parsed.locate('/a/b/1')).toEqual({ line: 4, column: 7 });
    expect(parsed.locate('/a/b/2')).toBeUndefined();
    expect(parsed.locate('/a/b/x')).toBeUndefined();
  });

  it('unescapes ~0 and ~1 in pointer segments', () => {
    const parsed = parseText('{"a/b": {"c~d": 1}}', 'json');
    expect(parsed.locate('/a~1b/c~0d')).toEqual({ line: 1, column: 10 });
  });

  it('counts columns after a byte order mark as an editor shows them', () => {
    const parsed = parseText('\uFEFF{"a": 1}', 'json');
    expect(parsed.parseError).toBeUndefined();
    expect(parsed.locate('/a')).toEqual({ line: 1, column: 2 });
  });

  it('follows YAML aliases and counts CRLF line ends once', () => {
    const text = 'base: &b\r\n  cmd: x\r\nextensions:\r\n  one: *b\r\n  two:\r\n    cmd: y\r\n';
    const parsed = parseText(text, 'yaml');
    expect(parsed.data).toEqual({
      base: { cmd: 'x' },
      extensions: { one: { cmd: 'x' }, two: { cmd: 'y' } },
    });
    expect(parsed.locate('/extensions/two/cmd')).toEqual({ line: 6, column: 5 });
    expect(parsed.locate('/extensions/one/cmd')).toEqual({ line: 2, column: 3 });
  });
});

describe('hostile content', () => {
  it('reports a YAML alias bomb as a parse error instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const parsed = parseText(lines.join('\n') + '\n', 'yaml');
    expect(parsed.parseError).toMatchObject({ line: 1, column: 1 });
    expect(parsed.data).toBeUndefined();
  });
});
