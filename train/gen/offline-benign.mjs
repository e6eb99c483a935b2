// Extra benign training text that already exists on this machine, read AT TRAINING TIME ONLY and
// never written into the repository: package READMEs from node_modules, and the definitions of the
// real MCP servers installed there (listed over stdio with the official SDK client).
// Output is sorted so that training stays deterministic.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultNodeModules = join(repoRoot, 'node_modules');

const MIN_CHUNK = 80;

// Code-unit order, not locale order, so the sort is the same on every machine.
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const MAX_CHUNK = 1200;

/** Package directories under node_modules (scoped and nested), sorted by path. */
function packageDirs(nodeModules) {
  const out = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(full);
        continue;
      }
      out.push(full);
      visit(join(full, 'node_modules'));
    }
  };
  visit(nodeModules);
  return out;
}

/** Splits markdown into paragraph-sized chunks: blank-line paragraphs merged up to MAX_CHUNK. */
export function chunkParagraphs(text) {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const chunks = [];
  let current = '';
  for (const p of paragraphs) {
    if (current !== '' && current.length + p.length + 2 > MAX_CHUNK) {
      chunks.push(current);
      current = '';
    }
    current = current === '' ? p : `${current}\n\n${p}`;
  }
  if (current !== '') chunks.push(current);
  return chunks
    .flatMap((c) => (c.length <= MAX_CHUNK ? [c] : splitLong(c)))
    .filter((c) => c.length >= MIN_CHUNK);
}

/** Splits an over-long paragraph at line ends, and over-long lines at spaces. */
function splitLong(text) {
  const pieces = text.split('\n').flatMap((line) => {
    if (line.length <= MAX_CHUNK) return [line];
    const words = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + word.length + 1 > MAX_CHUNK) {
        words.push(current);
        current = '';
      }
      current = current === '' ? word : `${current} ${word}`;
    }
    if (current !== '') words.push(current);
    return words;
  });
  const out = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && current.length + piece.length + 1 > MAX_CHUNK) {
      out.push(current);
      current = '';
    }
    current = current === '' ? piece : `${current}\n${piece}`;
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * README.md of every package in node_modules, as benign `tool_result` records
 * (family and source `npm-readme`), sorted by package path then chunk index.
 */
export function packageDocRecords({ nodeModules = defaultNodeModules } = {}) {
  const records = [];
  for (const dir of packageDirs(nodeModules)) {
    const readme = readdirSync(dir).find((f) => f.toLowerCase() === 'readme.md');
    if (readme === undefined || !statSync(join(dir, readme)).isFile()) continue;
    const pkg = relative(nodeModules, dir).split(sep).join('/');
    chunkParagraphs(readFileSync(join(dir, readme), 'utf8')).forEach((text, i) => {
      records.push({
        id: `npm-readme-${pkg}-${String(i + 1).padStart(3, '0')}`,
        kind: 'tool_result',
        label: 'benign',
        family: 'npm-readme',
        source: 'npm-readme',
        text,
      });
    });
  }
  return records;
}

const MAX_COMMENTS_PER_PACKAGE = 25;
const DECLARATION = /\.d\.(m|c)?ts$/;
const JSDOC = /\/\*\*([\s\S]*?)\*\//g;

/** Declaration files of one package (not of its nested dependencies), sorted by path. */
function declarationFiles(dir) {
  const out = [];
  const visit = (d, depth) => {
    if (depth > 4) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if (entry.isFile() && DECLARATION.test(entry.name)) out.push(full);
    }
  };
  visit(dir, 0);
  return out;
}

/**
 * JSDoc comments from the type declarations of every package in node_modules (real developer
 * prose full of "must", "never", "ignore"), as benign `tool_result` records with family and
 * source `npm-jsdoc`; at most 25 distinct comments per package, in path order.
 */
export function packageCommentRecords({ nodeModules = defaultNodeModules } = {}) {
  const records = [];
  for (const dir of packageDirs(nodeModules)) {
    const pkg = relative(nodeModules, dir).split(sep).join('/');
    const seen = new Set();
    for (const file of declarationFiles(dir)) {
      if (seen.size >= MAX_COMMENTS_PER_PACKAGE) break;
      for (const match of readFileSync(file, 'utf8').matchAll(JSDOC)) {
        const text = (match[1] ?? '')
          .split('\n')
          .map((line) => line.replace(/^\s*\*\s?/, '').trimEnd())
          .join('\n')
          .trim();
        if (text.length < MIN_CHUNK || text.length > MAX_CHUNK || seen.has(text)) continue;
        seen.add(text);
        records.push({
          id: `npm-jsdoc-${pkg}-${String(seen.size).padStart(3, '0')}`,
          kind: 'tool_result',
          label: 'benign',
          family: 'npm-jsdoc',
          source: 'npm-jsdoc',
          text,
        });
        if (seen.size >= MAX_COMMENTS_PER_PACKAGE) break;
      }
    }
  }
  return records;
}

/** Real MCP servers installed as dev dependencies; `args` as their READMEs document. */
export const REAL_SERVERS = [
  { pkg: '@modelcontextprotocol/server-everything', args: ['stdio'] },
  { pkg: '@modelcontextprotocol/server-filesystem', args: (scratch) => [scratch] },
  {
    pkg: '@modelcontextprotocol/server-memory',
    args: [],
    env: (scratch) => ({ MEMORY_FILE_PATH: join(scratch, 'memory.jsonl') }),
  },
];

async function listAll(list, key) {
  const items = [];
  let cursor;
  do {
    const page = await list(cursor === undefined ? undefined : { cursor });
    items.push(...page[key]);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}

function serverBin(nodeModules, pkg) {
  const manifest = JSON.parse(readFileSync(join(nodeModules, pkg, 'package.json'), 'utf8'));
  const bin =
    typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (typeof bin !== 'string')
    throw new Error(
      `realServerRecords: ${pkg} has no "bin" in package.json; add it to REAL_SERVERS with an explicit entry point`,
    );
  return join(nodeModules, pkg, bin);
}

async function serverRecords(nodeModules, server) {
  const scratch = mkdtempSync(join(tmpdir(), 'mcp-warden-train-'));
  const source = server.pkg.replace(/^@[^/]+\//, '');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      serverBin(nodeModules, server.pkg),
      ...(typeof server.args === 'function' ? server.args(scratch) : server.args),
    ],
    env: { PATH: process.env.PATH ?? '', ...(server.env?.(scratch) ?? {}) },
    cwd: scratch,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const client = new Client({ name: 'mcp-warden-train', version: '0.0.0' }, { capabilities: {} });
  try {
    await client.connect(transport);
    const caps = client.getServerCapabilities() ?? {};
    const base = { label: 'benign', family: 'real-mcp-server', source };
    const records = [];
    const instructions = client.getInstructions();
    if (instructions)
      records.push({
        id: `real-${source}-instructions`,
        kind: 'server_instructions',
        ...base,
        text: instructions,
      });
    if (caps.tools) {
      for (const t of await listAll((p) => client.listTools(p), 'tools')) {
        records.push({
          id: `real-${source}-tool-${t.name}`,
          kind: 'tool',
          ...base,
          name: t.name,
          description: t.description ?? '',
          inputSchema: t.inputSchema,
        });
      }
    }
    if (caps.prompts) {
      for (const p of await listAll((q) => client.listPrompts(q), 'prompts')) {
        records.push({
          id: `real-${source}-prompt-${p.name}`,
          kind: 'prompt',
          ...base,
          name: p.name,
          description: p.description ?? '',
        });
      }
    }
    if (caps.resources) {
      for (const r of await listAll((q) => client.listResources(q), 'resources')) {
        records.push({
          id: `real-${source}-resource-${r.uri}`,
          kind: 'resource',
          ...base,
          name: r.name,
          description: r.description ?? '',
        });
      }
      for (const r of await listAll((q) => client.listResourceTemplates(q), 'resourceTemplates')) {
        records.push({
          id: `real-${source}-template-${r.uriTemplate}`,
          kind: 'resource',
          ...base,
          name: r.name,
          description: r.description ?? '',
        });
      }
    }
    return records;
  } catch (error) {
    throw new Error(
      `realServerRecords: listing ${server.pkg} failed: ${String(error)}\n--- server stderr ---\n${stderr}`,
      { cause: error },
    );
  } finally {
    await client.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Tool, prompt, resource and instruction definitions of the real MCP servers in node_modules,
 * as benign records (family `real-mcp-server`, source = package name), sorted by id.
 */
export async function realServerRecords({
  nodeModules = defaultNodeModules,
  servers = REAL_SERVERS,
} = {}) {
  const records = [];
  for (const server of servers) records.push(...(await serverRecords(nodeModules, server)));
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
