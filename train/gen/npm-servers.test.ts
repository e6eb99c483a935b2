import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredStrings, npmServerRecords } from './npm-servers.mjs';
import { recordProblems } from './records.mjs';

/** A package tarball as `npm pack` writes it (`package/…`), made with the system's tar. */
function packed(dir: string, files: Record<string, string>): string {
  const root = join(dir, 'src');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'package', path, '..'), { recursive: true });
    writeFileSync(join(root, 'package', path), text);
  }
  const file = join(dir, 'demo-server-1.0.0.tgz');
  execFileSync('tar', ['-czf', file, '-C', root, 'package']);
  return file;
}

const SERVER = `
server.tool("get_forecast", "Get the weather forecast for a city, in metric units.", {
  city: z.string().describe("Name of the city, e.g. \\"Lisbon\\""),
  units: z.enum(["metric", "imperial"]).describe('Unit system of the ' + 'returned values'),
});
const tools = [{ name: "list_alerts", description: \`Lists the active weather alerts for \${region}.\`,
  inputSchema: { type: "object", properties: { region: { type: "string" } } } }];
const notProse = { description: "id" };
`;

describe('MCP server definitions read statically from npm packages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-warden-npm-servers-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads tool and parameter descriptions, their names and allowed values', () => {
    const file = packed(dir, {
      'dist/index.js': SERVER,
      'package.json': '{"description": "A package manifest is not a declaration."}',
      'test/fixture.js': 'x = { description: "A test fixture is not part of the server." }',
    });
    expect(declaredStrings(file)).toEqual([
      {
        name: undefined,
        param: undefined,
        text: 'Get the weather forecast for a city, in metric units.',
      },
      { name: undefined, param: 'city', text: 'Name of the city, e.g. "Lisbon"' },
      {
        name: undefined,
        param: 'units',
        text: 'Unit system of the returned values',
        values: ['metric', 'imperial'],
      },
      { name: 'list_alerts', param: undefined, text: 'Lists the active weather alerts for value.' },
    ]);
  });

  it('turns them into valid benign definition records from the cache, without the network', () => {
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    packed(cacheDir, {
      'dist/index.js': SERVER,
      'README.md':
        '# Demo\n\nAdd the server to your client configuration, then restart the client so that it lists the tools.',
    });
    const records = npmServerRecords({ cacheDir, servers: ['demo-server@1.0.0'] });
    expect(records.flatMap((r) => recordProblems(r))).toEqual([]);
    expect(records.map((r) => [r.id, r.name, r.source, r.label])).toEqual([
      ['npm-server-demo-server-001', 'demo-server', 'npm-mcp-servers', 'benign'],
      ['npm-server-demo-server-002', 'demo-server', 'npm-mcp-servers', 'benign'],
      ['npm-server-demo-server-003', 'demo-server', 'npm-mcp-servers', 'benign'],
      ['npm-server-demo-server-004', 'list_alerts', 'npm-mcp-servers', 'benign'],
      ['npm-server-demo-server-r001', undefined, 'npm-mcp-servers', 'benign'],
    ]);
    expect(records[4]?.text).toMatch(/^# Demo\n\nAdd the server/u);
    expect(records[2]?.inputSchema).toEqual({
      type: 'object',
      properties: {
        units: {
          type: 'string',
          description: 'Unit system of the returned values',
          enum: ['metric', 'imperial'],
        },
      },
    });
  });

  it('fails with a clear error when a package is neither cached nor obtainable', () => {
    expect(() =>
      npmServerRecords({
        cacheDir: join(dir, 'empty'),
        servers: ['@mcp-warden-invalid/none@0.0.0'],
      }),
    ).toThrow(/npm-servers: could not pack @mcp-warden-invalid\/none@0\.0\.0/u);
  });
});
