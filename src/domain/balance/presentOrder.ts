// Two orders over the present members that keep the share-flag check from scanning the
// whole roster after every event (issue 12: when each new member spoke at once, every
// event took a pass over everyone, so 10k members took 5.5 s and 20k took 34 s).
//
// - By last act: a list oldest act first. An act moves its member to the end in O(1), so
//   "nothing after a full round" (which only the one member with the oldest act can meet)
//   is a look at the first two.
// - By time present: members who have been present for more team turns first. Whether a
//   member is judged yet (the minimum sample since they arrived) is then a prefix.
//
// Rare events (a member leaving or coming back, a turn withdrawn) mark an order stale, and
// it is rebuilt by a sort when next read.
import { GrowableFenwick } from './fenwick';
import type { BalanceCore, MemberState } from './state';

// ---------------------------------------------------------------------------------
// By last act

/** After a member joined the present for the first time: no act yet, so first in line. */
export function actJoin(core: BalanceCore, m: MemberState): void {
  if (core.actStale) return;
  if (m.lastActSeq !== -1) {
    core.actStale = true;
    return;
  }
  m.actPrev = null;
  m.actNext = core.actHead;
  if (core.actHead) core.actHead.actPrev = m;
  else core.actTail = m;
  core.actHead = m;
}

/** After a present member acted (their last act is now the newest): to the end of the line. */
export function actMoved(core: BalanceCore, m: MemberState): void {
  if (core.actStale || !m.present || core.actTail === m) return;
  // Unlink…
  if (m.actPrev) m.actPrev.actNext = m.actNext;
  else core.actHead = m.actNext;
  if (m.actNext) m.actNext.actPrev = m.actPrev;
  // …and append.
  m.actPrev = core.actTail;
  m.actNext = null;
  if (core.actTail) core.actTail.actNext = m;
  core.actTail = m;
  if (core.actHead === null) core.actHead = m;
}

function rebuildActOrder(core: BalanceCore): void {
  const sorted = core.present.slice().sort((a, b) => a.lastActSeq - b.lastActSeq || a.idx - b.idx);
  let prev: MemberState | null = null;
  for (const m of sorted) {
    m.actPrev = prev;
    m.actNext = null;
    if (prev) prev.actNext = m;
    prev = m;
  }
  core.actHead = sorted[0] ?? null;
  core.actTail = prev;
  core.actStale = false;
}

/**
 * The member who has stayed silent since arriving while every other present member acted,
 * or null. Only the one whose last act is the oldest can be that member, and only when no
 * one shares that oldest act (two who never spoke cannot both have been waited on).
 */
export function roundMissedBy(core: BalanceCore): MemberState | null {
  if (core.actStale) rebuildActOrder(core);
  const first = core.actHead;
  const second = first?.actNext;
  if (!first || !second) return null;
  // Two sharing the oldest act fail this too: the second's act is then before `since`.
  const since = first.presentSinceSeq;
  return first.lastActSeq < since && second.lastActSeq > since ? first : null;
}

// ---------------------------------------------------------------------------------
// By time present

/** Team turns a present member has been present for, less the team's total (fixed between presence changes). */
const offset = (m: MemberState): number => m.exposureClosed - m.exposureBase;

/** After a member joined the present for the first time: usually the shortest present, so last. */
export function exposureJoin(core: BalanceCore, m: MemberState): void {
  if (core.exposureStale) return;
  const order = core.byExposure;
  const last = order[order.length - 1];
  // The newcomer has the highest idx, so join order still holds if it goes last.
  if (last !== undefined && offset(last) < offset(m)) core.exposureStale = true;
  else {
    m.exposureAt = order.length;
    order.push(m);
    if (core.flagMarksVersion === core.orderVersion) {
      core.dominantMarks.append(m.dominant !== null ? 1 : 0);
      core.quietMarks.append(m.quiet !== null ? 1 : 0);
    }
  }
}

/**
 * Present members, longest present first (join order among equals). The judged members
 * (present for at least the minimum sample) are a prefix of it. Usually that is also join
 * order (`core.exposureInJoinOrder`): nobody has left and come back.
 */
export function byExposure(core: BalanceCore): readonly MemberState[] {
  if (core.exposureStale) {
    const order = core.present.slice().sort((a, b) => offset(b) - offset(a) || a.idx - b.idx);
    let joinOrder = true;
    for (let i = 1; i < order.length && joinOrder; i++) joinOrder = order[i - 1].idx < order[i].idx;
    core.byExposure = order;
    core.exposureInJoinOrder = joinOrder;
    core.exposureStale = false;
    // Another order: its judged prefix is found afresh.
    for (let i = 0; i < order.length; i++) {
      order[i].exposureAt = i;
      setJudged(core, order[i], false);
    }
    core.judgedCount = 0;
    core.marksStale = true;
    core.orderVersion++;
  }
  return core.byExposure;
}

/**
 * How many present members are judged (present for the minimum sample, and for at least one
 * turn): a prefix of byExposure, found by binary search. Members entering or leaving it get
 * `judged` set, and their marks in the ranking moved: O(log n + those that changed).
 */
export function judgedPrefix(core: BalanceCore): number {
  const order = byExposure(core);
  const n = order.length;
  const minExposure = core.settings.minTurnsPerMember * n;
  const teamTurns = core.turnLog.total;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = order[mid];
    const t = m.exposureClosed + teamTurns - m.exposureBase;
    if (t > 0 && t >= minExposure) lo = mid + 1;
    else hi = mid;
  }
  let j = core.judgedCount;
  const marks = core.marksStale ? null : core.judgedMarks;
  while (j < lo) {
    const m = order[j++];
    setJudged(core, m, true);
    marks?.add(m.rank, 1);
  }
  while (j > lo) {
    const m = order[--j];
    setJudged(core, m, false);
    marks?.add(m.rank, -1);
  }
  core.judgedCount = lo;
  return lo;
}

/** Sets MemberState.judged, keeping the count of the dominant who are not judged. */
export function setJudged(core: BalanceCore, m: MemberState, judged: boolean): void {
  if (m.judged === judged) return;
  m.judged = judged;
  if (m.dominant !== null) core.unjudgedDominant += judged ? -1 : 1;
}

/**
 * The dominant and the quiet marked at their positions in byExposure (read it first), built
 * afresh after the order was: O(n) then, as its sort was O(n log n). Kept by `flagMarked`.
 */
export function flagMarks(core: BalanceCore): void {
  if (core.flagMarksVersion === core.orderVersion) return;
  const dominant = new GrowableFenwick();
  const quiet = new GrowableFenwick();
  for (const m of core.byExposure) {
    dominant.append(m.dominant !== null ? 1 : 0);
    quiet.append(m.quiet !== null ? 1 : 0);
  }
  core.dominantMarks = dominant;
  core.quietMarks = quiet;
  core.flagMarksVersion = core.orderVersion;
}

/** A dominant or quiet flag raised (+1) or cleared (−1): its mark moves with it while the marks hold. */
export function flagMarked(core: BalanceCore, m: MemberState, kind: 'dominant' | 'quiet', delta: 1 | -1): void {
  if (kind === 'dominant' && !m.judged) core.unjudgedDominant += delta;
  // Stale marks are rebuilt when next read (the order is, so its version moves on).
  if (core.flagMarksVersion !== core.orderVersion || core.exposureStale || m.exposureAt < 0) return;
  (kind === 'dominant' ? core.dominantMarks : core.quietMarks).add(m.exposureAt, delta);
}

/** The member's offset in byExposure's order (team turns present, less the team's total). */
export const exposureOffset = (m: MemberState): number => m.exposureClosed - m.exposureBase;

/** After presence or withdrawn turns moved someone's time present: rebuild both orders when next read. */
export function presentOrdersStale(core: BalanceCore): void {
  core.actStale = true;
  core.exposureStale = true;
}

// ---------------------------------------------------------------------------------
// The dominant, least amount first

/**
 * A min-heap of dominant members keyed by their amount when pushed. Entries go stale (a
 * flag cleared, an amount grown) and are settled when they reach the top. While amounts
 * only grow, a key is at most its member's amount, so the top is the least dominant amount;
 * a withdrawn or edited turn can lower one, and marks the heap for a rebuild.
 */
export function dominantPushed(core: BalanceCore, m: MemberState): void {
  if (core.dominantHeapStale) return;
  const heap = core.dominantHeap;
  const keys = core.dominantKeys;
  let i = heap.length;
  const key = m.driverValue(core.settings.driver);
  heap.push(m);
  keys.push(key);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[parent] <= key) break;
    heap[i] = heap[parent];
    keys[i] = keys[parent];
    i = parent;
  }
  heap[i] = m;
  keys[i] = key;
}

function popDominant(core: BalanceCore): void {
  const heap = core.dominantHeap;
  const keys = core.dominantKeys;
  const m = heap.pop() as MemberState;
  const key = keys.pop() as number;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && keys[child + 1] < keys[child]) child++;
    if (keys[child] >= key) break;
    heap[i] = heap[child];
    keys[i] = keys[child];
    i = child;
  }
  heap[i] = m;
  keys[i] = key;
}

function rebuildDominantHeap(core: BalanceCore): void {
  core.dominantHeap = [];
  core.dominantKeys = [];
  core.dominantHeapStale = false;
  for (const m of core.dominantMembers) dominantPushed(core, m);
}

/**
 * The dominant member with the least amount, or null: entries whose flag has cleared or
 * whose amount has grown since they were pushed are settled on the way. A check whose
 * clearing rule is monotone in the amount visits it, and asks again only if it cleared the
 * flag: everyone after has at least as much. No closure per call: this is on the path of
 * every contribution while someone is dominant.
 */
export function leastDominant(core: BalanceCore): MemberState | null {
  if (core.dominantHeapStale) rebuildDominantHeap(core);
  const heap = core.dominantHeap;
  while (heap.length > 0) {
    const m = heap[0];
    if (m.dominant !== null && core.dominantKeys[0] === m.driverValue(core.settings.driver)) return m;
    popDominant(core);
    // Spoke since it was pushed: back in at the amount it has now.
    if (m.dominant !== null) dominantPushed(core, m);
  }
  return null;
}
