import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ToolkitError } from '../errors.js';
import { compileArgumentPattern, globProblem, hostProblem } from './checks.js';
import { expandEnvReferences } from './env-references.js';
import { parsePolicy, PolicyError, type PolicyProblem, type ParsePolicyOptions } from './parse.js';
import { DEFAULT_POLICY } from './schema.js';

const example = new URL('../../../examples/policy.yaml', import.meta.url);

function problemsOf(text: string, options: ParsePolicyOptions = {}): PolicyProblem[] {
  try {
    parsePolicy(text, 'policy.yaml', options);
  } catch (error) {
    if (error instanceof PolicyError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the policy to be invalid');
}

function onlyProblem(text: string, options: ParsePolicyOptions = {}): PolicyProblem {
  const problems = problemsOf(text, options);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('parsePolicy on valid policies', () => {
  it('accepts the annotated example, even in gateway mode', () => {
    const policy = parsePolicy(readFileSync(example, 'utf8'), 'examples/policy.yaml', {
      mode: 'gateway',
    });
    expect(Object.keys(policy.servers)).toEqual(['filesystem', 'wallet-tools', 'github']);
    expect(policy.servers['wallet-tools']?.tools.transfer_funds?.action).toBe('confirm');
    expect(policy.servers.github?.trust).toBe('untrusted');
    expect(policy.servers.filesystem?.tools['*']?.arguments?.path?.allowPaths).toEqual([
      '/home/me/projects/demo/**',
    ]);
  });

  it('gives a bare `version: 1` exactly the secure default', () => {
    expect(parsePolicy('version: 1\n', 'policy.yaml')).toEqual(DEFAULT_POLICY);
  });

  it('keeps the other default limits when only one is set', () => {
    const policy = parsePolicy('version: 1\ndefaults:\n  limits:\n    concurrency: 2\n', 'p.yaml');
    expect(policy.defaults.limits).toEqual({
      rate: { perMinute: 120 },
      concurrency: 2,
      timeoutMs: 120_000,
      maxResponseBytes: 4 * 1024 * 1024,
    });
    expect(policy.defaults.screening.secrets).toBe('redact');
  });

  it('accepts a server that configures tools only in wrap mode, and asks for a launch in gateway mode', () => {
    const text =
      'version: 1\nservers:\n  wallet:\n    tools:\n      transfer: { action: confirm }\n';
    expect(parsePolicy(text, 'p.yaml').servers.wallet?.tools.transfer?.action).toBe('confirm');
    const problem = onlyProblem(text, { mode: 'gateway' });
    expect(problem).toMatchObject({ pathText: 'servers.wallet', line: 3, column: 3 });
    expect(problem.message).toMatch(/needs command .* or url/);
  });

  it('reads YAML merge keys and anchors', () => {
    const text = [
      'version: 1',
      'servers:',
      '  a:',
      '    tools:',
      '      t: &careful { action: confirm }',
      '      u: *careful',
    ].join('\n');
    expect(parsePolicy(text, 'p.yaml').servers.a?.tools.u?.action).toBe('confirm');
  });
});

describe('DEFAULT_POLICY', () => {
  it('is the documented secure default', () => {
    expect(DEFAULT_POLICY).toEqual({
      version: 1,
      defaults: {
        action: 'allow',
        validateArguments: true,
        pins: 'enforce',
        limits: {
          rate: { perMinute: 120 },
          concurrency: 8,
          timeoutMs: 120_000,
          maxResponseBytes: 4_194_304,
        },
        screening: {
          secrets: 'redact',
          pii: 'warn',
          injection: 'mark',
          hiddenText: 'strip',
          poisonedDefinitions: 'withhold',
          budgetMs: 1000,
        },
        flows: {
          enabled: true,
          action: 'confirm',
          afterTrifecta: ['outbound', 'financial'],
          afterInjection: ['outbound', 'financial', 'destructive'],
          afterUntrusted: [],
        },
        outbound: { secrets: 'redact', keyMaterial: 'block' },
        resources: {},
        sampling: { action: 'allow', includeContext: 'none', maxTokens: 4096, injection: 'block' },
        elicitation: { action: 'allow', sensitive: 'block' },
        sandbox: {
          mode: 'auto',
          network: true,
          readPaths: [],
          writePaths: [],
          limits: { memoryMb: 4096, processes: 256, openFiles: 4096 },
        },
        confirm: {
          capabilities: ['destructive', 'execute', 'financial', 'credentials'],
          approvalTtlMs: 60_000,
          allowForSession: true,
        },
      },
      limits: {},
      audit: { enabled: true, fsync: 'interval', fsyncIntervalMs: 1000 },
      servers: {},
    });
  });
});

describe('parsePolicy error messages', () => {
  it('names an unknown key with its path, position, a suggestion and the allowed keys', () => {
    const problem = onlyProblem('version: 1\ndefaults:\n  screnning:\n    secrets: block\n');
    expect(problem).toMatchObject({ pathText: 'defaults.screnning', line: 3, column: 3 });
    expect(problem.message).toContain('unknown key "screnning" (did you mean "screening"?)');
    expect(problem.message).toContain('allowed keys: action, validateArguments, pins, lockfile');
  });

  it('lists the allowed values of an enum, with the path down to the tool', () => {
    const text = [
      'version: 1',
      'servers:',
      '  filesystem:',
      '    tools:',
      '      write_file:',
      '        action: ask',
    ].join('\n');
    const problem = onlyProblem(text);
    expect(problem).toMatchObject({
      pathText: 'servers.filesystem.tools.write_file.action',
      line: 6,
      column: 17,
    });
    expect(problem.message).toBe(
      'the string "ask" is not allowed; allowed values: allow, deny, confirm',
    );
  });

  it('suggests the enum value a differently cased one meant', () => {
    const problem = onlyProblem('version: 1\ndefaults:\n  action: Confirm\n');
    expect(problem.message).toContain('(did you mean "confirm"?)');
  });

  it('says what type was expected and what was found', () => {
    const text =
      'version: 1\nservers:\n  fs:\n    command: npx\n    args: -y\n    env:\n      DEBUG: 1\n';
    const [args, env] = problemsOf(text);
    expect(args).toMatchObject({ pathText: 'servers.fs.args', line: 5, column: 11 });
    expect(args!.message).toMatch(/^expected a list, found a string; write a list/);
    expect(env).toMatchObject({ pathText: 'servers.fs.env.DEBUG', line: 7, column: 14 });
    expect(env!.message).toBe('expected a string, found the number 1; quote it: "1"');
  });

  it('never echoes the value found under env, headers or args', () => {
    const text = 'version: 1\nservers:\n  fs:\n    env: 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\n';
    const problem = onlyProblem(text);
    expect(problem.message).toBe('expected a mapping (key: value), found a string');
    expect(problem.message).not.toContain('ghp_');
  });

  it('rejects a pattern that does not compile, with the reason', () => {
    const text = [
      'version: 1',
      'servers:',
      '  wallet:',
      '    tools:',
      '      transfer:',
      '        arguments:',
      '          to: { pattern: "0x[0-9a-f{40}" }',
    ].join('\n');
    const problem = onlyProblem(text);
    expect(problem).toMatchObject({
      pathText: 'servers.wallet.tools.transfer.arguments.to.pattern',
      line: 7,
      column: 26,
    });
    expect(problem.message).toMatch(/^does not compile as a regular expression/);
  });

  it('rejects a server name with spaces, suggesting one that works', () => {
    const problem = onlyProblem('version: 1\nservers:\n  my server:\n    action: deny\n');
    expect(problem).toMatchObject({ pathText: 'servers["my server"]', line: 3, column: 3 });
    expect(problem.message).toBe(
      '"my server" is not a valid server name: letters, digits, _ . - only (for example "my-server")',
    );
  });

  it('points at a missing version, and at a wrong one', () => {
    expect(onlyProblem('servers: {}\n')).toMatchObject({
      pathText: 'version',
      line: 1,
      column: 1,
      message: 'is required: 1',
    });
    expect(onlyProblem('version: 2\n')).toMatchObject({
      line: 1,
      column: 10,
      message: 'must be 1, found the number 2',
    });
  });

  it('tells where tool rules and servers go when they are written one level off', () => {
    const [server, tool] = problemsOf(
      'version: 1\nfilesystem:\n  command: npx\nservers:\n  fs:\n    write_file: { action: confirm }\n',
    );
    expect(server!.message).toContain('(servers go under servers: servers.filesystem)');
    expect(tool!.message).toContain('(rules for a tool go under tools: tools.write_file)');
  });

  it('rejects a server with both a command and a url', () => {
    const problem = onlyProblem(
      'version: 1\nservers:\n  x:\n    command: npx\n    url: https://example.com/mcp\n',
    );
    expect(problem).toMatchObject({ pathText: 'servers.x.url', line: 5, column: 5 });
    expect(problem.message).toMatch(/either command .* or url .*not both/);
  });

  it('rejects a url that is not http(s), and stdio settings on a remote server', () => {
    const problems = problemsOf(
      'version: 1\nservers:\n  x:\n    url: ftp://example.com\n  y:\n    url: https://e.com/mcp\n    args: [a]\n',
    );
    expect(problems.map((p) => [p.pathText, p.message])).toEqual([
      [
        'servers.x.url',
        'expected an http:// or https:// URL, found the string "ftp://example.com"',
      ],
      ['servers.y.args', 'args is for servers started with command; this one has a url'],
    ]);
  });

  it('rejects relative and unbalanced globs and hosts written as URLs', () => {
    const text = [
      'version: 1',
      'servers:',
      '  fs:',
      '    tools:',
      "      '*':",
      '        arguments:',
      '          path:',
      "            allowPaths: [project/**, '/home/{a,b']",
      "            allowHosts: ['https://api.github.com/repos']",
    ].join('\n');
    expect(
      problemsOf(text).map((p) => `${String(p.line)}:${String(p.column)} ${p.pathText}`),
    ).toEqual([
      '8:26 servers.fs.tools.*.arguments.path.allowPaths[0]',
      '8:38 servers.fs.tools.*.arguments.path.allowPaths[1]',
      '9:26 servers.fs.tools.*.arguments.path.allowHosts[0]',
    ]);
  });

  it('accepts a relative glob when the server has a cwd to resolve it against', () => {
    const text = [
      'version: 1',
      'servers:',
      '  fs:',
      '    command: npx',
      '    cwd: /home/me/project',
      '    tools:',
      "      '*': { arguments: { path: { allowPaths: [src/**] } } }",
    ].join('\n');
    expect(parsePolicy(text, 'p.yaml').servers.fs?.cwd).toBe('/home/me/project');
  });

  it('rejects a malformed ${env:…} reference', () => {
    const problem = onlyProblem(
      'version: 1\nservers:\n  x:\n    command: x\n    env:\n      TOKEN: "${env:MY-TOKEN}"\n',
    );
    expect(problem.pathText).toBe('servers.x.env.TOKEN');
    expect(problem.message).toMatch(/is not a valid reference/);
  });

  it('reports YAML syntax errors with their position', () => {
    const problem = onlyProblem('version: 1\nservers: [a\n');
    expect(problem.pathText).toBe('(document)');
    expect(problem.line).toBe(3);
    expect(problem.message).toMatch(/^YAML syntax: /);
  });

  it('rejects a duplicate key', () => {
    const problem = onlyProblem('version: 1\naudit:\n  enabled: true\n  enabled: false\n');
    expect(problem).toMatchObject({ line: 4, column: 3 });
    expect(problem.message).toMatch(/unique/);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(onlyProblem('').message).toBe('the policy is empty; it needs at least "version: 1"');
    expect(onlyProblem('- version\n').message).toBe(
      'expected a mapping (key: value), found a list',
    );
  });

  it('names every problem at once, in file order, in one CONFIG_INVALID error', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  pins: strict',
      'servers:',
      '  bad name: {}',
      '  ok:',
      '    tools:',
      '      t: { action: maybe, arguments: { a: { pattern: "(" } } }',
    ].join('\n');
    let thrown: unknown;
    try {
      parsePolicy(text, 'team.policy.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ToolkitError);
    const error = thrown as PolicyError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems.map((p) => p.pathText)).toEqual([
      'defaults.pins',
      'servers["bad name"]',
      'servers.ok.tools.t.action',
      'servers.ok.tools.t.arguments.a.pattern',
    ]);
    expect(error.message.split('\n')[0]).toBe('Policy team.policy.yaml is not valid (4 problems):');
    expect(error.message).toContain(
      '  team.policy.yaml:3:9  defaults.pins: the string "strict" is not allowed; allowed values: enforce, warn, off',
    );
  });
});

describe('the helpers the gateway applies', () => {
  it('anchors argument patterns at both ends', () => {
    const address = compileArgumentPattern('0x[0-9a-fA-F]{40}');
    expect(address.test(`0x${'a'.repeat(40)}`)).toBe(true);
    expect(address.test(`0x${'a'.repeat(40)}; rm -rf /`)).toBe(false);
  });

  it('accepts sane globs and hosts', () => {
    for (const glob of [
      '/home/me/**',
      '~/.ssh/**',
      '**/.env',
      'C:\\Users\\me\\**',
      '/a/{b,c}/[!x]*',
    ]) {
      expect(globProblem(glob)).toBeUndefined();
    }
    for (const host of [
      'api.github.com',
      '*.example.com',
      'localhost:8080',
      '10.0.0.1',
      '[::1]:80',
    ]) {
      expect(hostProblem(host)).toBeUndefined();
    }
    expect(globProblem('/a/../b')).toMatch(/".." segment/);
    expect(globProblem('/a/***')).toMatch(/\*\*\*/);
    expect(hostProblem('a.*.com')).toMatch(/leading "\*\."/);
  });

  it('fills ${env:NAME} references from the environment and refuses a missing one', () => {
    expect(expandEnvReferences('Bearer ${env:TOKEN}', { TOKEN: 't0k3n' })).toBe('Bearer t0k3n');
    expect(expandEnvReferences('${workspaceFolder}/x', {})).toBe('${workspaceFolder}/x');
    expect(() => expandEnvReferences('${env:MISSING}', {})).toThrow(/MISSING is not set/);
  });
});
