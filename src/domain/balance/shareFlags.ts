// The dominant and quiet rules, with a minimum sample and hysteresis. They are re-checked
// after every event that can move a share, so they are a pure function of the event
// prefix: a replay from scratch raises and clears the same flags at the same seqs.
//
// Rates per team turn present are compared rather than shares: the common factor cancels,
// and only the fair-share test needs the conversion. Late joiners are thereby judged over
// the turns taken since they arrived. When everyone present has been present for the same
// turns (the usual case) the rate's denominator is shared too, and raw amounts are compared.
import { clear, raise } from './flags';
import { exposureOffset, flagMarks, judgedPrefix, leastDominant, roundMissedBy } from './presentOrder';
import { judgedAmountsEqual, judgedMarks, judgedMedian } from './ranking';
import { driverTotal as teamDriverTotal, type BalanceCore, type MemberState, type ShareCheck } from './state';
import type { GrowableFenwick } from './fenwick';
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
  // The group nudges follow the flag counts in engine.ts's apply, right after this check.
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
  // A kept count (presentOrder.ts setJudged, flagMarked): the check below visits only the judged.
  last.unjudgedDominant = core.unjudgedDominant > 0;
  if (core.shortcut && judged >= EQUAL_AMOUNTS_FROM && judgedAmountsEqual(core, judged)) {
    equalAmountsCheck(core, ready, judged, uniform, driverTotal, seq, at);
    return;
  }
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
}

/**
 * One judged member takes the plain check, which costs less than the searches and the look-ups
 * of the marks: with a minimum sample of 1 and each member speaking as they join, at most one is
 * judged at any time (balance.speak_on_joining).
 */
const EQUAL_AMOUNTS_FROM = 2;

/** A judged member's rate: the amount per team turn present, or the amount when all share one stretch. */
function rateOf(m: MemberState, amount: number, uniform: boolean, teamTurns: number): number {
  return uniform ? amount : amount / (m.exposureClosed + teamTurns - m.exposureBase);
}

/**
 * The first of the judged (positions [0, judged) of the order, rates never falling) whose
 * rate times `scale` is above `limit` (`strict`, as `above`) or not below it (as `!below`),
 * or `judged` if none: the bound is computed as those two compute it, so a tie falls alike.
 */
function firstFrom(
  order: readonly MemberState[], judged: number, amount: number, uniform: boolean, teamTurns: number,
  scale: number, limit: number, strict: boolean,
): number {
  const slack = TIE * Math.max(1, Math.abs(limit));
  const bound = strict ? limit + slack : limit - slack;
  let lo = 0;
  let hi = judged;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = rateOf(order[mid], amount, uniform, teamTurns) * scale;
    if (strict ? v > bound : !(v < bound)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Pushes the members at the positions in [from, to) of the order whose mark is `marked`. */
function collect(
  core: BalanceCore, marks: GrowableFenwick, marked: boolean, from: number, to: number, out: MemberState[],
): void {
  if (from >= to) return;
  const onesBefore = marks.prefix(from);
  const ones = marks.prefix(to) - onesBefore;
  const count = marked ? ones : to - from - ones;
  const skip = marked ? onesBefore : from - onesBefore;
  for (let j = 0; j < count; j++) {
    out.push(core.byExposure[marked ? marks.select(skip + j) : marks.selectZero(skip + j)]);
  }
}

/**
 * The full check when every judged member has the same amount (issue 12: each member speaks
 * once as they join, with a minimum sample of 0; every event took a pass over everyone judged,
 * 15.9x the work for 4x the members). A rate is then the amount over the time present, which
 * never falls along the order by time present (longest present first): its median is the
 * middle of the judged prefix, and each rule's test (a comparison of the rate, or of the share
 * it scales to, with a threshold) holds on a prefix or a suffix of it, found by binary search.
 * Only the members there whose flag differs can change, found through the marks of the flagged
 * (presentOrder.ts flagMarks), plus the member a round closed on; they are checked in join
 * order, as the full check would, so flags and nudges come out the same. O(log n) per member
 * whose flag changes, where the full check was O(judged).
 */
function equalAmountsCheck(
  core: BalanceCore, ready: boolean, judged: number, uniform: boolean, driverTotal: number, seq: number, at: number,
): void {
  const order = core.byExposure;
  const teamTurns = core.turnLog.total;
  const amount = amountOf(core, order[0]);
  // Sorted by rate, the k-th is at judged − 1 − k: the median as medianInPlace computes it.
  const mid = judged >> 1;
  const upper = rateOf(order[judged - 1 - mid], amount, uniform, teamTurns);
  const median = judged & 1 ? upper : (rateOf(order[judged - mid], amount, uniform, teamTurns) + upper) / 2;
  const t0 = order[0].exposureClosed + teamTurns - order[0].exposureBase;
  const toShare = uniform ? teamTurns / (t0 * driverTotal) : teamTurns / driverTotal;
  const th = setThresholds(core, ready, median, toShare);
  const missed = roundMissedBy(core);
  core.lastCheck.missed = missed !== null && missed.judged ? missed : null;
  // checkMember's tests, each true on a suffix of the judged (or its negation on a prefix);
  // two tests that must both hold hold from the later of their starts. (No closure here: this
  // runs on every event of the shape, and a closure a call was most of its garbage.)
  const raiseDominant = ready
    ? Math.max(
      firstFrom(order, judged, amount, uniform, teamTurns, 1, th.domRaise, true),
      firstFrom(order, judged, amount, uniform, teamTurns, th.toShare, th.fair, true),
    )
    : judged;
  const keepDominant = Math.max(
    firstFrom(order, judged, amount, uniform, teamTurns, 1, th.domKeep, false),
    firstFrom(order, judged, amount, uniform, teamTurns, th.toShare, th.keepFair, false),
  );
  const raiseQuiet = ready ? firstFrom(order, judged, amount, uniform, teamTurns, 1, th.quietRaise, false) : 0;
  const clearQuiet = firstFrom(order, judged, amount, uniform, teamTurns, 1, th.quietKeep, false);
  flagMarks(core);
  const changing = CHANGING;
  collect(core, core.dominantMarks, false, raiseDominant, judged, changing);
  collect(core, core.dominantMarks, true, 0, keepDominant, changing);
  collect(core, core.quietMarks, false, 0, raiseQuiet, changing);
  collect(core, core.quietMarks, true, clearQuiet, judged, changing);
  if (core.lastCheck.missed !== null) changing.push(core.lastCheck.missed);
  if (changing.length === 0) return;
  if (changing.length > 1) changing.sort(byJoin);
  let prev: MemberState | null = null;
  for (const m of changing) {
    if (m !== prev) checkMember(core, m, rateOf(m, amount, uniform, teamTurns), m === missed, th, seq, at);
    prev = m;
  }
  changing.length = 0;
}

/** The members equalAmountsCheck looks at, reused (emptied after each check: it holds no one). */
const CHANGING: MemberState[] = [];
const byJoin = (a: MemberState, b: MemberState): number => a.idx - b.idx;

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
