// How a replica follows the retro's document: appends are applied one by one in the
// array's order, anything else rebuilds it, and the cost of an append does not grow with
// the length of the log (a 50-member retro appends thousands of events to one array).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import { MAX_ID_LENGTH } from '../../src/domain/ids';
import { parseSessionEvent } from '../../src/domain/persistence';
import { SessionReplica } from '../../src/domain/replica';
import { decide } from '../../src/domain/retro';
import type { SessionEvent } from '../../src/domain/types';
import { appendEvents, DocFollower, encodeDocEvent, eventsOf, metaOf } from '../../src/sync/docLog';
import { opening } from './helpers';

/** A member's answer as the domain decides it (valid against the state it was decided on). */
function contribution(follower: DocFollower, i: number): SessionEvent[] {
  const s = follower.replica.state;
  const memberId = s.members[i % s.members.length]!.id;
  let n = 0;
  const d = decide(s, { kind: 'contribute', memberId, text: `said ${i}`, pass: false }, { actor: s.facilitatorId!, now: 1_000 + i, newId: () => `e-${i}-${n++}`, gate: () => follower.replica.balance.gate, recentPromptIds: [] });
  if (!d.ok) throw new Error(d.error);
  return d.events;
}

/**
 * Counts reads of YEvent.changes, which walks the whole array on every event, and of
 * Y.Array#get/toArray/slice, which walk it from the start after a remote update (Yjs
 * clears its search markers then): each is O(length of the log) per append and replica.
 */
function countWalks(): { count: () => number; restore: () => void } {
  let n = 0;
  const restores: (() => void)[] = [];
  const wrap = (proto: object, key: string): void => {
    const original = Object.getOwnPropertyDescriptor(proto, key)!;
    const wrapped: PropertyDescriptor = original.get
      ? { configurable: true, get(this: unknown) { n++; return (original.get as () => unknown).call(this); } }
      : { configurable: true, writable: true, value(this: unknown, ...args: unknown[]) { n++; return (original.value as (...a: unknown[]) => unknown).apply(this, args); } };
    Object.defineProperty(proto, key, wrapped);
    restores.push(() => Object.defineProperty(proto, key, original));
  };
  wrap(Y.YEvent.prototype, 'changes');
  for (const key of ['get', 'toArray', 'slice']) wrap(Y.Array.prototype, key);
  return { count: () => n, restore: () => restores.forEach((r) => r()) };
}

/** Yjs item contents, as their merge sees them. */
interface Mergeable {
  mergeWith: (this: Mergeable, right: unknown) => boolean;
  getLength(): number;
}

/** The array's elements as plain JSON, read here without the follower: UTF-8 JSON bytes, or (older documents) Yjs JSON. */
function rawElements(doc: Y.Doc): unknown[] {
  return eventsOf(doc)
    .toArray()
    .map((raw) => (raw instanceof Uint8Array ? (JSON.parse(Buffer.from(raw).toString('utf8')) as unknown) : raw));
}

describe('team mode: following the document', function () {
  it('applies appends one by one without walking the whole array for each', () => {
    const authority = new Y.Doc();
    const member = new Y.Doc();
    authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
    appendEvents(authority, opening(), 1);
    const follower = new DocFollower(member, {});
    const spy = countWalks();
    try {
      for (let i = 0; i < 300; i++) appendEvents(authority, contribution(follower, i), 2 + i);
    } finally {
      spy.restore();
    }
    assert.equal(spy.count(), 0, 'no walk over the whole array per append (that is quadratic over a retro)');
    assert.equal(follower.rebuilds, 1, 'built once at the start, then appends only');
    assert.equal(follower.replica.state.contributions.length, 300);
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), Array.from({ length: 300 }, (_, i) => `said ${i}`));
    assert.equal(follower.invalid, 0);
    follower.dispose();
  });

  it('no append copies the log’s earlier elements: consecutive appends are never merged into one growing Yjs item', () => {
    // Yjs merges consecutive items of one client after each transaction; for JSON
    // content (ContentAny) the merge concatenates both arrays, so each append copied
    // the whole log so far, on the authority and on every member's machine.
    const authority = new Y.Doc();
    const member = new Y.Doc();
    authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
    appendEvents(authority, opening(), 1);
    const follower = new DocFollower(member, {});
    let copied = 0;
    const contents = [Y.ContentAny, Y.ContentBinary, Y.ContentString, Y.ContentJSON] as unknown as { prototype: Mergeable }[];
    const originals = contents.map((c) => c.prototype.mergeWith);
    contents.forEach((c, i) => {
      c.prototype.mergeWith = function (this: Mergeable, right: unknown): boolean {
        const merged = originals[i]!.call(this, right);
        if (merged) copied += this.getLength();
        return merged;
      };
    });
    try {
      for (let i = 0; i < 300; i++) appendEvents(authority, contribution(follower, i), 2 + i);
    } finally {
      contents.forEach((c, i) => (c.prototype.mergeWith = originals[i]!));
    }
    assert.equal(copied, 0, 'elements copied by merges over 300 appends (quadratic when appends merge)');
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), Array.from({ length: 300 }, (_, i) => `said ${i}`));
    follower.dispose();
  });

  it('the authority appends without walking the log: Yjs items visited per append are the same at 30 and at 2,000 events', () => {
    // Y.Array#insert(length) finds its place from a search marker, then steps left over
    // every item of one client with consecutive clocks, which is every append of the log.
    const doc = new Y.Doc();
    appendEvents(doc, opening(), 1);
    const follower = new DocFollower(doc, {});
    let visits = 0;
    const proto = Y.Item.prototype as unknown as Record<string, unknown>;
    const keys = ['countable', 'deleted'];
    const originals = keys.map((k) => Object.getOwnPropertyDescriptor(proto, k)!);
    keys.forEach((k, i) =>
      Object.defineProperty(proto, k, {
        configurable: true,
        get(this: unknown) {
          visits++;
          return (originals[i]!.get as () => unknown).call(this);
        },
      }),
    );
    const visitsAt = (n: number): number => {
      while (follower.events.length < n) appendEvents(doc, contribution(follower, follower.events.length), 2);
      const batch = contribution(follower, n);
      visits = 0;
      appendEvents(doc, batch, 3);
      return visits;
    };
    try {
      const early = visitsAt(30);
      const late = visitsAt(2_000);
      assert.ok(late <= early, `items visited by one append: ${early} at 30 events, ${late} at 2,000`);
    } finally {
      keys.forEach((k, i) => Object.defineProperty(proto, k, originals[i]!));
    }
    follower.dispose();
  });

  it('folds events into the replica when it is read, not inside Yjs’s update: a burst of appends is folded once, after the update went out', () => {
    const authority = new Y.Doc();
    const member = new Y.Doc();
    authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
    appendEvents(authority, opening(), 1);
    const follower = new DocFollower(member, {});
    const onAuthority = new DocFollower(authority, {});
    let folds = 0;
    const original = Object.getOwnPropertyDescriptor(SessionReplica.prototype, 'apply')!;
    Object.defineProperty(SessionReplica.prototype, 'apply', {
      ...original,
      value(this: SessionReplica, e: SessionEvent): unknown {
        folds++;
        return (original.value as (this: SessionReplica, e: SessionEvent) => unknown).call(this, e);
      },
    });
    let foldsWhenSent = -1;
    authority.on('update', () => (foldsWhenSent = folds)); // where the server broadcasts
    try {
      const burst: SessionEvent[] = [];
      for (let i = 0; i < 20; i++) burst.push(...contribution(follower, i).map((e) => ({ ...e, id: `b-${i}` })));
      folds = 0;
      for (const e of burst) appendEvents(authority, [e], 2);
      assert.equal(foldsWhenSent, 0, 'nothing folded before the update went out');
      assert.equal(folds, 0, 'nothing folded while nobody read the state');
      assert.equal(follower.events.length, onAuthority.events.length);
      assert.equal(follower.replica.state.contributions.length, 20);
      assert.equal(folds, burst.length, 'each event folded once, on the first read');
      assert.equal(follower.replica.state.contributions.length, 20);
      assert.equal(folds, burst.length);
      assert.deepEqual(onAuthority.replica.state.contributions.map((c) => c.id), follower.replica.state.contributions.map((c) => c.id));
    } finally {
      Object.defineProperty(SessionReplica.prototype, 'apply', original);
    }
    onAuthority.dispose();
    follower.dispose();
  });

  it('rebuilds in the array’s order when an element lands before the end (another instance’s concurrent append)', () => {
    const doc = new Y.Doc();
    appendEvents(doc, opening(), 1);
    const follower = new DocFollower(doc, {});
    appendEvents(doc, contribution(follower, 0), 2);
    const second = contribution(follower, 1);
    const third = contribution(follower, 2);
    appendEvents(doc, second, 3);
    const before = follower.events.length;
    // An insertion in the middle of the log, as a merge of two instances' appends can give.
    doc.transact(() => eventsOf(doc).insert(before - second.length, third.map(encodeDocEvent)));
    assert.deepEqual(follower.events.map((e) => e.id), rawElements(doc).map((e) => (e as { id: string }).id));
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), ['said 0', 'said 2', 'said 1']);
    assert.equal(follower.rebuilds, 2);
    // A deletion rebuilds too.
    doc.transact(() => eventsOf(doc).delete(before - second.length, third.length));
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), ['said 0', 'said 1']);
    assert.equal(follower.rebuilds, 3);
    follower.dispose();
  });

  it('keeps exactly the events the schema accepts, as the schema outputs them, whatever arrives (random valid and broken events through Yjs)', () => {
    // Events as the authority appends them, then broken in every way a hostile or buggy
    // document could: the follower's quick check must agree with valibot on each.
    const base = (type: string, fields: Record<string, unknown>) => ({ id: 'ev-1', at: 1_000, actor: 'm-1', type, ...fields });
    const valid = [
      base('contribution.added', { contributionId: 'c-1', memberId: 'm-1', phase: 'checkin', promptId: null, depth: 1, topic: 'Check-in', text: 'said', pass: false }),
      base('contribution.added', { contributionId: 'c-2', memberId: 'm-2', phase: 'gather', promptId: 'p-1', depth: 3, topic: 't', text: '', pass: true, seconds: 12, truncated: true, intent: 'intent-123456' }),
      base('member.presence', { memberId: 'm-1', present: true }),
      base('member.added', { memberId: 'm-9', name: 'Zoë', joinedLate: false }),
      base('note.added', { noteId: 'n-1', memberId: null, text: 'a note', column: 'Went well' }),
      base('action.updated', { actionId: 'a-1', ownerId: null, done: true }),
      base('checkout.added', { memberId: 'm-1', text: 'bye', roti: 4 }),
      base('phase.changed', { from: 'checkin', phase: 'gather', skipped: ['data'] }),
      base('stage.moved', { from: 1, to: 2, kind: 'deeper', override: false, gate: { reciprocated: 1, present: 2, open: true } }),
      base('turn.ended', {}),
      base('votes.tallied', { totals: { 'n-1': 2 } }),
    ];
    const oddValue = fc.oneof(
      fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, 5, 6, NaN, Infinity, '', 'x', 'checkin', 'bogus', [], {}, ['checkin'], [1], { a: 1 }),
      fc.constantFrom('i'.repeat(MAX_ID_LENGTH), 'i'.repeat(MAX_ID_LENGTH + 1), 't'.repeat(20_000), 't'.repeat(20_001)),
      fc.string({ maxLength: 6 }),
      fc.double(),
    );
    type Mutation = { kind: 'set'; key: number; value: unknown } | { kind: 'drop'; key: number } | { kind: 'extra'; name: string; value: unknown } | { kind: 'undefined'; key: number } | { kind: 'proto' };
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(), value: oddValue }),
      fc.record({ kind: fc.constant('drop' as const), key: fc.nat() }),
      fc.record({ kind: fc.constant('extra' as const), name: fc.constantFrom('extra', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'zz'), value: oddValue }),
      fc.record({ kind: fc.constant('undefined' as const), key: fc.nat() }),
      fc.constant({ kind: 'proto' as const }),
    );
    const element = fc.record({ which: fc.nat({ max: valid.length - 1 }), mutations: fc.array(mutation, { maxLength: 2 }) }).map(({ which, mutations }) => {
      const e: Record<string, unknown> = JSON.parse(JSON.stringify(valid[which])) as Record<string, unknown>;
      for (const m of mutations) {
        const keys = Object.keys(e);
        if (m.kind === 'set') e[keys[m.key % keys.length]!] = m.value;
        else if (m.kind === 'drop') delete e[keys[m.key % keys.length]!];
        else if (m.kind === 'undefined') e[keys[m.key % keys.length]!] = undefined;
        // Yjs inserts only plain objects (their constructor is Object): a 'constructor' key
        // travels as whatever Yjs makes of Object itself.
        else if (m.kind === 'extra') Object.defineProperty(e, m.name, { value: m.name === 'constructor' ? Object : m.value, enumerable: true, writable: true, configurable: true });
        else Object.defineProperty(e, '__proto__', { value: { type: 'turn.ended' }, enumerable: true, writable: true, configurable: true });
      }
      if (Object.hasOwn(e, 'constructor')) e['constructor'] = Object;
      return e;
    });
    // Elements as the authority writes them (UTF-8 JSON bytes) or as documents written before held them (Yjs JSON).
    const asElement = fc.tuple(element, fc.boolean()).map(([e, bytes]) => (bytes ? new Uint8Array(Buffer.from(JSON.stringify(e), 'utf8')) : e));
    fc.assert(
      fc.property(fc.array(fc.array(asElement, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (batches) => {
        const authority = new Y.Doc();
        const member = new Y.Doc();
        authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
        const follower = new DocFollower(member, {});
        for (const batch of batches) authority.transact(() => eventsOf(authority).push(batch), 'reciprocity-authority');
        // The oracle: valibot (and the nesting limit), on the elements as Yjs delivered them.
        const expected: unknown[] = [];
        let invalid = 0;
        for (const raw of rawElements(member)) {
          const parsed = parseSessionEvent(raw);
          if (parsed.ok) expected.push(parsed.event);
          else invalid++;
        }
        assert.deepStrictEqual(follower.events, expected);
        assert.equal(follower.invalid, invalid);
        follower.dispose();
      }),
      { numRuns: 300 },
    );
  });

  it('carries the authority’s clock in the events’ own time, and in the meta map only when they do not carry it', () => {
    const authority = new Y.Doc();
    const member = new Y.Doc();
    const updates: Uint8Array[] = [];
    authority.on('update', (u: Uint8Array) => {
      updates.push(u);
      Y.applyUpdate(member, u);
    });
    appendEvents(authority, opening(), Date.now());
    const follower = new DocFollower(member, {});
    updates.length = 0;
    // An answer decided now: one item in the update (no map entry, nothing deleted).
    const answer = contribution(follower, 0).map((e) => ({ ...e, at: 5_000_000 }));
    appendEvents(authority, answer, 5_000_200);
    const decoded = Y.decodeUpdate(updates[0]!);
    assert.equal(decoded.structs.length, 1, 'the event only');
    assert.equal(decoded.ds.clients.size, 0, 'nothing deleted');
    assert.equal(follower.clock?.authority, 5_000_000, 'the event’s time stands for the authority’s clock');
    assert.equal(metaOf(member).get('now'), undefined);
    // Events stamped far from the authority's clock (another machine's, a replay): the clock travels beside them.
    appendEvents(authority, contribution(follower, 1).map((e) => ({ ...e, at: 1_000 })), 9_000_000);
    assert.equal(follower.clock?.authority, 9_000_000);
    // And the next ordinary append is read from its event again, not from the map's older entry.
    appendEvents(authority, contribution(follower, 2).map((e) => ({ ...e, at: 9_500_000 })), 9_500_010);
    assert.equal(follower.clock?.authority, 9_500_000);
    assert.equal(follower.invalid, 0);
    follower.dispose();
  });

  it('reads a document written before events were bytes (each a Yjs JSON object), and follows appends after it', () => {
    const authority = new Y.Doc();
    const member = new Y.Doc();
    authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
    // What appendEvents wrote until then: the events as Yjs JSON, one transaction per append.
    const older = opening();
    authority.transact(() => eventsOf(authority).insert(0, older.map((e) => JSON.parse(JSON.stringify(e)) as unknown)), 'reciprocity-authority');
    const follower = new DocFollower(member, {});
    assert.deepEqual(follower.events, older.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    const first = contribution(follower, 0);
    authority.transact(() => eventsOf(authority).insert(eventsOf(authority).length, first.map((e) => JSON.parse(JSON.stringify(e)) as unknown)), 'reciprocity-authority');
    for (let i = 1; i < 4; i++) appendEvents(authority, contribution(follower, i), 2 + i);
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), ['said 0', 'said 1', 'said 2', 'said 3']);
    assert.equal(follower.invalid, 0);
    assert.equal(follower.rebuilds, 1, 'appends after the older elements are followed one by one');
    // A machine that opens the mixed document later reads the same.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(authority));
    const again = new DocFollower(late, {});
    assert.deepEqual(again.events, follower.events);
    assert.deepEqual(rawElements(late), JSON.parse(JSON.stringify(follower.events)) as unknown);
    again.dispose();
    follower.dispose();
  });

  it('still validates every appended element: a malformed one is skipped and counted', () => {
    const doc = new Y.Doc();
    appendEvents(doc, opening(), 1);
    const follower = new DocFollower(doc, {});
    doc.transact(() => eventsOf(doc).push([{ id: 'x', type: 'contribution.added', text: 42 }, ...contribution(follower, 0).map((e) => JSON.parse(JSON.stringify(e)) as unknown)]));
    assert.equal(follower.invalid, 1);
    assert.equal(follower.replica.state.contributions.length, 1);
    // As bytes: not UTF-8, not JSON, JSON that is no event, and then a good one.
    const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
    doc.transact(() => eventsOf(doc).push([new Uint8Array([0xff, 0xfe, 0x7b]), bytes('{"id":'), bytes('{"id":"x","type":"contribution.added","text":42}'), bytes('[]'), ...contribution(follower, 1).map(encodeDocEvent)]));
    assert.equal(follower.invalid, 5);
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), ['said 0', 'said 1']);
    follower.dispose();
  });
});
