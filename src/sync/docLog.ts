// The session as a Yjs document: one Y.Array of events, appended to only by the authority,
// and a small Y.Map with the authority's clock. Any machine follows the array into a
// SessionReplica; every element is validated, since a document is untrusted input too.
import * as Y from 'yjs';
import type { BalanceSettings } from '../domain/balance';
import { plainEventHolds } from '../domain/fastEvents';
import { parseSessionEvent } from '../domain/persistence';
import { SessionReplica } from '../domain/replica';
import type { SessionEvent } from '../domain/types';

export const EVENTS_KEY = 'events';
export const META_KEY = 'meta';
/** Transaction origin of the authority's own appends. */
export const AUTHORITY_ORIGIN = 'reciprocity-authority';

export const eventsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(EVENTS_KEY);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(META_KEY);

/** How far the last event's time may be from the authority's clock for it to stand for that clock. */
const CLOCK_SLACK_MS = 1_000;

/**
 * Appends decided events in one transaction (one update). The authority's clock travels
 * with them: each event it decides carries its time (`at`). Only when the last one does
 * not (opening events stamped on the facilitator's machine, events replayed after a
 * restart) is the clock also set in the meta map: a map entry in every append cost each
 * member's machine a third of its Yjs work per event.
 */
export function appendEvents(doc: Y.Doc, events: readonly SessionEvent[], now: number): void {
  if (events.length === 0) return;
  doc.transact(() => {
    // insert at the end, not push: Yjs's push walks from the array's start (or its last
    // search marker, and nothing else sets one here) to the end, O(length of the log).
    const array = eventsOf(doc);
    array.insert(array.length, events.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    const last = events[events.length - 1];
    if (!(Math.abs(now - last.at) <= CLOCK_SLACK_MS)) metaOf(doc).set('now', now);
  }, AUTHORITY_ORIGIN);
}

/**
 * One element of the array, validated. Every replica checks every event it receives, so
 * this runs once per event on each member's machine: the hand-written check vouches for
 * the plain events (valibot would accept them and copy them unchanged), and anything it
 * is not sure of goes to valibot, whose answer and message stand.
 */
export function parseDocEvent(raw: unknown): { ok: true; event: SessionEvent } | { ok: false; error: string } {
  return plainEventHolds(raw) ? { ok: true, event: raw as SessionEvent } : parseSessionEvent(raw);
}

/** The events of a document, validated; malformed elements are skipped and counted. */
export function readEvents(doc: Y.Doc): { events: SessionEvent[]; invalid: number } {
  const events: SessionEvent[] = [];
  let invalid = 0;
  for (const raw of eventsOf(doc).toArray()) {
    const parsed = parseDocEvent(raw);
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
  /** How often the replica was rebuilt from the whole array (once at the start). */
  rebuilds = 0;
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
    const appended = this.appended(e.transaction);
    let latest: SessionEvent | undefined;
    if (appended) {
      for (const raw of appended) {
        this.raw++;
        const parsed = parseDocEvent(raw);
        if (!parsed.ok) {
          this.invalid++;
          continue;
        }
        this.events.push(parsed.event);
        this.replica.apply(parsed.event);
        latest = parsed.event;
      }
    } else {
      this.rebuild();
    }
    // The authority's clock: set in the meta map by this transaction, or else the time of
    // the last event it appended (see appendEvents).
    const meta = metaOf(this.doc);
    const now = (e.transaction.changed as Map<unknown, unknown>).has(meta) ? meta.get('now') : latest?.at;
    if (typeof now === 'number' && Number.isFinite(now)) this.clock = { authority: now, local: Date.now() };
    this.onChange(this);
  }

  /**
   * The elements a transaction appended to the array, in order, or null when it did
   * anything else (an insertion before the end, a deletion): then the replica is rebuilt.
   *
   * Neither e.changes nor array.get: Yjs computes the first by walking the whole array,
   * and a remote update clears the search markers the second relies on, so either made
   * each append O(length of the log) for every replica (each append is its own item:
   * the clock in the meta map sits between the authority's appends). The new items are
   * found in the store by their clocks instead, and checked to be the array's tail.
   */
  private appended(tr: Y.Transaction): unknown[] | null {
    try {
      if (this.deletedFromArray(tr)) return null;
      const added = new Set<Y.Item>();
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0;
        const structs = tr.doc.store.clients.get(client);
        if (after <= before || !structs) continue;
        for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
          const struct = structs[i];
          if (struct instanceof Y.Item && struct.parent === this.array && !struct.deleted && struct.countable) added.add(struct);
        }
      }
      const out: unknown[] = [];
      if (added.size > 0) {
        const alive = (item: Y.Item | null, step: 'left' | 'right'): Y.Item | null => {
          while (item !== null && (item.deleted || !item.countable)) item = item[step];
          return item;
        };
        let first: Y.Item | undefined;
        for (const item of added) {
          const before = alive(item.left, 'left');
          if (before === null || !added.has(before)) {
            if (first !== undefined) return null; // two runs: something landed before the end
            first = item;
          }
        }
        // From the first new item to the end of the array: nothing but new items.
        let count = 0;
        for (let item = alive(first ?? null, 'right'); item !== null; item = alive(item.right, 'right')) {
          if (!added.has(item)) return null;
          count++;
          out.push(...(item.content.getContent() as unknown[]));
        }
        if (count !== added.size) return null;
      }
      return this.raw + out.length === this.array.length ? out : null;
    } catch {
      return null; // anything unexpected: rebuild, which is always right
    }
  }

  /**
   * Whether the transaction deleted an element of the array (each append deletes the
   * meta map's previous clock, which does not count). Reads the store without changing it.
   */
  private deletedFromArray(tr: Y.Transaction): boolean {
    for (const [client, deletes] of tr.deleteSet.clients) {
      const structs = tr.doc.store.clients.get(client);
      if (!structs) continue;
      for (const d of deletes) {
        for (let i = Y.findIndexSS(structs, d.clock); i < structs.length && structs[i].id.clock < d.clock + d.len; i++) {
          const struct = structs[i];
          if (struct instanceof Y.Item && struct.parent === this.array) return true;
        }
      }
    }
    return false;
  }

  private rebuild(): void {
    this.rebuilds++;
    const { events, invalid } = readEvents(this.doc);
    this.raw = this.array.length;
    this.events = events;
    this.invalid = invalid;
    this.replica = new SessionReplica(events, this.settings);
  }
}
