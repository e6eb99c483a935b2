import { describe, expect, it } from 'vitest';
import { buildServerEnv, SPAWN_MARKER_VARIABLE } from './env.js';

const parentEnv = {
  PATH: '/usr/bin:/bin',
  LANG: 'C.UTF-8',
  HOME: '/home/alice',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  GITHUB_TOKEN: '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',
  FORWARDED: 'yes',
};
const base = {
  parentEnv,
  platform: 'linux' as const,
  home: '/tmp/h',
  tmpDir: '/tmp/t',
  marker: 'm1',
};

describe('buildServerEnv', () => {
  it('keeps only the allowlist from our environment and points HOME at the throwaway folder', () => {
    const { env } = buildServerEnv({ env: {}, envPassthrough: [] }, base);
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: '/tmp/h',
      TMPDIR: '/tmp/t',
      [SPAWN_MARKER_VARIABLE]: 'm1',
    });
  });

  it('passes the variables the config declares, and those it forwards by name', () => {
    const { env, missing } = buildServerEnv(
      { env: { API_URL: 'https://api.example' }, envPassthrough: ['FORWARDED', 'NOT_SET'] },
      base,
    );
    expect(env.API_URL).toBe('https://api.example');
    expect(env.FORWARDED).toBe('yes');
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(missing).toEqual(['NOT_SET']);
  });

  it('lets a configured HOME win over the throwaway one, but never the spawn marker', () => {
    const { env } = buildServerEnv(
      { env: { HOME: '/srv/home', [SPAWN_MARKER_VARIABLE]: 'forged' }, envPassthrough: [] },
      base,
    );
    expect(env.HOME).toBe('/srv/home');
    expect(env[SPAWN_MARKER_VARIABLE]).toBe('m1');
  });

  it('points npm at the cache, offline when asked', () => {
    const { env } = buildServerEnv(
      { env: {}, envPassthrough: [] },
      { ...base, npmCache: '/tmp/npm-cache', npmOffline: true },
    );
    expect(env.npm_config_cache).toBe('/tmp/npm-cache');
    expect(env.npm_config_offline).toBe('true');
  });

  it('sets the Windows essentials on Windows', () => {
    const { env } = buildServerEnv(
      { env: {}, envPassthrough: [] },
      { ...base, platform: 'win32', parentEnv: { ...parentEnv, SYSTEMROOT: 'C:\\Windows' } },
    );
    expect(env.SYSTEMROOT).toBe('C:\\Windows');
    expect(env.USERPROFILE).toBe('/tmp/h');
    expect(env.TEMP).toBe('/tmp/t');
  });
});
