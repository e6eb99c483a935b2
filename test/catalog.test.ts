import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  CHECKLIST,
  CHECKLIST_IDS,
  CHECKLIST_PARTS,
  checklistItem,
  isChecklistId,
} from '../src/core/checklist.js';
import {
  computeCoverage,
  detectorProviders,
  gradeCoverage,
  summarizeGraded,
} from '../src/core/coverage.js';
import { COVERAGE_CLAIMS } from '../src/core/coverage-claims.js';
import { type Detector, resolveMessage } from '../src/core/detector.js';
import { FINDING_CLASSES } from '../src/core/finding.js';
import { ToolkitError } from '../src/core/errors.js';
import { detectorRegistry } from '../src/detectors/registry.js';
import { gatewayCoverageProviders } from '../src/gateway/features.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const detectorsDir = join(root, 'src', 'detectors');
const registry: Readonly<Record<string, Detector>> = detectorRegistry;

/** The item sentences of the English checklist, in order: [title, sentence]. */
function checklistSentences(): [string, string][] {
  // A verbatim copy of the checklist (MIT, see the LICENSE beside it).
  const path = join(root, 'test', 'fixtures', 'reference', 'slowmist-mcp-security-checklist.en.md');
  const lines = readFileSync(path, 'utf8').split('\n');
  const sentences: [string, string][] = [];
  lines.forEach((line, index) => {
    const match = /^- \[ \] \*\*(.+?):\*\* !\[\w+\]\[\w+\]\s*(.*)$/.exec(line);
    if (!match) return;
    const sentence = match[2]!.trim() || (lines[index + 1] ?? '').trim();
    sentences.push([match[1]!, sentence]);
  });
  return sentences;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function bigrams(list: readonly string[]): Set<string> {
  return new Set(list.slice(1).map((word, i) => `${list[i]!} ${word}`));
}

/** Dice coefficient over word bigrams: 1 for identical texts, 0 for nothing in common. */
function similarity(a: string, b: string): number {
  const x = bigrams(words(a));
  const y = bigrams(words(b));
  const shared = [...x].filter((bigram) => y.has(bigram)).length;
  return x.size + y.size === 0 ? 1 : (2 * shared) / (x.size + y.size);
}

/** Length, in words, of the longest run of words the two texts share. */
function longestSharedRun(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
      best = Math.max(best, k);
    }
  }
  return best;
}

function detectorFolders(): string[] {
  if (!existsSync(detectorsDir)) return [];
  return readdirSync(detectorsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

function frontmatter(markdown: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown);
  return match ? parseYaml(match[1]!) : undefined;
}

describe('the checklist catalogue', () => {
  it('holds 129 items: 67 high, 59 medium and 3 low', () => {
    expect(CHECKLIST).toHaveLength(129);
    const count = (priority: string) => CHECKLIST.filter((i) => i.priority === priority).length;
    expect([count('high'), count('medium'), count('low')]).toEqual([67, 59, 3]);
  });

  it('gives every item a unique, well-formed id', () => {
    expect(new Set(CHECKLIST_IDS).size).toBe(CHECKLIST.length);
    for (const item of CHECKLIST) {
      expect(item.id).toMatch(/^[a-z-]+(\.[a-z0-9-]+){1,2}$/);
      expect(item.id.startsWith(`${item.part}.`)).toBe(true);
    }
  });

  it('looks items up by id', () => {
    expect(isChecklistId('server.api.input-validation')).toBe(true);
    expect(isChecklistId('server.api.nope')).toBe(false);
    expect(checklistItem('crypto.private-key-protection')?.title).toBe('Private Key Protection');
    expect(checklistItem('nope')).toBeUndefined();
  });

  it('gives every item a Chinese title and every sectioned item a Chinese section name', () => {
    for (const item of CHECKLIST) {
      expect(item.titleZh.trim(), item.id).not.toBe('');
      if (item.section) expect(item.sectionZh?.trim(), item.id).toBeTruthy();
      else expect(item.sectionZh, item.id).toBeUndefined();
    }
  });

  it('gives every item at least one concern, including its own part, and a coverage mode', () => {
    const parts = new Set(CHECKLIST_PARTS.map((part) => part.id));
    for (const item of CHECKLIST) {
      expect(parts.has(item.part), item.id).toBe(true);
      expect(item.concerns, item.id).toContain(item.part);
      expect(new Set(item.concerns).size, item.id).toBe(item.concerns.length);
      expect(item.coverage.length, item.id).toBeGreaterThan(0);
      expect(new Set(item.coverage).size, item.id).toBe(item.coverage.length);
    }
  });

  it('follows the English checklist item by item, in order', () => {
    const sentences = checklistSentences();
    expect(sentences.map(([title]) => title)).toEqual(CHECKLIST.map((item) => item.title));
  });

  it('words every summary itself instead of copying the checklist sentence', () => {
    const sentences = checklistSentences();
    CHECKLIST.forEach((item, index) => {
      const sentence = sentences[index]![1];
      expect(item.summary.length, item.id).toBeGreaterThan(20);
      expect(similarity(item.summary, sentence), item.id).toBeLessThan(0.5);
      expect(longestSharedRun(item.summary, sentence), item.id).toBeLessThan(7);
    });
  });
});

describe('coverage', () => {
  it('throws INVALID_DETECTOR naming the provider and the unknown id', () => {
    const call = () =>
      computeCoverage(CHECKLIST, [{ kind: 'rule', id: 'bad-rule', checklist: ['server.nope'] }]);
    expect(call).toThrow(ToolkitError);
    expect(call).toThrow(/bad-rule.*server\.nope/);
    try {
      call();
    } catch (error) {
      expect((error as ToolkitError).code).toBe('INVALID_DETECTOR');
    }
  });

  it('throws INVALID_DETECTOR for a provider that declares no checklist item', () => {
    const call = () =>
      computeCoverage(CHECKLIST, [{ kind: 'control', id: 'empty-control', checklist: [] }]);
    expect(call).toThrow(/empty-control/);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_DETECTOR' }));
  });

  it('credits rules and controls to the items they declare and counts them per priority', () => {
    const { items, summary } = computeCoverage(CHECKLIST, [
      { kind: 'rule', id: 'b-rule', checklist: ['server.api.input-validation'] },
      { kind: 'rule', id: 'a-rule', checklist: ['server.api.input-validation'] },
      {
        kind: 'control',
        id: 'rate-limit',
        checklist: ['server.api.rate-limiting', 'server.api.rate-limiting'],
      },
    ]);
    const input = items.find((c) => c.item.id === 'server.api.input-validation')!;
    expect(input).toMatchObject({ rules: ['a-rule', 'b-rule'], controls: [], covered: true });
    const rate = items.find((c) => c.item.id === 'server.api.rate-limiting')!;
    expect(rate).toMatchObject({ rules: [], controls: ['rate-limit'], covered: true });
    expect(summary).toEqual({
      covered: 2,
      total: 129,
      byPriority: {
        high: { covered: 1, total: 67 },
        medium: { covered: 1, total: 59 },
        low: { covered: 0, total: 3 },
      },
    });
  });
});

describe('the detector registry', () => {
  it('keys every detector by its own id', () => {
    for (const [key, detector] of Object.entries(registry)) expect(detector.id).toBe(key);
  });

  it('declares only known checklist ids, at least one per detector', () => {
    for (const detector of Object.values(registry)) {
      expect(detector.meta.checklist.length, detector.id).toBeGreaterThan(0);
      for (const id of detector.meta.checklist)
        expect(isChecklistId(id), `${detector.id}: ${id}`).toBe(true);
    }
    expect(() => computeCoverage(CHECKLIST, detectorProviders(registry))).not.toThrow();
  });

  it('has one folder per detector whose id, registration and README match', async () => {
    for (const folder of detectorFolders()) {
      const module = (await import(pathToFileURL(join(detectorsDir, folder, 'index.ts')).href)) as {
        default: Detector;
      };
      expect(module.default.id, folder).toBe(folder);
      expect(registry[folder], `${folder} is registered`).toBe(module.default);
      const readme = join(detectorsDir, folder, 'README.md');
      expect(existsSync(readme), `${folder}/README.md exists`).toBe(true);
      const { meta } = module.default;
      expect(frontmatter(readFileSync(readme, 'utf8')), `${folder}/README.md frontmatter`).toEqual({
        id: folder,
        title: meta.title,
        severity: meta.severity,
        checklist: [...meta.checklist],
      });
    }
  });
});

/** Words a message must use to be about cryptocurrency keys, transfers or funds. */
const CRYPTO_WORDS =
  /\b(?:private keys?|seed phrases?|mnemonic|wallet|funds?|transfers?|money|pay(?:s|ments?)?|sign(?:s|ing)? transactions?|recipient)\b/i;

describe('checklist ids and classes per message', () => {
  it('gives every message of every detector a class', () => {
    for (const detector of Object.values(registry)) {
      for (const messageId of Object.keys(detector.meta.messages)) {
        const message = resolveMessage(detector.meta, messageId);
        expect(FINDING_CLASSES, `${detector.id}.${messageId}`).toContain(message?.class);
      }
    }
  });

  it("gives every message checklist ids from its detector's own list, at least one", () => {
    for (const detector of Object.values(registry)) {
      const own = new Set(detector.meta.checklist);
      const used = new Set<string>();
      for (const messageId of Object.keys(detector.meta.messages)) {
        const ids = resolveMessage(detector.meta, messageId)?.checklist ?? [];
        expect(ids.length, `${detector.id}.${messageId}`).toBeGreaterThan(0);
        for (const id of ids) {
          expect(own.has(id), `${detector.id}.${messageId}: ${id}`).toBe(true);
          used.add(id);
        }
      }
      // A detector declares nothing that none of its messages addresses.
      expect(
        [...own].filter((id) => !used.has(id)),
        detector.id,
      ).toEqual([]);
    }
  });

  it('puts a crypto checklist id only on messages about keys, wallets, transfers or funds', () => {
    for (const detector of Object.values(registry)) {
      for (const messageId of Object.keys(detector.meta.messages)) {
        const message = resolveMessage(detector.meta, messageId);
        if (!message?.checklist.some((id) => id.startsWith('crypto.'))) continue;
        expect(message.text, `${detector.id}.${messageId}`).toMatch(CRYPTO_WORDS);
      }
    }
  });

  it('does not tag a "runs any command" finding with crypto items', () => {
    const runsCode = resolveMessage(registry['tool-capability-risk']!.meta, 'runsArbitraryCode');
    expect(runsCode?.checklist.filter((id) => id.startsWith('crypto.'))).toEqual([]);
    const movesFunds = resolveMessage(registry['tool-capability-risk']!.meta, 'movesFunds');
    expect(movesFunds?.checklist).toContain('crypto.funds-operation-verification');
  });
});

/** Test titles in a file: `it('…')` titles and DetectorTester `name: '…'` cases, unescaped. */
function testTitles(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  const titles = new Set<string>();
  const pattern = /(?:\bit(?:\.\w+\([^)]*\))?\(\s*|\bname:\s*)(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of text.matchAll(pattern)) {
    titles.add(
      match[2]!
        .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/\\(['"`\\])/g, '$1'),
    );
  }
  return titles;
}

describe('graded coverage claims', () => {
  const providers = [...detectorProviders(registry), ...gatewayCoverageProviders()];

  it('names, for every claim, a test that exists in the named file', () => {
    const missing = COVERAGE_CLAIMS.filter(
      (claim) =>
        !existsSync(join(root, claim.test.file)) ||
        !testTitles(claim.test.file).has(claim.test.title),
    ).map((claim) => `${claim.item}/${claim.face}: ${claim.test.file} › ${claim.test.title}`);
    expect(missing).toEqual([]);
  });

  it("claims only faces among the item's coverage modes, once per face", () => {
    const seen = new Set<string>();
    for (const claim of COVERAGE_CLAIMS) {
      const item = checklistItem(claim.item);
      expect(item, claim.item).toBeDefined();
      expect(item?.coverage, `${claim.item}/${claim.face}`).toContain(claim.face);
      const key = `${claim.item}/${claim.face}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('credits only rules and controls of the matching face that declare the item', () => {
    const wrong: string[] = [];
    for (const claim of COVERAGE_CLAIMS) {
      if (claim.by.length === 0) wrong.push(`${claim.item}: names no rule or control`);
      for (const id of claim.by) {
        const provider = providers.find((p) => p.id === id);
        const kind = claim.face === 'gateway' ? 'control' : 'rule';
        if (provider?.kind !== kind) wrong.push(`${claim.item}/${claim.face}: ${id} is no ${kind}`);
        else if (!provider.checklist.includes(claim.item))
          wrong.push(`${claim.item}: ${id} does not declare it`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says what is missing for every partial claim and nothing for a full one', () => {
    for (const claim of COVERAGE_CLAIMS) {
      if (claim.status === 'partial') expect(claim.missing?.length, claim.item).toBeGreaterThan(20);
      else expect(claim.missing, claim.item).toBeUndefined();
    }
  });

  it('grades an item by its best face, attest only when a person alone can answer it', () => {
    const graded = gradeCoverage(CHECKLIST, COVERAGE_CLAIMS);
    const status = (id: string) => graded.find((g) => g.item.id === id)?.status;
    expect(status('client.management.tool-verification')).toBe('full');
    expect(status('server.api.input-validation')).toBe('partial');
    expect(status('crypto.funds-operation-verification')).toBe('attest');
    expect(status('client.transport.server-identity-verification')).toBe('none');
    const { byPriority } = summarizeGraded(graded);
    const high = byPriority.high;
    expect(high.full + high.partial + high.attest + high.none).toBe(67);
    // Read item by item, only a handful of High items are fully covered.
    expect(high.full).toBeLessThanOrEqual(8);
  });
});
