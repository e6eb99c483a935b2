/**
 * What entered a session's context, for flow control: the first untrusted content, the first
 * private data, the first answer judged a prompt injection. The state only grows (nothing leaves
 * a model's context), so merging two copies is a union and a late reader never sees less than
 * an earlier one.
 *
 * One gateway process keeps it in memory ({@link MemoryFlowLedger}); the wraps one client starts
 * share it through the session broker (`../session-broker/`), which implements the same
 * interface over a Unix socket.
 */

export type FlowLeg = 'untrusted' | 'private' | 'injection';

export const FLOW_LEGS: readonly FlowLeg[] = ['untrusted', 'private', 'injection'];

export interface FlowEntry {
  leg: FlowLeg;
  server: string;
  /** The tool whose answer it was, or the method (`resources/read`). */
  source: string;
  /** Why it counts: `name word "fetch"`, `policy servers.web.trust: untrusted`, `score 0.91`. */
  reason: string;
  /** Milliseconds (the recording gateway's clock). */
  at: number;
}

export interface FlowState {
  /** The first entry of each leg. */
  legs: Partial<Record<FlowLeg, FlowEntry>>;
  /**
   * Set when the shared state cannot be trusted any more (the broker is gone or never answered):
   * flow rules then act as if every leg had entered.
   */
  failed?: string;
}

export interface FlowLedger {
  /** Where the state lives, for messages: `this gateway`, `shared by the wraps of client …`. */
  readonly scope: string;
  /** The state now. Never rejects: a failure comes back as `failed`. */
  read(): Promise<FlowState>;
  /**
   * Records an entry; resolves to the state after it and whether the entry was the first of its
   * leg (a transition). Never rejects: a failure comes back as `failed`.
   */
  add(entry: FlowEntry): Promise<{ state: FlowState; added: boolean }>;
}

/** Adds `entry` to `legs` unless its leg is already there; returns whether it was added. */
export function mergeEntry(legs: FlowState['legs'], entry: FlowEntry): boolean {
  if (legs[entry.leg] !== undefined) return false;
  legs[entry.leg] = entry;
  return true;
}

/** The ledger of one gateway process. */
export class MemoryFlowLedger implements FlowLedger {
  readonly scope = 'this gateway';
  private readonly legs: FlowState['legs'] = {};

  read(): Promise<FlowState> {
    return Promise.resolve({ legs: { ...this.legs } });
  }

  add(entry: FlowEntry): Promise<{ state: FlowState; added: boolean }> {
    const added = mergeEntry(this.legs, entry);
    return Promise.resolve({ state: { legs: { ...this.legs } }, added });
  }
}
