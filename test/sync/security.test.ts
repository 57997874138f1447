// Who may write what, over the wire: a member's connection cannot change the document,
// cannot speak for another member, and the server refuses bad tokens, oversized
// messages, malformed input and floods. Everything here runs on 127.0.0.1.
import { strict as assert } from 'node:assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { appendEvents, eventsOf } from '../../src/sync/docLog';
import { TeamClient } from '../../src/sync/client';
import { harness, RETRO, type Harness } from './helpers';

const snapshotOf = (h: Harness) => JSON.stringify(h.server.authority(RETRO)!.events);

/**
 * A hostile editor. Our client sends no document updates (nothing on a member's machine
 * writes to the document), so this one is changed to send whatever it writes into its
 * copy, as the stock Hocuspocus provider does. Returns how many update messages went out.
 */
function sendsWhatItWrites(c: TeamClient): () => number {
  const provider = c.provider as unknown as { boundDocumentUpdateHandler: (update: Uint8Array, origin: unknown) => void };
  c.doc.on('update', (update: Uint8Array, origin: unknown) => provider.boundDocumentUpdateHandler(update, origin));
  let sent = 0;
  c.provider.on('outgoingMessage', ({ message }: { message: { constructor: { name: string } } }) => {
    if (message.constructor.name === 'UpdateMessage') sent++;
  });
  return () => sent;
}

describe('team mode: who may write what', function () {
  let h: Harness;
  afterEach(async () => h?.close());

  it('refuses a missing, wrong or other retro’s token, and a member token where the facilitator’s is needed', async () => {
    h = await harness();
    for (const token of ['', 'wrong-token-of-some-length', h.server.memberTokenFor('another-retro')]) {
      const c = h.client(token);
      await c.until((x) => x.status === 'refused');
      assert.match(c.problem ?? '', /refused/);
      assert.equal(c.follower.events.length, 0, 'nothing of the retro reaches a refused client');
    }
    const member = await h.member('Ada');
    const seeded = await member.seed([]);
    assert.equal(seeded.ok, false, 'a member cannot open a retro');
  });

  it('drops raw document updates from a member: a forged facilitator event, another member’s answer', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    const bo = await h.member('Bo');
    const fac = h.client(h.facilitatorToken);
    await fac.until((c) => c.follower.events.length > 0);
    const before = snapshotOf(h);
    const s = ada.follower.replica.state;
    const boId = bo.seat!.memberId;
    // Ada's editor writes straight into its own copy of the document, as a hostile client would.
    const sent = sendsWhatItWrites(ada);
    appendEvents(ada.doc, [
      { id: 'forged-1', at: 1, actor: s.facilitatorId!, type: 'stage.moved', from: s.depth, to: 2, kind: 'deeper', override: true },
      { id: 'forged-2', at: 1, actor: boId, type: 'contribution.added', contributionId: 'fk', memberId: boId, phase: 'check-in', promptId: null, depth: 4, topic: 't', text: 'not Bo', pass: false },
      { id: 'forged-3', at: 1, actor: s.facilitatorId!, type: 'session.ended' },
    ], Date.now());
    assert.equal(sent(), 1, 'the forged update went to the server');
    // A legitimate change afterwards proves the forged one had every chance to arrive.
    await bo.request({ kind: 'contribute', memberId: boId, text: 'the real Bo', pass: false });
    await fac.until((c) => c.follower.replica.state.contributions.length === 1);
    const after = h.server.authority(RETRO)!.events;
    assert.ok(!after.some((e) => e.id.startsWith('forged')), 'the server document has no forged event');
    assert.ok(!fac.follower.events.some((e) => e.id.startsWith('forged')), 'nor has any other client');
    assert.equal(JSON.stringify(after.slice(0, JSON.parse(before).length)), before);
    assert.deepEqual(fac.follower.replica.state.contributions.map((c) => c.text), ['the real Bo']);
    assert.equal(fac.follower.replica.state.depth, 1);
  });

  it('refuses an intent for someone else, and a seat someone else holds', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    const bo = await h.member('Bo');
    const r = await ada.request({ kind: 'contribute', memberId: bo.seat!.memberId, text: 'I am Bo', pass: false });
    assert.equal(r.ok, false);
    const stage = await ada.request({ kind: 'stage', move: 'deeper' });
    assert.deepEqual(stage, { ok: false, error: 'Only the facilitator can do that.', said: { key: 'facilitatorOnly' } });
    const impostor = h.client(h.server.memberTokenFor(RETRO));
    const taken = await impostor.join('bo');
    assert.equal(taken.ok, false, 'Bo’s seat is his');
    const wrongSecret = await h.client(h.server.memberTokenFor(RETRO)).join('Bo', 'x'.repeat(43));
    assert.equal(wrongSecret.ok, false);
    assert.equal(h.server.authority(RETRO)!.state.contributions.length, 0);
    // Bo's own editor takes his seat back after a restart of VS Code, with his secret.
    const again = await h.client(h.server.memberTokenFor(RETRO)).join('Bo', bo.seat!.secret);
    assert.equal(again.ok, true);
  });

  it('closes a connection that sends more than 1 MB, and keeps serving everyone else', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    const ws = new WebSocket(h.server.url);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(Buffer.alloc(1024 * 1024 + 16, 1));
    assert.equal(await closed, 1009, 'message too big');
    const r = await ada.request({ kind: 'contribute', memberId: ada.seat!.memberId, text: 'still here', pass: false });
    assert.equal(r.ok, true);
  });

  it('survives malformed updates and messages: garbage frames, bad JSON, unknown commands', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    for (const frame of [Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]), Buffer.from('not yjs at all'), Buffer.alloc(0)]) {
      const ws = new WebSocket(h.server.url);
      await new Promise((resolve) => ws.on('open', resolve));
      ws.on('error', () => undefined);
      ws.send(frame);
      await new Promise((resolve) => setTimeout(resolve, 50));
      ws.terminate();
    }
    const replies: string[] = [];
    ada.provider.on('stateless', ({ payload }: { payload: string }) => replies.push(payload));
    for (const bad of ['{', '[]', '{"t":"intent","id":"x","command":{}}', JSON.stringify({ t: 'intent', id: 'abcdefgh', command: { kind: 'rm -rf' } }), 'x'.repeat(5000)]) {
      ada.provider.sendStateless(bad);
    }
    await ada.until(() => replies.length >= 5);
    assert.ok(replies.every((p) => JSON.parse(p).t === 'refused'), replies.join('\n'));
    const r = await ada.request({ kind: 'contribute', memberId: ada.seat!.memberId, text: 'fine', pass: false });
    assert.equal(r.ok, true, 'the server still works');
  });

  it('bans an address that floods it with connections (Hocuspocus Throttle)', async () => {
    h = await harness({ throttle: { perMinute: 3, banMinutes: 1 } });
    const token = h.server.memberTokenFor(RETRO);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = new TeamClient({ url: h.server.url, retro: RETRO, token });
      const synced = await c.until((x) => x.status === 'connected', 1_500).then(() => 'ok', () => 'refused');
      outcomes.push(synced);
      c.destroy();
    }
    // openDirectConnection does not count; the first three sockets do, the rest are banned.
    assert.deepEqual(outcomes.slice(0, 3), ['ok', 'ok', 'ok']);
    assert.deepEqual(outcomes.slice(3), ['refused', 'refused', 'refused']);
  });

  it('keeps the read-only flag on the server, whatever the client thinks', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ada.doc));
    const sent = sendsWhatItWrites(ada);
    eventsOf(ada.doc).delete(0, eventsOf(ada.doc).length); // Ada deletes the whole log locally
    assert.equal(sent(), 1, 'the deletion went to the server');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(h.server.authority(RETRO)!.events.length > 0, 'the server still has every event');
  });
});
