// The session side of the domain in one import, for the host and the CLI. Balance,
// summary and transcript modules have their own entry points.
export * from './types';
export { emptyState, applyEvent, applyEventWithOutcome, replay, hasEvent, SessionBuilder, dotsPerMember, DEFAULT_DOTS_PER_MEMBER, voteCounts, hasTallies, type Outcome } from './session';
export { revealEvents, anonymousVote, voteTotals, type HeldNote, type HeldVotes } from './anonymity';
export { decide, startSession, type DecideContext, type Decision, type StartOptions } from './retro';
export { MAX_NAME, MAX_TEXT, type Command, type CommandKind } from './commands';
export { PERMISSIONS, mayEmit, roleOf, subjectOf, type Role, type Rule } from './permissions';
export { hasAnsweredAt, hasPassedAt, deepestAnswer, gateAdvice, tallyByMember, reciprocated, type DepthTally } from './answered';
export { mergeLogs } from './merge';
export { saidEnglish, refused, isSaid, type Said, type SaidKey } from './said';
export {
  stageEvent,
  gateFromState,
  targetDepth,
  isDepth,
  overrides,
  DEFAULT_QUORUM,
  type GateAdvice,
  type GateAdvisor,
  type StageResult,
} from './stages';
export { suggestNext, rotation, currentSpeaker, waitingAtDepth } from './turns';
export { countWords, cleanName, cleanText, clampText, uniqueName, graphemes, parseJson } from './text';
export { randomId, systemClock, sequentialIds, steppingClock, type NewId, type Clock } from './ids';
export {
  SESSION_FORMAT_VERSION,
  parseSessionFile,
  parseSessionEvent,
  serializeSession,
  sessionFileFromEvents,
  type SessionFileParse,
} from './persistence';
export { builtinDecks, builtinDeck, defaultDeck, deckColumns, DEFAULT_DECK_ID, DEFAULT_COLUMNS } from './decks/builtin';
export { parseDeck, type DeckError, type DeckParse } from './decks/deckSchema';
export { pickPrompt, promptsLeftAtDepth, type PickHistory } from './decks/pick';
export { SessionReplica, analyseLog } from './replica';
