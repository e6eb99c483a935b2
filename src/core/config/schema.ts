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

/** What happens to a tool call. `confirm` asks the user in the client (or at `mcp-warden approve`). */
export const ToolAction = z.enum(['allow', 'deny', 'confirm']).meta({
  id: 'ToolAction',
  title: 'Tool action',
  description:
    'What happens to a call: `allow` forwards it, `deny` refuses it, `confirm` asks the user first ' +
    'in the client (elicitation), else at the terminal (`mcp-warden approve`); no answer: refused.',
});

/** A server or variable name the gateway reads from its own environment. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Server names: what tool names are namespaced with, so no spaces or punctuation. */
export const SERVER_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

const positiveInt = z.number().int().positive();

/**
 * `defaults.screening.budgetMs`. Screening measured at about 0.3 s per MiB of text and several
 * seconds per MiB of structured results with many short strings (bench:analyze, bench:screening on
 * a loaded 2-core machine): a second lets ordinary answers through whole and still stops a
 * hostile or huge one from holding the gateway for long. Lower it as screening gets faster.
 */
export const DEFAULT_SCREENING_BUDGET_MS = 1000;

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

/** Classes of tools for flow control (`src/analyze/tool-classes.ts`). */
export const FlowClass = z
  .enum(['untrusted-input', 'private-data', 'outbound', 'destructive', 'financial'])
  .meta({
    id: 'FlowClass',
    title: 'Tool class',
    description:
      '`untrusted-input`: brings in content others wrote (web, mail, issues); `private-data`: ' +
      "reads the user's files, mail, databases, secrets; `outbound`: can send data out; " +
      '`destructive`: deletes or overwrites; `financial`: moves or commits funds.',
  });

/** Per server or tool: exempt from the flow rules, or held to them more strictly. */
export const FlowOverride = z.enum(['exempt', 'strict']).meta({
  id: 'FlowOverride',
  title: 'Flow override',
  description:
    '`exempt`: the flow rules never hold this tool back; `strict`: it needs confirmation as soon ' +
    'as untrusted content or private data entered the session, whatever its classes.',
});

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
    classes: z
      .array(FlowClass)
      .optional()
      .describe("This tool's classes, replacing what the analyzers infer (`[]`: none)."),
    flows: FlowOverride.optional().describe("Overrides the server's flow override."),
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
    budgetMs: positiveInt
      .default(DEFAULT_SCREENING_BUDGET_MS)
      .describe(
        'Most time screening one message may take, in milliseconds (secrets, personal data, ' +
          'injection, hidden text together). Past it the message fails closed: it is withheld, ' +
          'the client gets an error and the audit log says the screening budget was exceeded. ' +
          'Other sessions are not held up.',
      ),
  })
  .strict()
  .meta({ id: 'Screening', title: 'Screening', description: 'What is done to what servers say.' });

export const Flows = z
  .object({
    enabled: z.boolean().default(true).describe('Track what entered the session and gate tools.'),
    action: z
      .enum(['confirm', 'deny'])
      .default('confirm')
      .describe('What a gated call gets: the user is asked, or it is refused.'),
    afterTrifecta: z
      .array(FlowClass)
      .default(['outbound', 'financial'])
      .describe(
        'Once untrusted content and private data have both entered the session, tools of these ' +
          'classes (of any server) are gated.',
      ),
    afterInjection: z
      .array(FlowClass)
      .default(['outbound', 'financial', 'destructive'])
      .describe('Once a result was judged a prompt injection, tools of these classes are gated.'),
    afterUntrusted: z
      .array(FlowClass)
      .default([])
      .describe('Once untrusted content entered the session, tools of these classes are gated.'),
  })
  .strict()
  .meta({
    id: 'Flows',
    title: 'Flow control',
    description:
      'What entered the session (untrusted content, private data) decides which tools need ' +
      'confirmation, whether or not any text was judged an injection.',
  });

// ---- Every path screened (issue 8): outbound secrets, resources, sampling, elicitation --------

/** Secrets and key material the client sends to a server (arguments, sampling results). */
const outboundFields = {
  secrets: DetectorAction.describe(
    'Secrets (provider tokens, JWTs, passwords in URLs, secret assignments) the client sends to a ' +
      'server: tool, prompt and completion arguments and sampling results.',
  ),
  keyMaterial: DetectorAction.describe(
    'Private keys and seed phrases the client sends to a server. A server with `wallet: true` ' +
      'receives them (each time recorded).',
  ),
};

export const OutboundOverride = z
  .object(outboundFields)
  .partial()
  .strict()
  .meta({ id: 'OutboundOverride', title: 'Outbound screening (per server)' });

export const Outbound = z
  .object({
    secrets: outboundFields.secrets.default('redact'),
    keyMaterial: outboundFields.keyMaterial.default('block'),
  })
  .strict()
  .meta({
    id: 'Outbound',
    title: 'Outbound screening',
    description: 'What is done to secrets and keys on their way from the client to a server.',
  });

export const ResourceAccess = z
  .object({
    allowPaths: ArgumentConstraint.shape.allowPaths.describe(
      'Glob patterns a `file:` resource URI (and a path-like prompt or completion argument) must ' +
        'match, after resolving `..` and symlinks. A server entry replaces the default.',
    ),
    denyPaths: ArgumentConstraint.shape.denyPaths.describe(
      'Glob patterns a `file:` resource URI (and a path-like prompt or completion argument) must ' +
        'not match (`~/.ssh/**`). A server entry adds to the default.',
    ),
    allowHosts: ArgumentConstraint.shape.allowHosts.describe(
      'Hosts an `http(s):` resource URI (and a URL prompt or completion argument) may point at. ' +
        'A server entry replaces the default.',
    ),
    roots: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Glob patterns: `roots/list` answers show the server only the client roots inside one of ' +
          'them (roots inside `denyPaths` are always dropped). A server entry replaces the default.',
      ),
  })
  .strict()
  .meta({
    id: 'ResourceAccess',
    title: 'Resource access',
    description:
      'Path and host constraints on `resources/read`, prompt and completion arguments, and the ' +
      'roots a server is shown.',
  });

const samplingFields = {
  action: z
    .enum(['allow', 'deny'])
    .describe('Whether servers may ask the client to sample the model (`sampling/createMessage`).'),
  includeContext: z
    .enum(['none', 'thisServer', 'allServers'])
    .describe('The most conversation context a sampling request may ask for; more is refused.'),
  maxTokens: positiveInt.describe('A request asking for more tokens is capped to this.'),
  injection: z
    .enum(['block', 'warn', 'off'])
    .describe('Prompt injection in the messages or system prompt of a sampling request.'),
};

export const SamplingOverride = z
  .object(samplingFields)
  .partial()
  .strict()
  .meta({ id: 'SamplingOverride', title: 'Sampling (per server)' });

export const Sampling = z
  .object({
    action: samplingFields.action.default('allow'),
    includeContext: samplingFields.includeContext.default('none'),
    maxTokens: samplingFields.maxTokens.default(4096),
    injection: samplingFields.injection.default('block'),
  })
  .strict()
  .meta({
    id: 'Sampling',
    title: 'Sampling',
    description: 'What servers may ask of the model through the client (server→client requests).',
  });

const elicitationFields = {
  action: z
    .enum(['allow', 'deny'])
    .describe('Whether servers may ask the user questions (`elicitation/create`).'),
  sensitive: z
    .enum(['block', 'warn', 'off'])
    .describe(
      'A request that asks the user for a password, API key, private key, seed phrase or card ' +
        'number (by its field names, titles, descriptions or message).',
    ),
};

export const ElicitationOverride = z
  .object(elicitationFields)
  .partial()
  .strict()
  .meta({ id: 'ElicitationOverride', title: 'Elicitation (per server)' });

export const Elicitation = z
  .object({
    action: elicitationFields.action.default('allow'),
    sensitive: elicitationFields.sensitive.default('block'),
  })
  .strict()
  .meta({
    id: 'Elicitation',
    title: 'Elicitation',
    description: 'What servers may ask the user (server→client requests).',
  });

/** The per-server keys of the block above (spread into `ServerPolicy`). */
const PATH_SERVER_FIELDS = {
  wallet: z
    .boolean()
    .optional()
    .describe(
      'This server is the wallet: private keys and seed phrases may be sent to it (default: ' +
        'false). No other ' +
        'server ever receives them (`defaults.outbound.keyMaterial`).',
    ),
  outbound: OutboundOverride.optional().describe('Overrides `defaults.outbound` for this server.'),
  resources: ResourceAccess.optional().describe(
    'Combined with `defaults.resources` for this server (see each field).',
  ),
  sampling: SamplingOverride.optional().describe('Overrides `defaults.sampling` for this server.'),
  elicitation: ElicitationOverride.optional().describe(
    'Overrides `defaults.elicitation` for this server.',
  ),
};

/** The defaults keys of the block above (spread into `PolicyDefaults`). */
const PATH_DEFAULT_FIELDS = {
  outbound: Outbound.prefault({}),
  resources: ResourceAccess.prefault({}),
  sampling: Sampling.prefault({}),
  elicitation: Elicitation.prefault({}),
};

// ---- end of the every-path block --------------------------------------------------------------

/** A host path the sandbox binds: absolute or `~/…` (relative paths would depend on the client). */
const SandboxPath = z
  .string()
  .regex(/^(\/|~\/)/, 'an absolute path or one starting with ~/')
  .describe('An absolute path, or one starting with `~/`.');

export const SandboxLimits = z
  .object({
    memoryMb: positiveInt.optional().describe('Data and anonymous memory (RLIMIT_DATA), in MiB.'),
    cpuSeconds: positiveInt
      .optional()
      .describe('CPU time (RLIMIT_CPU); the server is killed past it.'),
    processes: positiveInt
      .optional()
      .describe(
        "Processes and threads of the server's user (RLIMIT_NPROC); not enforced when the gateway runs as root.",
      ),
    openFiles: positiveInt.optional().describe('Open files (RLIMIT_NOFILE).'),
  })
  .strict()
  .meta({ id: 'SandboxLimits', title: 'Process limits' });

/** The limits every stdio server gets unless the policy sets its own. */
export const DEFAULT_SANDBOX_LIMITS = {
  memoryMb: 4096,
  processes: 256,
  openFiles: 4096,
} as const satisfies z.output<typeof SandboxLimits>;

export const Sandbox = z
  .object({
    mode: z
      .enum(['auto', 'required', 'off'])
      .optional()
      .describe(
        '`auto`: bubblewrap when it works here, else the server runs unsandboxed and the gateway ' +
          'says so on start; `required`: refuse to start a server without the sandbox; `off`: never sandbox.',
      ),
    network: z.boolean().optional().describe('Let the server use the network.'),
    readPaths: z
      .array(SandboxPath)
      .optional()
      .describe('More host folders or files the server may read.'),
    writePaths: z
      .array(SandboxPath)
      .optional()
      .describe('Host folders the server may write (besides the folders named in its arguments).'),
    limits: SandboxLimits.optional(),
  })
  .strict()
  .meta({
    id: 'Sandbox',
    title: 'Sandbox',
    description:
      'How stdio servers are boxed in: a read-only system, a throwaway home, the folders named in ' +
      'their arguments and the paths listed here, network on or off, process limits.',
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
          '(web pages, search results, mail): every tool of the server counts as `untrusted-input`.',
      ),
    action: ToolAction.optional().describe("Default for this server's tools."),
    tools: z
      .record(z.string().min(1), ToolPolicy)
      .default({})
      .describe('Per tool; `*` for every tool of the server.'),
    limits: Limits.optional().describe("Limits of this server's calls; fields left out: defaults."),
    pins: PinMode.optional().describe('Overrides `defaults.pins` for this server.'),
    classes: z
      .array(FlowClass)
      .optional()
      .describe(
        "Classes of every tool of this server, replacing what the analyzers infer (a tool's own `classes` wins).",
      ),
    flows: FlowOverride.optional().describe('Flow rules for every tool of this server.'),
    ...PATH_SERVER_FIELDS,
    sandbox: Sandbox.optional().describe(
      'Overrides fields of `defaults.sandbox` for this server (lists are added to the defaults).',
    ),
    allowHttp: z
      .boolean()
      .optional()
      .describe(
        'Remote servers: accept plain `http://` to a host other than this machine (unencrypted). ' +
          'Off: only `https://`, or `http://` to localhost/127.0.0.0/8/[::1].',
      ),
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
        'Where alert records (a poisoned or changed definition withheld, injected output, a secret redacted, a call held back by flow control) are sent besides the audit log.',
      ),
  })
  .strict()
  .meta({
    id: 'AuditPolicy',
    title: 'Audit log',
    description: 'The append-only, hash-chained audit log (JSON Lines).',
  });

/** The tool capabilities `defaults.confirm.capabilities` may name. */
export const CONFIRMABLE_CAPABILITIES = [
  'write',
  'destructive',
  'execute',
  'network',
  'financial',
  'credentials',
] as const;

export const ConfirmPolicy = z
  .object({
    capabilities: z
      .array(z.enum(CONFIRMABLE_CAPABILITIES))
      .default(['destructive', 'execute', 'financial', 'credentials'])
      .describe(
        'Tools classified with any of these capabilities (from their name, description, schema and ' +
          'annotations) are confirmed by the user unless the policy sets their action explicitly.',
      ),
    approvalTtlMs: positiveInt
      .default(60_000)
      .describe(
        'How long a question waits for its answer, and an approval stays valid; then the call is refused.',
      ),
    allowForSession: z
      .boolean()
      .default(true)
      .describe(
        'Offer "allow for this session": later calls of the same tool are not asked again (audited).',
      ),
  })
  .strict()
  .meta({
    id: 'ConfirmPolicy',
    title: 'Confirmation',
    description:
      'Which calls the user confirms, and how approvals work: bound to the exact arguments, used once, expiring.',
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
    flows: Flows.prefault({}),
    ...PATH_DEFAULT_FIELDS,
    sandbox: Sandbox.prefault({})
      .transform((sandbox) => ({
        mode: sandbox.mode ?? 'auto',
        network: sandbox.network ?? true,
        readPaths: sandbox.readPaths ?? [],
        writePaths: sandbox.writePaths ?? [],
        limits: { ...DEFAULT_SANDBOX_LIMITS, ...sandbox.limits },
      }))
      .describe(
        'How every stdio server is sandboxed unless it says otherwise (default: bubblewrap when ' +
          'available, network on, 4 GiB of memory, 256 processes, 4096 open files).',
      ),
    confirm: ConfirmPolicy.prefault({}),
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
