// Present members kept sorted by their driver amount, so the median is a read rather than
// a selection, and a shortcut can tell that a contribution left the median where it was.
import { GrowableFenwick } from './fenwick';
import type { BalanceCore, MemberState } from './state';

function amount(core: BalanceCore, m: MemberState): number {
  return m.driverValue(core.settings.driver);
}

/** After the roster or presence changed: sort afresh (rare, O(n log n)). */
export function rebuildRanking(core: BalanceCore): void {
  const ranked = core.present.slice().sort((a, b) => amount(core, a) - amount(core, b) || a.idx - b.idx);
  for (let i = 0; i < ranked.length; i++) ranked[i].rank = i;
  for (const m of core.members) if (!m.present) m.rank = -1;
  core.ranked = ranked;
  core.marksStale = true;
}

/**
 * A member who just joined (amount 0, so usually no move at all): appended and slid into
 * place, instead of sorting the whole roster again on every member.added (issue 12).
 */
export function insertRanked(core: BalanceCore, m: MemberState): void {
  m.rank = core.ranked.length;
  core.ranked.push(m);
  if (!core.marksStale) core.judgedMarks.append(m.judged ? 1 : 0);
  reposition(core, m);
}

/**
 * After one member's amount changed: move them to their place. Only amounts are ever read
 * from the ranking (the median, the Gini), so the order among equal amounts is free: the
 * member swaps with the far end of each block of equal amounts it passes, found by binary
 * search. That is O(log n) per distinct amount passed, where sliding one place at a time
 * was O(n) when a roster of silent members first spoke.
 */
export function reposition(core: BalanceCore, m: MemberState): void {
  if (!m.present || m.rank < 0) return;
  const r = core.ranked;
  const v = amount(core, m);
  let i = m.rank;
  // Up: r[i+1..] is sorted; jump to the last member of the next block while it is below v.
  while (i + 1 < r.length) {
    const w = amount(core, r[i + 1]);
    if (!(w < v)) break;
    let lo = i + 1;
    let hi = r.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (amount(core, r[mid]) <= w) lo = mid;
      else hi = mid - 1;
    }
    swap(core, r, i, lo);
    i = lo;
  }
  // Down: r[..i-1] is sorted; jump to the first member of the previous block while it is above v.
  while (i > 0) {
    const w = amount(core, r[i - 1]);
    if (!(w > v)) break;
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (amount(core, r[mid]) >= w) hi = mid;
      else lo = mid + 1;
    }
    swap(core, r, i, lo);
    i = lo;
  }
}

function swap(core: BalanceCore, r: MemberState[], i: number, j: number): void {
  if (i === j) return;
  const a = r[i];
  const b = r[j];
  r[i] = b;
  b.rank = i;
  r[j] = a;
  a.rank = j;
  if (a.judged !== b.judged && !core.marksStale) {
    const d = a.judged ? -1 : 1;
    core.judgedMarks.add(i, d);
    core.judgedMarks.add(j, -d);
  }
}

/** The marks of the judged in the ranking (1 where judged), rebuilt if stale: O(n) then. */
export function judgedMarks(core: BalanceCore): GrowableFenwick {
  if (core.marksStale) {
    const marks = new GrowableFenwick();
    for (const m of core.ranked) marks.append(m.judged ? 1 : 0);
    core.judgedMarks = marks;
    core.marksStale = false;
  }
  return core.judgedMarks;
}

/**
 * The median amount of the judged members: the judged among the ranked, by their marks.
 * O(log n), where a selection over the judged is O(judged) on every event.
 */
export function judgedMedian(core: BalanceCore, judged: number): number {
  const r = core.ranked;
  if (judged === 0) return 0;
  // Everyone present judged (the usual case): the ranking's own middle, without the marks.
  if (judged === r.length) return rankedMedian(core);
  const marks = judgedMarks(core);
  const mid = judged >> 1;
  const upper = amount(core, r[marks.select(mid)]);
  return judged & 1 ? upper : (amount(core, r[marks.select(mid - 1)]) + upper) / 2;
}

/** Whether the judged all have the same amount: the least and the largest, O(log n). */
export function judgedAmountsEqual(core: BalanceCore, judged: number): boolean {
  const r = core.ranked;
  if (judged === r.length) return amount(core, r[0]) === amount(core, r[judged - 1]);
  const marks = judgedMarks(core);
  return amount(core, r[marks.select(0)]) === amount(core, r[marks.select(judged - 1)]);
}

export function rankedMedian(core: BalanceCore): number {
  const r = core.ranked;
  const n = r.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n & 1 ? amount(core, r[mid]) : (amount(core, r[mid - 1]) + amount(core, r[mid])) / 2;
}
