import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  mergeCapabilities,
  namespacedName,
  ResourceOwners,
  splitNamespacedName,
} from './namespacing.js';

describe('tool and prompt names', () => {
  it('always prefixes the server name with a double underscore', () => {
    expect(namespacedName('github', 'create_issue')).toBe('github__create_issue');
  });

  it('splits at the longest server name, so servers may contain underscores', () => {
    const servers = ['a', 'a__b', 'fs'];
    expect(splitNamespacedName('a__b__tool', servers)).toEqual({ server: 'a__b', name: 'tool' });
    expect(splitNamespacedName('a__tool', servers)).toEqual({ server: 'a', name: 'tool' });
    expect(splitNamespacedName('fs__read__file', servers)).toEqual({
      server: 'fs',
      name: 'read__file',
    });
  });

  it('refuses a name without a known server prefix or without a tool part', () => {
    expect(splitNamespacedName('echo', ['fs'])).toBeUndefined();
    expect(splitNamespacedName('fs__', ['fs'])).toBeUndefined();
    expect(splitNamespacedName('gh__x', ['fs'])).toBeUndefined();
  });
});

describe('cursors', () => {
  it('round-trips the per-server cursors', () => {
    const cursor = encodeCursor({ a: 'c1', b: null });
    expect(decodeCursor(cursor)).toEqual({ a: 'c1', b: null });
  });

  it('rejects a cursor the gateway did not make', () => {
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"v":2,"s":{}}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"v":1,"s":{"a":3}}').toString('base64url'))).toBeUndefined();
  });
});

describe('mergeCapabilities', () => {
  it('offers a feature any server has, always with listChanged, and never tasks', () => {
    expect(
      mergeCapabilities([
        { tools: {}, tasks: { list: {} } },
        { resources: { subscribe: true }, logging: {} },
        { prompts: { listChanged: false }, completions: {} },
      ]),
    ).toEqual({
      tools: { listChanged: true },
      prompts: { listChanged: true },
      resources: { listChanged: true, subscribe: true },
      logging: {},
      completions: {},
    });
  });
});

describe('ResourceOwners', () => {
  it('gives a URI to the first server in alphabetical order, whatever order they list in', () => {
    const owners = new ResourceOwners(['alpha', 'beta']);
    expect(owners.claimUri('beta', 'file:///x')).toBe(true);
    expect(owners.claimUri('alpha', 'file:///x')).toBe(true);
    expect(owners.claimUri('beta', 'file:///x')).toBe(false);
    expect(owners.ownerOf('file:///x')).toBe('alpha');
  });

  it('routes a URI by template when no server listed it', () => {
    const owners = new ResourceOwners(['a', 'b']);
    owners.claimTemplate('b', 'demo://resource/{id}');
    expect(owners.ownerOf('demo://resource/42')).toBe('b');
    expect(owners.ownerOfTemplate('demo://resource/{id}')).toBe('b');
    expect(owners.ownerOf('other://x')).toBeUndefined();
  });

  it('remembers a URI a server returned in a result without taking it from its lister', () => {
    const owners = new ResourceOwners(['a', 'b']);
    owners.claimUri('a', 'x://1');
    owners.noteUri('b', 'x://1');
    owners.noteUri('b', 'x://2');
    expect(owners.ownerOf('x://1')).toBe('a');
    expect(owners.ownerOf('x://2')).toBe('b');
  });
});
