// Anonymous notes and votes, the pure part. In anonymous mode the authority (team mode)
// holds each note instead of appending it, and reveals all of them at once: shuffled,
// without authors, with ids that say nothing about order or time, and stamped with the
// reveal's time. The only trace of who wrote what is one count per member, for the
// balance engine. Dots are kept per member by the authority (to enforce the cap and
// allow taking one back) and shared as totals only. These functions decide what is held
// and what the reveal appends; where it is held is src/sync/authority.ts's business.
import { refused, type Said } from './said';
import type { NewId } from './ids';
import { dotsPerMember } from './session';
import type { SessionEvent, SessionState } from './types';

/** A note waiting for the reveal. `key` is random (never a time or a counter) and becomes the note's id. */
export interface HeldNote {
  key: string;
  /** Who wrote it, for the count at the reveal only; null when nobody on the roster did. */
  author: string | null;
  text: string;
  column: string;
}

/** Anonymous dots: note ids by member, each list sorted (the order of voting is not kept). */
export type HeldVotes = Record<string, string[]>;

/** A uniform random whole number in [0, n). The authority uses crypto.randomInt. */
export type RandomInt = (n: number) => number;

export interface RevealContext {
  /** The facilitator's actor id: the authority reveals on the facilitator's behalf. */
  actor: string;
  /** The reveal's time, the same on every event it appends. */
  now: number;
  newId: NewId;
  randomInt: RandomInt;
}

/** Puts an item at a random position, so not even the held list keeps the order of arrival. */
export function insertAtRandom<T>(list: readonly T[], item: T, randomInt: RandomInt): T[] {
  const out = list.slice();
  out.splice(randomInt(out.length + 1), 0, item);
  return out;
}

/** Fisher–Yates with the given source of randomness. */
export function shuffle<T>(list: readonly T[], randomInt: RandomInt): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * The events of a reveal: every held note not yet in the log (a reveal interrupted by a
 * crash is not repeated), in a random order, without author, all at `now`, then one
 * `notes.revealed` with how many notes each member wrote. Empty when nothing is left.
 */
export function revealEvents(s: SessionState, held: readonly HeldNote[], ctx: RevealContext): SessionEvent[] {
  const known = new Set(s.notes.map((n) => n.id));
  const members = new Set(s.members.map((m) => m.id));
  const fresh = held.filter((n) => !known.has(n.key));
  if (fresh.length === 0) return [];
  const base = () => ({ id: ctx.newId(), at: ctx.now, actor: ctx.actor });
  const events: SessionEvent[] = shuffle(fresh, ctx.randomInt).map((n) => ({
    ...base(),
    type: 'note.added',
    noteId: n.key,
    memberId: null,
    text: n.text,
    column: n.column,
  }));
  const counts: Record<string, number> = {};
  // Sorted by member id, so not even the key order says who wrote first.
  for (const author of fresh.map((n) => n.author).filter((a): a is string => a !== null && members.has(a)).sort()) {
    counts[author] = (counts[author] ?? 0) + 1;
  }
  events.push({ ...base(), type: 'notes.revealed', counts });
  return events;
}

export type VoteResult = { ok: true; votes: HeldVotes } | { ok: false; error: string; said: Said };

/**
 * One member's anonymous dot, cast or taken back, against the authority's private book.
 * The cap is the session's dots per member, as for named votes.
 */
export function anonymousVote(s: SessionState, votes: HeldVotes, memberId: string, noteId: string, retract: boolean): VoteResult {
  if (!s.members.some((m) => m.id === memberId)) return refused({ key: 'noMember', id: memberId });
  if (!s.notes.some((n) => n.id === noteId)) return refused({ key: 'noNote', id: noteId });
  const mine = Object.hasOwn(votes, memberId) ? (votes[memberId] ?? []) : [];
  let next: string[];
  if (retract) {
    const i = mine.indexOf(noteId);
    if (i < 0) return refused({ key: 'noVoteToRetract' });
    next = [...mine.slice(0, i), ...mine.slice(i + 1)];
  } else {
    const dots = dotsPerMember(s);
    if (mine.length >= dots) return refused({ key: 'dotsUsed', dots });
    next = [...mine, noteId].sort();
  }
  const out: HeldVotes = { ...votes };
  if (next.length > 0) out[memberId] = next;
  else delete out[memberId];
  return { ok: true, votes: out };
}

/** Dots per note id over everyone's anonymous votes: all that is ever shared of them. */
export function voteTotals(votes: HeldVotes): Record<string, number> {
  const totals = new Map<string, number>();
  for (const list of Object.values(votes)) for (const noteId of list) totals.set(noteId, (totals.get(noteId) ?? 0) + 1);
  return Object.fromEntries([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when two tallies give every note the same dots. */
export function sameTotals(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a).filter((k) => (a[k] ?? 0) > 0);
  const kb = Object.keys(b).filter((k) => (b[k] ?? 0) > 0);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}
