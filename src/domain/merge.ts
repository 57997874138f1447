// Merging two copies of one append-only log, by event identity and causal order, never by
// wall clock. Each writer appends only after what it has seen, so keeping every log's own
// order keeps cause before effect. The log already persisted (or already shared) is the
// base and keeps its order; events only the other copy has follow it, in that copy's order.
// Every replica that adopts the merged log then applies the same events in the same order.
/** `base` order first, then what only `incoming` has; returns `base` itself when nothing is new. */
export function mergeLogs<E extends { id: string }>(base: readonly E[], incoming: readonly E[]): readonly E[] {
  const known = new Set(base.map((e) => e.id));
  const missing = incoming.filter((e) => !known.has(e.id));
  if (missing.length === 0) return base;
  const seen = new Set<string>();
  const out: E[] = [...base];
  for (const e of missing) {
    if (seen.has(e.id)) continue; // a duplicate within the incoming copy
    seen.add(e.id);
    out.push(e);
  }
  return out;
}

