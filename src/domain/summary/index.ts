// The lead's participation summary: build it from events, pseudonymise it, trend it.
export { buildSummary } from './build';
export type { SummaryBuildOptions } from './build';
export { pseudonymise, pseudonymLetters, realNames } from './pseudonymise';
export type { NameSource, Pseudonymiser } from './pseudonymise';
export { pseudonymiseSummary } from './pseudonymiseSummary';
export { buildTrend, trendPoint } from './trend';
export { logLimitProblem, MAX_MEMBERS, MAX_NAME_INPUT } from './limits';
export * from './types';
