import type { Policy } from '../../core/config/schema.js';
import type { Lockfile } from '../../pin/lockfile.js';
import { argumentsControl } from './arguments.js';
import { confirmControl } from './confirm.js';
import { definitionsControl } from './definitions.js';
import { limitsControl } from './limits.js';
import { outputScreeningControl } from './output-screening.js';
import { pinsControl } from './pins.js';
import { taintControl } from './taint.js';
import { toolAccessControl } from './tool-access.js';
import type { GatewayControl, GatewayMiddleware } from './types.js';

export { argumentsControl, toolArguments } from './arguments.js';
export { confirm, confirmControl } from './confirm.js';
export { definitions, definitionsControl } from './definitions.js';
export { limits, limitsControl } from './limits.js';
export {
  contentVerdict,
  outputScreening,
  outputScreeningControl,
  UNTRUSTED_META,
  untrustedMarker,
} from './output-screening.js';
export { pins, pinsControl, type PinsOptions } from './pins.js';
export { taint, taintControl } from './taint.js';
export { resolveToolAction, toolAccess, toolAccessControl } from './tool-access.js';

/**
 * Every gateway control, outermost first — the order {@link defaultControls} composes them in.
 *
 * 1. `limits` first: rate and concurrency count every attempt, every request gets its deadline,
 *    and an oversized answer is refused before anything spends time screening it.
 * 2. `tool-access`: the policy's allow/deny/confirm, before anything looks closer.
 * 3. `pins` before `definitions`: listings are compared with the lockfile as the server sent
 *    them, before hidden text is stripped.
 * 4. `definitions`: withholds poisoned definitions, strips hidden text, records `session.tools`,
 *    refuses unlisted tools — which `arguments` and `taint` rely on.
 * 5. `arguments`: the tool's input schema and the policy's argument constraints.
 * 6. `output-screening` before `taint` on the way back: a blocked answer never taints the
 *    session, and `taint` reuses the screening's injection verdict.
 * 7. `confirm` last: the user is asked only about a call every other control let through, with
 *    the arguments the server will get.
 */
export const GATEWAY_CONTROLS: readonly GatewayControl[] = [
  limitsControl,
  toolAccessControl,
  pinsControl,
  definitionsControl,
  argumentsControl,
  outputScreeningControl,
  taintControl,
  confirmControl,
];

/**
 * The gateway's middleware chain for a policy: every control of {@link GATEWAY_CONTROLS}, created
 * (and so validated) now, in order. One chain serves every session of a gateway; per-session state
 * lives in `ctx.session`.
 *
 * @example
 * const chain = compose(defaultControls(policy, { lockfile }));
 */
export function defaultControls(
  policy: Policy,
  options: { lockfile?: Lockfile } = {},
): GatewayMiddleware[] {
  return GATEWAY_CONTROLS.map((control) => control.create(policy, options));
}
