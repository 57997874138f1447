// Participation balance: who shares, who stays quiet, and whether disclosure is matched.
export { BalanceEngine, computeBalance } from './engine';
export { DEFAULT_BALANCE_SETTINGS, resolveBalanceSettings, type BalanceDriver, type BalanceSettings } from './settings';
export { gini, lorenzCurve, median, normalisedEntropy } from './stats';
export { NUDGE_TEXT, inviteText } from './nudges';
export type {
  BalanceFlag,
  BalanceSnapshot,
  GateAdvice,
  LayerReciprocity,
  MemberBalance,
  Nudge,
  NudgeKind,
  TeamBalance,
} from './types';
