import { defineDetector } from '../../core/detector.js';

export default defineDetector({
  id: 'config-unparseable',
  meta: {
    title: 'Config file could not be parsed',
    description:
      'A client configuration file could not be parsed, so none of its servers were checked. The client may read it more leniently than mcp-warden (comments, trailing commas), run servers the scan never saw, or fail to start them at all.',
    severity: 'medium',
    checklist: ['multi-mcp.environment-security'],
    tags: ['config'],
    messages: {
      unparseable: '{{path}} could not be parsed ({{reason}}); its servers were not checked.',
    },
    fix: 'Fix the syntax error at the reported position (or tell mcp-warden the right client with --client) and scan again.',
  },
  create(ctx) {
    return {
      configFile(file) {
        if (!file.parseError) return;
        // No pointer resolves in an unparseable file, so the engine reports the parse position.
        ctx.report({
          messageId: 'unparseable',
          data: { path: file.path, reason: file.parseError.message },
          at: { file },
        });
      },
    };
  },
});
