import { describe, expect, it } from 'vitest';
import { classifyHostPath } from './paths.js';

const options = {
  homeDirs: ['/home/alice', 'C:\\Users\\alice'],
  systemDirs: ['/etc', 'C:\\Windows'],
};
const kind = (path: string) => classifyHostPath(path, options)?.kind;

describe('classifyHostPath', () => {
  it('recognises the filesystem root and drive roots', () => {
    expect(kind('/')).toBe('filesystem-root');
    expect(kind('C:\\')).toBe('drive-root');
    expect(kind('d:/')).toBe('drive-root');
    expect(kind('E:')).toBe('drive-root');
  });
  it('recognises home directories however they are written', () => {
    for (const path of [
      '~',
      '~/',
      '$HOME',
      '${HOME}',
      '%USERPROFILE%',
      '${userHome}',
      '/home/alice/',
      '/home/bob',
      '/Users/carol',
      'c:\\users\\ALICE',
      '/root',
      '/home',
    ]) {
      expect(kind(path), path).toBe('home');
    }
  });
  it('recognises credential stores, system directories and the Docker socket', () => {
    expect(kind('~/.ssh')).toBe('credentials');
    expect(kind('/home/alice/.aws/credentials')).toBe('credentials');
    expect(kind('/etc')).toBe('system');
    expect(kind('/var/run/docker.sock')).toBe('docker-socket');
  });
  it('leaves narrow paths alone', () => {
    for (const path of [
      '/home/alice/projects/app',
      '~/work',
      '/tmp',
      './data',
      '${workspaceFolder}',
      '/etc-backup',
    ]) {
      expect(kind(path), path).toBeUndefined();
    }
  });
});
