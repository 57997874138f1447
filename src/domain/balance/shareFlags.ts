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
import { exposureOffset, judgedPrefix, leastDominant, roundMissedBy } from './presentOrder';
import { judgedMarks, judgedMedian } from './ranking';
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
 * null after roster, presence or removal events, which take the full check, except a member
 * joining (`joined`), which has a shortcut of its own.
 */
export function evaluateShareFlags(
  core: BalanceCore, seq: number, at: number, changed: MemberState | null, joined = false,
): void {
  const n = core.present.length;
  const ready = n > 0 && core.presentTurns > 0 && core.presentTurns >= core.settings.minTurnsPerMember * n;
  const before = core.activeShareFlags;
  if (n === 0 || (!ready && before === 0)) {
    core.lastCheck.valid = false;
    return;
  }
  const quick = core.shortcut && (changed ? shortcut(core, changed, ready, seq, at) : joined && joinShortcut(core, ready, seq, at));
  if (!quick) fullCheck(core, ready, seq, at);
  if (core.activeShareFlags !== before) syncGroupNudges(core, seq, at);
}

/**
 * Every judged member against the median. Only members present for the minimum sample are
 * judged, and they come first in the order by time present, so the work is the judged
 * members' (issue 12: it was a pass over the whole roster after every event). They are
 * checked in join order, as the roster lists them, so nudges keep one order.
 *
 * When the judged have all been present for the same turns (everyone present, or everyone
 * but some late joiners not judged yet), their rates share one denominator and raw amounts
 * are compared; the shortcuts below then apply.
 */
function fullCheck(core: BalanceCore, ready: boolean, seq: number, at: number): void {
  const { present } = core;
  const n = present.length;
  const teamTurns = core.turnLog.total;
  const driverTotal = teamDriverTotal(core);
  const judged = judgedPrefix(core);
  const order = core.byExposure;
  const uniform = judged === 0 || exposureOffset(order[0]) === exposureOffset(order[judged - 1]);
  const last = core.lastCheck;
  last.valid = uniform && driverTotal > 0;
  last.ready = ready;
  last.judgedCount = judged;
  last.orderVersion = core.orderVersion;
  last.n = n;
  last.missed = null;
  last.unjudgedDominant = false;
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
    const x = uniform ? amount : amount / (m.exposureClosed + teamTurns - m.exposureBase);
    rates[i] = x;
    scratch[i] = x;
  }
  const median = medianInPlace(scratch, judged);
  const t0 = order[0].exposureClosed + teamTurns - order[0].exposureBase;
  const toShare = uniform ? teamTurns / (t0 * driverTotal) : teamTurns / driverTotal;
  const th = setThresholds(core, ready, median, toShare);
  const missed = roundMissedBy(core);
  for (let i = 0; i < judged; i++) checkMember(core, members[i], rates[i], members[i] === missed, th, seq, at);
  last.missed = missed !== null && missed.judged ? missed : null;
  for (const m of core.dominantMembers) {
    if (!m.judged) {
      last.unjudgedDominant = true;
      break;
    }
  }
}

/**
 * Whether the last full check's thresholds still hold but for the shares and the fair share:
 * the same judged members (so the same median, checked by the caller where amounts moved),
 * all present for the same turns, the same readiness, and nobody unjudged with a dominant
 * flag (the shortcuts look only at the judged).
 */
function sameJudged(core: BalanceCore, ready: boolean): boolean {
  const last = core.lastCheck;
  if (!last.valid || last.ready !== ready || last.unjudgedDominant) return false;
  const judged = judgedPrefix(core);
  return judged === last.judgedCount && core.orderVersion === last.orderVersion;
}

/**
 * After one contribution, when the judged share one stretch of presence and their median did
 * not move, nobody else's comparison with the median changed, and everyone else's share
 * only fell: so only the contributor, the dominant (their share fell) and the still-silent
 * (a round may have closed) need a look. Returns false when the full check is needed.
 */
function shortcut(core: BalanceCore, changed: MemberState, ready: boolean, seq: number, at: number): boolean {
  if (!sameJudged(core, ready)) return false;
  const last = core.lastCheck;
  const judged = last.judgedCount;
  if (judged === 0) return true;
  const driverTotal = teamDriverTotal(core);
  if (driverTotal === 0 || judgedMedian(core, judged) !== last.median) return false;
  // Same median, roster and readiness as the last full check: its thresholds still hold.
  const th = last;
  const first = core.byExposure[0];
  const teamTurns = core.turnLog.total;
  th.toShare = teamTurns / ((first.exposureClosed + teamTurns - first.exposureBase) * driverTotal);
  if (changed.judged) checkMember(core, changed, amountOf(core, changed), false, th, seq, at);
  // Everyone else's share fell by the same factor, and their amounts did not move: a
  // dominant flag now clears for the least amounts first, so the look stops at the first
  // member who keeps theirs (their quiet flag cannot change: same amount, same median).
  // (Usually nobody is dominant: then no closure is made, on the path of every event.)
  if (core.dominantMembers.length > 0) {
    for (let m = leastDominant(core); m !== null; m = leastDominant(core)) {
      if (m !== changed) checkMember(core, m, amountOf(core, m), false, th, seq, at);
      if (m.dominant !== null) break;
    }
  }
  // Of those still silent, only someone the round has now closed on can change: everyone
  // else's comparisons are the last check's. At most one member meets it (presentOrder.ts).
  const missed = roundMissedBy(core);
  last.missed = missed !== null && missed.judged ? missed : null;
  if (last.missed !== null) checkMember(core, last.missed, amountOf(core, last.missed), true, th, seq, at);
  return true;
}

/**
 * After a member joined (silent, so not judged): amounts, turns, the judged and their median
 * are the last check's, and only the fair share fell (one more present). So a dominant flag
 * may now be raised, for the largest amounts first, and nobody's flag clears; the round that
 * had closed on someone is open again (the newcomer has not spoken). Issue 12: each late
 * joiner took the full check of everyone judged.
 */
function joinShortcut(core: BalanceCore, ready: boolean, seq: number, at: number): boolean {
  if (!sameJudged(core, ready)) return false;
  const last = core.lastCheck;
  const n = core.present.length;
  if (n !== last.n + 1) return false;
  last.n = n;
  const judged = last.judgedCount;
  if (judged === 0) return true;
  const th = last;
  th.fair = 1 / n;
  th.keepFair = th.fair * (1 - core.settings.hysteresis);
  const wasMissed = last.missed;
  const missed = roundMissedBy(core);
  last.missed = missed !== null && missed.judged ? missed : null;
  if (wasMissed !== null && wasMissed !== last.missed) checkMember(core, wasMissed, amountOf(core, wasMissed), false, th, seq, at);
  if (last.missed !== null) checkMember(core, last.missed, amountOf(core, last.missed), true, th, seq, at);
  // The judged by amount, largest first, past those already dominant, until one is not raised.
  const ranked = core.ranked;
  const marks = judgedMarks(core);
  for (let k = judged - 1; k >= 0; k--) {
    const m = ranked[marks.select(k)];
    if (m.dominant !== null) continue;
    checkMember(core, m, amountOf(core, m), m === last.missed, th, seq, at);
    if (m.dominant === null) break;
  }
  return true;
}
