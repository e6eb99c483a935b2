// Spawning, sandboxing and supervising MCP server processes — shared by scanner and gateway.

export { buildServerEnv, ENV_ALLOWLIST, SPAWN_MARKER_VARIABLE } from './env.js';
export type { ServerEnv, ServerEnvOptions } from './env.js';
export { findExecutable, probeBubblewrap, sandboxPlan } from './sandbox.js';
export type { ProcessLimits, SandboxPlan, SandboxPlanOptions, SandboxProbe } from './sandbox.js';
export { redactOutput, spawnServer } from './spawn.js';
export type {
  KillReport,
  ProcessExit,
  SandboxKind,
  ServerProcess,
  SpawnServerOptions,
} from './spawn.js';
export { isAlive, signalAll, spawnedProcesses } from './tree.js';
