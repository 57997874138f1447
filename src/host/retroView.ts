// Builds the webview's view of a session. Pure (no vscode import) so it is unit-tested.
import { hasAnsweredAt, hasPassedAt } from '../domain/answered';
import type { BalanceSnapshot } from '../domain/balance';
import { deckColumns } from '../domain/decks/builtin';
import { dotsPerMember, voteCounts } from '../domain/session';
import { describeOverride, overrides } from '../domain/stages';
import type { Contribution, SessionState } from '../domain/types';
import type { ContributionView, MemberView, RetroView } from '../protocol';
import { viewText } from './viewText';

export interface ViewOptions {
  readOnly: boolean;
  readOnlyReason?: string;
  /** False when the facilitator turned nudges off (e.g. while screen-sharing). */
  showNudges?: boolean;
  dismissedNudges: ReadonlySet<string>;
  suggestedNext: string | null;
  /** The host's clock, the one that started the turn (injected by tests). */
  now?: number;
  /**
   * Only the newest this many contributions, and how many older ones are left out (a panel's
   * first snapshot, src/host/retroPanel.ts). Everything else, counts included, is the whole retro's.
   */
  newestContributions?: number;
}

export function buildRetroView(state: SessionState, balance: BalanceSnapshot, opts: ViewOptions): RetroView {
  const prompt = state.deck.prompts.find((p) => p.id === state.promptId) ?? null;
  const shown = new Set(state.shownPromptIds);
  const members = memberViews(state, balance);
  const omitted = opts.newestContributions === undefined ? 0 : Math.max(0, state.contributions.length - Math.max(0, opts.newestContributions));
  const view: RetroView = {
    sessionId: state.id,
    title: state.title,
    readOnly: opts.readOnly || state.endedAt !== null,
    phase: state.phase,
    skippedPhases: [...state.skippedPhases],
    depth: state.depth,
    deckName: state.deck.name,
    prompt: prompt ? { id: prompt.id, depth: prompt.depth, topic: prompt.topic, text: prompt.text } : null,
    promptsLeftAtDepth: state.deck.prompts.filter((p) => p.depth === state.depth && !shown.has(p.id)).length,
    turn: {
      memberId: state.turn.memberId,
      startedAt: state.turn.startedAt,
      elapsedMs: state.turn.startedAt === null ? null : Math.max(0, (opts.now ?? Date.now()) - state.turn.startedAt),
    },
    suggestedNext: opts.suggestedNext,
    softCapSeconds: state.settings.turnSoftCapSeconds,
    maxTextLength: state.settings.maxTextLength,
    members,
    contributions: contributionViews(state, omitted),
    notes: noteViews(state),
    columns: deckColumns(state.deck),
    actions: state.actions.map((a) => ({ id: a.id, text: a.text, ownerId: a.ownerId, done: a.done, ...(a.due ? { due: a.due } : {}) })),
    checkouts: state.checkouts.map((c) => ({ memberId: c.memberId, text: c.text, ...(c.roti ? { roti: c.roti } : {}) })),
    balance: {
      gini: balance.team.gini,
      evenness: balance.team.evenness,
      maxShare: balance.team.maxShare,
      fairShare: balance.team.fairShare,
      sampleReady: balance.team.sampleReady,
    },
    // Its passes too, so a member's view (which lists only some members) words the count itself.
    gate: { ...balance.gate, passed: members.filter((m) => m.present && m.passedAtDepth && !m.answeredAtDepth).length },
    nudges: (opts.showNudges === false ? [] : balance.nudges)
      .filter((n) => !opts.dismissedNudges.has(n.id))
      .map((n) => ({ id: n.id, kind: n.kind, text: n.text, memberId: n.memberId })),
    ended: state.endedAt !== null || state.phase === 'ended',
    ...(state.anonymous ? { anonymous: true } : {}),
    dotsPerMember: dotsPerMember(state),
    overrides: overrides(state).map((m) => ({
      to: m.to,
      text: describeOverride(m),
      from: m.from,
      answered: m.gate?.reciprocated ?? null,
      present: m.gate?.present ?? null,
    })),
  };
  if (omitted > 0) view.omittedContributions = omitted;
  const reason = opts.readOnlyReason ?? (state.endedAt !== null ? viewText().ended() : undefined);
  if (view.readOnly && reason) view.readOnlyReason = reason;
  return view;
}

function memberViews(state: SessionState, balance: BalanceSnapshot): MemberView[] {
  const stats = new Map(balance.members.map((m) => [m.memberId, m]));
  return state.members.map((m) => {
    const s = stats.get(m.id);
    // The one rule for "answered" (domain/answered.ts), as the gate counts it.
    const answered = s ? hasAnsweredAt(s.disclosures, state.depth) : false;
    const passed = s ? hasPassedAt(s.disclosures, s.passesByDepth, state.depth) : false;
    return {
      id: m.id,
      name: m.name,
      present: m.present,
      joinedLate: m.joinedLate,
      turns: s?.turns ?? 0,
      words: s?.words ?? 0,
      passes: s?.passes ?? 0,
      share: s?.share ?? 0,
      deepest: s?.deepest ?? 0,
      answeredAtDepth: answered,
      passedAtDepth: passed,
      // Someone who passed made a choice: they are not shown as "quiet so far" at this depth.
      flag: passed && s?.flag === 'quiet' ? null : (s?.flag ?? null),
    };
  });
}

/** The contributions from index `from` on (the older ones are left out of a first snapshot). */
function contributionViews(state: SessionState, from: number): ContributionView[] {
  const names = new Map(state.members.map((m) => [m.id, m.name]));
  const prompts = new Map(state.deck.prompts.map((p) => [p.id, p.text]));
  const list = from > 0 ? state.contributions.slice(from) : state.contributions;
  return list.map((c: Contribution) => ({
    id: c.id,
    memberId: c.memberId,
    memberName: names.get(c.memberId) ?? viewText().formerMember(),
    promptId: c.promptId,
    promptText: c.promptId ? (prompts.get(c.promptId) ?? null) : null,
    phase: c.phase,
    depth: c.depth,
    topic: c.topic,
    text: c.text,
    words: c.words,
    ...(c.seconds !== undefined ? { seconds: c.seconds } : {}),
    pass: c.pass,
    at: c.at,
    truncated: c.truncated === true,
  }));
}

function noteViews(state: SessionState): RetroView['notes'] {
  // Named votes and, in anonymous mode, the authority's totals (docs/team-mode.md).
  const votes = voteCounts(state);
  return state.notes.map((n) => ({
    id: n.id,
    memberId: n.memberId,
    text: n.text,
    column: n.column,
    groupId: n.groupId,
    votes: votes.get(n.id) ?? 0,
    // Named dots only (an anonymous retro has none): who may take one back.
    voters: state.votes.filter((v) => v.noteId === n.id).map((v) => v.memberId),
  }));
}
