// What one request costs the authority must not grow with the retro: it decides against
// the session as it stands, without copying the session's arrays (a snapshot copies
// every list of the state, O(length of the log)) for each request.
import { strict as assert } from 'node:assert';
import * as Y from 'yjs';
import { SessionBuilder } from '../../src/domain/session';
import { SessionAuthority } from '../../src/sync/authority';
import { emptyHeld } from '../../src/sync/held';
import { harness, opening } from './helpers';

describe('team mode: the cost of a request', function () {
  it('the authority decides and answers requests without copying the session for each', async () => {
    const authority = new SessionAuthority(new Y.Doc(), { storage: { append: async () => undefined, withSeats: async (fn) => (await fn({})).value } });
    assert.deepEqual(await authority.seed(opening(Array.from({ length: 10 }, (_, i) => `Member ${i + 1}`))), { ok: true });
    const ids = authority.state.members.map((m) => m.id);
    let snapshots = 0;
    const original = Object.getOwnPropertyDescriptor(SessionBuilder.prototype, 'snapshot')!;
    Object.defineProperty(SessionBuilder.prototype, 'snapshot', {
      ...original,
      value(this: SessionBuilder): unknown {
        snapshots++;
        return (original.value as (this: SessionBuilder) => unknown).call(this);
      },
    });
    const REQUESTS = 200;
    const results = [];
    try {
      for (let k = 0; k < REQUESTS; k++) {
        const memberId = ids[k % ids.length]!;
        results.push(await authority.handle({ role: 'member', memberId }, `cost-${k}-xxxxxxxx`, { kind: 'contribute', memberId, text: `answer ${k}`, pass: false }));
      }
      // Refusals are decided the same way: an answer for someone else, an unknown member.
      results.push(await authority.handle({ role: 'member', memberId: ids[0]! }, 'cost-refused-1', { kind: 'contribute', memberId: ids[1]!, text: 'for Bo', pass: false }));
      results.push(await authority.handle({ role: 'facilitator' }, 'cost-refused-2', { kind: 'contribute', memberId: 'nobody', text: 'x', pass: false }));
    } finally {
      Object.defineProperty(SessionBuilder.prototype, 'snapshot', original);
    }
    assert.equal(snapshots, 0, `copies of the session made while answering ${REQUESTS + 2} requests`);
    assert.ok(results.slice(0, REQUESTS).every((r) => r.ok));
    assert.deepEqual(results.slice(REQUESTS).map((r) => r.ok), [false, false]);
    assert.deepEqual(authority.state.contributions.map((c) => c.text), Array.from({ length: REQUESTS }, (_, k) => `answer ${k}`));
    authority.dispose();
  });

  it('a member’s client does not have Yjs encode every update it receives once more', async () => {
    // Yjs encodes each applied update again, and emits it, only while something listens to
    // the document's updates; the provider does, to send local changes, and a member's
    // document has none (only the authority writes; the connection is read-only).
    const h = await harness({}, ['Ada', 'Bo']);
    try {
      const ada = await h.member('Ada');
      const bo = await h.member('Bo');
      let emitted = 0;
      const emit = ada.doc.emit.bind(ada.doc);
      ada.doc.emit = (name, args) => {
        if (name === 'update') emitted++;
        emit(name, args);
      };
      for (let k = 0; k < 20; k++) assert.equal((await bo.request({ kind: 'contribute', memberId: bo.seat!.memberId, text: `answer ${k}`, pass: false })).ok, true);
      await ada.until((c) => c.follower.replica.state.contributions.length === 20);
      assert.equal(emitted, 0, 'updates encoded again on the member’s machine');
      // Still a working member: its own requests go out as requests, and come back as events.
      assert.equal((await ada.request({ kind: 'contribute', memberId: ada.seat!.memberId, text: 'mine', pass: false })).ok, true);
      await bo.until((c) => c.follower.replica.state.contributions.some((x) => x.text === 'mine'));
    } finally {
      await h.close();
    }
  });

  it('ending the retro through a request still deletes the held book, read from the state before and after', async () => {
    let heldDeleted = 0;
    const authority = new SessionAuthority(new Y.Doc(), {
      storage: {
        append: async () => undefined,
        withSeats: async (fn) => (await fn({})).value,
        withHeld: async (fn) => {
          const out = await fn(emptyHeld());
          if (out.held === null) heldDeleted++;
          return out.value;
        },
      },
    });
    assert.deepEqual(await authority.seed(opening(['Ada', 'Bo'])), { ok: true });
    assert.equal((await authority.handle({ role: 'facilitator' }, 'end-retro-1', { kind: 'endRetro' })).ok, true);
    assert.notEqual(authority.state.endedAt, null);
    assert.equal(heldDeleted, 1);
    authority.dispose();
  });
});
