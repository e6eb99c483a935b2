import { describe, expect, it } from 'vitest';
import {
  editDistance,
  hasInvisibleCharacters,
  isPlainToolName,
  looseName,
  scriptsOf,
  skeleton,
} from './names.js';

describe('skeleton', () => {
  it('maps a Cyrillic і to Latin i (the read_fіle twin of the Invariant proofs of concept)', () => {
    expect(skeleton('read_f\u0456le')).toBe('read_file');
  });

  it('maps Greek and Cyrillic capitals to the Latin letters they imitate', () => {
    expect(skeleton('\u0405\u0395ND_EMAIL')).toBe('send_email'); // Cyrillic Ѕ, Greek Ε
  });

  it('folds fullwidth and mathematical letters (NFKD) and drops accents and zero-width characters', () => {
    expect(skeleton('\uff52ead_file')).toBe('read_file');
    expect(skeleton('\ud835\udc2bead_file')).toBe('read_file');
    expect(skeleton('re\u0301ad_file')).toBe('read_file');
    expect(skeleton('read_\u200bfile')).toBe('read_file');
  });

  it('reads digits that imitate letters as those letters, and rn as m', () => {
    expect(skeleton('read_fi1e')).toBe('read_file');
    expect(skeleton('g0ogle_search')).toBe('google_search');
    expect(skeleton('send_ernail')).toBe('send_email');
  });

  it('normalises case and every separator', () => {
    expect(skeleton('Read-File')).toBe('read_file');
    expect(skeleton('read.file')).toBe('read_file');
    expect(skeleton('read__file')).toBe('read_file');
  });

  it('keeps different names apart', () => {
    expect(skeleton('read_file')).not.toBe(skeleton('write_file'));
    expect(skeleton('get_issue')).not.toBe(skeleton('get_issues'));
  });
});

describe('looseName', () => {
  it('ignores case and separators but keeps look-alike letters and invisible characters', () => {
    expect(looseName('Read-File')).toBe('read_file');
    expect(looseName('read_f\u0456le')).not.toBe('read_file');
    expect(looseName('read_\u200bfile')).not.toBe('read_file');
  });
});

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and neighbour swaps as one edit', () => {
    expect(editDistance('send_emall', 'send_email')).toBe(1);
    expect(editDistance('send_email', 'send_emails')).toBe(1);
    expect(editDistance('send_email', 'send_emial')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('stops at the bound and answers bound + 1 beyond it', () => {
    expect(editDistance('read_file', 'write_file', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(editDistance('\ud835\udc2bead', 'read')).toBe(1);
  });
});

describe('scriptsOf', () => {
  it('names each script of the letters, in order', () => {
    expect(scriptsOf('read_f\u0456le')).toEqual(['Latin', 'Cyrillic']);
    expect(scriptsOf('read_file_2')).toEqual(['Latin']);
    expect(scriptsOf('搜索_文件')).toEqual(['CJK']);
    expect(scriptsOf('検索する')).toEqual(['CJK']);
  });
});

describe('name shape', () => {
  it('accepts the characters the MCP specification recommends', () => {
    expect(isPlainToolName('API-get-user')).toBe(true);
    expect(isPlainToolName('admin.tools.list')).toBe(true);
    expect(isPlainToolName('send email')).toBe(false);
    expect(isPlainToolName('read_f\u0456le')).toBe(false);
  });

  it('finds zero-width and other invisible characters', () => {
    expect(hasInvisibleCharacters('read_\u200bfile')).toBe(true);
    expect(hasInvisibleCharacters('read_file')).toBe(false);
  });
});
