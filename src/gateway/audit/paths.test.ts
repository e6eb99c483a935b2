import { describe, expect, it } from 'vitest';
import { defaultAuditPath, rotatedPath } from './paths.js';

describe('defaultAuditPath', () => {
  it('uses $XDG_STATE_HOME on Linux, else ~/.local/state', () => {
    expect(defaultAuditPath({ XDG_STATE_HOME: '/var/state' }, 'linux', '/home/me')).toBe(
      '/var/state/mcp-warden/audit.jsonl',
    );
    expect(defaultAuditPath({}, 'linux', '/home/me')).toBe(
      '/home/me/.local/state/mcp-warden/audit.jsonl',
    );
  });

  it('ignores a relative $XDG_STATE_HOME, as the XDG spec says', () => {
    expect(defaultAuditPath({ XDG_STATE_HOME: 'state' }, 'freebsd', '/home/me')).toBe(
      '/home/me/.local/state/mcp-warden/audit.jsonl',
    );
  });

  it('uses ~/Library/Logs on macOS and %LOCALAPPDATA% on Windows', () => {
    expect(defaultAuditPath({ XDG_STATE_HOME: '/x' }, 'darwin', '/Users/me')).toBe(
      '/Users/me/Library/Logs/mcp-warden/audit.jsonl',
    );
    expect(
      defaultAuditPath({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32', 'C:\\Users\\me'),
    ).toBe('C:\\Users\\me\\AppData\\Local\\mcp-warden\\audit.jsonl');
    expect(defaultAuditPath({}, 'win32', 'C:\\Users\\me')).toBe(
      'C:\\Users\\me\\AppData\\Local\\mcp-warden\\audit.jsonl',
    );
  });
});

describe('rotatedPath', () => {
  it('numbers rotated files before the extension', () => {
    expect(rotatedPath('/logs/audit.jsonl', 3)).toBe('/logs/audit.3.jsonl');
    expect(rotatedPath('/logs/gateway', 1)).toBe('/logs/gateway.1.jsonl');
  });
});
