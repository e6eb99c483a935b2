import { z } from 'zod';
import { nameWords } from '../../analyze/secrets.js';
import { defineDetector } from '../../core/detector.js';
import { listNames, matchesGlob } from '../shared.js';
const options = z
    .object({
    /** Words in a tool name that make running it unasked high severity. */
    sensitiveWords: z
        .array(z.string())
        .default([
        'delete',
        'remove',
        'rm',
        'del',
        'drop',
        'destroy',
        'erase',
        'purge',
        'truncate',
        'wipe',
        'kill',
        'terminate',
        'write',
        'edit',
        'overwrite',
        'move',
        'mv',
        'rename',
        'update',
        'exec',
        'execute',
        'run',
        'shell',
        'command',
        'cmd',
        'eval',
        'spawn',
        'terminal',
        'bash',
        'powershell',
        'script',
        'install',
        'deploy',
        'publish',
        'push',
        'merge',
        'commit',
        'transfer',
        'send',
        'pay',
        'payment',
        'withdraw',
        'sign',
        'approve',
        'swap',
        'trade',
        'buy',
        'sell',
        'mint',
        'burn',
        'bridge',
        'stake',
        'email',
        'post',
        'sql',
    ]),
    /** Tools (globs) whose auto-approval is accepted (`read_*`, `list_*`). */
    ignoreTools: z.array(z.string()).default([]),
})
    .strict();
export default defineDetector({
    id: 'auto-approved-tools',
    meta: {
        title: 'Tools run without asking the user',
        description: 'The client configuration lets MCP tools run without the user confirming each call: every tool of a server (or of every server), or named tools that delete, write, execute, send or move funds. The confirmation dialog is the last line of defence against a model steered by prompt injection in a web page, an issue or a tool result; auto-approval removes it for exactly the calls that do damage.',
        severity: 'high',
        class: 'risk',
        checklist: [
            'client.auto-approve.auto-approve-restrictions',
            'client.ui.confirmation-of-sensitive-operations',
            'client.auto-approve.whitelist-management',
        ],
        tags: ['approval'],
        messages: {
            allTools: {
                text: 'Every tool of {{target}} runs without asking ({{setting}}).',
                checklist: [
                    'client.auto-approve.auto-approve-restrictions',
                    'client.auto-approve.whitelist-management',
                    'client.ui.confirmation-of-sensitive-operations',
                ],
            },
            sensitiveTools: {
                text: 'Tools of {{target}} run without asking ({{setting}}): {{tools}}; {{sensitive}} can change data, execute commands or move money.',
                checklist: [
                    'client.auto-approve.auto-approve-restrictions',
                    'client.auto-approve.whitelist-management',
                    'client.ui.confirmation-of-sensitive-operations',
                ],
            },
            namedTools: {
                text: 'Tools of {{target}} run without asking ({{setting}}): {{tools}}.',
                class: 'hygiene',
                checklist: [
                    'client.auto-approve.auto-approve-restrictions',
                    'client.auto-approve.whitelist-management',
                ],
            },
        },
        fix: 'Remove the auto-approval, or narrow it to read-only tools you have reviewed (`read_*`, `list_*`); keep confirmation for anything that writes, deletes, executes, sends or pays, and never approve a whole server or `*`.',
        options,
    },
    create(ctx, opts) {
        const sensitiveWords = new Set(opts.sensitiveWords.map((w) => w.toLowerCase()));
        const isSensitive = (tool) => nameWords(tool.replaceAll('*', ' ')).some((word) => sensitiveWords.has(word));
        const ignored = (tool) => opts.ignoreTools.some((glob) => matchesGlob(tool, glob));
        function check(approval, file) {
            const target = approval.server === '*' ? 'every server' : `server "${approval.server}"`;
            const base = { target, setting: approval.setting };
            if (approval.server === '*' || approval.tools.includes('*')) {
                ctx.report({ messageId: 'allTools', data: base, at: file });
                return;
            }
            const tools = approval.tools.filter((tool) => tool.trim() !== '' && !ignored(tool));
            if (tools.length === 0)
                return;
            const sensitive = tools.filter(isSensitive);
            if (sensitive.length > 0) {
                ctx.report({
                    messageId: 'sensitiveTools',
                    data: { ...base, tools: listNames(tools, 10), sensitive: listNames(sensitive, 10) },
                    at: file,
                });
            }
            else {
                ctx.report({
                    messageId: 'namedTools',
                    data: { ...base, tools: listNames(tools, 10) },
                    at: file,
                    severity: 'medium',
                });
            }
        }
        return {
            configFile(file) {
                for (const approval of file.approvals)
                    check(approval, { file, pointer: approval.pointer });
            },
        };
    },
});
