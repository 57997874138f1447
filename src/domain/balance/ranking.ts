// Present members kept sorted by their driver amount, so the median is a read rather than
// a selection, and a shortcut can tell that a contribution left the median where it was.
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
}

/** After one member's amount changed: slide them to their place, O(distance moved). */
export function reposition(core: BalanceCore, m: MemberState): void {
  if (!m.present || m.rank < 0) return;
  const r = core.ranked;
  const v = amount(core, m);
  let i = m.rank;
  while (i + 1 < r.length && amount(core, r[i + 1]) < v) {
    r[i] = r[i + 1];
    r[i].rank = i;
    i++;
  }
  while (i > 0 && amount(core, r[i - 1]) > v) {
    r[i] = r[i - 1];
    r[i].rank = i;
    i--;
  }
  r[i] = m;
  m.rank = i;
}

export function rankedMedian(core: BalanceCore): number {
  const r = core.ranked;
  const n = r.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n & 1 ? amount(core, r[mid]) : (amount(core, r[mid - 1]) + amount(core, r[mid])) / 2;
}

/**
 * Present throughout the same stretch of team turns? Then rates per turn share one
 * denominator and the flags can compare raw amounts. Recomputed on the rare events that
 * move someone's presence (joins, leaves, removed turns).
 */
export function recomputeUniform(core: BalanceCore): void {
  const p = core.present;
  let uniform = true;
  for (let i = 1; i < p.length && uniform; i++) {
    uniform = p[i].exposureClosed - p[i].exposureBase === p[0].exposureClosed - p[0].exposureBase;
  }
  core.uniform = uniform;
}
