import type { TrainingRecord } from './build.mjs';

export interface RealServer {
  pkg: string;
  args: string[] | ((scratch: string) => string[]);
  env?: (scratch: string) => Record<string, string>;
}
export const REAL_SERVERS: RealServer[];
export function chunkParagraphs(text: string): string[];
export function packageDocRecords(options?: { nodeModules?: string }): TrainingRecord[];
export function packageCommentRecords(options?: { nodeModules?: string }): TrainingRecord[];
export function realServerRecords(options?: {
  nodeModules?: string;
  servers?: RealServer[];
}): Promise<TrainingRecord[]>;
