import type { Policy } from '../../core/config/schema.js';
import type { Lockfile } from '../../pin/lockfile.js';
import { argumentsControl } from './arguments.js';
import { confirmControl } from './confirm.js';
import { definitionsControl } from './definitions.js';
import { flowControlControl } from './flow-control.js';
import { limitsControl } from './limits.js';
import { outputScreeningControl } from './output-screening.js';
import { pinsControl } from './pins.js';
import { toolAccessControl } from './tool-access.js';
import { elicitationControl } from './elicitation.js';
import { notificationScreeningControl } from './notifications.js';
import { outboundControl } from './outbound.js';
import { resourceAccessControl } from './resource-access.js';
import { samplingControl } from './sampling.js';
import type { GatewayControl, GatewayMiddleware } from './types.js';

export { argumentsControl, toolArguments } from './arguments.js';
export { confirm, confirmControl } from './confirm.js';
export { definitions, definitionsControl } from './definitions.js';
export { flowControl, flowControlControl } from './flow-control.js';
export {
  MemoryFlowLedger,
  type FlowEntry,
  type FlowLedger,
  type FlowLeg,
  type FlowState,
} from './flow-ledger.js';
export { limits, limitsControl } from './limits.js';
export {
  contentVerdict,
  outputScreening,
  outputScreeningControl,
  UNTRUSTED_META,
  untrustedMarker,
} from './output-screening.js';
export { pins, pinsControl, type PinsOptions } from './pins.js';
export { resolveToolAction, toolAccess, toolAccessControl } from './tool-access.js';
export { elicitation, elicitationControl, secretRequests } from './elicitation.js';
export { notificationScreening, notificationScreeningControl } from './notifications.js';
export { outbound, outboundControl } from './outbound.js';
export { resourceAccess, resourceAccessControl, resourceRules } from './resource-access.js';
export { sampling, samplingControl } from './sampling.js';

/**
 * Every gateway control, outermost first — the order {@link defaultControls} composes them in.
 *
 * 1. `limits` first: rate and concurrency count every attempt, every request gets its deadline,
 *    and an oversized answer is refused before anything spends time screening it.
 * 2. `tool-access`: the policy's allow/deny/confirm, before anything looks closer.
 * 3. `pins` before `definitions`: listings are compared with the lockfile as the server sent
 *    them, before hidden text is stripped.
 * 4. `definitions`: withholds poisoned definitions, strips hidden text, records `session.tools`,
 *    refuses unlisted tools — which `arguments` and `flow-control` rely on.
 * 5. `arguments`: the tool's input schema and the policy's argument constraints.
 * 6. `output-screening` before `flow-control` on the way back: a blocked answer never enters
 *    the session's flow state, and `flow-control` reuses the screening's injection verdict.
 *
 * Every other path (nothing crosses unscreened) comes after them:
 *
 * 7. `resource-access` after `definitions` (a withheld resource or prompt is refused first) and
 *    with the same path and host rules as `arguments`: resource URIs, prompt and completion
 *    arguments, the client's roots.
 * 8. `outbound` last of the client→server screens, so it screens exactly what is forwarded (after
 *    validation, before the server): secrets and key material in arguments and in the client's
 *    answers to sampling and elicitation.
 * 9. `confirm` after every client→server check: the user is asked only about a call every other
 *    control let through, with the arguments the server will get.
 * 10. `sampling`, `elicitation`, `notifications`: what servers send unasked (server→client
 *    requests and notifications); no other control looks at those.
 */
export const GATEWAY_CONTROLS: readonly GatewayControl[] = [
  limitsControl,
  toolAccessControl,
  pinsControl,
  definitionsControl,
  argumentsControl,
  outputScreeningControl,
  flowControlControl,
  resourceAccessControl,
  outboundControl,
  confirmControl,
  samplingControl,
  elicitationControl,
  notificationScreeningControl,
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
