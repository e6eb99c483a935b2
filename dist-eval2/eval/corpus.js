import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
/** Records whose maliciousness lives in code, not in any text a scanner sees. */
export const CODE_LEVEL_FILE = 'cisco-behavioral-codelevel.jsonl';
/** Share of records (by hash of id) in the tune split. */
export const TUNE_SHARE = 0.7;
/** Deterministic split: the first 32 bits of sha256(id), scaled to [0, 1). */
export function splitOf(id) {
    const digest = createHash('sha256').update(id).digest();
    return digest.readUInt32BE(0) / 2 ** 32 < TUNE_SHARE ? 'tune' : 'holdout';
}
/** The repository root: the nearest folder up from this module with our package.json. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))) {
    let dir = from;
    for (;;) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest)) {
            const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
            if (name === 'mcp-warden')
                return dir;
        }
        const parent = dirname(dir);
        if (parent === dir)
            return from;
        dir = parent;
    }
}
/**
 * `--corpus`, else `$MCP_WARDEN_CORPUS`, else the nearest `shared/corpus` in a folder above the
 * repository (`../shared/corpus` beside it; a git worktree may sit one level deeper).
 */
export function corpusDir(flag) {
    if (flag)
        return resolve(flag);
    const env = process.env.MCP_WARDEN_CORPUS;
    if (env)
        return resolve(env);
    const beside = resolve(repoRoot(), '..', 'shared', 'corpus');
    for (let dir = resolve(repoRoot(), '..');; dir = dirname(dir)) {
        const candidate = join(dir, 'shared', 'corpus');
        if (existsSync(candidate))
            return candidate;
        if (dirname(dir) === dir)
            return beside;
    }
}
/** Every record of every `*.jsonl` file in `dir`, in file then line order. */
export function readCorpus(dir) {
    const records = [];
    for (const file of readdirSync(dir)
        .filter((name) => name.endsWith('.jsonl'))
        .sort()) {
        const lines = readFileSync(join(dir, file), 'utf8').split('\n');
        lines.forEach((line, index) => {
            if (line.trim() === '')
                return;
            try {
                records.push({ ...JSON.parse(line), file });
            }
            catch (error) {
                throw new Error(`${file}:${String(index + 1)}: not JSON`, { cause: error });
            }
        });
    }
    return records;
}
/**
 * The attack class a record is counted under: the `attack` family (text before the first
 * `:`), with indirect injections split by carrier and the YARA-coverage names folded into
 * their families.
 */
export function attackClass(record) {
    if (record.label === 'benign' || !record.attack)
        return 'benign';
    const parts = record.attack.split(':');
    const family = parts[0] ?? record.attack;
    if (family === 'indirect_injection' && parts[1])
        return `${family}:${parts[1]}`;
    if (parts.length > 1)
        return family;
    if (family.startsWith('tp_') || family.startsWith('tool_poisoning_'))
        return 'tool_poisoning';
    if (family.startsWith('data_exfil_'))
        return 'data_exfiltration';
    if (family.startsWith('prompt_injection_'))
        return 'prompt_injection';
    if (family.startsWith('system_critical_'))
        return 'sensitive_file_access';
    return family;
}
