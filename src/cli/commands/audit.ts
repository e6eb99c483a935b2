import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { ToolkitError } from '../../core/errors.js';
import {
  auditCsvHeader,
  auditCsvRow,
  defaultAuditPath,
  followAuditLog,
  formatAuditLine,
  hmacKeyFromEnv,
  lastAuditRecords,
  matchesFilter,
  readAuditRecords,
  verifyAuditLog,
  type AuditFilter,
  type VerifyResult,
} from '../../gateway/audit/index.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_FINDINGS, type CliIo } from '../io.js';

const EXPORT_FORMATS = ['jsonl', 'csv', 'json'] as const;

interface VerifyFlags {
  keyEnv?: string;
  strict?: boolean;
  format: 'text' | 'json';
}

interface TailFlags {
  lines: string;
  follow?: boolean;
  server?: string;
}

interface ExportFlags {
  format: (typeof EXPORT_FORMATS)[number];
  since?: string;
  server?: string;
}

function auditFile(io: CliIo, file: string | undefined): string {
  return file === undefined
    ? defaultAuditPath(io.env, io.platform, io.homedir)
    : resolve(io.cwd, file);
}

function positiveInt(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new ToolkitError('USAGE', `${flag} "${value}" is not a positive whole number.`);
  }
  return number;
}

function parseSince(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new ToolkitError(
      'USAGE',
      `--since "${value}" is not a date; use ISO 8601 (2026-01-31 or 2026-01-31T12:00:00Z).`,
    );
  }
  return time;
}

function renderVerify(result: VerifyResult, file: string): string {
  const lines: string[] = [];
  const where = (path: string, line?: number, seq?: number): string =>
    `${path}${line === undefined ? '' : ` line ${String(line)}`}${seq === undefined ? '' : ` (seq ${String(seq)})`}`;
  const span = result.lastSeq === undefined ? '' : `, seq 1–${String(result.lastSeq)}`;
  const summary = `${String(result.records)} record(s) in ${String(result.files.length)} file(s)${span}${result.hmacChecked ? ', HMAC checked' : ''}`;
  if (result.firstBad) {
    const bad = result.firstBad;
    lines.push(`${file}: TAMPERED (${bad.reason})`);
    lines.push(`  first bad record: ${where(bad.file, bad.line, bad.seq)}`);
    lines.push(`  why: ${bad.message}`);
    lines.push(`  before it: ${summary}`);
  } else {
    lines.push(`${file}: valid: ${summary}${result.closed ? ', closed cleanly' : ''}`);
  }
  for (const warning of result.warnings) {
    const at =
      warning.file === undefined ? '' : `${where(warning.file, warning.line, warning.seq)}: `;
    lines.push(`  warning: ${at}${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerAudit(program: Command, runtime: CommandRuntime): void {
  const audit = program
    .command('audit')
    .description(
      "Read the gateway's tamper-evident audit log: prove its hash chain, show its last records, " +
        'export it. FILE defaults to the log the gateway writes (mcp-warden/audit.jsonl in your ' +
        'state directory); rotated files next to it are included.',
    );

  audit
    .command('verify')
    .description(
      'Prove the hash chain across rotated files; exit 1 and name the first bad record when a ' +
        'record was edited, deleted, reordered or cut off, or an HMAC does not match.',
    )
    .argument('[file]', 'the audit log (a file, or a directory holding audit.jsonl)')
    .option('--key-env <var>', 'environment variable holding the HMAC key: check every HMAC')
    .option('--strict', 'also exit 1 on warnings (not closed cleanly, recovered, no sidecar)')
    .addOption(
      new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'),
    )
    .action(async (file: string | undefined, flags: VerifyFlags) => {
      const { io } = runtime;
      const path = auditFile(io, file);
      const hmacKey = flags.keyEnv === undefined ? undefined : hmacKeyFromEnv(io.env, flags.keyEnv);
      const result = await verifyAuditLog(path, hmacKey === undefined ? {} : { hmacKey });
      io.stdout(
        flags.format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : renderVerify(result, path),
      );
      if (!result.valid || (flags.strict === true && result.warnings.length > 0)) {
        runtime.setExitCode(EXIT_FINDINGS);
      }
    });

  audit
    .command('tail')
    .description('Show the last records as lines: time, server, method or tool, decision.')
    .argument('[file]', 'the audit log (a file, or a directory holding audit.jsonl)')
    .option('-n, --lines <n>', 'how many records', '20')
    .option('--follow', 'keep printing records as they are appended (Ctrl-C stops)')
    .option('--server <name>', 'only records about this server')
    .action(async (file: string | undefined, flags: TailFlags) => {
      const { io } = runtime;
      const count = positiveInt(flags.lines, '--lines');
      const filter: AuditFilter = flags.server === undefined ? {} : { server: flags.server };
      const path = auditFile(io, file);
      const { records, active, activeSize } = lastAuditRecords(
        path,
        flags.server === undefined ? count : Number.MAX_SAFE_INTEGER,
      );
      const shown = records.filter(({ record }) => matchesFilter(record, filter)).slice(-count);
      for (const { record } of shown) io.stdout(`${formatAuditLine(record)}\n`);
      if (flags.follow !== true) return;
      const controller = new AbortController();
      const stop = (): void => {
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        for await (const record of followAuditLog(active, {
          from: activeSize,
          signal: controller.signal,
        })) {
          if (matchesFilter(record, filter)) io.stdout(`${formatAuditLine(record)}\n`);
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });

  audit
    .command('export')
    .description(
      'Write the records for other tools: JSON Lines, CSV (one row per record, nested values as ' +
        'JSON) or a JSON array. Export does not verify: run `audit verify` for that.',
    )
    .argument('[file]', 'the audit log (a file, or a directory holding audit.jsonl)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(EXPORT_FORMATS).default('jsonl'),
    )
    .option('--since <iso>', 'only records at or after this time (ISO 8601)')
    .option('--server <name>', 'only records about this server')
    .action(async (file: string | undefined, flags: ExportFlags) => {
      const { io } = runtime;
      const filter: AuditFilter = {};
      const since = parseSince(flags.since);
      if (since !== undefined) filter.since = since;
      if (flags.server !== undefined) filter.server = flags.server;
      const skipped = { count: 0 };
      let first = true;
      if (flags.format === 'csv') io.stdout(auditCsvHeader());
      if (flags.format === 'json') io.stdout('[');
      for await (const { record } of readAuditRecords(auditFile(io, file), skipped)) {
        if (!matchesFilter(record, filter)) continue;
        if (flags.format === 'csv') io.stdout(auditCsvRow(record));
        else if (flags.format === 'jsonl') io.stdout(`${JSON.stringify(record)}\n`);
        else io.stdout(`${first ? '\n' : ',\n'}  ${JSON.stringify(record)}`);
        first = false;
      }
      if (flags.format === 'json') io.stdout(first ? ']\n' : '\n]\n');
      if (skipped.count > 0) {
        io.stderr(
          `mcp-warden: ${String(skipped.count)} line(s) were not audit records and were left out; ` +
            'run `mcp-warden audit verify` to see why.\n',
        );
      }
    });
}
