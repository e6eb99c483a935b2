import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { invocationsOf, splitCommands } from '../../src/analyze/command.js';
import { launchedPackages, type PackageRef } from '../../src/analyze/packages.js';
import type { ScanReport } from '../../src/core/report.js';

/**
 * Nothing the README, the docs or the examples tell people to run may fetch code that nobody
 * pinned or that the project does not itself depend on: a name that is unpinned or unowned on the
 * registry is an open door for whoever registers it.
 */

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');
const demo = join(root, 'examples/demo-project');
const demoHome = join(root, 'examples/demo-home');

interface LockedPackage {
  version?: string;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  name: string;
  packages: Record<string, LockedPackage>;
};

/** The exact version of `name` in package-lock.json, or undefined when the project lacks it. */
function lockedVersion(name: string): string | undefined {
  return lock.packages[`node_modules/${name}`]?.version;
}

/** The version an npm spec asks for (`@scope/pkg@1.2.3` → `1.2.3`). */
function specVersion(ref: PackageRef): string | undefined {
  const at = ref.spec.lastIndexOf('@');
  return at > 0 ? ref.spec.slice(at + 1) : undefined;
}

interface Launch {
  where: string;
  command: string;
  args: string[];
  /** A shell line of the README, run inside this repository after `npm install`. */
  inRepository?: boolean;
}

/** Every `{ command, args }` (or `command = "…"` with `args`) object in a parsed document. */
function launchesIn(value: unknown, where: string, out: Launch[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      launchesIn(item, `${where}/${String(index)}`, out);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.command === 'string') {
    const args = Array.isArray(record.args) ? record.args.map(String) : [];
    out.push({ where, command: record.command, args });
  }
  for (const [key, child] of Object.entries(record)) launchesIn(child, `${where}/${key}`, out);
}

/** Launches in the code blocks of a Markdown file: JSON/YAML documents and shell lines. */
function markdownLaunches(file: string): Launch[] {
  const text = readFileSync(file, 'utf8');
  const out: Launch[] = [];
  const blocks = text.matchAll(/```(\w*)\n([\s\S]*?)```/g);
  for (const [, lang = '', body = ''] of blocks) {
    const where = relative(root, file);
    if (lang === 'json' || lang === 'jsonc') launchesIn(parseJsonc(body), where, out);
    else if (lang === 'yaml' || lang === 'yml') launchesIn(parseYaml(body), where, out);
    else if (lang === 'sh' || lang === 'bash' || lang === 'shell' || lang === '') {
      for (const line of body.split('\n')) {
        for (const words of splitCommands(line)) {
          const [command, ...args] = words;
          if (command !== undefined) out.push({ where, command, args, inRepository: true });
        }
      }
    }
  }
  return out;
}

function configLaunches(file: string): Launch[] {
  const text = readFileSync(file, 'utf8');
  const out: Launch[] = [];
  const where = relative(root, file);
  if (file.endsWith('.toml')) launchesIn(parseToml(text), where, out);
  else if (file.endsWith('.yaml')) launchesIn(parseYaml(text), where, out);
  else launchesIn(parseJsonc(text, [], { allowTrailingComma: true }), where, out);
  return out;
}

function packagesOf(launch: Launch): PackageRef[] {
  return invocationsOf(launch.command, launch.args).flatMap(
    (invocation) => launchedPackages(invocation.argv)?.packages ?? [],
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Why a package would be unsafe for a person to run as written; undefined when it is fine. */
function unsafeToRun(ref: PackageRef, inRepository = false): string | undefined {
  if (ref.ecosystem === 'npm' && ref.name === lock.name) {
    // In the repository npx runs its own bin; anywhere else the name is fetched from a registry
    // where it is not published.
    return inRepository ? undefined : `${ref.spec} is not published: use the installed command`;
  }
  if (ref.ecosystem !== 'npm') return `${ref.spec} is not an npm package this project locks`;
  const locked = lockedVersion(ref.name);
  if (locked === undefined) return `${ref.name} does not resolve in package-lock.json`;
  if (!ref.pinned) return `${ref.spec} is not pinned to an exact version`;
  if (specVersion(ref) !== locked) return `${ref.spec} is not the locked version ${locked}`;
  return undefined;
}

describe('the demo and the docs', () => {
  const documented = [
    join(root, 'README.md'),
    ...filesUnder(join(root, 'docs')).filter((file) => file.endsWith('.md')),
  ].flatMap(markdownLaunches);
  const demoConfigs = [...filesUnder(demo), ...filesUnder(demoHome)].flatMap(configLaunches);

  it('tell people to run only packages this project locks, pinned to the locked version', () => {
    const launches = [...documented, ...configLaunches(join(root, 'examples/policy.yaml'))];
    expect(launches.length).toBeGreaterThan(5);
    const problems = launches.flatMap((launch) =>
      packagesOf(launch).flatMap((ref) => {
        const why = unsafeToRun(ref, launch.inRepository);
        return why ? [`${launch.where}: ${why}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('demo configs name only packages that resolve in the lockfile', () => {
    const npmNames = demoConfigs
      .flatMap(packagesOf)
      .filter((ref) => ref.ecosystem === 'npm')
      .map((ref) => ref.name);
    expect(npmNames.length).toBeGreaterThan(3);
    expect(npmNames.filter((name) => lockedVersion(name) === undefined)).toEqual([]);
  });

  it('a live scan of the demo starts no launch that is unpinned or not locked', async () => {
    const { stdout } = await run(
      process.execPath,
      [bin, 'scan', '--cwd', demo, '--home', demoHome, '--format', 'json', '--no-progress'],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 32 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as ScanReport;
    const started = report.servers.filter((server) => server.live?.status !== 'skipped');
    const byName = new Map(demoConfigs.map((launch) => [launch.where.split('/').pop(), launch]));
    const unsafe = started.flatMap((server) => {
      const launch = byName.get(server.name);
      if (launch === undefined || server.transport !== 'stdio') return [];
      return packagesOf(launch).flatMap((ref) => {
        const why = unsafeToRun(ref);
        return why ? [`${server.name}: ${why}`] : [];
      });
    });
    expect(unsafe).toEqual([]);
    // The deliberately unpinned entries are shown as findings and not started.
    const skipped = report.servers.filter((s) => s.live?.status === 'skipped').map((s) => s.name);
    expect(skipped).toEqual(expect.arrayContaining(['github', 'wallet', 'fetch', 'installer']));
  }, 120_000);
});

describe('the quick start on a machine without bubblewrap', () => {
  it('says so before starting anything, starts only local fixtures and still reports', async () => {
    expect(statSync(bin).isFile(), 'run `npm run build` before the end-to-end tests').toBe(true);
    // A PATH with node and npx but no bwrap.
    const path = mkdtempSync(join(tmpdir(), 'mcp-warden-nobwrap-'));
    symlinkSync(process.execPath, join(path, 'node'));
    symlinkSync(join(dirname(process.execPath), 'npx'), join(path, 'npx'));
    const result = await run(
      process.execPath,
      [bin, 'scan', '--cwd', demo, '--home', demoHome, '--format', 'json', '--no-progress'],
      {
        cwd: root,
        env: { ...process.env, PATH: path, NO_COLOR: '1' },
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    expect(result.stderr.split('\n')[0]).toMatch(/^mcp-warden: No sandbox is available/);
    expect(result.stderr).toMatch(/apt-get install bubblewrap/);
    const report = JSON.parse(result.stdout) as ScanReport;
    const status = (name: string) => report.servers.find((s) => s.name === name)?.live;
    for (const packaged of ['everything', 'memory', 'notes']) {
      const live = report.servers.find(
        (s) =>
          s.name === packaged && s.file.endsWith('.vscode/mcp.json') === (packaged === 'notes'),
      )?.live;
      expect(live?.status, packaged).toBe('skipped');
      expect(live?.reason, packaged).toMatch(/no sandbox is available/);
    }
    for (const fixture of ['calculator', 'mailer', 'wallet-tools', 'terminal', 'unicode']) {
      expect(status(fixture)?.status, fixture).toBe('scanned');
    }
    const onCalculator = report.findings.filter((f) => f.location.server === 'calculator');
    expect(onCalculator.map((f) => f.detectorId)).toContain('tool-poisoning');
  }, 120_000);
});
