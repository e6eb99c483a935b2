import type { CoverageClaim } from './coverage.js';

/**
 * What mcp-warden can show it does for each checklist item, face by face, read item by item
 * against what the item asks. Every claim names the test that demonstrates the behaviour; a
 * `partial` claim says what is missing. An item or face without a claim is `none` (or `attest`
 * for items only a person can answer). `test/catalog.test.ts` checks every claim: the item
 * exists and allows the face, the named rules or controls exist and declare the item, and the
 * named test exists in the named file.
 */
export const COVERAGE_CLAIMS: readonly CoverageClaim[] = [
  {
    item: 'server.api.input-validation',
    face: 'gateway',
    status: 'partial',
    by: ['arguments'],
    test: {
      file: 'src/gateway/middleware/arguments.test.ts',
      title: 'refuses a wrong type with -32602, naming the argument and the reason',
    },
    missing:
      'Arguments are checked against the schema the server declares (plus policy constraints); a loose schema is not tightened, the scan does not flag one, and no probe sends crafted values.',
  },
  {
    item: 'server.auth.access-control',
    face: 'scan',
    status: 'partial',
    by: ['remote-without-auth'],
    test: {
      file: 'src/detectors/remote-without-auth/index.test.ts',
      title: 'a remote server in a client without OAuth support is medium',
    },
    missing:
      'Only a remote server configured without any credential is seen; whether the server checks callers and roles is not tested.',
  },
  {
    item: 'server.auth.access-control',
    face: 'gateway',
    status: 'partial',
    by: ['tool-access'],
    test: {
      file: 'src/gateway/middleware/tool-access.test.ts',
      title: 'denies a tool the policy denies and names the policy entry',
    },
    missing: 'The policy allows or denies tools per server, not per caller or role.',
  },
  {
    item: 'server.auth.credential-management',
    face: 'scan',
    status: 'partial',
    by: ['hardcoded-secret'],
    test: {
      file: 'src/detectors/hardcoded-secret/index.test.ts',
      title: 'a GitHub personal access token in env is reported at that variable',
    },
    missing:
      "Tokens written into client configs are found; the server's own code and secret storage are not examined (attest).",
  },
  {
    item: 'server.persistence.lifecycle-management',
    face: 'gateway',
    status: 'full',
    by: ['process-supervision'],
    test: {
      file: 'test/e2e/gateway-cleanup.test.ts',
      title: 'when the client closes stdin (normal hang-up)',
    },
  },
  {
    item: 'server.persistence.shutdown-cleanup',
    face: 'gateway',
    status: 'full',
    by: ['process-supervision'],
    test: {
      file: 'test/e2e/gateway-cleanup.test.ts',
      title: 'on SIGKILL of an unsandboxed gateway (pdeathsig and the PID namespace do the work)',
    },
  },
  {
    item: 'server.runtime.isolation-environment',
    face: 'scan',
    status: 'partial',
    by: ['docker-insecure-flags'],
    test: {
      file: 'src/detectors/docker-insecure-flags/index.test.ts',
      title: '--privileged is critical and points at the flag',
    },
    missing:
      'Containers that give up their isolation are flagged; a server started without any boundary (a bare npx) is not reported as such.',
  },
  {
    item: 'server.runtime.container-security',
    face: 'scan',
    status: 'partial',
    by: ['docker-insecure-flags'],
    test: {
      file: 'src/detectors/docker-insecure-flags/index.test.ts',
      title: '--cap-add ALL is critical, SYS_ADMIN high, other capabilities medium',
    },
    missing:
      "Only the docker/podman command line in the config is read: the image's own USER and runtime protection are not inspected.",
  },
  {
    item: 'server.integrity.integrity-verification',
    face: 'scan',
    status: 'partial',
    by: ['definition-changed'],
    test: {
      file: 'src/detectors/definition-changed/index.test.ts',
      title: 'flags a tool whose description changed after pinning, showing before and after',
    },
    missing:
      'Definitions are compared with pinned hashes; the server code itself is not hashed or signature-checked.',
  },
  {
    item: 'server.integrity.integrity-verification',
    face: 'gateway',
    status: 'partial',
    by: ['pins'],
    test: {
      file: 'src/gateway/middleware/pins.test.ts',
      title:
        'withholds a changed tool and refuses its call, naming what changed and `mcp-warden pin`',
    },
    missing:
      'Definitions are compared with pinned hashes; the server code itself is not hashed or signature-checked.',
  },
  {
    item: 'server.supply-chain.dependency-management',
    face: 'scan',
    status: 'partial',
    by: ['unpinned-package'],
    test: {
      file: 'src/detectors/unpinned-package/index.test.ts',
      title: 'npx -y with no version is reported at the package argument',
    },
    missing:
      'Unpinned launches are found; published vulnerabilities of the pinned versions are not looked up.',
  },
  {
    item: 'server.supply-chain.package-integrity',
    face: 'scan',
    status: 'partial',
    by: ['unpinned-package'],
    test: {
      file: 'src/detectors/unpinned-package/index.test.ts',
      title: 'an image with no tag or :latest is medium, a tag without digest is low',
    },
    missing:
      'Container images are held to a digest; npm and PyPI packages are not checked against lockfile hashes, signatures or provenance.',
  },
  {
    item: 'server.monitoring.detailed-logging',
    face: 'gateway',
    status: 'partial',
    by: ['audit-log'],
    test: {
      file: 'src/gateway/wrap.test.ts',
      title:
        'writes the request, the decisions and the response summary to the audit log before forwarding',
    },
    missing:
      'Records hold redacted arguments and a summary of each answer (sizes, counts, error code), not its content, so not everything can be reconstructed.',
  },
  {
    item: 'server.isolation.resource-access-control',
    face: 'scan',
    status: 'partial',
    by: ['broad-filesystem-grant'],
    test: {
      file: 'src/detectors/broad-filesystem-grant/index.test.ts',
      title: 'the filesystem root / is critical and points at the argument',
    },
    missing:
      'Filesystem grants in arguments are judged; hosts and devices a server may reach are not.',
  },
  {
    item: 'server.isolation.resource-access-control',
    face: 'gateway',
    status: 'partial',
    by: ['arguments'],
    test: {
      file: 'src/gateway/middleware/arguments.test.ts',
      title: 'refuses .. traversal out of allowPaths, showing where the path resolves',
    },
    missing:
      'Paths and hosts in tool arguments are confined by policy; what the server process itself touches is only bounded by the sandbox.',
  },
  {
    item: 'server.data.sensitive-data-identification',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'redacts secrets and private keys by default, without touching the original',
    },
    missing:
      'Secrets and keys in results are recognised and redacted; personal data is only reported by default, and arguments are screened only for the audit log.',
  },
  {
    item: 'server.tools.input-validation',
    face: 'gateway',
    status: 'partial',
    by: ['arguments'],
    test: {
      file: 'src/gateway/middleware/arguments.test.ts',
      title: 'names a missing required argument, an unknown one and the allowed values',
    },
    missing:
      'Checked against the tool’s declared schema and policy constraints; a loose schema lets loose values through.',
  },
  {
    item: 'server.tools.tool-permission-control',
    face: 'scan',
    status: 'partial',
    by: ['tool-capability-risk'],
    test: {
      file: 'src/detectors/tool-capability-risk/index.test.ts',
      title: 'readOnlyHint: true on a delete is high (clients may run it unasked)',
    },
    missing:
      'Rights are inferred from names, descriptions and annotations; what the tool can really do is not probed.',
  },
  {
    item: 'server.tools.data-validation',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'delivers injected output marked as untrusted data by default',
    },
    missing:
      'Injected instructions are marked (recall as measured by npm run eval); tampering with data is not detected.',
  },
  {
    item: 'server.tools.tool-behavior-constraints',
    face: 'scan',
    status: 'partial',
    by: ['tool-capability-risk'],
    test: {
      file: 'src/detectors/tool-capability-risk/index.test.ts',
      title: 'a host shell with a free-form command is high',
    },
    missing:
      'Open-ended tools are flagged from their declarations; the bounds they really enforce are not probed.',
  },
  {
    item: 'server.tools.tool-behavior-constraints',
    face: 'gateway',
    status: 'partial',
    by: ['arguments'],
    test: {
      file: 'src/gateway/middleware/arguments.test.ts',
      title: "applies tools['*'] constraints: pattern and maxLength",
    },
    missing:
      'Arguments can be bounded by policy patterns, paths and hosts; nothing bounds a tool without such a policy.',
  },
  {
    item: 'server.tools.third-party-interface-response-security',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'delivers injected output marked as untrusted data by default',
    },
    missing:
      'Results are screened and injected text is marked as data; replies are not checked against what was expected.',
  },
  {
    item: 'client.ui.confirmation-of-sensitive-operations',
    face: 'scan',
    status: 'partial',
    by: ['auto-approved-tools'],
    test: {
      file: 'src/detectors/auto-approved-tools/index.test.ts',
      title:
        'a destructive, exec or financial tool among named tools raises it to high and names it',
    },
    missing:
      'Auto-approval settings the scanner reads are judged; the gateway refuses `confirm` tools instead of asking the user each time.',
  },
  {
    item: 'client.ai-control.operation-logging',
    face: 'gateway',
    status: 'full',
    by: ['audit-log'],
    test: {
      file: 'test/e2e/gateway-wrap-everything.test.ts',
      title: 'writes a hash-chained audit record for every call before forwarding it',
    },
  },
  {
    item: 'client.storage.credential-secure-storage',
    face: 'scan',
    status: 'partial',
    by: ['hardcoded-secret', 'world-readable-config'],
    test: {
      file: 'src/detectors/world-readable-config/index.test.ts',
      title: 'a 0644 file holding a token is high and points at the file',
    },
    missing:
      'Plain-text credentials in MCP config files are found; other credential stores of the host (OAuth token caches) are not examined.',
  },
  {
    item: 'client.auth.mandatory-authentication',
    face: 'scan',
    status: 'partial',
    by: ['remote-without-auth'],
    test: {
      file: 'src/detectors/remote-without-auth/index.test.ts',
      title: 'an empty Authorization header is no authentication',
    },
    missing:
      'A remote server configured without credentials is found; whether the server demands OAuth is not probed.',
  },
  {
    item: 'client.management.tool-verification',
    face: 'scan',
    status: 'full',
    by: ['definition-changed'],
    test: {
      file: 'src/detectors/definition-changed/index.test.ts',
      title: 'flags a tool whose description changed after pinning, showing before and after',
    },
  },
  {
    item: 'client.management.tool-verification',
    face: 'gateway',
    status: 'full',
    by: ['pins'],
    test: {
      file: 'src/gateway/middleware/pins.test.ts',
      title:
        'withholds a changed tool and refuses its call, naming what changed and `mcp-warden pin`',
    },
  },
  {
    item: 'client.management.secure-updates',
    face: 'gateway',
    status: 'partial',
    by: ['pins', 'definitions'],
    test: {
      file: 'src/gateway/middleware/pins.test.ts',
      title: 'checks again on every listing: a change undone makes the tool callable again',
    },
    missing:
      'Changed definitions are re-examined on every listing; keeping the client and servers up to date with security fixes is not checked.',
  },
  {
    item: 'client.management.secure-updates',
    face: 'scan',
    status: 'partial',
    by: ['definition-changed'],
    test: {
      file: 'src/detectors/definition-changed/index.test.ts',
      title: 'flags a new tool as medium and a removed one as low',
    },
    missing:
      'Changes since the pin are reported; updates of the client and servers are not checked.',
  },
  {
    item: 'client.management.function-name-checking',
    face: 'scan',
    status: 'full',
    by: ['tool-name-collision'],
    test: {
      file: 'src/detectors/tool-name-collision/index.test.ts',
      title:
        'a Cyrillic look-alike of another server\u2019s tool is high, and its mixed script medium',
    },
  },
  {
    item: 'client.management.malicious-mcp-detection',
    face: 'scan',
    status: 'partial',
    by: ['tool-poisoning', 'hidden-text', 'encoded-payload', 'shell-launcher'],
    test: {
      file: 'src/detectors/tool-poisoning/index.test.ts',
      title: 'a hidden block that reads an SSH key into a side-channel parameter',
    },
    missing:
      'Poisoned definitions, hidden text and download-and-run launches are found (recall as measured by npm run eval); behaviour that contradicts the declarations is not probed.',
  },
  {
    item: 'client.management.malicious-mcp-detection',
    face: 'gateway',
    status: 'partial',
    by: ['definitions'],
    test: {
      file: 'src/gateway/middleware/definitions.test.ts',
      title: 'withholds a poisoned tool and refuses calls to it',
    },
    missing:
      'Poisoned definitions are withheld; exfiltration at run time is held back by flow control (untrusted content plus private data asks before outbound tools).',
  },
  {
    item: 'client.prompt.prompt-injection-defense',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening', 'flow-control'],
    test: {
      file: 'src/gateway/middleware/flow-control.test.ts',
      title: 'holds back destructive tools after an injection verdict, but not plain ones',
    },
    missing:
      'Two layers (marking, and flow control that asks the user) stand; detection recall is what npm run eval measures.',
  },
  {
    item: 'client.prompt.malicious-instruction-detection',
    face: 'scan',
    status: 'partial',
    by: ['tool-poisoning'],
    test: {
      file: 'src/detectors/tool-poisoning/index.test.ts',
      title: 'server instructions in Chinese that override earlier instructions are reported',
    },
    missing:
      'Definitions served by servers are checked; what the user types and prompt files loaded at startup are not.',
  },
  {
    item: 'client.prompt.malicious-instruction-detection',
    face: 'gateway',
    status: 'partial',
    by: ['definitions'],
    test: {
      file: 'src/gateway/middleware/definitions.test.ts',
      title: 'withholds poisoned server instructions and strips hidden text from harmless ones',
    },
    missing: 'Definitions and tool output are checked; what the user types is not.',
  },
  {
    item: 'client.prompt.sensitive-data-filtering',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'redacts secrets and private keys by default, without touching the original',
    },
    missing:
      'Secrets in tool results are removed before the model sees them; personal data is only reported unless the policy asks to redact it.',
  },
  {
    item: 'client.logging.client-logging',
    face: 'gateway',
    status: 'partial',
    by: ['audit-log'],
    test: {
      file: 'src/gateway/wrap.test.ts',
      title:
        'writes the request, the decisions and the response summary to the audit log before forwarding',
    },
    missing: 'Calls and result summaries are recorded; authorisation exchanges (OAuth) are not.',
  },
  {
    item: 'client.logging.security-event-recording',
    face: 'gateway',
    status: 'full',
    by: ['audit-log'],
    test: {
      file: 'test/e2e/gateway-misbehaving.test.ts',
      title: 'records the decisions in the audit log',
    },
  },
  {
    item: 'client.transport.certificate-validation',
    face: 'scan',
    status: 'partial',
    by: ['insecure-remote-transport'],
    test: {
      file: 'src/detectors/insecure-remote-transport/index.test.ts',
      title: 'NODE_TLS_REJECT_UNAUTHORIZED=0 in env is reported at the variable',
    },
    missing:
      'Switching verification off is found; the certificate chain of a live server is not probed.',
  },
  {
    item: 'client.transport.encrypted-communication',
    face: 'scan',
    status: 'partial',
    by: ['insecure-remote-transport'],
    test: {
      file: 'src/detectors/insecure-remote-transport/index.test.ts',
      title: 'a remote server over http:// is reported at the URL',
    },
    missing: 'Plain http:// beyond loopback is found; TLS versions and ciphers are not probed.',
  },
  {
    item: 'client.auto-approve.auto-approve-restrictions',
    face: 'scan',
    status: 'partial',
    by: ['auto-approved-tools'],
    test: {
      file: 'src/detectors/auto-approved-tools/index.test.ts',
      title: 'a global yolo switch (every tool of every server) is high and names every server',
    },
    missing:
      "Auto-approvals kept in the config files mcp-warden reads are judged (Cursor's permissions.json among them); clients that keep them in application state (Claude Desktop) are not.",
  },
  {
    item: 'client.auto-approve.auto-approve-restrictions',
    face: 'gateway',
    status: 'partial',
    by: ['tool-access', 'confirm'],
    test: {
      file: 'test/e2e/gateway-confirm.test.ts',
      title: 'runs an accepted transfer exactly once, and asks again for the same call',
    },
    missing:
      'Sensitive calls are asked per call (in the client, or at `mcp-warden approve`); the clients’ own auto-approve lists are judged by the scan, not overridden.',
  },
  {
    item: 'llm.execution.malicious-prompt-prevention',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'delivers injected output marked as untrusted data by default',
    },
    missing:
      'Injected tool output is marked as data for the model; whether the model then resists it is not tested.',
  },
  {
    item: 'llm.execution.secure-invocation',
    face: 'gateway',
    status: 'partial',
    by: ['arguments'],
    test: {
      file: 'src/gateway/middleware/arguments.test.ts',
      title: 'refuses a call to a tool the session never listed (fail closed)',
    },
    missing:
      'Malformed calls and calls to unlisted tools are refused; calls nobody asked for are not recognised.',
  },
  {
    item: 'llm.execution.sensitive-information-protection',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'redacts a bare provider token in tool output',
    },
    missing:
      'Secrets are kept out of the context by redacting results; arguments the model sends to other tools are not screened.',
  },
  {
    item: 'multi-mcp.environment-security',
    face: 'scan',
    status: 'partial',
    by: ['toxic-flow'],
    test: {
      file: 'src/detectors/toxic-flow/index.test.ts',
      title: 'web search + files + a chat send across three servers is high and names each leg',
    },
    missing:
      'Each scan reviews the whole set of servers together; that it is reviewed regularly is up to the user.',
  },
  {
    item: 'multi-mcp.function-priority-hijacking-prevention',
    face: 'scan',
    status: 'partial',
    by: ['tool-poisoning'],
    test: {
      file: 'src/detectors/tool-poisoning/index.test.ts',
      title: 'a description that sets rules for another server’s tool is reported',
    },
    missing:
      'Descriptions that steer the model to or from other tools are found as far as the patterns and scorer reach (npm run eval).',
  },
  {
    item: 'multi-mcp.function-priority-hijacking-prevention',
    face: 'gateway',
    status: 'partial',
    by: ['definitions'],
    test: {
      file: 'src/gateway/middleware/definitions.test.ts',
      title: 'withholds a poisoned tool and refuses calls to it',
    },
    missing: 'The same detection runs on every listing; recall as measured by npm run eval.',
  },
  {
    item: 'multi-mcp.cross-mcp-call-control',
    face: 'gateway',
    status: 'partial',
    by: ['flow-control'],
    test: {
      file: 'src/gateway/middleware/flow-control.test.ts',
      title:
        'asks before send_mail once a web page and a file were read, without any injection verdict',
    },
    missing:
      'Tool classes come from analyzers, annotations and policy; a tool they misclassify is not held back.',
  },
  {
    item: 'crypto.private-key-protection',
    face: 'scan',
    status: 'partial',
    by: ['hardcoded-secret'],
    test: {
      file: 'src/detectors/hardcoded-secret/index.test.ts',
      title: 'tags wallet keys, and only wallet keys, as crypto private-key findings',
    },
    missing:
      'Wallet keys in configs and key-returning tools are found; encrypted storage under a KDF cannot be checked from outside.',
  },
  {
    item: 'crypto.private-key-protection',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'redacts secrets and private keys by default, without touching the original',
    },
    missing:
      'Keys in tool output never reach the model; keys in arguments and logs are redacted only in the audit log.',
  },
  {
    item: 'server.api.rate-limiting',
    face: 'gateway',
    status: 'full',
    by: ['limits'],
    test: {
      file: 'src/gateway/middleware/limits.test.ts',
      title: 'refuses calls over a server rate and says when to try again',
    },
  },
  {
    item: 'server.persistence.health-check',
    face: 'gateway',
    status: 'full',
    by: ['process-supervision'],
    test: {
      file: 'src/gateway/wrap.test.ts',
      title: 'restarts a server that stops answering the health-check ping',
    },
  },
  {
    item: 'server.runtime.resource-limits',
    face: 'gateway',
    status: 'partial',
    by: ['limits'],
    test: {
      file: 'src/gateway/middleware/limits.test.ts',
      title:
        'replaces an answer over maxResponseBytes with an error, and passes a smaller one untouched',
    },
    missing:
      'Sizes, rates, concurrency and time are capped; CPU and memory of the server process are not.',
  },
  {
    item: 'server.monitoring.log-integrity',
    face: 'gateway',
    status: 'full',
    by: ['audit-log'],
    test: {
      file: 'src/gateway/audit/verify.test.ts',
      title: 'finds an edited record whose hash was recomputed by the next prev, and by its HMAC',
    },
  },
  {
    item: 'server.monitoring.audit-capability',
    face: 'gateway',
    status: 'full',
    by: ['audit-log'],
    test: {
      file: 'src/gateway/audit/verify.test.ts',
      title: 'proves a chain across three rotated files and finds tampering in the middle one',
    },
  },
  {
    item: 'server.resources.resource-limits',
    face: 'gateway',
    status: 'partial',
    by: ['limits'],
    test: {
      file: 'src/gateway/middleware/limits.test.ts',
      title:
        'replaces an answer over maxResponseBytes with an error, and passes a smaller one untouched',
    },
    missing: 'Answer sizes are capped; the number of resources a server lists is not.',
  },
  {
    item: 'client.ai-control.tool-invocation-limits',
    face: 'gateway',
    status: 'full',
    by: ['limits'],
    test: {
      file: 'src/gateway/middleware/limits.test.ts',
      title: "limits one tool by its own rate, or by tools['*'] for each tool",
    },
  },
  {
    item: 'client.auto-approve.approval-process-auditing',
    face: 'gateway',
    status: 'partial',
    by: ['audit-log', 'confirm'],
    test: {
      file: 'test/e2e/gateway-confirm.test.ts',
      title: 'records every answer in the audit log',
    },
    missing:
      'Every question and answer is recorded; approvals given in the client’s own auto-approve settings never reach the gateway.',
  },
  {
    item: 'client.management.conflict-detection',
    face: 'scan',
    status: 'full',
    by: ['tool-name-collision', 'duplicate-server-name'],
    test: {
      file: 'src/detectors/tool-name-collision/index.test.ts',
      title: 'the same tool name on two servers is medium and names the other server',
    },
  },
  {
    item: 'client.management.version-control',
    face: 'scan',
    status: 'partial',
    by: ['unpinned-package', 'definition-changed'],
    test: {
      file: 'src/detectors/unpinned-package/index.test.ts',
      title: 'npx pkg@latest is reported with the tag',
    },
    missing:
      'Unpinned launches and changed definitions are found; a rollback path is not provided.',
  },
  {
    item: 'client.prompt.tool-description-verification',
    face: 'scan',
    status: 'partial',
    by: ['tool-poisoning', 'hidden-text', 'encoded-payload'],
    test: {
      file: 'src/detectors/hidden-text/index.test.ts',
      title: 'a message in Unicode tag characters is revealed',
    },
    missing: 'Definitions are checked as far as the detectors reach (npm run eval).',
  },
  {
    item: 'client.ui.information-transparency',
    face: 'gateway',
    status: 'partial',
    by: ['definitions', 'output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'strips ANSI escapes and invisible Unicode from tool output, keeping emoji',
    },
    missing:
      'Hidden text is stripped from what the client sees; showing the user what was hidden is left to reports.',
  },
  {
    item: 'client.management.tool-classification',
    face: 'scan',
    status: 'partial',
    by: ['tool-capability-risk'],
    test: {
      file: 'src/detectors/tool-capability-risk/index.test.ts',
      title: 'an EVM transfer is high and asks for confirmation; get_balance is not flagged',
    },
    missing:
      'Tools are classified from their declarations by keyword and annotation, not by probing.',
  },
  {
    item: 'server.tools.namespace-isolation',
    face: 'gateway',
    status: 'full',
    by: ['process-supervision'],
    test: {
      file: 'test/e2e/gateway-multi.test.ts',
      title: 'lists every server’s tools as <server>__<tool>',
    },
  },
  {
    item: 'client.management.tool-naming-control',
    face: 'gateway',
    status: 'full',
    by: ['process-supervision'],
    test: {
      file: 'src/gateway/namespacing.test.ts',
      title: 'always prefixes the server name with a double underscore',
    },
  },
  {
    item: 'server.monitoring.security-event-alerts',
    face: 'gateway',
    status: 'partial',
    by: ['audit-log'],
    test: {
      file: 'src/gateway/audit/alerts.test.ts',
      title: 'writes an alert record after the decision and POSTs it to the webhook over real HTTP',
    },
    missing:
      'Alerts are raised for withheld or changed definitions, injected output, redactions and flow-control refusals, and leave the machine only when the policy names a command or webhook; crashes, restarts and bursts raise none.',
  },
  {
    item: 'client.prompt.prompt-templates',
    face: 'scan',
    status: 'partial',
    by: ['tool-poisoning'],
    test: {
      file: 'src/detectors/tool-poisoning/index.test.ts',
      title: 'a prompt argument that hides a directive is reported at the argument',
    },
    missing:
      'Prompts servers offer are checked for injected directives; whether a template keeps untrusted text in delimited slots is not judged.',
  },
  {
    item: 'server.tools.error-handling',
    face: 'gateway',
    status: 'partial',
    by: ['output-screening'],
    test: {
      file: 'src/gateway/middleware/output-screening.test.ts',
      title: 'redacts secrets in error answers',
    },
    missing: 'Secrets in error answers are redacted; stack traces and internal paths pass through.',
  },
];
