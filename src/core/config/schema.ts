import { z } from 'zod';

/**
 * The gateway policy (`mcp-warden.policy.yaml`): which servers, which tools, which limits, which
 * actions. Every object is strict, so a misspelt key is an error that names its path; every
 * default lives here. `schemas/policy.schema.json` is generated from this module.
 */

/** What happens to a tool call. `confirm` asks the user (until elicitation lands: refused, saying how to allow it). */
export const ToolAction = z.enum(['allow', 'deny', 'confirm']);

const positiveInt = z.number().int().positive();

export const RateLimit = z
  .object({
    perMinute: positiveInt.optional().describe('Calls allowed per rolling minute.'),
    perHour: positiveInt.optional().describe('Calls allowed per rolling hour.'),
  })
  .strict();

export const Limits = z
  .object({
    rate: RateLimit.optional(),
    concurrency: positiveInt.optional().describe('Calls in flight at once.'),
    timeoutMs: positiveInt
      .optional()
      .describe('A call without an answer by then is cancelled and refused.'),
    maxResponseBytes: positiveInt
      .optional()
      .describe('A response larger than this is cut off: the client gets an error instead.'),
  })
  .strict();

/** Constraints on one argument, beyond the tool's own input schema. */
export const ArgumentConstraint = z
  .object({
    allowPaths: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Glob patterns (`/home/me/project/**`) a path argument must match, after resolving `..`.',
      ),
    denyPaths: z
      .array(z.string().min(1))
      .optional()
      .describe('Glob patterns a path argument must not match.'),
    allowHosts: z
      .array(z.string().min(1))
      .optional()
      .describe('Hosts (`api.github.com`, `*.example.com`) a URL argument may point at.'),
    pattern: z
      .string()
      .min(1)
      .optional()
      .describe('A regular expression the whole value must match.'),
    maxLength: positiveInt.optional().describe('Longest string allowed.'),
  })
  .strict();

export const ToolPolicy = z
  .object({
    action: ToolAction.optional(),
    arguments: z.record(z.string(), ArgumentConstraint).optional(),
    limits: Limits.optional(),
  })
  .strict();

export const DetectorAction = z.enum(['block', 'redact', 'warn', 'off']);
export const InjectionAction = z.enum(['block', 'mark', 'warn', 'off']);
export const DefinitionAction = z.enum(['withhold', 'warn', 'off']);
export const PinMode = z.enum(['enforce', 'warn', 'off']);

export const Screening = z
  .object({
    secrets: DetectorAction.default('redact').describe(
      'Secrets, private keys and mnemonics in tool output.',
    ),
    pii: DetectorAction.default('warn').describe(
      'E-mail addresses, phone and card numbers in tool output.',
    ),
    injection: InjectionAction.default('mark').describe(
      'Prompt injection in tool output: block it, or deliver it marked as untrusted data.',
    ),
    hiddenText: z
      .enum(['strip', 'warn', 'off'])
      .default('strip')
      .describe('ANSI escapes and invisible Unicode, in definitions and output.'),
    poisonedDefinitions: DefinitionAction.default('withhold').describe(
      'Tools the analyzers judge poisoned.',
    ),
  })
  .strict();

export const Taint = z
  .object({
    onInjection: z
      .enum(['deny', 'confirm', 'off'])
      .default('deny')
      .describe(
        'After a result with injection signals (or from an untrusted server), what calls to sensitive tools of other servers get.',
      ),
    sensitive: z
      .array(z.enum(['write', 'destructive', 'execute', 'network', 'financial', 'credentials']))
      .default(['destructive', 'execute', 'financial', 'credentials', 'network'])
      .describe('Capabilities that make a tool sensitive.'),
  })
  .strict();

export const ServerPolicy = z
  .object({
    command: z.string().min(1).optional().describe('stdio servers (gateway mode): the program.'),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().optional(),
    url: z.url().optional().describe('Remote servers (gateway mode): Streamable HTTP endpoint.'),
    headers: z.record(z.string(), z.string()).default({}),
    trust: z.enum(['trusted', 'untrusted']).default('trusted'),
    action: ToolAction.optional().describe("Default for this server's tools."),
    tools: z
      .record(z.string(), ToolPolicy)
      .default({})
      .describe('Per tool; `*` for every tool of the server.'),
    limits: Limits.optional(),
    pins: PinMode.optional(),
  })
  .strict();

export const AuditPolicy = z
  .object({
    enabled: z.boolean().default(true),
    file: z
      .string()
      .min(1)
      .optional()
      .describe('Default: mcp-warden/audit.jsonl under the user state directory.'),
    fsync: z.enum(['always', 'interval', 'never']).default('interval'),
    fsyncIntervalMs: positiveInt.default(1000),
    hmacKeyEnv: z
      .string()
      .min(1)
      .optional()
      .describe('Environment variable holding a key: each record then carries an HMAC.'),
    rotateBytes: positiveInt
      .optional()
      .describe('Start a new file (chain kept) when the current one is this large.'),
  })
  .strict();

export const Policy = z
  .object({
    version: z.literal(1),
    defaults: z
      .object({
        action: ToolAction.default('allow'),
        validateArguments: z.boolean().default(true),
        pins: PinMode.default('enforce'),
        lockfile: z
          .string()
          .min(1)
          .optional()
          .describe('Default: ./mcp-warden.lock.json when present.'),
        limits: Limits.default({
          rate: { perMinute: 120 },
          concurrency: 8,
          timeoutMs: 120_000,
          maxResponseBytes: 4 * 1024 * 1024,
        }),
        screening: Screening.default(Screening.parse({})),
        taint: Taint.default(Taint.parse({})),
      })
      .strict()
      .default({
        action: 'allow',
        validateArguments: true,
        pins: 'enforce',
        limits: {
          rate: { perMinute: 120 },
          concurrency: 8,
          timeoutMs: 120_000,
          maxResponseBytes: 4 * 1024 * 1024,
        },
        screening: Screening.parse({}),
        taint: Taint.parse({}),
      }),
    limits: z.object({ global: Limits.optional() }).strict().default({}),
    audit: AuditPolicy.default(AuditPolicy.parse({})),
    servers: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'), ServerPolicy)
      .default({}),
  })
  .strict();

export type Policy = z.output<typeof Policy>;
export type ServerPolicy = z.output<typeof ServerPolicy>;
export type ToolPolicy = z.output<typeof ToolPolicy>;
export type Limits = z.output<typeof Limits>;
export type ArgumentConstraint = z.output<typeof ArgumentConstraint>;

/** The secure default: what the gateway enforces when no policy file is given. */
export const DEFAULT_POLICY: Policy = Policy.parse({ version: 1 });
