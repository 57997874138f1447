// The dominant and quiet rules, with a minimum sample and hysteresis. They are re-checked
// after every event that can move a share, so they are a pure function of the event
// prefix: a replay from scratch raises and clears the same flags at the same seqs.
//
// Rates per team turn present are compared rather than shares: the common factor cancels,
// and only the fair-share test needs the conversion. Late joiners are thereby judged over
// the turns taken since they arrived. When everyone present has been present for the same
// turns (the usual case) the rate's denominator is shared too, and raw amounts are compared.
import { clear, raise } from './flags';
import { syncGroupNudges } from './nudges';
import { byExposure, clearDominantFromLeast, roundMissedBy } from './presentOrder';
import { rankedMedian } from './ranking';
import { driverTotal as teamDriverTotal, type BalanceCore, type MemberState, type ShareCheck } from './state';
import { medianInPlace } from './stats';

/** Derives the thresholds from the median; kept in `core.lastCheck` for the shortcut. */
function setThresholds(core: BalanceCore, ready: boolean, median: number, toShare: number): ShareCheck {
  const s = core.settings;
  const t = core.lastCheck;
  t.ready = ready;
  t.median = median;
  t.toShare = toShare;
  t.fair = 1 / core.present.length;
  t.domRaise = s.highFactor * median;
  t.domKeep = (s.highFactor - s.hysteresis) * median;
  t.quietRaise = s.lowFactor * median;
  t.quietKeep = (s.lowFactor + s.hysteresis) * median;
  t.keepFair = t.fair * (1 - s.hysteresis);
  return t;
}

/**
 * Rates over uneven presence are fractions, so 3/5 and 1.5 × 2/5 can differ in the last
 * bit. Comparisons treat values this close as equal, so a tie falls the same way whether
 * the engine compared whole numbers or fractions (and the same way as a naive reference).
 */
const TIE = 1e-9;
const above = (x: number, limit: number): boolean => x > limit + TIE * Math.max(1, Math.abs(limit));
const below = (x: number, limit: number): boolean => x < limit - TIE * Math.max(1, Math.abs(limit));

function checkMember(core: BalanceCore, m: MemberState, x: number, roundMissed: boolean, t: ShareCheck, seq: number, at: number): void {
  if (m.dominant === null) {
    if (t.ready && above(x, t.domRaise) && above(x * t.toShare, t.fair)) m.dominant = raise(core, m, 'dominant', seq, at);
  } else if (below(x, t.domKeep) || below(x * t.toShare, t.keepFair)) m.dominant = clear(core, m.dominant, seq, at);
  if (m.quiet === null) {
    if (t.ready && (below(x, t.quietRaise) || roundMissed)) m.quiet = raise(core, m, 'quiet', seq, at);
  } else if (!below(x, t.quietKeep) && !roundMissed) m.quiet = clear(core, m.quiet, seq, at);
}

const amountOf = (core: BalanceCore, m: MemberState): number =>
  m.driverValue(core.settings.driver);

/**
 * Re-checks the flags after an event. `changed` is the member whose contribution it was;
 * null after roster, presence or removal events, which always take the full check.
 */
export function evaluateShareFlags(core: BalanceCore, seq: number, at: number, changed: MemberState | null): void {
  const n = core.present.length;
  const ready = n > 0 && core.presentTurns > 0 && core.presentTurns >= core.settings.minTurnsPerMember * n;
  const before = core.activeShareFlags;
  if (n === 0 || (!ready && before === 0)) {
    core.lastCheck.valid = false;
    return;
  }
  if (!(changed && core.shortcut && shortcut(core, changed, ready, seq, at))) fullCheck(core, ready, seq, at);
  if (core.activeShareFlags !== before) syncGroupNudges(core, seq, at);
}

/**
 * Every judged member against the median. Only members present for the minimum sample are
 * judged, and they come first in the order by time present, so the work is the judged
 * members' (issue 12: it was a pass over the whole roster after every event). They are
 * checked in join order, as the roster lists them, so nudges keep one order.
 */
function fullCheck(core: BalanceCore, ready: boolean, seq: number, at: number): void {
  const { present } = core;
  const n = present.length;
  const teamTurns = core.turnLog.total;
  const driverTotal = teamDriverTotal(core);
  const minExposure = core.settings.minTurnsPerMember * n;
  const order = byExposure(core);
  let judged = 0;
  while (judged < n) {
    const m = order[judged];
    const t = m.exposureClosed + teamTurns - m.exposureBase;
    if (!(t > 0 && t >= minExposure)) break;
    judged++;
  }
  const last = core.lastCheck;
  last.valid = core.uniform && driverTotal > 0;
  last.ready = ready;
  last.judged = judged > 0;
  last.median = NaN;
  if (judged === 0 || driverTotal === 0) return;
  const members = judged === n ? present : core.exposureInJoinOrder ? order : order.slice(0, judged).sort((a, b) => a.idx - b.idx);
  if (core.rates.length < judged) {
    core.rates = new Float64Array(judged * 2);
    core.scratch = new Float64Array(judged * 2);
  }
  const { rates, scratch } = core;
  for (let i = 0; i < judged; i++) {
    const m = members[i];
    const amount = amountOf(core, m);
    const x = core.uniform ? amount : amount / (m.exposureClosed + teamTurns - m.exposureBase);
    rates[i] = x;
    scratch[i] = x;
  }
  const median = medianInPlace(scratch, judged);
  const t0 = present[0].exposureClosed + teamTurns - present[0].exposureBase;
  const toShare = core.uniform ? teamTurns / (t0 * driverTotal) : teamTurns / driverTotal;
  const th = setThresholds(core, ready, median, toShare);
  const missed = roundMissedBy(core);
  for (let i = 0; i < judged; i++) checkMember(core, members[i], rates[i], members[i] === missed, th, seq, at);
}

/**
 * After one contribution, when everyone shares one stretch of presence and the median did
 * not move, nobody else's comparison with the median changed, and everyone else's share
 * only fell: so only the contributor, the dominant (their share fell) and the still-silent
 * (a round may have closed) need a look. Returns false when the full check is needed.
 */
function shortcut(core: BalanceCore, changed: MemberState, ready: boolean, seq: number, at: number): boolean {
  const last = core.lastCheck;
  if (!core.uniform || !last.valid || last.ready !== ready) return false;
  const { present } = core;
  const n = present.length;
  const teamTurns = core.turnLog.total;
  const t0 = present[0].exposureClosed + teamTurns - present[0].exposureBase;
  const judged = t0 > 0 && t0 >= core.settings.minTurnsPerMember * n;
  if (judged !== last.judged) return false;
  if (!judged) return true;
  const driverTotal = teamDriverTotal(core);
  if (driverTotal === 0 || rankedMedian(core) !== last.median) return false;
  // Same median, roster and readiness as the last full check: its thresholds still hold.
  const th = last;
  th.toShare = teamTurns / (t0 * driverTotal);
  if (changed.present) checkMember(core, changed, amountOf(core, changed), false, th, seq, at);
  // Everyone else's share fell by the same factor, and their amounts did not move: a
  // dominant flag now clears for the least amounts first, so the look stops at the first
  // member who keeps theirs (their quiet flag cannot change: same amount, same median).
  // (Usually nobody is dominant: then no closure is made, on the path of every event.)
  if (core.dominantMembers.length > 0) {
    clearDominantFromLeast(core, (m) => {
      if (m !== changed) checkMember(core, m, amountOf(core, m), false, th, seq, at);
      return m.dominant === null;
    });
  }
  // Of those still silent, only someone the round has now closed on can change: everyone
  // else's comparisons are the last check's. At most one member meets it (presentOrder.ts).
  const missed = roundMissedBy(core);
  if (missed !== null) checkMember(core, missed, amountOf(core, missed), true, th, seq, at);
  return true;
}
