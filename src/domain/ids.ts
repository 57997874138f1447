// Ids and time are injected everywhere in the domain so tests (and replays) are
// deterministic; the defaults work in Node 20 and in the webview alike.

/**
 * The longest id anywhere: session files, synced events, the messages to and from the
 * panel. One limit, so an id a file may hold is one the panel may show (issue 12: a
 * 200-character member id loaded, then every snapshot failed the view's 128).
 */
export const MAX_ID_LENGTH = 256;
/** Nudge ids are built from two ids (`invite:<member id>:<event id>`), so they get room for both. */
export const MAX_NUDGE_ID_LENGTH = 2 * MAX_ID_LENGTH + 32;

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
