/**
 * The ids of `GATEWAY_CONTROLS` in their order, known without loading the controls (and the
 * analyzers behind them): what start-up reports before the chain is loaded. `index.test.ts`
 * keeps the two lists equal.
 */
export const CONTROL_IDS = [
  'limits',
  'tool-access',
  'pins',
  'definitions',
  'arguments',
  'output-screening',
  'flow-control',
  'resource-access',
  'outbound',
  'confirm',
  'sampling',
  'elicitation',
  'notifications',
] as const;
