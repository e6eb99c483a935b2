import {
  GATEWAY_ERROR,
  type GatewayControl,
  type GatewayMiddleware,
  type MessageContext,
  type Next,
} from './types.js';

/** A middleware with the name its failures are reported under. */
export interface NamedMiddleware {
  id: string;
  middleware: GatewayMiddleware;
}

/** What `compose` takes: bare middlewares (named after their function), named ones, or controls. */
export type MiddlewareEntry = GatewayMiddleware | NamedMiddleware;

/** A middleware's failure, with the control it came from; compose turns it into a denial. */
export class ControlFailure extends Error {
  readonly control: string;
  constructor(control: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`control "${control}" failed: ${detail}`, { cause });
    this.name = 'ControlFailure';
    this.control = control;
  }
}

function entryOf(entry: MiddlewareEntry, index: number): NamedMiddleware {
  if (typeof entry === 'function') {
    return {
      id: entry.name === '' ? `middleware#${String(index)}` : entry.name,
      middleware: entry,
    };
  }
  return entry;
}

/** Instantiates controls with the policy and names each middleware after its control. */
export function instantiate(
  controls: readonly GatewayControl[],
  ...args: Parameters<GatewayControl['create']>
): NamedMiddleware[] {
  return controls.map((control) => ({ id: control.id, middleware: control.create(...args) }));
}

/** Whether the message was stopped (`deny` sets `ctx.denied`; a test double may leave it unset). */
function isDenied(ctx: MessageContext): boolean {
  return ctx.denied === true;
}

/**
 * Composes middlewares into one, onion style (Koa, Hono): each runs until it awaits `next()`,
 * the rest of the chain runs, then it continues. Fail closed:
 *
 * - `next()` called twice by one middleware throws (and so fails that middleware);
 * - a throw from any middleware is caught here and becomes `ctx.deny(...)` with code
 *   `GATEWAY_ERROR.controlFailed`, naming the middleware that threw (the innermost one, when a
 *   throw passes through several);
 * - `next()` after the message was denied does not run the rest of the chain;
 * - a middleware that returns without calling `next()` or denying blocks the message too.
 *
 * The composed middleware never rejects, so the gateway keeps serving and no request is left
 * hanging: it either calls `next` once or leaves `ctx.denied` set.
 *
 * @example
 * const chain = compose([pins, argumentsControl, outputScreening]);
 * await chain(ctx, async () => { forward = true; });
 */
export function compose(middlewares: readonly MiddlewareEntry[]): GatewayMiddleware {
  const chain = middlewares.map(entryOf);
  return async function composed(ctx, next) {
    const progress = { deepest: -1, reachedEnd: false };
    const dispatch = async (index: number): Promise<void> => {
      if (isDenied(ctx)) return;
      const entry = chain[index];
      if (entry === undefined) {
        progress.reachedEnd = true;
        await next();
        return;
      }
      progress.deepest = index;
      let called = false;
      const step: Next = () => {
        if (called) {
          return Promise.reject(
            new Error(`next() called more than once by middleware "${entry.id}"`),
          );
        }
        called = true;
        return dispatch(index + 1);
      };
      try {
        await entry.middleware(ctx, step);
      } catch (error) {
        throw error instanceof ControlFailure ? error : new ControlFailure(entry.id, error);
      }
    };
    try {
      await dispatch(0);
    } catch (error) {
      const failure =
        error instanceof ControlFailure ? error : new ControlFailure('gateway', error);
      if (isDenied(ctx)) return;
      ctx.deny({
        control: failure.control,
        reason: `${failure.message}; the message was blocked (fail closed)`,
        code: GATEWAY_ERROR.controlFailed,
      });
      return;
    }
    const stopper = chain[progress.deepest];
    if (!progress.reachedEnd && !isDenied(ctx) && stopper !== undefined) {
      ctx.deny({
        control: stopper.id,
        reason: `control "${stopper.id}" neither passed the message on nor denied it; blocked (fail closed)`,
        code: GATEWAY_ERROR.controlFailed,
      });
    }
  };
}

/**
 * A control chain given as it is, or as a loader: `wrap` loads its controls (and the analyzers
 * they import) once the server is spawned, so that loading overlaps the server's start.
 */
export type ChainSource = readonly MiddlewareEntry[] | (() => Promise<readonly MiddlewareEntry[]>);

/** A composed chain that may still be loading: {@link ChainSource}. */
export interface DeferredChain {
  /** Runs the chain; a message that comes while it loads waits for it. */
  middleware: GatewayMiddleware;
  /** Loads the chain (once) and settles when it is ready; rejects when it cannot be built. */
  ready(): Promise<void>;
}

/**
 * Composes a {@link ChainSource}. A loader runs at most once, on {@link DeferredChain.ready} or
 * the first message, whichever comes first. Fail closed: when the loader fails, every message is
 * blocked (the pipeline turns the rejection into a denial) and `ready()` rejects, so the gateway
 * does not start serving.
 *
 * @example
 * const chain = deferredChain(() => loadControls(policy, { lockfile }));
 * await chain.ready();
 */
export function deferredChain(source: ChainSource): DeferredChain {
  if (typeof source !== 'function') {
    const middleware = compose(source);
    return { middleware, ready: () => Promise.resolve() };
  }
  const load = source;
  let composed: GatewayMiddleware | undefined;
  let loading: Promise<GatewayMiddleware> | undefined;
  const ready = (): Promise<GatewayMiddleware> =>
    (loading ??= load().then((entries) => (composed = compose(entries))));
  return {
    middleware: async function controls(ctx, next) {
      await (composed ?? (await ready()))(ctx, next);
    },
    ready: async () => {
      await ready();
    },
  };
}
