export {
  Approvals,
  connectApprovals,
  type ApprovalsOptions,
  type ConfirmSettings,
} from './approvals.js';
export { askUser } from './ask.js';
export { callBinding, callParams } from './binding.js';
export { ClientChannel, offersFormElicitation, type ChannelAnswer } from './client-channel.js';
export {
  approvalsDir,
  decidePendingCall,
  ensurePrivateDir,
  listPendingCalls,
  PendingCalls,
  type PendingCall,
  type PendingDecision,
  type WaitResult,
} from './pending.js';
export {
  elicitationParams,
  GATEWAY_ORIGIN_META,
  INPUT_REQUEST_KEY,
  questionText,
  readChoice,
  type CallDescription,
  type Choice,
} from './question.js';
export {
  ApprovalStore,
  type OpenQuestion,
  type SessionAllowance,
  type TakeResult,
} from './store.js';
export type { AskAnswer, Question, UserAsker } from './types.js';
