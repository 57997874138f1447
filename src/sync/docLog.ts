// The session as a Yjs document: one Y.Array of events, appended to only by the authority,
// and a small Y.Map with the authority's clock. Any machine follows the array into a
// SessionReplica; every element is validated, since a document is untrusted input too.
//
// Each element is one event as UTF-8 JSON bytes (a Uint8Array), its own Yjs item. Yjs
// merges consecutive items of one client after every transaction, and for JSON values
// (ContentAny) a merge concatenates both arrays: each append copied the whole log so far,
// on the authority and on every member's machine. Binary items are never merged. Documents
// written before (each event a Yjs JSON object) are read as they are, mixed or not.
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
  doc.transact((tr) => {
    const array = eventsOf(doc);
    let left = lastItem(array);
    if (left === null) {
      array.insert(0, events.map(encodeDocEvent));
    } else {
      // What Y.Array#insert does for binary content, after the last item found above:
      // one item per event, left to right.
      for (const e of events) {
        const item: Y.Item = new Y.Item(Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID)), left, left.lastId, null, null, array, null, new Y.ContentBinary(encodeDocEvent(e)));
        item.integrate(tr, 0);
        left = item;
      }
    }
    const last = events[events.length - 1];
    if (!(Math.abs(now - last.at) <= CLOCK_SLACK_MS)) metaOf(doc).set('now', now);
  }, AUTHORITY_ORIGIN);
}

/** The last item of each array appended to, so the next append need not look for it. */
const lastItems = new WeakMap<Y.Array<unknown>, Y.Item>();

/**
 * The array's last item (deleted or not), or null when it has none. Neither push nor
 * insert(length): push walks from the array's start (or its last search marker) to the
 * end, and insert(length) steps back from its search marker over every item of one
 * client with consecutive clocks, which is every append of the log: either made each
 * append O(length of the log). This walks right from the last item found before, over
 * whatever was appended since (another instance's events), O(1) for our own appends.
 */
function lastItem(array: Y.Array<unknown>): Y.Item | null {
  const known = lastItems.get(array);
  // A known item still in the store as itself (not merged into another since).
  let item = known !== undefined && Y.getItem(array.doc!.store, known.id) === known ? known : array._start;
  while (item !== null && item.right !== null) item = item.right;
  if (item !== null) lastItems.set(array, item);
  return item;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** An event as the array holds it: its JSON, in UTF-8. */
export function encodeDocEvent(event: SessionEvent): Uint8Array {
  return utf8.encode(JSON.stringify(event));
}

/**
 * One element of the array, validated: UTF-8 JSON bytes, or (a document written before
 * the bytes) the event as a Yjs JSON object. Every replica checks every event it
 * receives, so this runs once per event on each member's machine: the hand-written check
 * vouches for the plain events (valibot would accept them and copy them unchanged), and
 * anything it is not sure of goes to valibot, whose answer and message stand.
 */
export function parseDocEvent(raw: unknown): { ok: true; event: SessionEvent } | { ok: false; error: string } {
  let value = raw;
  if (raw instanceof Uint8Array) {
    try {
      value = JSON.parse(fromUtf8.decode(raw)) as unknown;
    } catch {
      return { ok: false, error: '(element): not an event in UTF-8 JSON' };
    }
  }
  return plainEventHolds(value) ? { ok: true, event: value as SessionEvent } : parseSessionEvent(value);
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
 * Follows a document: appends are added to the events one by one; anything else (a
 * concurrent insert from another server instance landing before our own) rebuilds them,
 * so every replica always folds the array's own order. The replica (session state and
 * balance engine) folds the new events when it is read, not inside Yjs's update: on the
 * server that is after the update went out to every member, and a member's extension
 * reads it once per frame (16 ms), however many events arrived in it.
 */
export class DocFollower {
  private raw = 0;
  events: SessionEvent[] = [];
  invalid = 0;
  /** How often the replica was rebuilt from the whole array (once at the start). */
  rebuilds = 0;
  /** Changes whenever `events` is not just appended to (a rebuild, expected events taken back). */
  generation = 0;
  private folded: SessionReplica;
  /** How many of `events` the replica has folded. */
  private foldedCount = 0;
  /** The authority's clock at its last append, and this machine's clock when it arrived. */
  clock: { authority: number; local: number } | null = null;
  /**
   * How many events at the end of `events` were decided by this machine's owner (the
   * authority) and are not in the document yet: see expect().
   */
  private ahead = 0;
  private readonly array: Y.Array<unknown>;
  private readonly handler: (e: Y.YArrayEvent<unknown>) => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly settings: Partial<BalanceSettings>,
    private readonly onChange: (follower: DocFollower) => void = () => undefined,
  ) {
    this.array = eventsOf(doc);
    this.folded = new SessionReplica([], settings);
    this.rebuild();
    this.handler = (e) => this.changed(e);
    this.array.observe(this.handler);
  }

  /** The session so far: every event of the array, folded in the array's order. */
  get replica(): SessionReplica {
    const events = this.events;
    for (let i = this.foldedCount; i < events.length; i++) this.folded.apply(events[i]);
    this.foldedCount = events.length;
    return this.folded;
  }

  /** Milliseconds on the authority's clock now, estimated from the last append. */
  authorityNow(localNow: number = Date.now()): number {
    return this.clock ? this.clock.authority + (localNow - this.clock.local) : localNow;
  }

  dispose(): void {
    this.array.unobserve(this.handler);
  }

  /**
   * The authority's own events, decided and about to be appended (once they are durable):
   * they are followed at once, so the next request of the same batch is decided on a
   * session that holds them. When the authority's transaction brings them into the
   * document they are not read back (it wrote them); anything else arriving first
   * (another instance's events) goes before them, as it will in the document.
   */
  expect(events: readonly SessionEvent[]): void {
    for (const e of events) this.events.push(e);
    this.ahead += events.length;
  }

  /** Takes back the expected events (their storage failed): the session is as the document says. */
  withdraw(): void {
    if (this.ahead === 0) return;
    this.dropAhead();
    this.onChange(this);
  }

  /** Removes the expected events; the replica starts again if it had folded them. */
  private dropAhead(): SessionEvent[] {
    const dropped = this.events.splice(this.events.length - this.ahead, this.ahead);
    this.ahead = 0;
    this.generation++;
    if (this.foldedCount > this.events.length) {
      this.folded = new SessionReplica([], this.settings);
      this.foldedCount = 0;
    }
    return dropped;
  }

  private changed(e: Y.YArrayEvent<unknown>): void {
    const tr = e.transaction;
    let expected: SessionEvent[] = [];
    if (this.ahead > 0) {
      const count = this.ahead;
      const mine = tr.local && tr.origin === AUTHORITY_ORIGIN ? this.appended(tr) : null;
      if (mine !== null && mine.length === count) {
        // The authority's own append of what it expected: already followed.
        this.raw += count;
        this.ahead = 0;
        this.setClock(tr, this.events[this.events.length - 1]);
        this.onChange(this);
        return;
      }
      // Something else came first: it is followed as usual, then the expected events again.
      expected = this.dropAhead();
      if (mine !== null) expected = []; // (not expected to happen) the append differs: read as it is
    }
    this.follow(tr);
    if (expected.length > 0) this.expect(expected);
    this.onChange(this);
  }

  private follow(tr: Y.Transaction): void {
    const appended = this.appended(tr);
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
        latest = parsed.event;
      }
    } else {
      this.rebuild();
    }
    this.setClock(tr, latest);
  }

  /**
   * The authority's clock: set in the meta map by this transaction, or else the time of
   * the last event it appended (see appendEvents).
   */
  private setClock(tr: Y.Transaction, latest: SessionEvent | undefined): void {
    const meta = metaOf(this.doc);
    const now = (tr.changed as Map<unknown, unknown>).has(meta) ? meta.get('now') : latest?.at;
    if (typeof now === 'number' && Number.isFinite(now)) this.clock = { authority: now, local: Date.now() };
  }

  /**
   * The elements a transaction appended to the array, in order, or null when it did
   * anything else (an insertion before the end, a deletion): then the replica is rebuilt.
   *
   * Neither e.changes nor array.get: Yjs computes the first by walking the whole array,
   * and a remote update clears the search markers the second relies on, so either made
   * each append O(length of the log) for every replica (each event is its own item, see
   * the top of this file). The new items are found in the store by their clocks
   * instead, and checked to be the array's tail.
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
    this.generation++;
    const { events, invalid } = readEvents(this.doc);
    this.raw = this.array.length;
    this.events = events;
    this.invalid = invalid;
    this.folded = new SessionReplica([], this.settings);
    this.foldedCount = 0;
  }
}
