// Turn order: a round-robin over the people present, in roster order, that first offers
// the floor to whoever has not answered yet. Quick turns that go round build more liking
// than long one-sided ones, so the suggestion always moves on from the current speaker.
import { hasAnsweredAt, hasPassedAt, tallyByMember } from './answered';
import type { Member, SessionState } from './types';

/** Present members in roster order, starting after `afterId` (which comes last, if present). */
export function rotation(state: SessionState, afterId: string | null): Member[] {
  const members = state.members;
  const start = afterId === null ? 0 : members.findIndex((m) => m.id === afterId) + 1;
  const out: Member[] = [];
  for (let k = 0; k < members.length; k++) {
    const m = members[(start + k) % members.length];
    if (m && m.present) out.push(m);
  }
  return out;
}

/** Who spoke last: the current turn, else the latest contribution. */
export function currentSpeaker(state: SessionState): string | null {
  if (state.turn.memberId !== null) return state.turn.memberId;
  return state.contributions[state.contributions.length - 1]?.memberId ?? null;
}

/**
 * 0: has not answered (or passed) at this depth; 1: answered at this depth but not this
 * prompt; 2: answered this prompt; 3: passed at this depth, and so not invited again.
 */
function tierOf(state: SessionState): (memberId: string) => number {
  const tally = tallyByMember(state.contributions);
  const atPrompt = new Set<string>();
  if (state.promptId !== null) for (const c of state.contributions) if (!c.pass && c.promptId === state.promptId) atPrompt.add(c.memberId);
  return (id) => {
    const t = tally.get(id);
    if (!t) return 0;
    if (hasPassedAt(t.disclosures, t.passes, state.depth)) return 3;
    if (!hasAnsweredAt(t.disclosures, state.depth)) return 0;
    return state.promptId === null || atPrompt.has(id) ? 2 : 1;
  };
}

/**
 * The suggested next speaker. `preference` is a ranking from the balance engine
 * (quietest first); it decides among people equally due in the round-robin, so the
 * quiet are invited first without anyone answering twice before others once.
 */
export function suggestNext(state: SessionState, preference?: readonly string[]): string | null {
  const speaker = currentSpeaker(state);
  const order = rotation(state, speaker);
  const others = order.filter((m) => m.id !== speaker);
  const pool = others.length > 0 ? others : order;
  if (pool.length === 0) return null;
  const tier = tierOf(state);
  const best = Math.min(...pool.map((m) => tier(m.id)));
  const due = pool.filter((m) => tier(m.id) === best);
  if (!preference || preference.length === 0) return due[0]?.id ?? null;
  const rank = new Map(preference.map((id, i) => [id, i]));
  let chosen = due[0];
  for (const m of due) {
    if ((rank.get(m.id) ?? Infinity) < (rank.get(chosen?.id ?? '') ?? Infinity)) chosen = m;
  }
  return chosen?.id ?? null;
}

/** Present members who have neither answered nor passed at the current depth yet. */
export function waitingAtDepth(state: SessionState): string[] {
  const tier = tierOf(state);
  return rotation(state, null)
    .filter((m) => tier(m.id) === 0)
    .map((m) => m.id);
}
