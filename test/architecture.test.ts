import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md ("Layout"), enforced: imports point down only. Each floor may import
 * its own folder and any floor below it, never a floor above it nor another folder of its own
 * floor (so the two faces, scanner and gateway, never import each other). Floor 1 of DESIGN.md is
 * ordered here: core is the bottom, analyze builds on core's types, process on both.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['core'],
  ['analyze'],
  ['process'],
  ['detectors', 'reporters', 'pin', 'discovery', 'policy'],
  ['scanner', 'gateway'],
  ['install'],
  // `index` is src/index.ts, the public API: everything the CLI can do, as library calls.
  ['cli', 'index'],
];

/** core and analyze are pure: no file system, network, processes, clock or console. */
const PURE = new Set(['core', 'analyze']);
/** Node built-ins a pure module may use: none of them reads or writes the outside world. */
const PURE_BUILTINS = new Set(['node:path', 'node:crypto', 'node:util', 'node:buffer']);
/** Packages a pure module may use: parsing, validation and hashing, no I/O. */
const PURE_PACKAGES = new Set(['zod', 'yaml', '@noble/hashes', '@scure/base', '@scure/bip39']);
/** Globals that reach the outside world; a pure module takes what it needs as arguments. */
const IMPURE_GLOBALS = new Set(['process', 'console', 'fetch', 'require']);

/** Only the scanner's connector and the gateway's protocol edge speak the SDK (STYLE.md). */
const SDK_PREFIX = '@modelcontextprotocol/';
const SDK_ALLOWED = ['src/scanner/connect/', 'src/gateway/'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Import {
  /** The importing file, relative to the repository root with `/` separators. */
  file: string;
  /** The specifier as written. */
  specifier: string;
  /** For a relative import: the imported source file (`.ts`), relative to the repository root. */
  target?: string;
}

const toRepoPath = (path: string): string => relative(root, path).split(sep).join('/');

/** `src/cli/commands/scan.ts` → `cli`; `src/index.ts` → `index`. */
function moduleOf(repoPath: string): string {
  const inSrc = posix.relative('src', repoPath);
  const first = inSrc.split('/')[0] ?? '';
  return inSrc.includes('/') ? first : first.replace(/\.ts$/, '');
}

const files = sourceFiles(src).map(toRepoPath).sort();

const imports: Import[] = files.flatMap((file) => {
  const text = readFileSync(join(root, file), 'utf8');
  // Static imports, `export … from`, `import type` and dynamic `import()` alike.
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => ({
    file,
    specifier,
    ...(specifier.startsWith('.')
      ? {
          target: posix
            .normalize(posix.join(posix.dirname(file), specifier))
            .replace(/\.js$/, '.ts'),
        }
      : {}),
  }));
});

const floorOf = new Map(FLOORS.flatMap((modules, floor) => modules.map((m) => [m, floor])));

const show = (violations: readonly string[]): string => violations.join('\n');
const describeImport = ({ file, specifier }: Import): string => `${file} → ${specifier}`;

describe('architecture', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.filter((i) => i.target !== undefined).length).toBeGreaterThan(500);
  });

  it('places every folder of src on a floor', () => {
    const unplaced = [...new Set(files.map(moduleOf))].filter((m) => !floorOf.has(m));
    expect(unplaced.map((m) => `src/${m}: add it to FLOORS in test/architecture.test.ts`)).toEqual(
      [],
    );
  });

  it('imports point down only, and no folder imports another of its own floor', () => {
    const violations = imports.flatMap((i) => {
      if (i.target === undefined) return [];
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      if (from === to) return [];
      const fromFloor = floorOf.get(from);
      const toFloor = floorOf.get(to);
      if (fromFloor === undefined || toFloor === undefined) {
        return [`${describeImport(i)}  (src/${to} is on no floor)`];
      }
      if (toFloor < fromFloor) return [];
      const why = toFloor === fromFloor ? 'same floor' : 'imports upward';
      return [`${describeImport(i)}  (${from} → ${to}: ${why})`];
    });
    expect(violations, show(violations)).toEqual([]);
  });

  it('keeps core and analyze pure: no I/O modules, no packages beyond parsing and hashing', () => {
    const violations = imports.flatMap((i) => {
      if (!PURE.has(moduleOf(i.file)) || i.target !== undefined) return [];
      if (isBuiltin(i.specifier)) {
        const name = i.specifier.startsWith('node:') ? i.specifier : `node:${i.specifier}`;
        return PURE_BUILTINS.has(name) ? [] : [`${describeImport(i)}  (I/O built-in)`];
      }
      const parts = i.specifier.split('/');
      const pkg = i.specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      return PURE_PACKAGES.has(pkg) ? [] : [`${describeImport(i)}  (package not in PURE_PACKAGES)`];
    });
    expect(violations, show(violations)).toEqual([]);
  });

  it('keeps core and analyze pure: no process, console, fetch or clock', () => {
    const violations = files
      .filter((file) => PURE.has(moduleOf(file)))
      .flatMap((file) => {
        const text = readFileSync(join(root, file), 'utf8');
        const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
        const found: string[] = [];
        const visit = (node: ts.Node): void => {
          const at = (): string => {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            return `${file}:${String(line + 1)}`;
          };
          // A global used as a value: `process.env`, `console.log(…)`, `fetch(…)`.
          if (
            ts.isIdentifier(node) &&
            IMPURE_GLOBALS.has(node.text) &&
            ((ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) ||
              (ts.isCallExpression(node.parent) && node.parent.expression === node))
          ) {
            found.push(`${at()} uses ${node.text}`);
          }
          // The clock: `Date.now()`, `performance.now()`, `new Date()` (a date parsed from a value is pure).
          if (
            (ts.isPropertyAccessExpression(node) &&
              node.name.text === 'now' &&
              ts.isIdentifier(node.expression) &&
              ['Date', 'performance'].includes(node.expression.text)) ||
            (ts.isNewExpression(node) &&
              ts.isIdentifier(node.expression) &&
              node.expression.text === 'Date' &&
              (node.arguments?.length ?? 0) === 0)
          ) {
            found.push(`${at()} reads the clock (take the time as an argument)`);
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
        return found;
      });
    expect(violations, show(violations)).toEqual([]);
  });

  it('lets the commands share the runtime type without importing the CLI entry back', () => {
    const violations = imports
      .filter((i) => i.file.startsWith('src/cli/commands/'))
      .filter((i) => i.target === 'src/cli/index.ts' || i.target === 'src/cli/bin.ts')
      .map(describeImport);
    expect(violations, show(violations)).toEqual([]);
  });

  it('speaks the MCP SDK only in the scanner connector and the gateway', () => {
    const violations = imports
      .filter((i) => i.specifier.startsWith(SDK_PREFIX))
      .filter((i) => !SDK_ALLOWED.some((prefix) => i.file.startsWith(prefix)))
      .map(describeImport);
    expect(violations, show(violations)).toEqual([]);
  });
});
