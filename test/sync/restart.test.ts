// A killed server loses nothing it acknowledged, and clients carry on by themselves:
// `reciprocity server` is SIGKILLed mid-retro and started again on the same data folder,
// and an in-process (embedded) server is torn down and started again the same way.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { TeamClient } from '../../src/sync/client';
import { memberTokenFor, startTeamServer } from '../../src/sync/server';
import { newToken } from '../../src/sync/tokens';
import { ServerStore } from '../../src/sync/serverStore';
import { eventsOf } from '../../src/sync/docLog';
import { freePort, opening, startCli, tempDir } from './helpers';


describe('team mode: restarts lose nothing acknowledged', function () {
  this.timeout(90_000);
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('reciprocity server, SIGKILLed mid-retro and restarted: every acknowledged answer is there once', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const port = await freePort();
    const token = newToken();
    let proc = await startCli(port, tmp.dir, token);
    cleanups.push(() => proc.kill('SIGKILL'));
    const url = `ws://127.0.0.1:${port}`;
    const fac = new TeamClient({ url, retro: 'sprint-7', token });
    cleanups.push(() => fac.destroy());
    assert.deepEqual(await fac.seed(opening(['Ada', 'Bo'])), { ok: true });
    const { memberKey } = JSON.parse(readFileSync(join(tmp.dir, 'server-secrets.json'), 'utf8')) as { memberKey: string };
    assert.equal(fac.memberToken, memberTokenFor(memberKey, 'sprint-7'));
    const ada = new TeamClient({ url, retro: 'sprint-7', token: fac.memberToken! });
    cleanups.push(() => ada.destroy());
    const seat = await ada.join('Ada');
    assert.ok(seat.ok);
    const acked: string[] = [];
    const refusals: string[] = [];
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const text = `answer ${i}`;
      all.push(ada.request({ kind: 'contribute', memberId: seat.memberId, text, pass: false }).then((r) => (r.ok ? acked.push(text) : refusals.push(r.error))));
      if (i === 20) {
        await new Promise((resolve) => setTimeout(resolve, 15));
        proc.kill('SIGKILL'); // mid-stream: some requests are acknowledged, some in flight
        await new Promise((resolve) => proc.once('exit', resolve));
        proc = await startCli(port, tmp.dir, token);
      }
    }
    await Promise.all(all); // the client resends what was not answered until it is
    assert.deepEqual(refusals, []);
    assert.equal(acked.length, 40);
    // What a restart would read (the session file and the logs appended since), at once...
    const stored = await new ServerStore(tmp.dir).load('sprint-7');
    const texts = stored!.events.filter((e) => e.type === 'contribution.added').map((e) => (e as { text: string }).text);
    assert.deepEqual([...texts].sort(), [...acked].sort(), 'each acknowledged answer is on disk exactly once');
    // ...and, a moment later, the session file itself, which `reciprocity report` reads.
    const inFile = () => {
      try {
        return (JSON.parse(readFileSync(join(tmp.dir, 'sprint-7.json'), 'utf8')) as { events: { type: string }[] }).events.filter((e) => e.type === 'contribution.added').length;
      } catch {
        return 0; // not folded yet
      }
    };
    await fac.until(() => inFile() === 40, 10_000);
    await fac.until((c) => c.follower.replica.state.contributions.length === 40, 20_000);
    await ada.until((c) => c.follower.replica.state.contributions.length === 40, 20_000);
    assert.deepEqual(ada.follower.replica.state.contributions.map((c) => c.text), fac.follower.replica.state.contributions.map((c) => c.text));
  });

  it('a retro stored before events were bytes in the document (Yjs JSON objects) opens, takes answers and reopens', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    // The stored Yjs state as the earlier version wrote it: each event a Yjs JSON object.
    const older = opening(['Ada', 'Bo']);
    const doc = new Y.Doc();
    doc.transact(() => eventsOf(doc).insert(0, older.map((e) => JSON.parse(JSON.stringify(e)) as unknown)));
    writeFileSync(join(tmp.dir, 'old.ydoc'), Y.encodeStateAsUpdate(doc));
    const secrets = { facilitatorToken: newToken(), memberKey: newToken() };
    const port = await freePort();
    let server = await startTeamServer({ port, dataDir: tmp.dir, ...secrets, throttle: false });
    const ada = new TeamClient({ url: server.url, retro: 'old', token: server.memberTokenFor('old') });
    cleanups.push(() => ada.destroy());
    const seat = await ada.join('Ada');
    assert.ok(seat.ok, seat.ok ? '' : seat.error);
    assert.equal(ada.follower.invalid, 0);
    assert.equal(ada.follower.replica.state.title, 'Team retro');
    assert.deepEqual(await ada.request({ kind: 'contribute', memberId: seat.memberId, text: 'after the upgrade', pass: false }), { ok: true });
    await ada.until((c) => c.follower.replica.state.contributions.length === 1);
    await server.close();
    server = await startTeamServer({ port, dataDir: tmp.dir, ...secrets, throttle: false });
    cleanups.push(() => server.close());
    const bo = new TeamClient({ url: server.url, retro: 'old', token: server.memberTokenFor('old') });
    cleanups.push(() => bo.destroy());
    assert.ok((await bo.join('Bo')).ok);
    await bo.until((c) => c.follower.replica.state.contributions.length === 1);
    assert.equal(bo.follower.invalid, 0);
    assert.deepEqual(bo.follower.events.slice(0, older.length), JSON.parse(JSON.stringify(older)) as unknown, 'the older events, as they were');
    assert.deepEqual(server.authority('old')!.state.contributions.map((c) => c.text), ['after the upgrade']);
    assert.deepEqual(bo.follower.replica.state.members.map((m) => [m.name, m.present]), [['Ada', true], ['Bo', true]]);
  });

  it('the embedded server, torn down and started again on its folder, resumes the same retro', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const secrets = { facilitatorToken: newToken(), memberKey: newToken() };
    const port = await freePort();
    let server = await startTeamServer({ port, dataDir: tmp.dir, ...secrets, throttle: false });
    await (await server.open('r')).seed(opening(['Ada']));
    const ada = new TeamClient({ url: server.url, retro: 'r', token: server.memberTokenFor('r') });
    cleanups.push(() => ada.destroy());
    const seat = await ada.join('Ada');
    assert.ok(seat.ok);
    assert.deepEqual(await ada.request({ kind: 'contribute', memberId: seat.memberId, text: 'before', pass: false }), { ok: true });
    await server.close();
    const offline = ada.request({ kind: 'contribute', memberId: seat.memberId, text: 'while it was down', pass: false });
    await ada.until((c) => c.status !== 'connected');
    assert.equal(ada.pending, 1, 'waiting to send');
    server = await startTeamServer({ port, dataDir: tmp.dir, ...secrets, throttle: false });
    cleanups.push(() => server.close());
    assert.deepEqual(await offline, { ok: true });
    await ada.until((c) => c.follower.replica.state.contributions.length === 2, 20_000);
    assert.deepEqual(server.authority('r')!.state.contributions.map((c) => c.text), ['before', 'while it was down']);
    assert.equal(ada.seat?.memberId, seat.memberId, 'Ada took her own seat back');
  });
});
