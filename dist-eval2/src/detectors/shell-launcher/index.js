import { z } from 'zod';
import { invocationsOf, shellLaunchOf, } from '../../analyze/command.js';
import { defineDetector } from '../../core/detector.js';
import { redactSpans, truncate } from '../../core/redact.js';
import { matchesGlob, secretsIn, tokenTarget } from '../shared.js';
const options = z
    .object({
    /** Also report a shell that only wraps one plain command (`cmd /c npx -y pkg`), at low severity. */
    reportSimpleWrappers: z.boolean().default(true),
    /** Scripts accepted as they are (globs, matched against the whole script). */
    ignoreScripts: z.array(z.string()).default([]),
})
    .strict();
/** Fetch-then-execute patterns: a download piped or substituted into an interpreter. */
const DOWNLOAD_AND_RUN = [
    {
        label: 'a download piped into an interpreter',
        pattern: /\b(?:curl|wget|fetch)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:(?:ba|z|da|k|fi)?sh|python[\d.]*|node|perl|ruby|php)\b/i,
    },
    {
        label: 'a download run through process substitution',
        pattern: /\b(?:(?:ba|z|da|k)?sh|source|\.)\s+(?:-\S+\s+)*<\s*\(\s*(?:curl|wget)\b/i,
    },
    {
        label: 'a download run through command substitution',
        pattern: /(?:^\s*|\beval\s+|\b(?:ba|z|da|k)?sh\s+-c\s+)["']?(?:\$\(|`)\s*(?:curl|wget)\b/i,
    },
    {
        label: 'PowerShell Invoke-Expression of a download',
        pattern: /\b(?:iex|invoke-expression)\b[\s(]{0,8}[\s\S]{0,40}?\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|new-object\s+(?:system\.)?net\.webclient)\b/i,
    },
    {
        label: 'a PowerShell download piped into Invoke-Expression',
        pattern: /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b[^|]*\|\s*(?:iex|invoke-expression)\b/i,
    },
];
const DOWNLOAD_HINT = /curl|wget|fetch|iwr|irm|invoke-|downloadstring|webclient/i;
/** Shell syntax beyond one plain command: chaining, pipes, redirection, substitution, variables. */
const SHELL_SYNTAX = /[|&;<>$`()\n^%{}]/;
function shellLabel(shell) {
    const program = shell.program.value.split(/[\\/]/).pop() ?? shell.program.value;
    return shell.flag ? `${program} ${shell.flag.value}` : program;
}
export default defineDetector({
    id: 'shell-launcher',
    meta: {
        title: 'Server started through a shell command string',
        description: "The server entry starts a shell (`sh -c`, `bash -c`, `cmd /c`, `powershell -Command`, an encoded PowerShell command) instead of one program, or downloads a script and runs it. A shell string can chain, download and execute anything, hides what really runs from reviewers and scanners, and a download-and-run line executes whatever the remote host serves at each start, with the user's privileges.",
        severity: 'medium',
        class: 'risk',
        checklist: [
            'client.management.malicious-mcp-detection',
            'server.supply-chain.source-verification',
            'server.integrity.integrity-verification',
        ],
        tags: ['execution'],
        messages: {
            downloadAndRun: {
                text: 'Server "{{server}}" downloads code and runs it at start ({{pattern}}); whatever that URL serves runs with your privileges.',
                class: 'threat',
            },
            encodedCommand: {
                text: 'Server "{{server}}" runs a base64-encoded PowerShell command ({{shell}}), which hides what it does.',
                class: 'threat',
                checklist: [
                    'client.management.malicious-mcp-detection',
                    'server.integrity.integrity-verification',
                ],
            },
            shellCommand: {
                text: 'Server "{{server}}" is started through {{shell}} with a shell script: "{{script}}".',
                checklist: ['server.integrity.integrity-verification'],
            },
            shellWrapper: {
                text: 'Server "{{server}}" is wrapped in {{shell}} to run "{{script}}"; run the program directly so that only it can start.',
                class: 'hygiene',
                checklist: ['server.integrity.integrity-verification'],
            },
        },
        fix: 'Run the server program directly (`command` = the program, `args` = its arguments) with a pinned package; never pipe a download into a shell. If a wrapper is unavoidable on Windows, keep it to one plain command without chaining or variables.',
        options,
    },
    create(ctx, opts) {
        const ignored = (script) => opts.ignoreScripts.some((glob) => matchesGlob(script.trim(), glob));
        const shown = (text) => truncate(redactSpans(text, secretsIn(ctx, text)), 120);
        return {
            server(server) {
                if (server.transport !== 'stdio' || server.command === undefined)
                    return;
                const invocations = invocationsOf(server.command, server.args);
                const line = [server.command, ...server.args].join(' ');
                const reported = { download: false, shell: false };
                const reportDownload = (text, where) => {
                    if (reported.download || !DOWNLOAD_HINT.test(text) || ignored(text))
                        return;
                    const found = DOWNLOAD_AND_RUN.find(({ pattern }) => pattern.test(text));
                    if (!found)
                        return;
                    reported.download = true;
                    ctx.report({
                        messageId: 'downloadAndRun',
                        data: { server: server.name, pattern: found.label },
                        at: tokenTarget(server, where),
                        evidence: shown(text),
                        severity: 'critical',
                    });
                };
                for (const { argv } of invocations) {
                    const shell = shellLaunchOf(argv);
                    if (!shell)
                        continue;
                    const where = shell.scriptTokens[0] ?? shell.flag ?? shell.program;
                    reportDownload(shell.script, where);
                    if (shell.encoded) {
                        ctx.report({
                            messageId: 'encodedCommand',
                            data: { server: server.name, shell: shellLabel(shell) },
                            at: tokenTarget(server, where),
                            ...(shell.script !== '' ? { evidence: shown(shell.script) } : {}),
                            severity: 'high',
                        });
                        reported.shell = true;
                        continue;
                    }
                    if (reported.shell || reported.download || ignored(shell.script))
                        continue;
                    reported.shell = true;
                    const simple = !SHELL_SYNTAX.test(shell.script);
                    if (simple && !opts.reportSimpleWrappers)
                        continue;
                    ctx.report({
                        messageId: simple ? 'shellWrapper' : 'shellCommand',
                        data: { server: server.name, shell: shellLabel(shell), script: shown(shell.script) },
                        at: tokenTarget(server, where),
                        ...(simple ? { severity: 'low' } : {}),
                    });
                }
                const first = invocations[0]?.argv[0];
                if (first)
                    reportDownload(line, first);
            },
        };
    },
});
