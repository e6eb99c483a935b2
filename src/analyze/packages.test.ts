import { describe, expect, it } from 'vitest';
import { commandTokens } from './command.js';
import { judgeImage, judgeNpmSpec, judgePythonSpec, launchedPackages } from './packages.js';

const token = { value: '', source: { field: 'command' as const } };
const pinned = (ref: { pinned: boolean } | undefined) => ref?.pinned;

describe('judgeNpmSpec', () => {
  it('accepts exact versions only', () => {
    expect(pinned(judgeNpmSpec('@scope/name@1.2.3', token))).toBe(true);
    expect(pinned(judgeNpmSpec('name@1.2.3-beta.1', token))).toBe(true);
    expect(judgeNpmSpec('@scope/name', token)?.reason).toBe('no version');
    expect(judgeNpmSpec('name@latest', token)?.reason).toBe('the "latest" tag');
    expect(judgeNpmSpec('name@^1.2.3', token)?.reason).toBe('the range "^1.2.3"');
    expect(judgeNpmSpec('name@1', token)?.reason).toBe('the range "1"');
  });
  it('treats git sources by their ref and skips local paths', () => {
    expect(judgeNpmSpec('github:o/r#main', token)).toMatchObject({
      ecosystem: 'git',
      pinned: false,
    });
    expect(pinned(judgeNpmSpec(`git+https://github.com/o/r.git#${'a'.repeat(40)}`, token))).toBe(
      true,
    );
    expect(judgeNpmSpec('./local', token)).toBeUndefined();
  });
});

describe('judgePythonSpec', () => {
  it('accepts == and uv @version, rejects ranges and bare names', () => {
    expect(pinned(judgePythonSpec('mcp-server-git==2025.7.1', token))).toBe(true);
    expect(pinned(judgePythonSpec('pkg[extra]==1.0', token))).toBe(true);
    expect(pinned(judgePythonSpec('ruff@0.6.0', token))).toBe(true);
    expect(pinned(judgePythonSpec('pkg==1.*', token))).toBe(false);
    expect(judgePythonSpec('pkg>=1', token)?.reason).toBe('the range ">=1"');
    expect(judgePythonSpec('pkg@latest', token)?.reason).toBe('the "latest" tag');
    expect(pinned(judgePythonSpec(`git+https://github.com/o/r@${'b'.repeat(40)}`, token))).toBe(
      true,
    );
  });
});

describe('judgeImage', () => {
  it('pins only by digest and tells tags from none', () => {
    expect(pinned(judgeImage(`img@sha256:${'c'.repeat(64)}`, token))).toBe(true);
    expect(judgeImage('registry:5000/img', token)).toMatchObject({ tagged: false, pinned: false });
    expect(judgeImage('img:1.2', token)).toMatchObject({ tagged: true, pinned: false });
  });
});

describe('launchedPackages', () => {
  const launched = (line: string) => launchedPackages(commandTokens(line, []));
  it('finds the package after runner options', () => {
    expect(
      launched('npx -y --registry https://r.example pkg@1.0.0 --arg')?.packages.map((p) => p.spec),
    ).toEqual(['pkg@1.0.0']);
    expect(launched('uvx --python 3.12 --with httpx pkg')?.packages.map((p) => p.spec)).toEqual([
      'pkg',
      'httpx',
    ]);
    expect(launched('uvx --from pkg==1.0.0 cmd')?.packages.map((p) => p.spec)).toEqual([
      'pkg==1.0.0',
    ]);
    expect(launched('pnpm dlx pkg')?.runner).toBe('pnpm dlx');
    expect(launched('deno run -A npm:pkg@1.0.0')?.packages[0]?.pinned).toBe(true);
    expect(launched('node server.js')).toBeUndefined();
    expect(launched('npm install')).toBeUndefined();
  });
});
