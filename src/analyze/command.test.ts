import { describe, expect, it } from 'vitest';
import {
  commandTokens,
  invocationsOf,
  mountOf,
  parseContainerRun,
  programName,
  shellLaunchOf,
  splitCommands,
} from './command.js';

const values = (command: string | undefined, args: string[]) =>
  invocationsOf(command, args).map((i) => i.argv.map((t) => t.value));

describe('splitCommands', () => {
  it('splits words with quotes and commands at separators', () => {
    expect(splitCommands(`cd "/a b" && npx -y 'x y'; echo $HOME | cat`)).toEqual([
      ['cd', '/a b'],
      ['npx', '-y', 'x y'],
      ['echo', '$HOME'],
      ['cat'],
    ]);
  });
  it('keeps Windows backslashes', () => {
    expect(splitCommands('C:\\tools\\x.exe --dir C:\\Users')).toEqual([
      ['C:\\tools\\x.exe', '--dir', 'C:\\Users'],
    ]);
  });
});

describe('programName', () => {
  it('strips directories, case and Windows extensions', () => {
    expect(programName('C:\\Program Files\\nodejs\\NPX.CMD')).toBe('npx');
    expect(programName('/usr/bin/bash')).toBe('bash');
  });
});

describe('commandTokens', () => {
  it('splits a whole command line written into command, and keeps a path with spaces whole', () => {
    expect(commandTokens('npx -y pkg', []).map((t) => t.value)).toEqual(['npx', '-y', 'pkg']);
    expect(commandTokens('C:\\Program Files\\nodejs\\npx.cmd', ['-y']).map((t) => t.value)).toEqual(
      ['C:\\Program Files\\nodejs\\npx.cmd', '-y'],
    );
  });
});

describe('shellLaunchOf', () => {
  const launch = (command: string, args: string[]) => shellLaunchOf(commandTokens(command, args));
  it('recognises sh -c, bash -lc, cmd /c, powershell -Command and -EncodedCommand', () => {
    expect(launch('sh', ['-c', 'echo hi'])?.script).toBe('echo hi');
    expect(launch('bash', ['-lc', 'echo hi'])?.flag?.value).toBe('-lc');
    expect(launch('cmd', ['/c', 'npx', '-y', 'pkg'])?.script).toBe('npx -y pkg');
    expect(launch('pwsh', ['-NoProfile', '-Command', 'Get-Date'])?.script).toBe('Get-Date');
    const encoded = Buffer.from('Get-Date', 'utf16le').toString('base64');
    expect(launch('powershell', ['-enc', encoded])).toMatchObject({
      encoded: true,
      script: 'Get-Date',
    });
    expect(launch('powershell', ['-EncodedCommand', encoded])?.encoded).toBe(true);
  });
  it('does not take script files for command strings', () => {
    expect(launch('bash', ['script.sh'])).toBeUndefined();
    expect(launch('pwsh', ['-File', 'x.ps1'])).toBeUndefined();
    expect(launch('powershell', ['start.ps1'])).toBeUndefined();
    expect(launch('node', ['-c', 'x'])).toBeUndefined();
  });
});

describe('invocationsOf', () => {
  it('opens shell wrappers and env prefixes', () => {
    expect(values('cmd', ['/c', 'npx', '-y', 'pkg'])).toEqual([
      ['cmd', '/c', 'npx', '-y', 'pkg'],
      ['npx', '-y', 'pkg'],
    ]);
    expect(values('sh', ['-c', 'FOO=1 npx a && env X=1 uvx b'])).toEqual([
      ['sh', '-c', 'FOO=1 npx a && env X=1 uvx b'],
      ['npx', 'a'],
      ['uvx', 'b'],
    ]);
  });
  it('keeps the position of each token of a cmd /c line', () => {
    const inner = invocationsOf('cmd', ['/c', 'npx', '-y', 'pkg'])[1];
    expect(inner?.argv.map((t) => t.source)).toEqual([
      { field: 'args', index: 1 },
      { field: 'args', index: 2 },
      { field: 'args', index: 3 },
    ]);
  });
});

describe('parseContainerRun', () => {
  const run = (args: string[]) => parseContainerRun(commandTokens('docker', args));
  it('reads options with values, clusters, = forms, the image and its command', () => {
    const parsed = run([
      'run',
      '-it',
      '--rm',
      '-v',
      '/a:/b',
      '--network=host',
      '-eFOO=1',
      '--user',
      '1000',
      'img:1',
      '--flag',
    ]);
    expect(parsed?.options.map((o) => [o.name, o.value])).toEqual([
      ['interactive', undefined],
      ['tty', undefined],
      ['rm', undefined],
      ['volume', '/a:/b'],
      ['network', 'host'],
      ['env', 'FOO=1'],
      ['user', '1000'],
    ]);
    expect(parsed?.image?.value).toBe('img:1');
    expect(parsed?.commandArgs.map((t) => t.value)).toEqual(['--flag']);
  });
  it('understands docker container run and global options, and ignores other subcommands', () => {
    expect(run(['--context', 'x', 'container', 'run', 'img'])?.image?.value).toBe('img');
    expect(run(['ps'])).toBeUndefined();
  });
});

describe('mountOf', () => {
  const option = (name: string, value: string) => ({
    name,
    value,
    token: { value, source: { field: 'command' as const } },
  });
  it('parses -v with Windows drives and modes, and --mount fields', () => {
    expect(mountOf(option('volume', 'C:\\Users\\me:/data:ro'))).toEqual({
      source: 'C:\\Users\\me',
      target: '/data',
      readOnly: true,
    });
    expect(mountOf(option('mount', 'type=bind,src=/,dst=/host,readonly'))).toEqual({
      source: '/',
      target: '/host',
      readOnly: true,
    });
    expect(mountOf(option('env', 'X=1'))).toBeUndefined();
  });
});
