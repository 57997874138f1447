// How a replica follows the retro's document: appends are applied one by one in the
// array's order, anything else rebuilds it, and the cost of an append does not grow with
// the length of the log (a 50-member retro appends thousands of events to one array).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import { MAX_ID_LENGTH } from '../../src/domain/ids';
import { parseSessionEvent } from '../../src/domain/persistence';
import { decide } from '../../src/domain/retro';
import type { SessionEvent } from '../../src/domain/types';
import { appendEvents, DocFollower, eventsOf, metaOf } from '../../src/sync/docLog';
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
    assert.equal(follower.rebuilds, 1, 'built once at the start, then appends only (each append also replaces the clock in the meta map)');
    assert.equal(follower.replica.state.contributions.length, 300);
    assert.deepEqual(follower.replica.state.contributions.map((c) => c.text), Array.from({ length: 300 }, (_, i) => `said ${i}`));
    assert.equal(follower.invalid, 0);
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
    doc.transact(() => eventsOf(doc).insert(before - second.length, third.map((e) => JSON.parse(JSON.stringify(e)) as unknown)));
    assert.deepEqual(follower.events.map((e) => e.id), (eventsOf(doc).toArray() as { id: string }[]).map((e) => e.id));
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
    fc.assert(
      fc.property(fc.array(fc.array(element, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (batches) => {
        const authority = new Y.Doc();
        const member = new Y.Doc();
        authority.on('update', (u: Uint8Array) => Y.applyUpdate(member, u));
        const follower = new DocFollower(member, {});
        for (const batch of batches) authority.transact(() => eventsOf(authority).push(batch), 'reciprocity-authority');
        // The oracle: valibot (and the nesting limit), on the elements as Yjs delivered them.
        const expected: unknown[] = [];
        let invalid = 0;
        for (const raw of eventsOf(member).toArray()) {
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

  it('still validates every appended element: a malformed one is skipped and counted', () => {
    const doc = new Y.Doc();
    appendEvents(doc, opening(), 1);
    const follower = new DocFollower(doc, {});
    doc.transact(() => eventsOf(doc).push([{ id: 'x', type: 'contribution.added', text: 42 }, ...contribution(follower, 0).map((e) => JSON.parse(JSON.stringify(e)) as unknown)]));
    assert.equal(follower.invalid, 1);
    assert.equal(follower.replica.state.contributions.length, 1);
    follower.dispose();
  });
});
