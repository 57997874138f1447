// Requests that arrive together are decided, stored and shared as one batch: one write to
// the log, one Yjs update to every client. A batch is answered only once its write is
// done, so a killed server still loses nothing it acknowledged.
import { strict as assert } from 'node:assert';
import * as Y from 'yjs';
import type { SessionEvent } from '../../src/domain/types';
import { MAX_BATCH, SessionAuthority, type AuthorityResult } from '../../src/sync/authority';
import { TeamClient } from '../../src/sync/client';
import { eventsOf, readEvents } from '../../src/sync/docLog';
import { ServerStore } from '../../src/sync/serverStore';
import { newToken } from '../../src/sync/tokens';
import { freePort, opening, startCli, tempDir } from './helpers';

/** Storage whose appends wait until the test lets them finish (or fail). */
function heldStorage() {
  const writes: SessionEvent[][] = [];
  let release: (() => void) | null = null;
  let fail: ((err: Error) => void) | null = null;
  let hold = false;
  let written: () => void = () => undefined;
  const storage = {
    append(events: readonly SessionEvent[]): Promise<void> {
      writes.push([...events]);
      written();
      if (!hold) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        release = resolve;
        fail = reject;
      });
    },
    withSeats: async <T>(fn: (seats: Record<string, string>) => Promise<{ value: T }>) => (await fn({})).value,
  };
  return {
    storage,
    writes,
    hold: (on: boolean) => (hold = on),
    nextWrite: () => new Promise<void>((resolve) => (written = resolve)),
    release: () => release!(),
    fail: (err: Error) => fail!(err),
  };
}

const contributions = (doc: Y.Doc): string[] =>
  eventsOf(doc)
    .toArray()
    .map((raw) => JSON.parse(Buffer.from(raw as Uint8Array).toString('utf8')) as SessionEvent)
    .flatMap((e) => (e.type === 'contribution.added' ? [e.text] : []));

describe('team mode: batches of requests', function () {
  it('answers a batch only after its one write is done, and shares it as one update', async () => {
    const s = heldStorage();
    const doc = new Y.Doc();
    const authority = new SessionAuthority(doc, { storage: s.storage });
    assert.deepEqual(await authority.seed(opening(Array.from({ length: 10 }, (_, i) => `Member ${i + 1}`))), { ok: true });
    const ids = authority.state.members.map((m) => m.id);
    let updates = 0;
    doc.on('update', () => updates++);
    s.hold(true);
    const writing = s.nextWrite();
    const settled: AuthorityResult[] = [];
    const all = ids.map((memberId, k) => authority.handle({ role: 'member', memberId }, `batch-${k}-xxxxxxxx`, { kind: 'contribute', memberId, text: `answer ${k}`, pass: false }).then((r) => (settled.push(r), r)));
    await writing;
    // The write is under way: one for all ten, nothing answered, nothing shared yet.
    assert.equal(s.writes.length, 2, 'the opening, then one write for the batch');
    assert.deepEqual(s.writes[1]!.flatMap((e) => (e.type === 'contribution.added' ? [e.text] : [])), ids.map((_, k) => `answer ${k}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(settled.length, 0, 'no request answered before its write is done');
    assert.equal(updates, 0, 'nothing shared before its write is done');
    assert.deepEqual(contributions(doc), []);
    s.release();
    assert.ok((await Promise.all(all)).every((r) => r.ok));
    assert.equal(updates, 1, 'one update for the batch');
    assert.deepEqual(contributions(doc), ids.map((_, k) => `answer ${k}`));
    // In the order they arrived, each decided on the session with the ones before it.
    assert.deepEqual(authority.state.contributions.map((c) => c.text), ids.map((_, k) => `answer ${k}`));
    authority.dispose();
  });

  it('a resend of a request waiting in the same batch is answered with it, and applied once', async () => {
    const s = heldStorage();
    const authority = new SessionAuthority(new Y.Doc(), { storage: s.storage });
    await authority.seed(opening(['Ada', 'Bo']));
    const [ada] = authority.state.members.map((m) => m.id);
    s.hold(true);
    const writing = s.nextWrite();
    let answered = 0;
    const command = { kind: 'contribute', memberId: ada!, text: 'once', pass: false } as const;
    const first = authority.handle({ role: 'member', memberId: ada! }, 'same-intent-xxxx', command).then((r) => (answered++, r));
    const again = authority.handle({ role: 'member', memberId: ada! }, 'same-intent-xxxx', command).then((r) => (answered++, r));
    await writing;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(answered, 0, 'the resend is not acknowledged before the first one is written');
    s.release();
    assert.deepEqual(await Promise.all([first, again]), [{ ok: true }, { ok: true }]);
    assert.deepEqual(authority.state.contributions.map((c) => c.text), ['once']);
    authority.dispose();
  });

  it('a failed write fails the whole batch: nothing of it is kept or shared, and the resends apply once', async () => {
    const s = heldStorage();
    const doc = new Y.Doc();
    const authority = new SessionAuthority(doc, { storage: s.storage });
    await authority.seed(opening(['Ada', 'Bo', 'Cy']));
    const ids = authority.state.members.map((m) => m.id);
    const send = () => ids.map((memberId, k) => authority.handle({ role: 'member', memberId }, `fails-${k}-xxxxxxxx`, { kind: 'contribute', memberId, text: `answer ${k}`, pass: false }));
    s.hold(true);
    const writing = s.nextWrite();
    const failed = send().map((p) => p.then(() => 'answered', (err: Error) => err.message));
    await writing;
    s.fail(new Error('disk full'));
    assert.deepEqual(await Promise.all(failed), ['disk full', 'disk full', 'disk full']);
    assert.equal(authority.state.contributions.length, 0, 'the session is as the document says');
    assert.deepEqual(contributions(doc), []);
    s.hold(false);
    // The clients resend the same ids: each is applied now, once (none was remembered as applied).
    assert.ok((await Promise.all(send())).every((r) => r.ok));
    assert.deepEqual(authority.state.contributions.map((c) => c.text), ['answer 0', 'answer 1', 'answer 2']);
    assert.deepEqual(contributions(doc), ['answer 0', 'answer 1', 'answer 2']);
    authority.dispose();
  });

  it('another instance’s event landing while a batch is being written goes before it, here as in the document', async () => {
    const s = heldStorage();
    const docA = new Y.Doc();
    const a = new SessionAuthority(docA, { storage: s.storage });
    await a.seed(opening(['Ada', 'Bo']));
    const [ada, bo] = a.state.members.map((m) => m.id);
    // A second instance on the same retro (scaled out): its updates reach this one.
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    docB.on('update', (update: Uint8Array, origin: unknown) => origin !== 'from-a' && Y.applyUpdate(docA, update, 'from-b'));
    docA.on('update', (update: Uint8Array, origin: unknown) => origin !== 'from-b' && Y.applyUpdate(docB, update, 'from-a'));
    const b = new SessionAuthority(docB, { storage: { append: async () => undefined, withSeats: async (fn) => (await fn({})).value } });
    s.hold(true);
    const writing = s.nextWrite();
    const adaAnswer = a.handle({ role: 'member', memberId: ada! }, 'on-a-xxxxxxxx', { kind: 'contribute', memberId: ada!, text: 'Ada on A', pass: false });
    await writing; // staged on A, its write under way
    assert.deepEqual(await b.handle({ role: 'member', memberId: bo! }, 'on-b-xxxxxxxx', { kind: 'contribute', memberId: bo!, text: 'Bo on B', pass: false }), { ok: true });
    s.release();
    assert.deepEqual(await adaAnswer, { ok: true });
    const inDocument = readEvents(docA).events.map((e) => e.id);
    assert.deepEqual(a.events.map((e) => e.id), inDocument, 'A follows the document’s order');
    assert.deepEqual(a.state.contributions.map((c) => c.text), ['Bo on B', 'Ada on A']);
    assert.deepEqual(b.state.contributions.map((c) => c.text), ['Bo on B', 'Ada on A']);
    // Bo's client moves to A and resends what B applied: A knows it, and applies nothing again.
    s.hold(false);
    assert.deepEqual(await a.handle({ role: 'member', memberId: bo! }, 'on-b-xxxxxxxx', { kind: 'contribute', memberId: bo!, text: 'Bo on B', pass: false }), { ok: true });
    assert.deepEqual(a.state.contributions.map((c) => c.text), ['Bo on B', 'Ada on A']);
    a.dispose();
    b.dispose();
  });

  it('once disposed (the retro unloaded, the server closing), requests still waiting are refused, not written', async () => {
    const s = heldStorage();
    const authority = new SessionAuthority(new Y.Doc(), { storage: s.storage });
    await authority.seed(opening(['Ada']));
    const [ada] = authority.state.members.map((m) => m.id);
    const ask = (k: number) => authority.handle({ role: 'member', memberId: ada! }, `late-${k}-xxxxxxxx`, { kind: 'contribute', memberId: ada!, text: `answer ${k}`, pass: false }).then(() => 'answered', (err: Error) => err.message);
    s.hold(true);
    const writing = s.nextWrite();
    const first = ask(0);
    await writing;
    const waiting = [ask(1), ask(2)]; // behind the batch being written
    authority.dispose();
    s.release();
    assert.equal(await first, 'answered', 'the batch already written is answered');
    assert.deepEqual(await Promise.all(waiting), ['The retro was closed on this server.', 'The retro was closed on this server.']);
    assert.equal(await ask(3), 'The retro was closed on this server.');
    assert.equal(s.writes.length, 2, 'nothing written after it was disposed (the opening, then the first batch)');
  });

  it(`takes at most ${MAX_BATCH} requests in one batch`, async () => {
    const s = heldStorage();
    const authority = new SessionAuthority(new Y.Doc(), { storage: s.storage });
    await authority.seed(opening(['Ada']));
    const [ada] = authority.state.members.map((m) => m.id);
    const n = MAX_BATCH * 2 + 5;
    const all = Array.from({ length: n }, (_, k) => authority.handle({ role: 'member', memberId: ada! }, `many-${k}-xxxxxxxx`, { kind: 'contribute', memberId: ada!, text: `answer ${k}`, pass: false }));
    assert.ok((await Promise.all(all)).every((r) => r.ok));
    assert.deepEqual(s.writes.slice(1).map((w) => w.length), [MAX_BATCH, MAX_BATCH, 5]);
    authority.dispose();
  });

  describe('reciprocity server, SIGKILLed just after it acknowledged a batch', function () {
    this.timeout(120_000);
    const cleanups: (() => unknown)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });


    it('restarted, it has every acknowledged answer once', async () => {
      const tmp = tempDir();
      cleanups.push(tmp.cleanup);
      const port = await freePort();
      const token = newToken();
      let proc = await startCli(port, tmp.dir, token);
      cleanups.push(() => proc.kill('SIGKILL'));
      const url = `ws://127.0.0.1:${port}`;
      const fac = new TeamClient({ url, retro: 'burst', token });
      cleanups.push(() => fac.destroy());
      const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
      assert.deepEqual(await fac.seed(opening(names)), { ok: true });
      const members = names.map(() => new TeamClient({ url, retro: 'burst', token: fac.memberToken! }));
      members.forEach((m) => cleanups.push(() => m.destroy()));
      const seats = await Promise.all(members.map((m, i) => m.join(names[i]!)));
      // How many answers each update carried, as one member's document received them.
      const perUpdate: number[] = [];
      eventsOf(members[0]!.doc).observe((e) => perUpdate.push(e.changes.added.size));
      const acked: string[] = [];
      const refusals: string[] = [];
      const kill: { exited: Promise<void> | null } = { exited: null };
      const all: Promise<unknown>[] = [];
      // Each member sends a burst of answers at once, twice: the server reads them together.
      for (let round = 0; round < 2; round++) {
        members.forEach((m, i) => {
          const seat = seats[i]!;
          assert.ok(seat.ok);
          for (let k = 0; k < 8; k++) {
            const text = `${names[i]} ${round}-${k}`;
            all.push(
              m.request({ kind: 'contribute', memberId: seat.memberId, text, pass: false }).then((r) => {
                if (!r.ok) {
                  refusals.push(r.error);
                  return;
                }
                acked.push(text);
                // The moment the first batch of the second round is acknowledged: SIGKILL.
                if (round === 1 && kill.exited === null) {
                  proc.kill('SIGKILL');
                  kill.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
                }
              }),
            );
          }
        });
        if (round === 0) await Promise.all(all);
      }
      await members[0]!.until(() => kill.exited !== null, 30_000);
      const ackedBeforeKill = [...acked];
      await kill.exited;
      // What a restart reads: every answer acknowledged before the kill is there, once.
      const stored = await new ServerStore(tmp.dir).load('burst');
      const storedTexts = stored!.events.flatMap((e) => (e.type === 'contribution.added' ? [e.text] : []));
      for (const text of ackedBeforeKill) assert.equal(storedTexts.filter((t) => t === text).length, 1, `${text} acknowledged before the kill, on disk once`);
      proc = await startCli(port, tmp.dir, token);
      await Promise.all(all); // the clients resend what was not answered, until it is
      assert.deepEqual(refusals, []);
      assert.equal(acked.length, names.length * 16);
      const after = await new ServerStore(tmp.dir).load('burst');
      const texts = after!.events.flatMap((e) => (e.type === 'contribution.added' ? [e.text] : []));
      assert.deepEqual([...texts].sort(), [...acked].sort(), 'each acknowledged answer on disk exactly once');
      assert.ok(perUpdate.some((n) => n > 1), `requests arriving together were shared together (answers per update: ${perUpdate.join(' ')})`);
      for (const m of members) await m.until((c) => c.follower.replica.state.contributions.length === names.length * 16, 20_000);
    });
  });
});
