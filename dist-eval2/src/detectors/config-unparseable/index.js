import { defineDetector } from '../../core/detector.js';
const MESSAGE_OF = {
    syntax: 'unparseable',
    'too-deep': 'tooDeep',
    binary: 'binary',
    empty: 'empty',
    'not-object': 'notObject',
    unreadable: 'unreadable',
};
export default defineDetector({
    id: 'config-unparseable',
    meta: {
        title: 'Config file could not be parsed',
        description: 'A client configuration file could not be read or parsed, so none of its servers were checked. The client may read it more leniently than mcp-warden (comments, trailing commas), run servers the scan never saw, or fail to start them at all. A file nested thousands of levels deep, binary, or unreadable to the scanner is reported rather than skipped, so that nothing can hide servers from the scan.',
        severity: 'medium',
        class: 'hygiene',
        checklist: ['multi-mcp.environment-security'],
        tags: ['config'],
        messages: {
            unparseable: '{{path}} could not be parsed ({{reason}}); its servers were not checked.',
            tooDeep: {
                text: '{{path}} is {{reason}}; its servers were not checked. No client config needs such nesting: it hides the file from parsers.',
                class: 'risk',
            },
            binary: '{{path}} holds {{reason}}; its servers were not checked.',
            empty: '{{path}} is empty where the client expects a JSON document ({{reason}}).',
            notObject: '{{path}} is not a config object ({{reason}}); its servers were not checked.',
            unreadable: '{{path}} exists but could not be read ({{reason}}); its servers were not checked.',
        },
        fix: 'Fix the syntax error at the reported position (or tell mcp-warden the right client with --client) and scan again; give the scanner read access to a file it could not read, and remove or rewrite a file that is binary or absurdly nested.',
    },
    create(ctx) {
        return {
            configFile(file) {
                if (!file.parseError)
                    return;
                const messageId = MESSAGE_OF[file.parseError.kind ?? 'syntax'];
                // No pointer resolves in an unparseable file, so the engine reports the parse position.
                ctx.report({
                    messageId,
                    data: { path: file.path, reason: file.parseError.message },
                    at: { file },
                    ...(messageId === 'tooDeep' ? { severity: 'high' } : {}),
                });
            },
        };
    },
});
