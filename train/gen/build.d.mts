export interface TrainingRecord {
  id: string;
  kind: 'tool' | 'prompt' | 'resource' | 'server_instructions' | 'tool_result';
  label: 'malicious' | 'benign';
  family: string;
  source: string;
  name?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  text?: string;
}
export const DEFAULT_SEED: number;
export const TARGETS: Record<string, number>;
export function generateAll(seed?: number): Record<string, TrainingRecord[]>;
