import type { TrainingRecord } from './build.mjs';

export const NPM_SERVERS: string[];
export function npmCacheDir(): string;
export function ensurePackages(options?: {
  cacheDir?: string;
  servers?: string[];
}): { spec: string; file: string }[];
export function declaredStrings(
  file: string,
): { name?: string; param?: string; text: string; values?: string[] }[];
export function npmServerRecords(options?: {
  cacheDir?: string;
  servers?: string[];
}): TrainingRecord[];
