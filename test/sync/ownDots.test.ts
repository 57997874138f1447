// Issue 11, "votes work", in anonymous mode: a member's own machine may know its own dots
// (to show how many are left and where Take back applies), and nobody else may. The
// authority tells the voting member's connection alone, privately: after each of its
// votes and when it takes its seat (a reload). The facilitator and the other members
// receive no message that names anyone's dots, and the document still holds totals only.
import { strict as assert } from 'node:assert';
import type { TeamClient } from '../../src/sync/client';
import { harness, type Harness } from './helpers';

/** Every stateless message a client receives, parsed. */
function listen(c: TeamClient): Record<string, unknown>[] {
  const got: Record<string, unknown>[] = [];
  c.provider.on('stateless', ({ payload }: { payload: string }) => got.push(JSON.parse(payload) as Record<string, unknown>));
  return got;
}

describe('team mode: a member learns their own anonymous dots, and only they do', function () {
  this.timeout(60_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('tells the voter their dots with each answer and on a new seat, and tells nobody else', async () => {
    h = await harness({}, ['Ada', 'Bo']);
    const fac = h.client(h.facilitatorToken);
    const facHeard = listen(fac);
    await fac.until((c) => c.follower.events.length > 0);
    const ada = await h.member('Ada');
    await ada.until((c) => c.myVotes !== null);
    const bo = h.client(h.server.memberTokenFor('retro-1'));
    const boHeard = listen(bo);
    assert.ok((await bo.join('Bo')).ok);
    await bo.until((c) => c.myVotes !== null);
    assert.deepEqual(ada.myVotes, [], 'a member who has placed no dot knows it from the welcome');
    assert.deepEqual(bo.myVotes, []);
    assert.deepEqual(await fac.request({ kind: 'setAnonymity', on: true }), { ok: true });
    for (const [name, text] of [['Ada', 'x'], ['Bo', 'y']] as const) {
      const m = name === 'Ada' ? ada : bo;
      await m.until((c) => c.follower.replica.state.anonymous);
      const r = await m.request({ kind: 'addNote', text, column: 'Went well', memberId: m.seat!.memberId });
      assert.ok(r.ok);
    }
    assert.deepEqual(await fac.request({ kind: 'revealNotes' }), { ok: true });
    await ada.until((c) => c.follower.replica.state.notes.length === 2);
    await bo.until((c) => c.follower.replica.state.notes.length === 2);
    const idOf = (t: string) => ada.follower.replica.state.notes.find((n) => n.text === t)!.id;
    const [x, y] = [idOf('x'), idOf('y')];
    const vote = (c: TeamClient, noteId: string, retract = false) => c.request({ kind: 'vote', memberId: c.seat!.memberId, noteId, retract });

    // Known as soon as the answer is: no waiting for the (delayed) totals.
    assert.deepEqual(await vote(ada, x), { ok: true });
    assert.deepEqual(ada.myVotes, [x]);
    assert.deepEqual(await vote(ada, x), { ok: true });
    assert.deepEqual(await vote(ada, y), { ok: true });
    assert.deepEqual(ada.myVotes, [x, x, y].sort());
    const fourth = await vote(ada, y);
    assert.equal(fourth.ok, false, 'the cap holds');
    assert.deepEqual(ada.myVotes, [x, x, y].sort(), 'a refused dot is not counted');
    assert.deepEqual(await vote(ada, x, true), { ok: true });
    assert.deepEqual(ada.myVotes, [x, y].sort(), 'a dot taken back is gone');
    assert.deepEqual(await vote(bo, y), { ok: true });
    assert.deepEqual(bo.myVotes, [y]);
    assert.deepEqual(ada.myVotes, [x, y].sort(), "Bo's dot is not Ada's");

    // The facilitator may vote naming a member: still nothing of that member's book comes back.
    assert.deepEqual(await fac.request({ kind: 'vote', memberId: bo.seat!.memberId, noteId: x, retract: false }), { ok: true });
    assert.equal(fac.myVotes, null, "the facilitator never learns anyone's dots");

    // A reload: the same seat taken again on a new connection learns its dots at once.
    const again = h.client(h.server.memberTokenFor('retro-1'));
    assert.equal(again.myVotes, null, 'nothing known before the seat is taken');
    const rejoined = await again.join('Ada', ada.seat!.secret);
    assert.ok(rejoined.ok);
    await again.until((c) => c.myVotes !== null);
    assert.deepEqual(again.myVotes, [x, y].sort());

    // Nobody else heard a message naming dots; Bo heard his own only.
    const dotsMessages = (heard: Record<string, unknown>[]) => heard.filter((m) => m.t !== 'ack' && m.t !== 'clock' && m.t !== 'welcome' && m.t !== 'refused');
    assert.deepEqual(dotsMessages(facHeard), [], 'the facilitator hears no dots message');
    assert.ok(facHeard.some((m) => m.t === 'ack'), 'the listener did hear the facilitator’s answers');
    assert.deepEqual(dotsMessages(boHeard), [{ t: 'dots', votes: [] }, { t: 'dots', votes: [y] }], 'Bo hears his own dots only: none at his welcome, then his one');
    for (const m of [...facHeard, ...boHeard]) assert.ok(!JSON.stringify(m).includes(ada.seat!.memberId), 'no message names Ada');
    // The document keeps totals only.
    await fac.until((c) => c.follower.replica.state.voteTotals[x] === 2, 10_000);
    assert.deepEqual(fac.follower.replica.state.votes, []);
  });
});
