// The session reducer: state = fold(applyEvent, events). Pure from the outside (old
// states never change), mutable inside: replay folds into one owned draft, and a single
// applyEvent copies only the arrays the event touches. Events that name unknown ids are
// ignored rather than thrown on, because a merged (synced) log may carry them.
import { countWords, cleanName } from './text';
import type { Contribution, Member, SessionEvent, SessionEventType, SessionState } from './types';

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
    seq: 0,
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
}

const lineages = new WeakMap<SessionState, Lineage>();

function lineageOf(state: SessionState): Lineage {
  const found = lineages.get(state);
  if (!found) return { seen: new Map(), tip: state.seq };
  if (found.tip === state.seq) return found;
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
] as const satisfies readonly (keyof SessionState)[];
type ArrayKey = (typeof ARRAY_KEYS)[number];

const TOUCHES: Readonly<Record<SessionEventType, readonly ArrayKey[]>> = {
  'session.created': [],
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
  'contribution.removed': ['contributions'],
  'note.added': ['notes'],
  'note.grouped': ['notes'],
  'vote.cast': ['votes'],
  'vote.retracted': ['votes'],
  'action.added': ['actions'],
  'action.updated': ['actions'],
  'action.removed': ['actions'],
  'checkout.added': ['checkouts'],
  'session.ended': [],
};

function copyArray<K extends ArrayKey>(draft: SessionState, key: K): void {
  draft[key] = draft[key].slice() as SessionState[K];
}

/** Applies one event; returns the same state for a duplicate event id. */
export function applyEvent(state: SessionState, event: SessionEvent): SessionState {
  const lineage = lineageOf(state);
  const seenAt = lineage.seen.get(event.id);
  if (seenAt !== undefined && seenAt < state.seq) return state;
  const draft: SessionState = { ...state };
  // `?? []`: an event type from a newer build is skipped, but still takes its seq.
  for (const key of TOUCHES[event.type] ?? []) copyArray(draft, key);
  reduceInto({ s: draft, contributionIds: null }, event);
  lineage.seen.set(event.id, state.seq);
  lineage.tip = draft.seq;
  lineages.set(draft, lineage);
  return draft;
}

/**
 * Folds events into an owned draft in O(1) amortised per event. Replay uses it; a host
 * that keeps a live session can too, taking a snapshot after each batch.
 */
export class SessionBuilder {
  private readonly draft: Draft = { s: emptyState(), contributionIds: new Set() };
  private readonly seen = new Map<string, number>();

  /** Returns false (and changes nothing) for an event id already applied. */
  apply(event: SessionEvent): boolean {
    if (this.seen.has(event.id)) return false;
    this.seen.set(event.id, this.draft.s.seq);
    reduceInto(this.draft, event);
    return true;
  }

  /** An immutable copy of the state so far; the builder stays usable. */
  snapshot(): SessionState {
    const s = this.draft.s;
    const out: SessionState = { ...s };
    for (const key of ARRAY_KEYS) copyArray(out, key);
    lineages.set(out, { seen: new Map(this.seen), tip: out.seq });
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
// them: those may be shared with older states, so a change replaces the object.

interface Draft {
  s: SessionState;
  /** Index for replay; null in single-event mode, where a scan is cheap enough. */
  contributionIds: Set<string> | null;
}

type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
type Handlers = { [T in SessionEventType]: (d: Draft, e: EventOf<T>) => void };

function reduceInto(d: Draft, event: SessionEvent): void {
  const handler = HANDLERS[event.type] as ((d: Draft, e: SessionEvent) => void) | undefined;
  handler?.(d, event);
  d.s.seq += 1;
}

const memberIndex = (s: SessionState, id: string): number => s.members.findIndex((m) => m.id === id);
const hasMember = (s: SessionState, id: string): boolean => memberIndex(s, id) >= 0;
const hasNote = (s: SessionState, id: string): boolean => s.notes.some((n) => n.id === id);
const endTurn = (s: SessionState): void => {
  s.turn = { memberId: null, startedAt: null };
};

function hasContribution(d: Draft, id: string): boolean {
  return d.contributionIds ? d.contributionIds.has(id) : d.s.contributions.some((c) => c.id === id);
}

function replaceMember(s: SessionState, id: string, change: (m: Member) => Member): void {
  const i = memberIndex(s, id);
  const m = s.members[i];
  if (m) s.members[i] = change(m);
}

const HANDLERS: Handlers = {
  'session.created': ({ s }, e) => {
    if (s.id !== '') return; // a second creation in a merged log must not reset the session
    Object.assign(s, { id: e.sessionId, title: e.title, teamId: e.teamId, createdAt: e.at });
    s.deck = e.deck;
    s.settings = e.settings;
  },
  'member.added': ({ s }, e) => {
    if (hasMember(s, e.memberId)) return;
    const joinedLate = s.firstContributionSeq !== undefined;
    s.members.push({ id: e.memberId, name: cleanName(e.name).name, present: true, joinedLate, joinedAtSeq: s.seq });
  },
  'member.renamed': ({ s }, e) => replaceMember(s, e.memberId, (m) => ({ ...m, name: cleanName(e.name).name })),
  'member.presence': ({ s }, e) =>
    replaceMember(s, e.memberId, (m) => {
      if (m.present === e.present) return m;
      const { leftAtSeq: _left, ...rest } = m;
      if (!e.present && s.turn.memberId === m.id) endTurn(s);
      return e.present ? { ...rest, present: true } : { ...rest, present: false, leftAtSeq: s.seq };
    }),
  'facilitator.set': ({ s }, e) => {
    if (e.memberId === null || hasMember(s, e.memberId)) s.facilitatorId = e.memberId;
  },
  'phase.changed': ({ s }, e) => {
    s.phase = e.phase;
    for (const p of e.skipped) if (!s.skippedPhases.includes(p)) s.skippedPhases.push(p);
    endTurn(s);
  },
  'stage.moved': ({ s }, e) => {
    const from = s.depth;
    s.depth = e.to;
    if (e.to !== from) s.promptId = null;
    const move = { seq: s.seq, at: e.at, from, to: e.to, kind: e.kind, override: e.override };
    s.stageMoves.push(e.gate ? { ...move, gate: { ...e.gate } } : move);
  },
  'prompt.shown': ({ s }, e) => {
    if (!s.deck.prompts.some((p) => p.id === e.promptId)) return;
    s.promptId = e.promptId;
    s.shownPromptIds.push(e.promptId);
  },
  'turn.started': ({ s }, e) => {
    if (hasMember(s, e.memberId)) s.turn = { memberId: e.memberId, startedAt: e.at };
  },
  'turn.ended': ({ s }) => endTurn(s),
  'contribution.added': (d, e) => {
    const { s } = d;
    if (!hasMember(s, e.memberId) || hasContribution(d, e.contributionId)) return;
    s.contributions.push(toContribution(s, e));
    d.contributionIds?.add(e.contributionId);
    s.firstContributionSeq ??= s.seq;
  },
  'contribution.removed': (d, e) => {
    const i = d.s.contributions.findIndex((c) => c.id === e.contributionId);
    if (i < 0) return;
    d.s.contributions.splice(i, 1);
    d.contributionIds?.delete(e.contributionId);
  },
  'note.added': ({ s }, e) => {
    if (hasNote(s, e.noteId) || (e.memberId !== null && !hasMember(s, e.memberId))) return;
    s.notes.push({ id: e.noteId, memberId: e.memberId, text: e.text, column: e.column, groupId: null });
  },
  'note.grouped': ({ s }, e) => {
    const i = s.notes.findIndex((n) => n.id === e.noteId);
    const note = s.notes[i];
    if (note) s.notes[i] = { ...note, groupId: e.groupId };
  },
  'vote.cast': ({ s }, e) => {
    if (hasMember(s, e.memberId) && hasNote(s, e.noteId)) s.votes.push({ memberId: e.memberId, noteId: e.noteId });
  },
  'vote.retracted': ({ s }, e) => {
    for (let i = s.votes.length - 1; i >= 0; i--) {
      const v = s.votes[i];
      if (v && v.memberId === e.memberId && v.noteId === e.noteId) return void s.votes.splice(i, 1);
    }
  },
  'action.added': ({ s }, e) => {
    if (s.actions.some((a) => a.id === e.actionId)) return;
    if (e.ownerId !== null && !hasMember(s, e.ownerId)) return;
    const action = { id: e.actionId, text: e.text, ownerId: e.ownerId, done: false };
    s.actions.push(e.due !== undefined ? { ...action, due: e.due } : action);
  },
  'action.updated': ({ s }, e) => {
    const i = s.actions.findIndex((a) => a.id === e.actionId);
    const a = s.actions[i];
    if (!a || (e.ownerId != null && !hasMember(s, e.ownerId))) return;
    s.actions[i] = {
      ...a,
      ...(e.text !== undefined && { text: e.text }),
      ...(e.ownerId !== undefined && { ownerId: e.ownerId }),
      ...(e.due !== undefined && { due: e.due }),
      ...(e.done !== undefined && { done: e.done }),
    };
  },
  'action.removed': ({ s }, e) => {
    const i = s.actions.findIndex((a) => a.id === e.actionId);
    if (i >= 0) s.actions.splice(i, 1);
  },
  'checkout.added': ({ s }, e) => {
    if (!hasMember(s, e.memberId)) return;
    const checkout = e.roti !== undefined ? { memberId: e.memberId, text: e.text, roti: e.roti } : { memberId: e.memberId, text: e.text };
    const i = s.checkouts.findIndex((c) => c.memberId === e.memberId);
    if (i >= 0) s.checkouts[i] = checkout; // one check-out each; the latest wins
    else s.checkouts.push(checkout);
  },
  'session.ended': ({ s }, e) => {
    if (s.endedAt !== null) return;
    s.endedAt = e.at;
    s.phase = 'ended';
    endTurn(s);
  },
};

function toContribution(s: SessionState, e: EventOf<'contribution.added'>): Contribution {
  const c: Contribution = {
    id: e.contributionId,
    memberId: e.memberId,
    promptId: e.promptId,
    phase: s.phase,
    depth: e.depth,
    topic: e.topic,
    text: e.text,
    // A pass is a choice, not a disclosure: it carries no words even if text slipped in.
    words: e.pass ? 0 : countWords(e.text),
    pass: e.pass,
    at: e.at,
    seq: s.seq,
  };
  if (e.seconds !== undefined) c.seconds = e.seconds;
  if (e.truncated) c.truncated = true;
  return c;
}
