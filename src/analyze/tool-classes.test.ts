import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/snapshot.js';
import { classifyToolClasses } from './tool-classes.js';

const schema = (...names: string[]): ToolDefinition['inputSchema'] => ({
  type: 'object',
  properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
});

const classes = (tool: ToolDefinition): string[] => [...classifyToolClasses(tool).classes].sort();

describe('classifyToolClasses', () => {
  it('calls a web fetch untrusted input and, since it takes any URL, outbound', () => {
    expect(
      classes({
        name: 'fetch_page',
        description: 'Fetch a web page.',
        inputSchema: schema('url'),
      }),
    ).toEqual(['outbound', 'untrusted-input']);
  });

  it('calls a file reader private data and nothing else', () => {
    expect(
      classes({ name: 'read_file', description: 'Read a file.', inputSchema: schema('path') }),
    ).toEqual(['private-data']);
  });

  it('calls a mail sender outbound, a delete destructive and a transfer financial', () => {
    expect(classes({ name: 'send_mail', inputSchema: schema('to', 'subject', 'body') })).toEqual([
      'outbound',
    ]);
    expect(classes({ name: 'delete_file', inputSchema: schema('path') })).toEqual(['destructive']);
    expect(classes({ name: 'transfer_funds', inputSchema: schema('to', 'amount') })).toContain(
      'financial',
    );
  });

  it('gives arithmetic no class at all', () => {
    expect(classes({ name: 'add', inputSchema: schema('a', 'b') })).toEqual([]);
  });

  it('adds classes from annotations but never removes one on their word', () => {
    expect(
      classes({
        name: 'get_forecast',
        inputSchema: schema('city'),
        annotations: { readOnlyHint: true, openWorldHint: true },
      }),
    ).toEqual(['untrusted-input']);
    expect(
      classes({
        name: 'post_update',
        inputSchema: schema('text'),
        annotations: { openWorldHint: true },
      }),
    ).toContain('outbound');
    // A sender claiming to be read-only is still a sender.
    expect(
      classes({
        name: 'send_mail',
        inputSchema: schema('to', 'body'),
        annotations: { readOnlyHint: true },
      }),
    ).toEqual(['outbound']);
  });

  it('makes every tool of an untrusted server untrusted input, saying where the policy says so', () => {
    const result = classifyToolClasses(
      { name: 'lookup', inputSchema: schema('q') },
      { untrustedServer: { path: 'servers.wiki.trust' } },
    );
    expect([...result.classes]).toEqual(['untrusted-input']);
    expect(result.reasons.get('untrusted-input')).toBe('policy servers.wiki.trust: untrusted');
  });

  it('lets the policy replace the inferred classes, to relax or to tighten', () => {
    const relaxed = classifyToolClasses(
      { name: 'send_mail', inputSchema: schema('to', 'body') },
      { override: { path: 'servers.mail.tools.send_mail.classes', classes: [] } },
    );
    expect(relaxed.classes.size).toBe(0);
    expect(relaxed.source).toBe('policy');
    const tightened = classifyToolClasses(
      { name: 'add', inputSchema: schema('a', 'b') },
      { override: { path: 'servers.calc.classes', classes: ['financial'] } },
    );
    expect([...tightened.classes]).toEqual(['financial']);
    expect(tightened.reasons.get('financial')).toBe('policy servers.calc.classes');
  });
});
