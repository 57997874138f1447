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
    assert.deepEqual(
      dotsMessages(boHeard),
      [{ t: 'dots', votes: [] }, { t: 'dots', votes: [y] }, { t: 'dots', votes: [x, y].sort() }],
      'Bo hears his own dots only: none at his welcome, his one, then the one the facilitator placed in his name',
    );
    for (const m of [...facHeard, ...boHeard]) assert.ok(!JSON.stringify(m).includes(ada.seat!.memberId), 'no message names Ada');
    // The document keeps totals only.
    await fac.until((c) => c.follower.replica.state.voteTotals[x] === 2, 10_000);
    assert.deepEqual(fac.follower.replica.state.votes, []);
  });

  it("tells a member at once when the facilitator places or takes back a dot in their name, and still nobody else", async () => {
    h = await harness({}, ['Ada', 'Bo']);
    const fac = h.client(h.facilitatorToken);
    const facHeard = listen(fac);
    await fac.until((c) => c.follower.events.length > 0);
    const ada = await h.member('Ada');
    const adaHeard = listen(ada);
    await ada.until((c) => c.myVotes !== null);
    // Bo in two windows: each connection that speaks for his seat shows his dots.
    const bo = await h.member('Bo');
    await bo.until((c) => c.myVotes !== null);
    const boAgain = h.client(h.server.memberTokenFor('retro-1'));
    assert.ok((await boAgain.join('Bo', bo.seat!.secret)).ok);
    await boAgain.until((c) => c.myVotes !== null);
    assert.deepEqual(await fac.request({ kind: 'setAnonymity', on: true }), { ok: true });
    await ada.until((c) => c.follower.replica.state.anonymous);
    assert.ok((await ada.request({ kind: 'addNote', text: 'x', column: 'Went well', memberId: ada.seat!.memberId })).ok);
    assert.deepEqual(await fac.request({ kind: 'revealNotes' }), { ok: true });
    await bo.until((c) => c.follower.replica.state.notes.length === 1);
    const x = bo.follower.replica.state.notes[0].id;
    const asFacilitator = (retract: boolean) => fac.request({ kind: 'vote', memberId: bo.seat!.memberId, noteId: x, retract });

    assert.deepEqual(await asFacilitator(false), { ok: true });
    await bo.until((c) => c.myVotes?.length === 1, 10_000);
    await boAgain.until((c) => c.myVotes?.length === 1, 10_000);
    assert.deepEqual(bo.myVotes, [x], "the dot the facilitator placed in Bo's name counts in Bo's panel");
    assert.deepEqual(boAgain.myVotes, [x], "and in Bo's other window");
    assert.deepEqual(await asFacilitator(false), { ok: true });
    await bo.until((c) => c.myVotes?.length === 2, 10_000);
    assert.deepEqual(await asFacilitator(true), { ok: true });
    await bo.until((c) => c.myVotes?.length === 1, 10_000);
    assert.deepEqual(bo.myVotes, [x], 'a dot taken back in his name is gone from his panel too');

    assert.equal(fac.myVotes, null, "the facilitator never learns anyone's dots");
    const dotsMessages = (heard: Record<string, unknown>[]) => heard.filter((m) => m.t === 'dots');
    assert.deepEqual(dotsMessages(facHeard), [], 'the facilitator hears no dots message');
    assert.deepEqual(dotsMessages(adaHeard), [], "Ada hears nothing of Bo's dots");
    assert.deepEqual(ada.myVotes, [], "Ada's own dots are untouched");
  });

  it('tells its panel when its dots come, not only when the document next changes', async () => {
    h = await harness({}, ['Ada']);
    const told: (string[] | null)[] = [];
    const c = h.client(h.server.memberTokenFor('retro-1'), undefined, undefined, (client) => told.push(client.myVotes));
    await c.until((x) => x.status === 'connected');
    const before = told.length;
    // As the provider reports a stateless message from the server (emit is protected in its typings).
    (c.provider as unknown as { emit(event: string, data: unknown): void }).emit('stateless', { payload: JSON.stringify({ t: 'dots', votes: ['n-1', 'n-1'] }) });
    assert.deepEqual(c.myVotes, ['n-1', 'n-1']);
    assert.deepEqual(told.slice(before), [['n-1', 'n-1']], 'one change, told at once, with the dots');
  });
});
