import { z } from 'zod';

/**
 * The gateway policy (`mcp-warden.policy.yaml`): which servers, which tools, which limits, which
 * actions. Every object is strict, so a misspelt key is an error that names its path; every
 * default lives here. `schemas/policy.schema.json` is generated from this module
 * (`npm run schema`), and a test fails when the two drift apart.
 *
 * Checks zod cannot express (regular expressions that compile, glob syntax, `${env:NAME}`
 * references, command versus url) live in `checks.ts`; `parsePolicy` runs both.
 */

/** What happens to a tool call. `confirm` asks the user (until elicitation lands: refused, saying how to allow it). */
export const ToolAction = z.enum(['allow', 'deny', 'confirm']).meta({
  id: 'ToolAction',
  title: 'Tool action',
  description:
    'What happens to a call: `allow` forwards it, `deny` refuses it, `confirm` asks the user first ' +
    '(a client that cannot ask gets a refusal that says how to allow the tool).',
});

/** A server or variable name the gateway reads from its own environment. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Server names: what tool names are namespaced with, so no spaces or punctuation. */
export const SERVER_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

const positiveInt = z.number().int().positive();

export const RateLimit = z
  .object({
    perMinute: positiveInt.optional().describe('Calls allowed per rolling minute.'),
    perHour: positiveInt.optional().describe('Calls allowed per rolling hour.'),
  })
  .strict()
  .meta({ id: 'RateLimit', title: 'Rate limit' });

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
  .strict()
  .meta({
    id: 'Limits',
    title: 'Limits',
    description:
      'Rate, concurrency, time and size limits. A field left out falls back to the enclosing level ' +
      '(tool → server → defaults).',
  });

/** The limits every call gets unless a server or tool sets its own. */
export const DEFAULT_LIMITS = {
  rate: { perMinute: 120 },
  concurrency: 8,
  timeoutMs: 120_000,
  maxResponseBytes: 4 * 1024 * 1024,
} as const satisfies z.output<typeof Limits>;

/** Constraints on one argument, beyond the tool's own input schema. */
export const ArgumentConstraint = z
  .object({
    allowPaths: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Glob patterns (`/home/me/project/**`) a path argument must match, after resolving `..`. ' +
          'Absolute, `~/…` or starting with `**`.',
      ),
    denyPaths: z
      .array(z.string().min(1))
      .optional()
      .describe('Glob patterns a path argument must not match (`**/.env`, `~/.ssh/**`).'),
    allowHosts: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Hosts (`api.github.com`, `*.example.com`, `localhost:8080`) a URL argument may point at.',
      ),
    pattern: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A JavaScript regular expression (Unicode mode) the whole value must match: it is anchored ' +
          'at both ends.',
      ),
    maxLength: positiveInt.optional().describe('Longest string allowed.'),
  })
  .strict()
  .meta({ id: 'ArgumentConstraint', title: 'Argument constraint' });

export const ToolPolicy = z
  .object({
    action: ToolAction.optional().describe("Overrides the server's and the default action."),
    arguments: z
      .record(z.string().min(1), ArgumentConstraint)
      .optional()
      .describe('Per argument name (top-level properties of the tool input).'),
    limits: Limits.optional().describe(
      "Limits of this tool's calls; fields left out: the server's.",
    ),
  })
  .strict()
  .meta({ id: 'ToolPolicy', title: 'Tool policy' });

export const DetectorAction = z.enum(['block', 'redact', 'warn', 'off']);
export const InjectionAction = z.enum(['block', 'mark', 'warn', 'off']);
export const DefinitionAction = z.enum(['withhold', 'warn', 'off']);
export const PinMode = z.enum(['enforce', 'warn', 'off']).meta({
  id: 'PinMode',
  title: 'Pin mode',
  description:
    'Definitions that differ from the lockfile: `enforce` withholds a changed or added tool ' +
    '(and refuses its calls), `warn` lets it through with an alert, `off` does not compare.',
});

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
      .describe(
        'ANSI escapes and invisible Unicode in tool output, and in definitions that are not withheld.',
      ),
    poisonedDefinitions: DefinitionAction.default('withhold').describe(
      'Tools, prompts and resources the analyzers judge poisoned (hidden instructions, invisible ' +
        'text, terminal escapes): withhold them from the client.',
    ),
  })
  .strict()
  .meta({ id: 'Screening', title: 'Screening', description: 'What is done to what servers say.' });

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
  .strict()
  .meta({
    id: 'Taint',
    title: 'Taint tracking',
    description: 'Once untrusted content entered the session, sensitive tools need more.',
  });

export const ServerPolicy = z
  .object({
    command: z
      .string()
      .min(1)
      .optional()
      .describe(
        'stdio servers (gateway mode): the program. `wrap` takes it from the client config.',
      ),
    args: z
      .array(z.string())
      .default([])
      .describe('Arguments of `command`; `${env:NAME}` is replaced from the gateway environment.'),
    env: z
      .record(z.string().regex(ENV_NAME_PATTERN, 'an environment variable name'), z.string())
      .default({})
      .describe(
        'Environment of the server process. Keep secrets out of this file: write `${env:NAME}` and ' +
          'the gateway fills it in from its own environment.',
      ),
    cwd: z
      .string()
      .min(1)
      .optional()
      .describe('Working directory of the server; relative to the policy file.'),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        'Remote servers (gateway mode): Streamable HTTP endpoint; `${env:NAME}` is replaced from the gateway environment.',
      ),
    headers: z
      .record(z.string().min(1), z.string())
      .default({})
      .describe('HTTP headers for `url`; `${env:NAME}` is replaced from the gateway environment.'),
    trust: z
      .enum(['trusted', 'untrusted'])
      .default('trusted')
      .describe(
        '`untrusted`: everything this server returns is treated as possible prompt injection ' +
          '(web pages, search results, mail), so sensitive tools of other servers get `taint.onInjection`.',
      ),
    action: ToolAction.optional().describe("Default for this server's tools."),
    tools: z
      .record(z.string().min(1), ToolPolicy)
      .default({})
      .describe('Per tool; `*` for every tool of the server.'),
    limits: Limits.optional().describe("Limits of this server's calls; fields left out: defaults."),
    pins: PinMode.optional().describe('Overrides `defaults.pins` for this server.'),
  })
  .strict()
  .meta({ id: 'ServerPolicy', title: 'Server policy' });

export const AuditPolicy = z
  .object({
    enabled: z.boolean().default(true).describe('Record every decision and call.'),
    file: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Default: mcp-warden/audit.jsonl under the user state directory. Relative to the policy file.',
      ),
    fsync: z
      .enum(['always', 'interval', 'never'])
      .default('interval')
      .describe(
        'When records are forced to disk: after each one, every `fsyncIntervalMs`, or never.',
      ),
    fsyncIntervalMs: positiveInt.default(1000).describe('For `fsync: interval`.'),
    hmacKeyEnv: z
      .string()
      .regex(ENV_NAME_PATTERN, 'an environment variable name')
      .optional()
      .describe('Environment variable holding a key: each record then carries an HMAC.'),
    rotateBytes: positiveInt
      .optional()
      .describe('Start a new file (chain kept) when the current one is this large.'),
    alerts: z
      .object({
        command: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe('Program and arguments started per alert, the alert JSON on stdin (no shell).'),
        webhook: z
          .url({ protocol: /^https?$/ })
          .optional()
          .describe('URL that receives each alert as a JSON POST.'),
      })
      .strict()
      .optional()
      .describe(
        'Where alert records (a poisoned or changed definition withheld, injected output, a secret redacted, a call refused after taint) are sent besides the audit log.',
      ),
  })
  .strict()
  .meta({
    id: 'AuditPolicy',
    title: 'Audit log',
    description: 'The append-only, hash-chained audit log (JSON Lines).',
  });

export const PolicyDefaults = z
  .object({
    action: ToolAction.default('allow').describe('For tools no server or tool entry decides.'),
    validateArguments: z
      .boolean()
      .default(true)
      .describe("Check every call's arguments against the tool's input schema."),
    pins: PinMode.default('enforce').describe(
      'Compare definitions with the lockfile, when there is one.',
    ),
    lockfile: z
      .string()
      .min(1)
      .optional()
      .describe('Default: ./mcp-warden.lock.json when present. Relative to the policy file.'),
    limits: Limits.prefault({})
      .transform((limits): z.output<typeof Limits> => ({ ...DEFAULT_LIMITS, ...limits }))
      .describe(
        'Limits of every call unless a server or tool sets its own; a field left out keeps its ' +
          'default (120 calls a minute, 8 at once, 120 s, 4 MiB).',
      ),
    screening: Screening.prefault({}),
    taint: Taint.prefault({}),
  })
  .strict()
  .meta({
    id: 'PolicyDefaults',
    title: 'Defaults',
    description: 'What applies to every server and tool unless they say otherwise.',
  });

export const Policy = z
  .object({
    version: z.literal(1).describe('The policy format version: always 1.'),
    defaults: PolicyDefaults.prefault({}),
    limits: z
      .object({
        global: Limits.optional().describe('Limits over all servers together.'),
      })
      .strict()
      .default({}),
    audit: AuditPolicy.prefault({}),
    servers: z
      .record(z.string().regex(SERVER_NAME_PATTERN, 'letters, digits, _ . - only'), ServerPolicy)
      .default({})
      .describe('Per server, by the name it has in the client configuration.'),
  })
  .strict()
  .meta({
    title: 'mcp-warden policy',
    description:
      'What the mcp-warden gateway enforces between an MCP client and its servers. Reference: docs/policy.md.',
  });

export type Policy = z.output<typeof Policy>;
export type ServerPolicy = z.output<typeof ServerPolicy>;
export type ToolPolicy = z.output<typeof ToolPolicy>;
export type Limits = z.output<typeof Limits>;
export type ArgumentConstraint = z.output<typeof ArgumentConstraint>;
/** What a policy file may contain (before defaults): for code that writes policies. */
export type PolicyInput = z.input<typeof Policy>;

/**
 * The secure default: what the gateway enforces when no policy file is given. Arguments
 * validated; secrets, private keys and mnemonics redacted; poisoned definitions withheld and
 * hidden text stripped; injected output delivered marked as untrusted; pins enforced when a
 * lockfile is present; 120 calls a minute, 8 at once, 120 s and 4 MiB per call; the audit log on.
 */
export const DEFAULT_POLICY: Policy = Policy.parse({ version: 1 });
