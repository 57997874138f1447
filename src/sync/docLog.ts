// The session as a Yjs document: one Y.Array of events, appended to only by the authority,
// and a small Y.Map with the authority's clock. Any machine follows the array into a
// SessionReplica; every element is validated, since a document is untrusted input too.
import type * as Y from 'yjs';
import type { BalanceSettings } from '../domain/balance';
import { parseSessionEvent } from '../domain/persistence';
import { SessionReplica } from '../domain/replica';
import type { SessionEvent } from '../domain/types';

export const EVENTS_KEY = 'events';
export const META_KEY = 'meta';
/** Transaction origin of the authority's own appends. */
export const AUTHORITY_ORIGIN = 'reciprocity-authority';

export const eventsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(EVENTS_KEY);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(META_KEY);

/** Appends decided events in one transaction (one update), stamped with the authority's clock. */
export function appendEvents(doc: Y.Doc, events: readonly SessionEvent[], now: number): void {
  if (events.length === 0) return;
  doc.transact(() => {
    eventsOf(doc).push(events.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    metaOf(doc).set('now', now);
  }, AUTHORITY_ORIGIN);
}

/** The events of a document, validated; malformed elements are skipped and counted. */
export function readEvents(doc: Y.Doc): { events: SessionEvent[]; invalid: number } {
  const events: SessionEvent[] = [];
  let invalid = 0;
  for (const raw of eventsOf(doc).toArray()) {
    const parsed = parseSessionEvent(raw);
    if (parsed.ok) events.push(parsed.event);
    else invalid++;
  }
  return { events, invalid };
}

/**
 * Follows a document: appends are applied to the replica one by one; anything else (a
 * concurrent insert from another server instance landing before our own) rebuilds it,
 * so every replica always folds the array's own order.
 */
export class DocFollower {
  private raw = 0;
  events: SessionEvent[] = [];
  invalid = 0;
  replica: SessionReplica;
  /** The authority's clock at its last append, and this machine's clock when it arrived. */
  clock: { authority: number; local: number } | null = null;
  private readonly array: Y.Array<unknown>;
  private readonly handler: (e: Y.YArrayEvent<unknown>) => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly settings: Partial<BalanceSettings>,
    private readonly onChange: (follower: DocFollower) => void = () => undefined,
  ) {
    this.array = eventsOf(doc);
    this.replica = new SessionReplica([], settings);
    this.rebuild();
    this.handler = (e) => this.changed(e);
    this.array.observe(this.handler);
  }

  /** Milliseconds on the authority's clock now, estimated from the last append. */
  authorityNow(localNow: number = Date.now()): number {
    return this.clock ? this.clock.authority + (localNow - this.clock.local) : localNow;
  }

  dispose(): void {
    this.array.unobserve(this.handler);
  }

  private changed(e: Y.YArrayEvent<unknown>): void {
    const delta = e.changes.delta;
    const appended = delta.length === 1 && delta[0]?.insert !== undefined ? 0 : delta.length === 2 && delta[0]?.retain === this.raw && delta[1]?.insert !== undefined ? this.raw : -1;
    if (appended === this.raw && appended >= 0) {
      const inserted = (delta[delta.length - 1]?.insert ?? []) as unknown[];
      for (const raw of inserted) {
        this.raw++;
        const parsed = parseSessionEvent(raw);
        if (!parsed.ok) {
          this.invalid++;
          continue;
        }
        this.events.push(parsed.event);
        this.replica.apply(parsed.event);
      }
    } else {
      this.rebuild();
    }
    const now = metaOf(this.doc).get('now');
    if (typeof now === 'number' && Number.isFinite(now)) this.clock = { authority: now, local: Date.now() };
    this.onChange(this);
  }

  private rebuild(): void {
    const { events, invalid } = readEvents(this.doc);
    this.raw = this.array.length;
    this.events = events;
    this.invalid = invalid;
    this.replica = new SessionReplica(events, this.settings);
  }
}
