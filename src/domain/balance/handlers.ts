// One handler per event kind that moves the balance. Each does O(1) work on running sums
// (O(members) for the rare roster and stage events) and never rescans the contributions.
import type { SessionEvent } from '../types';
import { checkOverDisclosure, clearMemberFlags, reviewOverDisclosures, reviewSlowDown } from './flags';
import { syncGroupNudges, syncInvite } from './nudges';
import { actJoin, actMoved, exposureJoin, presentOrdersStale, setJudged } from './presentOrder';
import { insertRanked, rebuildRanking, reposition } from './ranking';
import { countAnswers, layerReciprocated, MemberState, type BalanceCore } from './state';
import { fastCountWords } from './words';
import { cleanName } from '../text';

type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;

function isDepth(d: unknown): d is 1 | 2 | 3 | 4 {
  return d === 1 || d === 2 || d === 3 || d === 4;
}

export function addMember(core: BalanceCore, id: string, name: string, seq: number): MemberState {
  // Cleaned as the session reducer cleans it (bidi, zero-width, controls, NFC, length), so the
  // summary and the nudges show the name the panel shows, and nothing hidden rides along.
  const m = new MemberState(
    core.members.length, id, cleanName(name).name, seq, core.anyContribution, core.turnLog.total, core.turnLog.length,
  );
  core.members.push(m);
  core.byId.set(id, m);
  core.present.push(m);
  actJoin(core, m);
  exposureJoin(core, m);
  // O(1) for the usual silent newcomer: a 100k roster must not sort itself 100k times.
  insertRanked(core, m);
  return m;
}

/** As in the session reducer, adding someone already known changes nothing (false). */
export function onMemberAdded(core: BalanceCore, e: EventOf<'member.added'>, seq: number): boolean {
  if (core.byId.has(e.memberId)) return false;
  addMember(core, e.memberId, e.name, seq);
  return true;
}

export function setPresence(core: BalanceCore, m: MemberState, present: boolean, seq: number, at: number): void {
  if (m.present === present) return;
  const teamTurns = core.turnLog.total;
  const sign = present ? 1 : -1;
  core.presentTurns += sign * m.turns;
  core.presentWords += sign * m.words;
  core.presentSeconds += sign * m.seconds;
  core.presentPasses += sign * m.passes;
  countAnswers(core, m, sign);
  if (present) {
    m.present = true;
    m.exposureBase = teamTurns;
    m.presentSinceSeq = seq;
    m.stretches.push(seq, Infinity);
    // Keep join order so that ties and replays come out the same.
    let i = core.present.length;
    while (i > 0 && core.present[i - 1].idx > m.idx) i--;
    core.present.splice(i, 0, m);
  } else {
    m.exposureClosed += teamTurns - m.exposureBase;
    m.present = false;
    setJudged(core, m, false);
    m.stretches[m.stretches.length - 1] = seq;
    core.present.splice(core.present.indexOf(m), 1);
    clearMemberFlags(core, m, seq, at);
  }
  syncInvite(core, m, seq, at);
  rebuildRanking(core);
  presentOrdersStale(core);
}

/** Returns the contributor, or null when the event changed nothing. */
export function onContributionAdded(
  core: BalanceCore, e: EventOf<'contribution.added'>, seq: number,
): MemberState | null {
  const { ledger } = core;
  const m = core.byId.get(e.memberId);
  // The session reducer drops contributions from unknown members; so do we, to agree with it.
  if (!m || !isDepth(e.depth)) return null;
  const pass = e.pass === true;
  const d = ledger.draft;
  d.member = m.idx;
  d.depth = e.depth;
  d.stage = core.depth;
  d.pass = pass;
  d.words = pass ? 0 : fastCountWords(e.text);
  d.seconds = !pass && typeof e.seconds === 'number' && Number.isFinite(e.seconds) && e.seconds > 0 ? e.seconds : 0;
  d.seq = seq;
  d.turnOrd = pass ? -1 : core.turnLog.length;
  d.prevAct = m.lastAct;
  d.prevTurn = m.lastTurn;
  const c = ledger.add(e.contributionId, d);
  if (c < 0) return null; // a contribution id already seen, as the session reducer ignores it
  if (!pass) core.turnLog.append(1);
  m.lastAct = c;
  m.lastActSeq = seq;
  actMoved(core, m);
  if (!pass) m.lastTurn = c;
  core.anyContribution = true;
  tally(core, m, c, 1);
  syncInvite(core, m, seq, e.at);
  reviewOverDisclosures(core, seq, e.at);
  checkOverDisclosure(core, m, c, seq, e.at);
  reviewSlowDown(core, seq, e.at);
  return m;
}

export function onContributionRemoved(core: BalanceCore, e: EventOf<'contribution.removed'>, seq: number): boolean {
  const { ledger } = core;
  const c = ledger.find(e.contributionId);
  if (c < 0) return false;
  const m = core.members[ledger.member(c)];
  tally(core, m, c, -1);
  const last = ledger.remove(c, m.lastAct, m.lastTurn);
  m.lastAct = last.lastAct;
  m.lastTurn = last.lastTurn;
  m.lastActSeq = last.lastAct < 0 ? -1 : ledger.seq(last.lastAct);
  // Their last act may be older now, and a withdrawn turn shortens time present.
  presentOrdersStale(core);
  syncInvite(core, m, seq, e.at);
  if (!ledger.pass(c)) {
    core.turnLog.add(ledger.turnOrd(c), -1);
    withdrawExposure(core, ledger.seq(c));
  }
  reviewOverDisclosures(core, seq, e.at);
  return true;
}

/**
 * Words added to an answer on record (a tallied turn's words, afterwards): the turn is taken
 * out of every running sum and put back with its new word count. False when nothing changed.
 */
export function onContributionEdited(core: BalanceCore, e: EventOf<'contribution.edited'>): boolean {
  const { ledger } = core;
  const c = ledger.find(e.contributionId);
  if (c < 0 || ledger.pass(c) || typeof e.text !== 'string') return false;
  const words = fastCountWords(e.text);
  if (words === ledger.words(c)) return false;
  const m = core.members[ledger.member(c)];
  tally(core, m, c, -1);
  ledger.setWords(c, words);
  tally(core, m, c, 1);
  return true;
}

/** Adds (sign 1) or takes back (sign −1) one contribution from every running sum. */
function tally(core: BalanceCore, m: MemberState, c: number, sign: 1 | -1): void {
  const { ledger } = core;
  // An amount that shrinks may undercut its key in the heap of the dominant.
  if (sign < 0) core.dominantHeapStale = true;
  const depth = ledger.depth(c);
  const stage = ledger.stage(c);
  core.stageContributions[stage - 1] += sign;
  if (ledger.pass(c)) {
    m.passes += sign;
    m.passesByDepth[depth - 1] += sign;
    core.stagePasses[stage - 1] += sign;
    if (m.present) core.presentPasses += sign;
    return;
  }
  const words = ledger.words(c);
  const seconds = ledger.seconds(c);
  m.turns += sign;
  m.words += sign * words;
  m.seconds += sign * seconds;
  if (m.present) countAnswers(core, m, -1);
  m.disclosures[depth - 1] += sign;
  if (m.present) countAnswers(core, m, 1);
  core.stageDepthCount[(stage - 1) * 4 + depth - 1] += sign;
  if (m.present) {
    core.presentTurns += sign;
    core.presentWords += sign * words;
    core.presentSeconds += sign * seconds;
    reposition(core, m);
  }
}

/**
 * A removed turn no longer counts towards anyone's time present. Rare, so a pass over the
 * roster and its presence stretches is fine here.
 */
function withdrawExposure(core: BalanceCore, turnSeq: number): void {
  for (const m of core.members) {
    const s = m.stretches;
    for (let i = 0; i < s.length; i += 2) {
      if (turnSeq < s[i]) {
        // Taken before the current stretch began: the stretch's baseline shrinks with it.
        if (m.present && i === s.length - 2) m.exposureBase--;
      } else if (turnSeq < s[i + 1] && !(m.present && i === s.length - 2)) {
        m.exposureClosed--;
      }
    }
  }
}

export function onStageMoved(core: BalanceCore, e: EventOf<'stage.moved'>, seq: number): void {
  if (!isDepth(e.to) || e.to === core.depth) return;
  // Moving deeper before the current depth was reciprocated asks for patience.
  if (e.to > core.depth && core.slowDownFrom === null && !layerReciprocated(core, core.depth)) core.slowDownFrom = core.depth;
  core.depth = e.to;
  core.reached[e.to - 1] = true;
  for (const m of core.present) syncInvite(core, m, seq, e.at);
  reviewOverDisclosures(core, seq, e.at);
  reviewSlowDown(core, seq, e.at);
  syncGroupNudges(core, seq, e.at);
}
