// How a replica follows the retro's document: appends are applied one by one in the
// array's order, anything else rebuilds it, and the cost of an append does not grow with
// the length of the log (a 50-member retro appends thousands of events to one array).
import { strict as assert } from 'node:assert';
import * as Y from 'yjs';
import { decide } from '../../src/domain/retro';
import type { SessionEvent } from '../../src/domain/types';
import { appendEvents, DocFollower, eventsOf } from '../../src/sync/docLog';
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
