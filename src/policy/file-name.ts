/**
 * The file `policy validate` and the gateway look for when none is named (apart from `load.ts`,
 * so that `wrap` without a policy file does not load the YAML parser).
 */
export const POLICY_FILE_NAME = 'mcp-warden.policy.yaml';
