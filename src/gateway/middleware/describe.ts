/*
 * How messages name a tool, in a module of its own: the approvals, which `wrap` loads at
 * start-up, need it without the analyzers `shared.ts` brings.
 */

/** `tool "x" of server "s"`, for messages. */
export function describeTool(server: string, tool: string): string {
  return `tool "${tool}" of server "${server}"`;
}

/** The capitalised form of {@link describeTool}, to start a sentence. */
export function DescribeTool(server: string, tool: string): string {
  return `Tool "${tool}" of server "${server}"`;
}
