import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from './load.js';

describe('loadPolicy', () => {
  it('resolves the relative paths of a policy against its directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-policy-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(
      file,
      'version: 1\ndefaults:\n  lockfile: locks/x.json\naudit:\n  file: /var/log/a.jsonl\nservers:\n  s:\n    command: x\n    cwd: sub\n',
    );
    const policy = await loadPolicy(file);
    expect(policy.defaults.lockfile).toBe(join(dir, 'locks/x.json'));
    expect(policy.audit.file).toBe('/var/log/a.jsonl');
    expect(policy.servers.s?.cwd).toBe(join(dir, 'sub'));
  });

  it('says a missing file is missing', async () => {
    await expect(loadPolicy('/nonexistent/policy.yaml')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});
