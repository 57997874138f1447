// Ids and time are injected everywhere in the domain so tests (and replays) are
// deterministic; the defaults work in Node 20 and in the webview alike.

/** Makes a fresh, globally unique id. */
export type NewId = () => string;
/** Milliseconds since the epoch. */
export type Clock = () => number;

export const randomId: NewId = () => globalThis.crypto.randomUUID();
export const systemClock: Clock = () => Date.now();

/** Predictable ids for tests: `e1`, `e2`, … */
export function sequentialIds(prefix = 'id'): NewId {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** A clock that advances by `stepMs` on every read, for tests. */
export function steppingClock(start = 1_700_000_000_000, stepMs = 1000): Clock {
  let t = start - stepMs;
  return () => (t += stepMs);
}
