import { Document, isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { classifyTool, strongEvidence, type ToolClassification } from '../analyze/capabilities.js';
import {
  buildSecretIndex,
  findSecretsSync,
  isPlaceholder,
  isSecretName,
  type SecretIndex,
} from '../analyze/secrets.js';
import type { Finding } from '../core/finding.js';
import type { ServerSpec } from '../core/server-spec.js';
import { severityRank } from '../core/severity.js';
import type { Snapshot, ToolDefinition } from '../core/snapshot.js';
import {
  DEFAULT_POLICY,
  ENV_NAME_PATTERN,
  SERVER_NAME_PATTERN,
  type PolicyInput,
} from '../core/config/schema.js';

/**
 * `mcp-warden policy init`: a starting policy from what a scan found. Pure apart from the secret
 * scan it runs over the configured values; the CLI reads and writes the files.
 */

export interface StarterPolicyInput {
  /** Configured servers, in the order found; the first entry of a name wins. */
  servers: readonly ServerSpec[];
  /** What live servers declared (empty offline): tool-level rules come from these. */
  snapshots: readonly Snapshot[];
  /** The scan's findings: critical and high ones are written as comments on their server. */
  findings: readonly Finding[];
  /** The scan started nothing: no tool-level rules. */
  offline: boolean;
  /** Servers that could not be scanned live, with the reason. */
  failed?: ReadonlyMap<string, string>;
  /** `defaults.lockfile` to write (relative to the policy file), when there is a lockfile. */
  lockfile?: string;
  /** Where the JSON Schema is, relative to the policy file (for the editor comment). */
  schema?: string;
}

/** A secret found in a server's configuration and replaced by a `${env:NAME}` reference. */
export interface SecretReference {
  server: string;
  variable: string;
  /** Where it was: `env.GITHUB_TOKEN`, `args[2]`, `headers.Authorization`, `url`. */
  field: string;
}

export interface StarterToolRule {
  server: string;
  tool: string;
  action: 'confirm';
  reasons: string[];
}

export interface StarterPolicy {
  /** The policy file, with comments. */
  text: string;
  servers: string[];
  confirm: StarterToolRule[];
  untrusted: string[];
  secrets: SecretReference[];
}

const MAX_FINDING_COMMENTS = 6;

/** `github`, `api-key` → `GITHUB_API_KEY`. */
function envName(...parts: string[]): string {
  const name = parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/** `${VAR}`, `$VAR`, `${env:VAR}`, `%VAR%`, `{env:VAR}` as a whole value: the variable named. */
function referencedVariable(value: string): string | undefined {
  const match =
    /^\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value.trim()) ??
    /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(value.trim()) ??
    /^%([A-Za-z_][A-Za-z0-9_]*)%$/.exec(value.trim()) ??
    /^\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value.trim());
  return match?.[1];
}

interface Screen {
  index: SecretIndex;
  /** Spans of `text` holding secrets, `name` being what it is the value of. */
  spans(text: string, name?: string): { start: number; end: number }[];
}

function replaceSpans(
  text: string,
  spans: readonly { start: number; end: number }[],
  variable: string,
): string {
  let out = '';
  let cursor = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (start < cursor) continue;
    out += `${text.slice(cursor, start)}\${env:${variable}}`;
    cursor = end;
  }
  return out + text.slice(cursor);
}

interface ServerEntry {
  name: string;
  value: Record<string, unknown>;
  comments: string[];
  /** Inline comments on keys of the entry (`env.GITHUB_TOKEN`). */
  inline: Map<string, string>;
  /** Comments before tool entries. */
  toolComments: Map<string, string[]>;
}

function launchOf(
  spec: ServerSpec,
  name: string,
  screen: Screen,
  entry: ServerEntry,
  secrets: SecretReference[],
): void {
  const { value } = entry;
  const keep = (field: string, variable: string) => {
    secrets.push({ server: name, variable, field });
  };
  if (spec.transport === 'stdio') {
    if (spec.command !== undefined) value.command = spec.command;
    const args = spec.args.map((arg, index) => {
      const spans = screen.spans(arg);
      if (spans.length === 0) return arg;
      const previous = spec.args[index - 1];
      const flag =
        /^--?([A-Za-z][\w-]*)=/.exec(arg)?.[1] ?? /^--?([A-Za-z][\w-]*)$/.exec(previous ?? '')?.[1];
      const variable = envName(name, flag ?? `arg${String(index)}`);
      keep(`args[${String(index)}]`, variable);
      return replaceSpans(arg, spans, variable);
    });
    if (args.length > 0) value.args = args;
    const env: Record<string, string> = {};
    for (const [key, raw] of Object.entries(spec.env)) {
      const referenced = referencedVariable(raw);
      if (!ENV_NAME_PATTERN.test(key)) {
        entry.comments.push(
          `env ${JSON.stringify(key)} left out: not a variable name the gateway can set.`,
        );
        continue;
      }
      if (referenced !== undefined) {
        env[key] = `\${env:${referenced}}`;
        entry.inline.set(
          `env.${key}`,
          `set ${referenced} in the gateway's environment (a reference in the client config too)`,
        );
      } else if ((isSecretName(key) && !isPlaceholder(raw)) || screen.spans(raw, key).length > 0) {
        env[key] = `\${env:${key}}`;
        keep(`env.${key}`, key);
        entry.inline.set(`env.${key}`, `secret: set ${key} in the gateway's environment`);
      } else if (raw.includes('${')) {
        // `${input:…}`, `${workspaceFolder}`: client-side variables the gateway cannot fill in.
        env[key] = `\${env:${key}}`;
        keep(`env.${key}`, key);
        entry.inline.set(
          `env.${key}`,
          `was a client variable: set ${key} in the gateway's environment`,
        );
      } else {
        env[key] = raw;
      }
    }
    if (Object.keys(env).length > 0) value.env = env;
    if (spec.cwd !== undefined) value.cwd = spec.cwd;
    if (spec.envFile !== undefined) {
      entry.comments.push(
        `The client loads variables from ${spec.envFile}; they are not copied here.`,
      );
    }
    if (spec.envPassthrough.length > 0) {
      entry.comments.push(
        `The client passes ${spec.envPassthrough.join(', ')} from its environment; the gateway passes its own.`,
      );
    }
  } else {
    if (spec.url !== undefined) {
      const spans = screen.spans(spec.url);
      if (spans.length > 0) {
        const variable = envName(name, 'url', 'secret');
        keep('url', variable);
        value.url = replaceSpans(spec.url, spans, variable);
      } else {
        value.url = spec.url;
      }
    }
    if (spec.transport === 'sse') {
      entry.comments.push('Configured as SSE; the gateway connects over Streamable HTTP.');
    }
    const headers: Record<string, string> = {};
    for (const [key, raw] of Object.entries(spec.headers)) {
      const variable = envName(name, key);
      const scheme = /^(?:bearer|token|basic|apikey|api-key)\s+/i.exec(raw)?.[0] ?? '';
      const referenced = referencedVariable(raw.slice(scheme.length));
      if (referenced !== undefined) {
        headers[key] = `${scheme}\${env:${referenced}}`;
      } else if ((isSecretName(key) || /^authorization$/i.test(key)) && !isPlaceholder(raw)) {
        headers[key] = `${scheme}\${env:${variable}}`;
        keep(`headers.${key}`, variable);
        entry.inline.set(`headers.${key}`, `secret: set ${variable} in the gateway's environment`);
      } else {
        const spans = screen.spans(raw, key);
        if (spans.length > 0) keep(`headers.${key}`, variable);
        headers[key] = spans.length > 0 ? replaceSpans(raw, spans, variable) : raw;
      }
    }
    if (Object.keys(headers).length > 0) value.headers = headers;
  }
}

function confirmReasons(classification: ToolClassification): string[] {
  const reasons: string[] = [];
  if (classification.fundsOperations.length > 0) {
    reasons.push(`moves funds (${classification.fundsOperations.join(', ')})`);
  } else {
    const financial = strongEvidence(classification, 'financial', { annotations: true });
    if (financial[0]) reasons.push(`financial: ${financial[0].detail}`);
  }
  const destructive = strongEvidence(classification, 'destructive', { annotations: true });
  if (destructive[0] && !classification.lowImpact) {
    reasons.push(`destructive: ${destructive[0].detail}`);
  }
  if (classification.runsAnyCode === 'host') {
    reasons.push(`runs any command (${classification.codeParameters.join(', ')})`);
  }
  if (classification.keyMaterial.returns !== undefined) {
    reasons.push(`returns key material: ${classification.keyMaterial.returns}`);
  }
  return reasons;
}

function toolRules(
  name: string,
  tools: readonly ToolDefinition[],
  entry: ServerEntry,
  confirm: StarterToolRule[],
): string | undefined {
  const rules: Record<string, { action: 'confirm' }> = {};
  const untrustedBecause: string[] = [];
  for (const tool of [...tools].sort((a, b) => a.name.localeCompare(b.name))) {
    const classification = classifyTool(tool);
    const reasons = confirmReasons(classification);
    if (reasons.length > 0) {
      rules[tool.name] = { action: 'confirm' };
      entry.toolComments.set(tool.name, reasons);
      confirm.push({ server: name, tool: tool.name, action: 'confirm', reasons });
    }
    if (strongEvidence(classification, 'untrusted-content').length > 0) {
      untrustedBecause.push(tool.name);
    }
  }
  if (Object.keys(rules).length > 0) entry.value.tools = rules;
  if (untrustedBecause.length === 0) return undefined;
  const more = untrustedBecause.length - 3;
  return untrustedBecause.slice(0, 3).join(', ') + (more > 0 ? ` and ${String(more)} more` : '');
}

function findingComments(name: string, spec: ServerSpec | undefined, findings: readonly Finding[]) {
  const serious = findings.filter(
    (finding) =>
      finding.location.server === name &&
      (spec === undefined ||
        finding.location.file === undefined ||
        finding.location.itemKind !== undefined ||
        finding.location.file === spec.source.file) &&
      severityRank(finding.severity) >= severityRank('high'),
  );
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const finding of serious) {
    const where =
      finding.location.item !== undefined
        ? ` in ${finding.location.itemKind ?? 'item'} ${finding.location.item}`
        : '';
    const line = `${finding.severity}: ${finding.title}${where} (${finding.detectorId})`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length > MAX_FINDING_COMMENTS) {
    const more = lines.length - MAX_FINDING_COMMENTS;
    lines.splice(
      MAX_FINDING_COMMENTS,
      more,
      `… and ${String(more)} more: see \`mcp-warden scan\`.`,
    );
  }
  return lines.length > 0 ? ['The scan found:', ...lines.map((line) => `  ${line}`)] : [];
}

function pairOf(map: unknown, key: string): Pair<Scalar> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<Scalar>).items.find(
    (item) => isScalar(item.key) && item.key.value === key,
  );
}

function commentLines(lines: readonly string[]): string {
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
}

function sanitizeName(name: string): string {
  const fixed = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return fixed === '' ? 'server' : fixed;
}

/**
 * A starting policy for the servers a scan found: each server with its launch (secrets replaced
 * by `${env:NAME}` references), untrusted servers marked, destructive, financial,
 * run-anything and key-exporting tools set to `confirm`, serious findings as comments, and the
 * secure defaults written out. The text validates against the schema.
 *
 * @example
 * const { text } = await createStarterPolicy({ servers, snapshots, findings, offline: false });
 */
export async function createStarterPolicy(input: StarterPolicyInput): Promise<StarterPolicy> {
  const strings = input.servers.flatMap((spec) => [
    ...spec.args,
    ...Object.values(spec.env),
    spec.url ?? '',
    ...Object.values(spec.headers),
  ]);
  const index = await buildSecretIndex(strings);
  const screen: Screen = {
    index,
    spans(text, name) {
      return [...index.find(text), ...(name !== undefined ? findSecretsSync(text, { name }) : [])];
    },
  };

  const secrets: SecretReference[] = [];
  const confirm: StarterToolRule[] = [];
  const untrusted: string[] = [];
  const entries = new Map<string, ServerEntry>();
  const specsByName = new Map<string, ServerSpec>();
  const usedNames = new Set<string>();

  const entryFor = (original: string): ServerEntry => {
    const existing = entries.get(original);
    if (existing) return existing;
    let name = SERVER_NAME_PATTERN.test(original) ? original : sanitizeName(original);
    for (let n = 2; usedNames.has(name); n++) name = `${sanitizeName(original)}-${String(n)}`;
    usedNames.add(name);
    const entry: ServerEntry = {
      name,
      value: {},
      comments: [],
      inline: new Map(),
      toolComments: new Map(),
    };
    entries.set(original, entry);
    return entry;
  };

  for (const spec of input.servers) {
    const first = specsByName.get(spec.name);
    if (first) {
      const entry = entryFor(spec.name);
      entry.comments.push(
        `Also configured in ${spec.source.file} (line ${String(spec.source.line)}).`,
      );
      continue;
    }
    specsByName.set(spec.name, spec);
    const entry = entryFor(spec.name);
    entry.comments.push(
      `From ${spec.source.file} (${spec.client}, line ${String(spec.source.line)}).`,
    );
    if (entry.name !== spec.name) {
      entry.comments.push(
        `Named ${JSON.stringify(spec.name)} there; policy names allow letters, digits, _ . - only.`,
      );
    }
    if (spec.disabled) entry.comments.push('Disabled in its config.');
    launchOf(spec, entry.name, screen, entry, secrets);
  }

  const tooledServers = new Set<string>();
  for (const snapshot of input.snapshots) {
    const name = snapshot.server.name;
    if (tooledServers.has(name)) continue;
    tooledServers.add(name);
    const entry = entryFor(name);
    if (!specsByName.has(name)) {
      entry.comments.push('From a saved snapshot.');
      if (entry.name !== name) {
        entry.comments.push(
          `Named ${JSON.stringify(name)} there; policy names allow letters, digits, _ . - only.`,
        );
      }
    }
    const because = toolRules(entry.name, snapshot.tools, entry, confirm);
    if (because !== undefined) {
      entry.value.trust = 'untrusted';
      entry.inline.set('trust', `brings in content others wrote: ${because}`);
      untrusted.push(entry.name);
    }
  }
  for (const [original, entry] of entries) {
    const reason = input.failed?.get(original);
    if (reason !== undefined && !tooledServers.has(original)) {
      entry.comments.push(`Could not be scanned (${reason}): no tool rules yet.`);
    }
    entry.comments.push(...findingComments(original, specsByName.get(original), input.findings));
  }

  const defaults = DEFAULT_POLICY.defaults;
  const content: PolicyInput = {
    version: 1,
    defaults: {
      action: defaults.action,
      validateArguments: defaults.validateArguments,
      pins: defaults.pins,
      ...(input.lockfile !== undefined ? { lockfile: input.lockfile } : {}),
      limits: {
        ...(defaults.limits.rate ? { rate: { ...defaults.limits.rate } } : {}),
        ...(defaults.limits.concurrency !== undefined
          ? { concurrency: defaults.limits.concurrency }
          : {}),
        ...(defaults.limits.timeoutMs !== undefined
          ? { timeoutMs: defaults.limits.timeoutMs }
          : {}),
        ...(defaults.limits.maxResponseBytes !== undefined
          ? { maxResponseBytes: defaults.limits.maxResponseBytes }
          : {}),
      },
      screening: { ...defaults.screening },
      flows: {
        ...defaults.flows,
        afterTrifecta: [...defaults.flows.afterTrifecta],
        afterInjection: [...defaults.flows.afterInjection],
        afterUntrusted: [...defaults.flows.afterUntrusted],
      },
      confirm: { ...defaults.confirm, capabilities: [...defaults.confirm.capabilities] },
    },
    audit: { enabled: DEFAULT_POLICY.audit.enabled },
    servers: Object.fromEntries([...entries.values()].map((entry) => [entry.name, entry.value])),
  };

  const doc = new Document(content);
  const scanned = input.offline ? 'the configuration (offline)' : 'a live scan';
  doc.commentBefore = commentLines([
    ...(input.schema !== undefined ? [`yaml-language-server: $schema=${input.schema}`, ''] : []),
    'mcp-warden policy: what the gateway enforces between your MCP client and its servers.',
    `Written by \`mcp-warden policy init\` from ${scanned}; review it, then check it with`,
    '`mcp-warden policy validate`. Every key is described in docs/policy.md.',
  ]);

  const root = doc.contents;
  const section = (key: string, lines: string[]) => {
    const pair = pairOf(root, key);
    if (pair) {
      pair.key.commentBefore = commentLines(lines);
      pair.key.spaceBefore = true;
    }
  };
  section('defaults', [
    'For every server and tool unless they say otherwise. These are the secure defaults:',
    'arguments checked against each tool schema, secrets and private keys redacted from output,',
    'poisoned definitions withheld, injected output marked as untrusted, definitions pinned.',
  ]);
  const defaultsMap = pairOf(root, 'defaults')?.value;
  const inlineOn = (map: unknown, key: string, text: string) => {
    const node = pairOf(map, key)?.value;
    if (isScalar(node)) node.comment = ` ${text}`;
  };
  inlineOn(defaultsMap, 'action', 'allow | deny | confirm, for tools not listed below');
  if (input.lockfile !== undefined) {
    inlineOn(
      defaultsMap,
      'lockfile',
      'written by `mcp-warden pin`; changed definitions are withheld',
    );
  }
  for (const key of ['afterTrifecta', 'afterInjection', 'afterUntrusted']) {
    const classes = pairOf(pairOf(defaultsMap, 'flows')?.value, key)?.value;
    if (isSeq(classes)) classes.flow = true;
  }
  const confirmed = pairOf(pairOf(defaultsMap, 'confirm')?.value, 'capabilities')?.value;
  if (isSeq(confirmed)) confirmed.flow = true;
  section('audit', ['Hash-chained log of every call and decision (`mcp-warden audit verify`).']);
  section('servers', [
    'One entry per server, by its name in the client config.',
    ...(input.offline
      ? [
          'Offline: no tool was listed, so there are no tool rules; run `policy init` live for them.',
        ]
      : [
          'Tools that move funds, destroy data, run any command or return keys ask first (confirm).',
        ]),
  ]);

  const serversMap = pairOf(root, 'servers')?.value;
  [...entries.values()].forEach((entry, position) => {
    const pair = pairOf(serversMap, entry.name);
    if (!pair) return;
    if (entry.comments.length > 0) pair.key.commentBefore = commentLines(entry.comments);
    // A blank line between servers; the first follows its section comment directly.
    if (position > 0) pair.key.spaceBefore = true;
    const args = pairOf(pair.value, 'args')?.value;
    if (isSeq(args) && args.items.length <= 6) args.flow = true;
    for (const [path, text] of entry.inline) {
      const [first, second] = path.split(/\.(.*)/s);
      const map = second === undefined ? pair.value : pairOf(pair.value, first ?? '')?.value;
      inlineOn(map, second ?? first ?? '', text);
    }
    const toolsMap = pairOf(pair.value, 'tools')?.value;
    for (const [tool, reasons] of entry.toolComments) {
      const toolPair = pairOf(toolsMap, tool);
      if (toolPair) toolPair.key.commentBefore = commentLines(reasons);
    }
  });

  return {
    text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }),
    servers: [...entries.values()].map((entry) => entry.name),
    confirm,
    untrusted,
    secrets,
  };
}
