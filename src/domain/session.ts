// The session reducer: state = fold(applyEvent, events). Pure from the outside (old
// states never change), mutable inside: replay folds into one owned draft, and a single
// applyEvent copies only the arrays the event touches.
//
// The reducer is where the rules hold, whatever order concurrent writers' events arrive
// in: an event from an actor who may not emit it, after the end, naming an unknown id,
// breaking the vote cap or taking a name already in use is ignored deterministically and
// counted in `state.rejected`, never thrown on. Every fact an event needs comes from the
// event itself; only positions (seq) come from log order.
import { deckColumns } from './decks/builtin';
import { mayEmit } from './permissions';
import { countWords, cleanName, nameKey } from './text';
import { MAX_TITLE } from './commands';
import type { Contribution, Member, RejectReason, SessionEvent, SessionEventType, SessionState } from './types';

/** Dots each member may place when the session does not say otherwise. */
export const DEFAULT_DOTS_PER_MEMBER = 3;

export const dotsPerMember = (s: SessionState): number => s.settings.dotsPerMember ?? DEFAULT_DOTS_PER_MEMBER;

export function emptyState(): SessionState {
  return {
    id: '',
    title: '',
    teamId: '',
    createdAt: 0,
    facilitatorId: null,
    deck: { id: '', name: '', prompts: [] },
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    members: [],
    phase: 'check-in',
    skippedPhases: [],
    depth: 1,
    promptId: null,
    shownPromptIds: [],
    turn: { memberId: null, startedAt: null },
    contributions: [],
    notes: [],
    votes: [],
    actions: [],
    checkouts: [],
    stageMoves: [],
    endedAt: null,
    dismissedNudges: [],
    removedContributionIds: [],
    seq: 0,
    rejected: [],
    anonymous: false,
    voteTotals: {},
  };
}

// ---------------------------------------------------------------------------------
// Duplicate detection without bloating the (serialisable) state: each state points to a
// lineage, a shared map of event id -> seq. States on one line of history share it, and
// an id counts as seen in a state only if its seq is below that state's seq. Applying to
// an older state (a branch) forks the map, which only undo-like uses ever do.

interface Lineage {
  seen: Map<string, number>;
  tip: number;
  /** The map belongs to a SessionBuilder that goes on writing to it: read it, never write it. */
  borrowed?: true;
}

const lineages = new WeakMap<SessionState, Lineage>();

function lineageOf(state: SessionState): Lineage {
  const found = lineages.get(state);
  if (!found) return { seen: new Map(), tip: state.seq };
  if (found.tip === state.seq && found.borrowed !== true) return found;
  const seen = new Map<string, number>();
  for (const [id, seq] of found.seen) if (seq < state.seq) seen.set(id, seq);
  return { seen, tip: state.seq };
}

/** True when the event with this id is already part of the state's history. */
export function hasEvent(state: SessionState, eventId: string): boolean {
  const seq = lineages.get(state)?.seen.get(eventId);
  return seq !== undefined && seq < state.seq;
}

// ---------------------------------------------------------------------------------

const ARRAY_KEYS = [
  'members',
  'skippedPhases',
  'shownPromptIds',
  'contributions',
  'notes',
  'votes',
  'actions',
  'checkouts',
  'stageMoves',
  'dismissedNudges',
  'removedContributionIds',
  'rejected',
] as const satisfies readonly (keyof SessionState)[];
type ArrayKey = (typeof ARRAY_KEYS)[number];

const TOUCHES: Readonly<Record<SessionEventType, readonly ArrayKey[]>> = {
  'session.created': [],
  'session.renamed': [],
  'member.added': ['members'],
  'member.renamed': ['members'],
  'member.presence': ['members'],
  'facilitator.set': [],
  'phase.changed': ['skippedPhases'],
  'stage.moved': ['stageMoves'],
  'prompt.shown': ['shownPromptIds'],
  'turn.started': [],
  'turn.ended': [],
  'contribution.added': ['contributions'],
  'contribution.removed': ['contributions', 'removedContributionIds'],
  'contribution.edited': ['contributions'],
  'note.added': ['notes'],
  'note.edited': ['notes'],
  'note.removed': ['notes', 'votes'],
  'note.grouped': ['notes'],
  'vote.cast': ['votes'],
  'vote.retracted': ['votes'],
  'action.added': ['actions'],
  'action.updated': ['actions'],
  'action.removed': ['actions'],
  'checkout.added': ['checkouts'],
  'nudge.dismissed': ['dismissedNudges'],
  'session.ended': [],
  'anonymity.set': [],
  'notes.revealed': [],
  'votes.tallied': [],
};

function copyArray<K extends ArrayKey>(draft: SessionState, key: K): void {
  draft[key] = draft[key].slice() as SessionState[K];
}

/** What became of one event: part of the state, already seen, or ignored by a rule. */
export type Outcome = 'applied' | 'duplicate' | 'rejected';

/** Applies one event and says what became of it. */
export function applyEventWithOutcome(state: SessionState, event: SessionEvent): { state: SessionState; outcome: Outcome } {
  const lineage = lineageOf(state);
  const seenAt = lineage.seen.get(event.id);
  if (seenAt !== undefined && seenAt < state.seq) return { state, outcome: 'duplicate' };
  const draft: SessionState = { ...state };
  // `?? []`: an event type from a newer build is ignored, but still takes its seq.
  for (const key of TOUCHES[event.type] ?? []) copyArray(draft, key);
  const outcome = reduceInto({ s: draft, index: null }, event);
  lineage.seen.set(event.id, state.seq);
  lineage.tip = draft.seq;
  lineages.set(draft, lineage);
  return { state: draft, outcome };
}

/** Applies one event; returns the same state for a duplicate event id. */
export function applyEvent(state: SessionState, event: SessionEvent): SessionState {
  return applyEventWithOutcome(state, event).state;
}

/**
 * Folds events into an owned draft in O(1) amortised per event. Replay uses it; a host
 * that keeps a live session can too, taking a snapshot after each batch.
 */
export class SessionBuilder {
  private readonly draft: Draft = { s: emptyState(), index: { contributions: new Map(), members: new Set(), names: new Set() } };
  private readonly seen = new Map<string, number>();

  /** Applies the event at the next seq; a duplicate id changes nothing. */
  apply(event: SessionEvent): Outcome {
    if (this.seen.has(event.id)) return 'duplicate';
    this.seen.set(event.id, this.draft.s.seq);
    return reduceInto(this.draft, event);
  }

  /** The state so far, read-only: valid until the next apply. */
  get current(): Readonly<SessionState> {
    return this.draft.s;
  }

  /** An immutable copy of the state so far; the builder stays usable. */
  snapshot(): SessionState {
    const s = this.draft.s;
    const out: SessionState = { ...s };
    for (const key of ARRAY_KEYS) copyArray(out, key);
    // The builder's own map, read-only from the snapshot: ids it adds later have a seq at or
    // past the snapshot's, so they do not count as seen there; a write forks it first.
    lineages.set(out, { seen: this.seen, tip: out.seq, borrowed: true });
    return out;
  }
}

/** Deterministic: the same ordered log always gives the same state. */
export function replay(events: Iterable<SessionEvent>): SessionState {
  const builder = new SessionBuilder();
  for (const e of events) builder.apply(e);
  return builder.snapshot();
}

// ---------------------------------------------------------------------------------
// Handlers mutate the draft's arrays (which the caller owns) but never the objects in
// them: those may be shared with older states, so a change replaces the object. A
// handler checks everything before it changes anything, and returns why it refused.

interface Index {
  /** Every contribution id used: true while it stands, false once removed. One lookup answers both. */
  contributions: Map<string, boolean>;
  members: Set<string>;
  names: Set<string>;
}

interface Draft {
  s: SessionState;
  /** Indexes for replay; null in single-event mode, where a scan is cheap enough. */
  index: Index | null;
}

type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
type Verdict = RejectReason | undefined | void;
const OK = undefined;
type Handlers = { [T in SessionEventType]: (d: Draft, e: EventOf<T>) => Verdict };

function reduceInto(d: Draft, event: SessionEvent): 'applied' | 'rejected' {
  const reason = admit(d, event) ?? (HANDLERS[event.type] as (d: Draft, e: SessionEvent) => Verdict)(d, event) ?? undefined;
  if (reason !== undefined) {
    const r = { eventId: String(event.id), type: String(event.type), reason };
    if (d.index) d.s.rejected.push(r);
    else d.s.rejected = [...d.s.rejected, r];
  }
  d.s.seq += 1;
  return reason === undefined ? 'applied' : 'rejected';
}

/** The rules every event obeys before its own handler looks at it. */
function admit(d: Draft, event: SessionEvent): RejectReason | undefined {
  if (!Object.hasOwn(HANDLERS, event.type)) return 'unknown-type';
  const s = d.s;
  if ((event.type === 'session.created') !== (s.id === '')) return 'invalid';
  // A title is how people find a retro again, not part of what happened in it.
  if (s.endedAt !== null && event.type !== 'session.renamed') return 'after-end';
  if (typeof event.actor !== 'string' || !mayEmit(s, event, (id) => hasMember(d, id))) {
    // Removing what is not (or no longer) there names an unknown id, whoever asks.
    if ((event.type === 'contribution.removed' || event.type === 'contribution.edited') && !hasContribution(d, event.contributionId)) return 'unknown-id';
    if ((event.type === 'note.edited' || event.type === 'note.removed') && !hasNote(s, event.noteId)) return 'unknown-id';
    return 'forbidden';
  }
  return undefined;
}

function hasMember(d: Draft, id: string): boolean {
  return d.index ? d.index.members.has(id) : d.s.members.some((m) => m.id === id);
}

/** `key` is nameKey(name), which the caller keeps for the index. */
function nameTaken(d: Draft, key: string, except?: Member): boolean {
  if (d.index && !except) return d.index.names.has(key);
  return d.s.members.some((m) => m !== except && nameKey(m.name) === key);
}

const memberIndex = (s: SessionState, id: string): number => s.members.findIndex((m) => m.id === id);
const hasNote = (s: SessionState, id: string): boolean => s.notes.some((n) => n.id === id);
const endTurn = (s: SessionState): void => {
  s.turn = { memberId: null, startedAt: null };
};

function hasContribution(d: Draft, id: string): boolean {
  return d.index ? d.index.contributions.get(id) === true : d.s.contributions.some((c) => c.id === id);
}

/** Standing or removed: a contribution id is used once for good (the balance engine agrees). */
function contributionIdUsed(d: Draft, id: string): boolean {
  return d.index ? d.index.contributions.has(id) : hasContribution(d, id) || d.s.removedContributionIds.includes(id);
}

// Anonymous mode. Turning it on once named dots exist would mix named and anonymous
// votes under one cap; turning it off once anonymous dots exist would let a member vote
// again by name. Both are refused, here and in `decide`.
const ANONYMITY_HANDLERS: Pick<Handlers, 'anonymity.set' | 'notes.revealed' | 'votes.tallied'> = {
  'anonymity.set': ({ s }, e) => {
    if (e.on === s.anonymous) return OK;
    if (e.on && s.votes.length > 0) return 'invalid';
    if (!e.on && hasTallies(s)) return 'invalid';
    s.anonymous = e.on;
    return OK;
  },
  'notes.revealed': (d, e) => {
    if (!d.s.anonymous) return 'invalid';
    for (const memberId of Object.keys(e.counts)) if (!hasMember(d, memberId)) return 'unknown-id';
    return OK; // the counts are for the balance engine; the notes came just before
  },
  'votes.tallied': ({ s }, e) => {
    if (!s.anonymous) return 'invalid';
    let dots = 0;
    for (const [noteId, n] of Object.entries(e.totals)) {
      if (!hasNote(s, noteId)) return 'unknown-id';
      dots += n;
    }
    if (dots > dotsPerMember(s) * s.members.length) return 'vote-cap';
    s.voteTotals = { ...e.totals };
    return OK;
  },
};

export const hasTallies = (s: SessionState): boolean => Object.values(s.voteTotals).some((n) => n > 0);

/** Dots on each note: named votes plus the anonymous tally. What a board shows. */
export function voteCounts(s: SessionState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of s.votes) counts.set(v.noteId, (counts.get(v.noteId) ?? 0) + 1);
  for (const [noteId, n] of Object.entries(s.voteTotals)) counts.set(noteId, (counts.get(noteId) ?? 0) + n);
  return counts;
}

const HANDLERS: Handlers = {
  'session.created': ({ s }, e) => {
    Object.assign(s, { id: e.sessionId, title: e.title, teamId: e.teamId, createdAt: e.at, facilitatorId: e.actor });
    s.deck = e.deck;
    s.settings = e.settings;
  },
  'session.renamed': ({ s }, e) => {
    const title = cleanName(e.title, MAX_TITLE).name;
    if (title === '') return 'invalid';
    s.title = title;
    return OK;
  },
  'member.added': (d, e) => {
    if (hasMember(d, e.memberId)) return 'invalid';
    const name = cleanName(e.name).name;
    if (name === '') return 'invalid';
    const key = nameKey(name);
    if (nameTaken(d, key)) return 'duplicate-name';
    d.s.members.push({ id: e.memberId, name, present: true, joinedLate: e.joinedLate === true, joinedAtSeq: d.s.seq });
    d.index?.members.add(e.memberId);
    d.index?.names.add(key);
    return OK;
  },
  'member.renamed': (d, e) => {
    const i = memberIndex(d.s, e.memberId);
    const m = d.s.members[i];
    if (!m) return 'unknown-id';
    const name = cleanName(e.name).name;
    if (name === '') return 'invalid';
    const key = nameKey(name);
    if (nameTaken(d, key, m)) return 'duplicate-name';
    d.index?.names.delete(nameKey(m.name));
    d.index?.names.add(key);
    d.s.members[i] = { ...m, name };
    return OK;
  },
  'member.presence': ({ s }, e) => {
    const i = memberIndex(s, e.memberId);
    const m = s.members[i];
    if (!m) return 'unknown-id';
    if (m.present === e.present) return;
    const { leftAtSeq: _left, ...rest } = m;
    if (!e.present && s.turn.memberId === m.id) endTurn(s);
    s.members[i] = e.present ? { ...rest, present: true } : { ...rest, present: false, leftAtSeq: s.seq };
    return OK;
  },
  'facilitator.set': (d, e) => {
    if (!hasMember(d, e.memberId)) return 'unknown-id';
    d.s.facilitatorId = e.memberId;
    return OK;
  },
  'phase.changed': ({ s }, e) => {
    if (e.from !== s.phase) return 'stale';
    s.phase = e.phase;
    for (const p of e.skipped) if (!s.skippedPhases.includes(p)) s.skippedPhases.push(p);
    endTurn(s);
    return OK;
  },
  'stage.moved': ({ s }, e) => {
    if (e.from !== s.depth) return 'stale';
    s.depth = e.to;
    if (e.to !== e.from) s.promptId = null;
    const move = { eventId: e.id, seq: s.seq, at: e.at, from: e.from, to: e.to, kind: e.kind, override: e.override };
    s.stageMoves.push(e.gate ? { ...move, gate: { ...e.gate } } : move);
    return OK;
  },
  'prompt.shown': ({ s }, e) => {
    if (!s.deck.prompts.some((p) => p.id === e.promptId)) return 'unknown-id';
    s.promptId = e.promptId;
    s.shownPromptIds.push(e.promptId);
    return OK;
  },
  'turn.started': (d, e) => {
    if (!hasMember(d, e.memberId)) return 'unknown-id';
    d.s.turn = { memberId: e.memberId, startedAt: e.at };
    return OK;
  },
  'turn.ended': ({ s }) => endTurn(s),
  'contribution.added': (d, e) => {
    if (!hasMember(d, e.memberId)) return 'unknown-id';
    if (contributionIdUsed(d, e.contributionId)) return 'invalid';
    d.s.contributions.push(toContribution(d.s, e));
    d.index?.contributions.set(e.contributionId, true);
    if (d.s.turn.memberId === e.memberId) endTurn(d.s); // an answer ends its author's turn
    return OK;
  },
  'contribution.removed': (d, e) => {
    const i = d.s.contributions.findIndex((c) => c.id === e.contributionId);
    if (i < 0) return 'unknown-id';
    d.s.contributions.splice(i, 1);
    d.s.removedContributionIds.push(e.contributionId);
    d.index?.contributions.set(e.contributionId, false);
    return OK;
  },
  'contribution.edited': (d, e) => {
    const { s } = d;
    const i = s.contributions.findIndex((c) => c.id === e.contributionId);
    const c = s.contributions[i];
    if (!c) return 'unknown-id';
    // A pass is a choice, not a disclosure: it has no words to add. Words are never emptied.
    if (c.pass || typeof e.text !== 'string' || e.text.trim() === '') return 'invalid';
    const { truncated: _was, ...rest } = c;
    s.contributions[i] = { ...rest, text: e.text, words: countWords(e.text), ...(e.truncated === true && { truncated: true }) };
    return OK;
  },
  'note.added': (d, e) => {
    const { s } = d;
    // While anonymous, a note with an author could only come from a stale or forged copy.
    if (s.anonymous && e.memberId !== null) return 'forbidden';
    if (hasNote(s, e.noteId)) return 'invalid';
    if (e.memberId !== null && !hasMember(d, e.memberId)) return 'unknown-id';
    if (!deckColumns(s.deck).includes(e.column)) return 'invalid';
    s.notes.push({ id: e.noteId, memberId: e.memberId, text: e.text, column: e.column, groupId: null });
    return OK;
  },
  'note.edited': ({ s }, e) => {
    const i = s.notes.findIndex((n) => n.id === e.noteId);
    const note = s.notes[i];
    if (!note) return 'unknown-id';
    if (typeof e.text !== 'string' || e.text.trim() === '') return 'invalid';
    s.notes[i] = { ...note, text: e.text };
    return OK;
  },
  'note.removed': ({ s }, e) => {
    const i = s.notes.findIndex((n) => n.id === e.noteId);
    if (i < 0) return 'unknown-id';
    s.notes.splice(i, 1);
    // Nothing may point at a note that is gone: its group stands apart, its dots go back.
    for (let k = 0; k < s.notes.length; k++) {
      const n = s.notes[k];
      if (n.groupId === e.noteId) s.notes[k] = { ...n, groupId: null };
    }
    s.votes = s.votes.filter((v) => v.noteId !== e.noteId);
    if (Object.hasOwn(s.voteTotals, e.noteId)) {
      const { [e.noteId]: _gone, ...totals } = s.voteTotals;
      s.voteTotals = totals;
    }
    return OK;
  },
  'note.grouped': ({ s }, e) => {
    const i = s.notes.findIndex((n) => n.id === e.noteId);
    const note = s.notes[i];
    if (!note || (e.groupId !== null && !hasNote(s, e.groupId))) return 'unknown-id';
    s.notes[i] = { ...note, groupId: e.groupId };
    return OK;
  },
  'vote.cast': (d, e) => {
    const { s } = d;
    if (s.anonymous) return 'forbidden'; // anonymous dots are only ever tallied
    if (!hasMember(d, e.memberId) || !hasNote(s, e.noteId)) return 'unknown-id';
    let mine = 0;
    for (const v of s.votes) if (v.memberId === e.memberId) mine++;
    if (mine >= dotsPerMember(s)) return 'vote-cap';
    s.votes.push({ memberId: e.memberId, noteId: e.noteId });
    return OK;
  },
  'vote.retracted': ({ s }, e) => {
    if (s.anonymous) return 'forbidden';
    for (let i = s.votes.length - 1; i >= 0; i--) {
      const v = s.votes[i];
      if (v && v.memberId === e.memberId && v.noteId === e.noteId) return void s.votes.splice(i, 1);
    }
    return 'unknown-id';
  },
  'action.added': (d, e) => {
    const { s } = d;
    if (s.actions.some((a) => a.id === e.actionId)) return 'invalid';
    if (e.ownerId !== null && !hasMember(d, e.ownerId)) return 'unknown-id';
    const action = { id: e.actionId, text: e.text, ownerId: e.ownerId, done: false };
    s.actions.push(e.due !== undefined ? { ...action, due: e.due } : action);
    return OK;
  },
  'action.updated': (d, e) => {
    const { s } = d;
    const i = s.actions.findIndex((a) => a.id === e.actionId);
    const a = s.actions[i];
    if (!a || (e.ownerId != null && !hasMember(d, e.ownerId))) return 'unknown-id';
    s.actions[i] = {
      ...a,
      ...(e.text !== undefined && { text: e.text }),
      ...(e.ownerId !== undefined && { ownerId: e.ownerId }),
      ...(e.due !== undefined && { due: e.due }),
      ...(e.done !== undefined && { done: e.done }),
    };
    return OK;
  },
  'action.removed': ({ s }, e) => {
    const i = s.actions.findIndex((a) => a.id === e.actionId);
    if (i < 0) return 'unknown-id';
    s.actions.splice(i, 1);
    return OK;
  },
  'checkout.added': (d, e) => {
    const { s } = d;
    if (!hasMember(d, e.memberId)) return 'unknown-id';
    const checkout = e.roti !== undefined ? { memberId: e.memberId, text: e.text, roti: e.roti } : { memberId: e.memberId, text: e.text };
    const i = s.checkouts.findIndex((c) => c.memberId === e.memberId);
    if (i >= 0) s.checkouts[i] = checkout; // one check-out each; the latest wins
    else s.checkouts.push(checkout);
    return OK;
  },
  'nudge.dismissed': ({ s }, e) => {
    if (!s.dismissedNudges.includes(e.nudgeId)) s.dismissedNudges.push(e.nudgeId);
  },
  'session.ended': ({ s }, e) => {
    s.endedAt = e.at;
    s.phase = 'ended';
    endTurn(s);
  },
  ...ANONYMITY_HANDLERS,
};

function toContribution(s: SessionState, e: EventOf<'contribution.added'>): Contribution {
  const c: Contribution = {
    id: e.contributionId,
    memberId: e.memberId,
    promptId: e.promptId,
    phase: e.phase,
    depth: e.depth,
    topic: e.topic,
    text: e.text,
    // A pass is a choice, not a disclosure: it carries no words even if text slipped in.
    words: e.pass ? 0 : countWords(e.text),
    pass: e.pass,
    at: e.at,
    seq: s.seq,
  };
  if (e.actor !== e.memberId) c.recordedBy = e.actor;
  if (e.seconds !== undefined) c.seconds = e.seconds;
  if (e.truncated) c.truncated = true;
  return c;
}
