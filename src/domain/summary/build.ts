// The lead's summary, built from the event log by the same replay and balance engine
// that ran the retro, so the summary can never disagree with what the facilitator saw.
import {
  inviteText,
  lorenzCurve,
  resolveBalanceSettings,
  type BalanceFlag,
  type BalanceSettings,
  type BalanceSnapshot,
  type LayerReciprocity,
  type MemberBalance,
  type Nudge,
} from '../balance';
import { analyseLog } from '../replica';
import { TRANSCRIPT_DECK_ID } from '../transcript/toEvents';
import { DEPTH_NAMES, type SessionEvent, type SessionState } from '../types';
import { gatherNotes, overrideList, topInsights } from './board';
import { pseudonymiseSummary } from './pseudonymiseSummary';
import {
  SUMMARY_FORMAT_VERSION,
  type ShareDriver,
  type Summary,
  type SummaryFlag,
  type SummaryLayer,
  type SummaryMember,
} from './types';

export interface SummaryBuildOptions {
  driver?: ShareDriver;
  balanceSettings?: Partial<BalanceSettings>;
  pseudonymise?: boolean;
  /** For transcripts: speech without a speaker label, which the event log leaves out. */
  unattributed?: Summary['unattributed'];
  /** For transcripts: the detected format, shown with the summary. */
  transcriptFormat?: string;
}

export function buildSummary(events: readonly SessionEvent[], options: SummaryBuildOptions = {}): Summary {
  const settings = resolveBalanceSettings({ ...options.balanceSettings, ...(options.driver && { driver: options.driver }) });
  const { state, balance } = analyseLog(events, settings);
  const names = namesFor(state, balance);
  const source = state.deck.id === TRANSCRIPT_DECK_ID && state.deck.source === 'transcript' ? 'transcript' : 'retro';
  const layers = balance.layers.map(toLayer);
  const notes = gatherNotes(state, names);
  const summary: Summary = {
    v: SUMMARY_FORMAT_VERSION,
    kind: 'reciprocity-summary',
    source,
    sessionId: state.id,
    title: state.title,
    createdAt: state.createdAt,
    durationSeconds: durationSeconds(state, events),
    pseudonymised: false,
    driver: settings.driver,
    members: balance.members.map(toMember),
    fairShare: balance.team.fairShare,
    gini: balance.team.gini,
    evenness: balance.team.evenness,
    maxShare: balance.team.maxShare,
    lorenz: lorenzCurve(presentAmounts(balance, settings.driver)),
    layers,
    deepestReached: deepestReached(layers),
    flags: timeline(balance, state.createdAt, names),
    // Everyone's passes, also of people who left: the layer table counts them too.
    totalPasses: balance.members.reduce((n, m) => n + m.passes, 0),
    actions: state.actions.map((a) => ({
      text: a.text,
      owner: a.ownerId === null ? null : (names.get(a.ownerId) ?? null),
      ...(a.due !== undefined && { due: a.due }),
      done: a.done,
    })),
    checkouts: state.checkouts.map((c) => ({
      member: names.get(c.memberId) ?? FORMER_MEMBER,
      text: c.text,
      ...(c.roti !== undefined && { roti: c.roti }),
    })),
    gatherNotes: notes,
    topInsights: topInsights(notes),
    overrides: overrideList(state),
    unattributed: options.unattributed ?? (source === 'transcript' ? { turns: 0, words: 0, seconds: 0 } : null),
    ...(source === 'transcript' && options.transcriptFormat !== undefined && { transcriptFormat: options.transcriptFormat }),
  };
  return options.pseudonymise === true ? pseudonymiseSummary(summary) : summary;
}

function toMember(m: MemberBalance): SummaryMember {
  return {
    key: m.memberId,
    name: m.name,
    present: m.present,
    joinedLate: m.joinedLate,
    turns: m.turns,
    words: m.words,
    seconds: m.seconds,
    passes: m.passes,
    notes: m.notes,
    shareTurns: m.shareTurns,
    shareWords: m.shareWords,
    share: m.share,
    deepest: m.deepest,
    // The snapshot is this function's own and built afresh, so its array is not shared.
    depthCounts: m.disclosures,
  };
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * Names by member id, for what names a member in free text: flags, action owners, check-outs
 * and notes. A roster with none of these (100k members, issue 12) needs no map at all.
 */
function namesFor(state: SessionState, balance: BalanceSnapshot): ReadonlyMap<string, string> {
  const needed = balance.flagHistory.length > 0 || state.actions.length > 0 || state.checkouts.length > 0 || state.notes.length > 0;
  return needed ? new Map(state.members.map((m) => [m.id, m.name])) : NO_NAMES;
}

function toLayer(l: LayerReciprocity): SummaryLayer {
  return {
    depth: l.depth,
    name: DEPTH_NAMES[l.depth],
    reached: l.reached,
    contributions: l.contributions,
    passes: l.passes,
    matched: l.matched,
    present: l.present,
    reciprocated: l.reciprocated,
  };
}

/** Silent present members count as zeros, as they do in the Gini. */
function presentAmounts(balance: BalanceSnapshot, driver: ShareDriver): number[] {
  const amounts: number[] = [];
  for (const m of balance.members) if (m.present) amounts.push(driver === 'words' ? m.words : driver === 'seconds' ? m.seconds : m.turns);
  return amounts;
}

/** The deepest layer the group stood at where someone actually disclosed (not only passed). */
function deepestReached(layers: readonly SummaryLayer[]): number {
  let deepest = 0;
  for (const l of layers) if (l.reached && l.contributions > l.passes) deepest = Math.max(deepest, l.depth);
  return deepest;
}

function durationSeconds(state: SessionState, events: readonly SessionEvent[]): number | null {
  let last = state.endedAt;
  if (last === null) for (const e of events) last = Math.max(last ?? e.at, e.at);
  if (last === null || last <= state.createdAt) return last === null ? null : 0;
  return Math.round((last - state.createdAt) / 1000);
}

/** Who a flag names when its member is no longer in the retro. */
export const FORMER_MEMBER = 'a former member';

/**
 * Flags are worded for the facilitator and never name whoever shares a lot or goes deep:
 * only a quiet member is named, and only to be invited in. English, for the exports and
 * the CLI; the panel words the kind itself (src/wording.ts, summaryFlagText).
 */
export function flagText(kind: BalanceFlag['kind'], name: string): string {
  if (kind === 'quiet') return inviteText(name);
  if (kind === 'dominant') return 'A member was sharing a lot — try a round-robin';
  return 'A member went deeper than the group — hold this depth';
}

/** Flags plus the group nudges (round-robin, hold depth, slow down), in time order. */
function timeline(balance: BalanceSnapshot, start: number, names: ReadonlyMap<string, string>): SummaryFlag[] {
  const offset = (at: number): number => Math.max(0, at - start);
  const flags: SummaryFlag[] = balance.flagHistory.map((f) => ({
    kind: f.kind,
    memberKey: f.memberId,
    text: flagText(f.kind, names.get(f.memberId) ?? FORMER_MEMBER),
    offsetMs: offset(f.raisedAt),
    clearedOffsetMs: f.clearedAt === null ? null : offset(f.clearedAt),
  }));
  const nudges: SummaryFlag[] = balance.nudgeHistory.filter(isGroupNudge).map((n) => ({
    kind: n.kind,
    memberKey: null,
    text: n.text,
    offsetMs: offset(n.at),
    clearedOffsetMs: null,
  }));
  return [...flags, ...nudges].sort((a, b) => a.offsetMs - b.offsetMs);
}

/** Invites repeat the quiet flags; only the group nudges add something. */
function isGroupNudge(n: Nudge): boolean {
  return n.memberId === null && n.kind !== 'invite';
}
