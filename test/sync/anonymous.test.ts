// Anonymous mode cannot leak. Members write notes while the facilitator has turned
// anonymity on; the tests then look where authorship could hide: the raw Yjs updates a
// member receives (decoded structs and their client ids), the facilitator's replica, the
// session file, the append logs, the stored Yjs state and the held book. The strongest
// check runs the same retro twice with the authors swapped and finds the two reveals
// identical once the random parts (ids, times, client ids, order) are set aside: what
// does not depend on who wrote a note cannot tell who wrote it.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { toCsv, toJson, toMarkdown } from '../../src/domain/export';
import { parseSessionFile } from '../../src/domain/persistence';
import { buildSummary } from '../../src/domain/summary';
import type { SessionEvent } from '../../src/domain/types';
import { TeamClient } from '../../src/sync/client';
import { startTeamServer, type TeamServer } from '../../src/sync/server';
import { newToken } from '../../src/sync/tokens';
import { freePort, harness, opening, RETRO, startRedis, tempDir, type Harness } from './helpers';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type NoteEvent = Extract<SessionEvent, { type: 'note.added' }>;

const notesOf = (c: TeamClient) => c.follower.replica.state.notes;
const eventsOf = (c: TeamClient) => c.follower.events;

/**
 * Every item struct of an update: who inserted it (client id) and what it holds, read
 * from the raw structs: Yjs JSON values, and binary contents (each event as UTF-8 JSON
 * bytes) decoded as JSON. Any other content fails the test rather than go unread.
 */
function structsOf(update: Uint8Array): { client: number; clock: number; content: unknown[] }[] {
  const out: { client: number; clock: number; content: unknown[] }[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs hold nothing
    const c = s.content;
    let content: unknown[];
    if (c instanceof Y.ContentAny) content = c.arr;
    else if (c instanceof Y.ContentBinary) content = [JSON.parse(Buffer.from(c.content).toString('utf8')) as unknown];
    else if (c instanceof Y.ContentDeleted) content = [];
    else throw new Error(`unexpected Yjs content ${c.constructor.name} in the document`);
    out.push({ client: s.id.client, clock: s.id.clock, content });
  }
  return out;
}

/** Client ids that appear in an update: its structs and its delete set. */
function clientIdsOf(update: Uint8Array): Set<number> {
  const decoded = Y.decodeUpdate(update);
  const ids = new Set<number>(decoded.structs.map((s) => s.id.client));
  for (const client of decoded.ds.clients.keys()) ids.add(client);
  return ids;
}

interface Run {
  h: Harness;
  dir: string;
  cleanup: () => void;
  fac: TeamClient;
  members: Map<string, TeamClient>;
  /** Updates the observing member's document received, in order. */
  received: Uint8Array[];
  /** Client ids of every Y.Doc a member or the facilitator holds. */
  clientDocs: number[];
}

async function start(names = ['Ada', 'Bo', 'Cy']): Promise<Run> {
  const tmp = tempDir('recip-anon-');
  const h = await harness({ dataDir: tmp.dir }, names);
  const fac = h.client(h.facilitatorToken);
  await fac.until((c) => eventsOf(c).length > 0);
  const members = new Map<string, TeamClient>();
  for (const n of names) members.set(n, await h.member(n));
  const observer = members.get(names[names.length - 1]!)!;
  await observer.until((c) => c.follower.replica.state.members.every((m) => m.present));
  const received: Uint8Array[] = [];
  observer.doc.on('update', (u: Uint8Array) => received.push(u));
  return { h, dir: tmp.dir, cleanup: tmp.cleanup, fac, members, received, clientDocs: [fac.doc.clientID, ...[...members.values()].map((m) => m.doc.clientID)] };
}

const memberId = (run: Run, name: string): string => run.members.get(name)!.seat!.memberId;

async function anonymityOn(run: Run): Promise<void> {
  assert.deepEqual(await run.fac.request({ kind: 'setAnonymity', on: true }), { ok: true });
  await run.fac.until((c) => c.follower.replica.state.anonymous);
  for (const m of run.members.values()) await m.until((c) => c.follower.replica.state.anonymous);
}

/** Each writer adds one note, in this order, one after the other (arrival order is known). */
async function write(run: Run, plan: readonly [string, string][]): Promise<void> {
  for (const [name, text] of plan) {
    const r = await run.members.get(name)!.request({ kind: 'addNote', text, column: 'Went well', memberId: memberId(run, name) });
    assert.ok(r.ok, `${name}'s note was refused: ${!r.ok ? r.error : ''}`);
    assert.ok(r.notices?.some((n) => /held/.test(n)), 'the writer is told the note is held');
  }
}

const authorityClient = (run: Run): number => run.h.server.authority(RETRO)!.doc.clientID;

describe('team mode: anonymous notes and votes', function () {
  this.timeout(60_000);
  const runs: Run[] = [];
  afterEach(async () => {
    for (const r of runs.splice(0)) {
      await r.h.close();
      r.cleanup();
    }
  });

  async function run(names?: string[]): Promise<Run> {
    const r = await start(names);
    runs.push(r);
    return r;
  }

  it('holds notes out of the document until the reveal, then appends them in one update from the authority alone', async () => {
    const r = await run();
    await anonymityOn(r);
    const before = r.received.length;
    const plan: [string, string][] = [
      ['Ada', 'a1 release went smoothly'], ['Bo', 'b1 pairing helped'], ['Cy', 'c1 fewer meetings'], ['Ada', 'a2 good reviews'],
      ['Bo', 'b2 CI is faster'], ['Cy', 'c2 demo was fun'], ['Ada', 'a3 docs improved'], ['Bo', 'b3 on-call was calm'],
    ];
    await write(r, plan);
    // Acknowledged, yet nothing reached any document: no event, no update, no count.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(r.received.length, before, 'a member receives no update while notes are held');
    assert.equal(notesOf(r.fac).length, 0, "the facilitator's view shows no held note");
    for (const m of r.members.values()) assert.equal(notesOf(m).length, 0);
    const heldPath = join(r.dir, `${RETRO}.held.json`);
    assert.equal(statSync(heldPath).mode & 0o777, 0o600, 'the held book is private to the server');
    for (const f of readdirSync(r.dir).filter((name) => name !== `${RETRO}.held.json`)) {
      const bytes = readFileSync(join(r.dir, f), 'latin1');
      for (const [, text] of plan) assert.ok(!bytes.includes(text), `${f} holds "${text}" before the reveal`);
    }
    const heldBefore = JSON.parse(readFileSync(heldPath, 'utf8')) as { notes: { text: string }[] };
    assert.equal(heldBefore.notes.length, plan.length);
    assert.notDeepEqual(heldBefore.notes.map((n) => n.text), plan.map(([, t]) => t), 'even the held book does not keep the order of arrival');

    const revealAt = Date.now();
    assert.deepEqual(await r.fac.request({ kind: 'revealNotes' }), { ok: true });
    await r.fac.until((c) => notesOf(c).length === plan.length);
    const observer = r.members.get('Cy')!;
    await observer.until((c) => notesOf(c).length === plan.length);

    // The reveal is one update, and every struct in it was made by the authority's client.
    const updates = r.received.slice(before);
    assert.equal(updates.length, 1, 'all notes arrive in one update');
    const update = updates[0]!;
    assert.deepEqual([...clientIdsOf(update)], [authorityClient(r)]);
    for (const id of r.clientDocs) assert.ok(!clientIdsOf(update).has(id), 'no member or facilitator client id');
    // The whole document, as every replica holds it: one writer, the authority.
    for (const c of [r.fac, ...r.members.values()]) {
      assert.deepEqual([...Y.decodeStateVector(Y.encodeStateVector(c.doc)).keys()], [authorityClient(r)]);
    }
    const inserted = structsOf(update).flatMap((s) => s.content) as Record<string, unknown>[];
    const notes = inserted.filter((e) => e['type'] === 'note.added') as unknown as NoteEvent[];
    assert.equal(notes.length, plan.length);
    const facilitatorId = r.fac.follower.replica.state.facilitatorId;
    for (const n of notes) {
      assert.equal(n.memberId, null);
      assert.equal(n.actor, facilitatorId, 'recorded as the facilitator, not as the writer');
      assert.equal(n.intent, undefined, "no trace of the writer's request");
      assert.match(n.id, UUID_V4);
      assert.match(n.noteId, UUID_V4);
      assert.equal(n.at, notes[0]!.at, 'one time for all: the reveal');
      assert.ok(n.at >= revealAt);
      assert.deepEqual(Object.keys(n).sort(), ['actor', 'at', 'column', 'id', 'memberId', 'noteId', 'text', 'type']);
    }
    // Nothing in the update names a member, by id or by name, except the reveal's counts.
    const names = ['Ada', 'Bo', 'Cy'];
    const ids = names.map((n) => memberId(r, n));
    const noteJson = JSON.stringify(notes);
    for (const secret of [...ids, ...names]) assert.ok(!noteJson.includes(secret), `${secret} appears in the notes`);
    const revealed = inserted.find((e) => e['type'] === 'notes.revealed') as { counts: Record<string, number> } | undefined;
    assert.deepEqual(revealed?.counts, { [ids[0]!]: 3, [ids[1]!]: 3, [ids[2]!]: 2 });
    assert.notDeepEqual(notes.map((n) => n.text), plan.map(([, t]) => t), 'the document order is not the order of arrival');
    assert.deepEqual(notes.map((n) => n.text).sort(), plan.map(([, t]) => t).sort());

    // The balance engine got the counts, and only at the reveal.
    const counts = Object.fromEntries(r.fac.follower.replica.balance.members.map((m) => [m.name, m.notes]));
    assert.deepEqual(counts, { Ada: 3, Bo: 3, Cy: 2 });
  });

  it('the order of the revealed notes does not follow the order of arrival, reveal after reveal', async () => {
    const r = await run();
    await anonymityOn(r);
    const orders = new Map<string, number>();
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const plan: [string, string][] = [['Ada', `r${round} first`], ['Bo', `r${round} second`], ['Cy', `r${round} third`]];
      await write(r, plan);
      assert.deepEqual(await r.fac.request({ kind: 'revealNotes' }), { ok: true });
      await r.fac.until((c) => notesOf(c).length === 3 * (round + 1));
      const revealedNow = notesOf(r.fac).slice(3 * round).map((n) => n.text.split(' ')[1]).join(',');
      orders.set(revealedNow, (orders.get(revealedNow) ?? 0) + 1);
    }
    // Six orders are possible; a shuffle shows several of them and favours none. Keeping the
    // order of arrival would give one order twelve times. (Chance of a false alarm for a
    // fair shuffle: about 3 in 100,000 for each check.)
    assert.ok(orders.size >= 3, `orders seen: ${JSON.stringify([...orders])}`);
    assert.ok((orders.get('first,second,third') ?? 0) <= 8, 'arrival order is not the usual order');
    const counts = r.fac.follower.replica.balance.members.map((m) => m.notes);
    assert.deepEqual(counts, [rounds, rounds, rounds]);
  });

  it('swapping who wrote what changes nothing in the reveal, the session file, the logs or the stored Yjs state', async () => {
    const texts = ['t1 standups are short', 't2 the release slipped', 't3 great pairing', 't4 too many pages'];
    const planA: [string, string][] = [['Ada', texts[0]!], ['Ada', texts[1]!], ['Bo', texts[2]!], ['Bo', texts[3]!]];
    const planB: [string, string][] = [['Bo', texts[3]!], ['Ada', texts[2]!], ['Bo', texts[1]!], ['Ada', texts[0]!]];
    const seen = [];
    for (const plan of [planA, planB]) {
      const r = await run(['Ada', 'Bo']);
      await anonymityOn(r);
      const before = r.received.length;
      await write(r, plan);
      assert.deepEqual(await r.fac.request({ kind: 'revealNotes' }), { ok: true });
      await r.members.get('Bo')!.until((c) => notesOf(c).length === plan.length);
      const update = r.received[before]!;
      const auth = authorityClient(r);
      const names = new Map([...r.members].map(([n, c]) => [c.seat!.memberId, n]));
      // Logs as appended before the acknowledgement, before they are folded away.
      const logs = readdirSync(r.dir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(r.dir, f), 'utf8'));
      const logged = logs.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      await r.h.close();
      runs.splice(runs.indexOf(r), 1);
      const file = parseSessionFile(readFileSync(join(r.dir, `${RETRO}.json`), 'utf8'), 'retro.json');
      assert.ok(file.ok);
      // The exports list the revealed notes (issue 11), each without an author, and the
      // same set of note lines whoever wrote what; each member's count is shared.
      const summary = buildSummary(file.file.events);
      const options = { pseudonymise: false, namedTable: true };
      assert.deepEqual((summary.gatherNotes ?? []).map((n) => n.author), [null, null, null, null], 'no author on a revealed note');
      assert.deepEqual((summary.gatherNotes ?? []).map((n) => n.text).sort(), [...texts].sort());
      const noteLines: string[] = [];
      for (const out of [toMarkdown(summary, options), toCsv(summary, options)]) {
        for (const line of out.split('\n').filter((l) => texts.some((t) => l.includes(t)))) {
          assert.ok(!/Ada|Bo/.test(line), `an export names no author next to a note: ${line}`);
          noteLines.push(line.replace(/^note,\d+,/, 'note,#,')); // the row number is the reveal's random order
        }
      }
      const json = JSON.parse(toJson(summary, options)) as { gatherNotes?: { author: unknown }[] };
      assert.ok((json.gatherNotes ?? []).every((n) => n.author === null), 'the JSON export names no author');
      assert.deepEqual(summary.members.map((m) => [m.name, m.notes]), [['Ada', 2], ['Bo', 2]]);
      const ydoc = new Uint8Array(readFileSync(join(r.dir, `${RETRO}.ydoc`)));
      const held = existsSync(join(r.dir, `${RETRO}.held.json`)) ? readFileSync(join(r.dir, `${RETRO}.held.json`), 'utf8') : '';
      r.cleanup();
      seen.push({
        update: normalise(structsOf(update), auth, names),
        logged: normalise([{ client: auth, content: logged.filter(isAnonymous) }], auth, names),
        file: normalise([{ client: auth, content: file.file.events.filter(isAnonymous) }], auth, names),
        ydoc: normalise(structsOf(ydoc).map((s) => ({ ...s, content: s.content.filter(isAnonymous) })), auth, names),
        heldAfter: normaliseHeld(held, names),
        exportLines: noteLines.sort(),
        ydocClients: [...clientIdsOf(ydoc)].map((c) => (c === auth ? 'authority' : c)),
      });
    }
    const [a, b] = seen as [(typeof seen)[0], (typeof seen)[0]];
    assert.ok(a.update.length > 0 && a.file.length > 0 && a.logged.length > 0 && a.ydoc.length > 0);
    assert.deepEqual(a.update, b.update, 'the reveal update');
    assert.deepEqual(a.logged, b.logged, 'the append log');
    assert.deepEqual(a.file, b.file, 'the session file');
    assert.deepEqual(a.ydoc, b.ydoc, 'the stored Yjs state');
    assert.deepEqual(a.heldAfter, b.heldAfter, 'what is left of the held book');
    assert.ok(a.exportLines.length >= texts.length);
    assert.deepEqual(a.exportLines, b.exportLines, 'the exports');
    assert.deepEqual(a.ydocClients, ['authority'], 'the stored document was written by the authority alone');
    assert.deepEqual(b.ydocClients, ['authority']);
  });

  it('votes: the authority enforces the cap and shares totals only, then forgets who voted when the retro ends', async () => {
    const r = await run(['Ada', 'Bo']);
    await anonymityOn(r);
    await write(r, [['Ada', 'x'], ['Bo', 'y']]);
    await r.fac.request({ kind: 'revealNotes' });
    await r.fac.until((c) => notesOf(c).length === 2);
    const ada = r.members.get('Ada')!;
    const bo = r.members.get('Bo')!;
    await ada.until((c) => notesOf(c).length === 2);
    const [x, y] = ['x', 'y'].map((t) => notesOf(r.fac).find((n) => n.text === t)!.id) as [string, string];
    const vote = (c: TeamClient, noteId: string, retract = false) => c.request({ kind: 'vote', memberId: c.seat!.memberId, noteId, retract });
    for (const noteId of [x, x, y]) assert.deepEqual(await vote(ada, noteId), { ok: true });
    const fourth = await vote(ada, y);
    assert.equal(fourth.ok, false);
    assert.match(!fourth.ok ? fourth.error : '', /3 dots/);
    assert.deepEqual(await vote(ada, x, true), { ok: true }, 'a dot can be taken back');
    assert.deepEqual(await vote(ada, y), { ok: true }, '...and moved');
    assert.deepEqual(await vote(bo, y), { ok: true });
    const forged = await bo.request({ kind: 'vote', memberId: ada.seat!.memberId, noteId: x, retract: true });
    assert.equal(forged.ok, false, "nobody takes back someone else's dot");
    await r.fac.until((c) => c.follower.replica.state.voteTotals[y] === 3, 10_000);
    const state = r.fac.follower.replica.state;
    assert.deepEqual(state.voteTotals, { [x]: 1, [y]: 3 });
    assert.deepEqual(state.votes, [], 'no named vote exists');
    const voteEvents = eventsOf(r.fac).filter((e) => e.type.startsWith('vote'));
    assert.ok(voteEvents.length >= 1);
    for (const e of voteEvents) {
      assert.equal(e.type, 'votes.tallied');
      assert.equal(e.actor, state.facilitatorId);
      assert.equal(e.intent, undefined);
      const json = JSON.stringify(e);
      for (const id of [ada.seat!.memberId, bo.seat!.memberId]) assert.ok(!json.includes(id));
    }
    // Turning anonymity off now would let people vote again by name: refused.
    const off = await r.fac.request({ kind: 'setAnonymity', on: false });
    assert.equal(off.ok, false);
    // Only the server's private book knows who voted, until the end.
    const heldPath = join(r.dir, `${RETRO}.held.json`);
    const held = JSON.parse(readFileSync(heldPath, 'utf8')) as { votes: Record<string, string[]>; notes: unknown[] };
    assert.deepEqual(held.notes, []);
    assert.deepEqual(held.votes, { [ada.seat!.memberId]: [x, y, y].sort(), [bo.seat!.memberId]: [y] });
    assert.deepEqual(await r.fac.request({ kind: 'endRetro' }), { ok: true });
    assert.equal(existsSync(heldPath), false, 'the held book is deleted when the retro ends');
  });

  it('only the facilitator turns anonymity on or reveals; a member holds notes only for themselves', async () => {
    const r = await run(['Ada', 'Bo']);
    const ada = r.members.get('Ada')!;
    const on = await ada.request({ kind: 'setAnonymity', on: true });
    assert.equal(on.ok, false);
    await anonymityOn(r);
    const reveal = await ada.request({ kind: 'revealNotes' });
    assert.deepEqual(reveal, { ok: false, error: 'Only the facilitator can do that.', said: { key: 'facilitatorOnly' } });
    const forged = await ada.request({ kind: 'addNote', text: 'as Bo', column: 'Went well', memberId: r.members.get('Bo')!.seat!.memberId });
    assert.equal(forged.ok, false);
    const anonymous = await ada.request({ kind: 'addNote', text: 'no name given', column: 'Went well', memberId: null });
    assert.ok(anonymous.ok);
    const badColumn = await ada.request({ kind: 'addNote', text: 'x', column: 'Nope', memberId: null });
    assert.equal(badColumn.ok, false, 'held notes are checked like any note');
    await r.fac.request({ kind: 'revealNotes' });
    await r.fac.until((c) => notesOf(c).length === 1);
    const counts = r.fac.follower.replica.balance.members.find((m) => m.name === 'Ada')?.notes;
    assert.equal(counts, 1, "a note sent without a name still counts for its writer's balance");
  });

  it('a held note resent after anonymity was turned off is not applied again, with or without a name', async () => {
    const r = await run(['Ada', 'Bo']);
    const authority = r.h.server.authority(RETRO)!;
    assert.deepEqual(await authority.handle({ role: 'facilitator' }, 'intent-on', { kind: 'setAnonymity', on: true }), { ok: true });
    const ada = memberId(r, 'Ada');
    const note = { kind: 'addNote', text: 'said once', column: 'Ideas', memberId: ada } as const;
    assert.ok((await authority.handle({ role: 'member', memberId: ada }, 'intent-held', note)).ok);
    // Turning anonymity off reveals what is held first.
    assert.deepEqual(await authority.handle({ role: 'facilitator' }, 'intent-off', { kind: 'setAnonymity', on: false }), { ok: true });
    const types = authority.events.map((e) => e.type);
    assert.ok(types.lastIndexOf('notes.revealed') < types.lastIndexOf('anonymity.set'));
    assert.deepEqual(authority.state.notes.map((n) => [n.text, n.memberId]), [['said once', null]]);
    // The lost acknowledgement's resend arrives now: acknowledged, not applied.
    assert.deepEqual(await authority.handle({ role: 'member', memberId: ada }, 'intent-held', note), { ok: true });
    assert.deepEqual(authority.state.notes.map((n) => [n.text, n.memberId]), [['said once', null]]);
    // A new note is named again, as anonymity is off.
    assert.ok((await authority.handle({ role: 'member', memberId: ada }, 'intent-new', { ...note, text: 'named' })).ok);
    assert.deepEqual(authority.state.notes.map((n) => [n.text, n.memberId]), [['said once', null], ['named', ada]]);
  });

  it('a request resent after its acknowledgement is held once; held notes survive a restart; ending reveals them', async () => {
    const tmp = tempDir('recip-anon-restart-');
    try {
      let h = await harness({ dataDir: tmp.dir }, ['Ada', 'Bo']);
      let authority = h.server.authority(RETRO)!;
      const fac = authority.state.facilitatorId!;
      assert.deepEqual(await authority.handle({ role: 'facilitator' }, 'intent-anon-on', { kind: 'setAnonymity', on: true }), { ok: true });
      const ada = authority.state.members.find((m) => m.name === 'Ada')!.id;
      const note = { kind: 'addNote', text: 'only once', column: 'Went well', memberId: ada } as const;
      for (let i = 0; i < 3; i++) assert.ok((await authority.handle({ role: 'member', memberId: ada }, 'intent-note-1', note)).ok);
      assert.ok((await authority.handle({ role: 'member', memberId: ada }, 'intent-note-2', { ...note, text: 'second' })).ok);
      assert.equal(authority.state.notes.length, 0);
      await h.close();

      h = await harness({ dataDir: tmp.dir }, ['Ada', 'Bo']);
      authority = h.server.authority(RETRO)!;
      assert.equal(authority.state.anonymous, true);
      assert.equal(authority.state.notes.length, 0);
      // A resend after the restart is still recognised.
      assert.ok((await authority.handle({ role: 'member', memberId: ada }, 'intent-note-1', note)).ok);
      assert.deepEqual(await authority.handle({ role: 'facilitator' }, 'intent-end', { kind: 'endRetro' }), { ok: true });
      const state = authority.state;
      assert.deepEqual(state.notes.map((n) => n.text).sort(), ['only once', 'second']);
      assert.ok(state.notes.every((n) => n.memberId === null));
      assert.ok(state.endedAt !== null);
      const types = authority.events.map((e) => e.type);
      assert.ok(types.indexOf('notes.revealed') < types.indexOf('session.ended'), 'revealed before the end');
      assert.equal(authority.events.find((e) => e.type === 'notes.revealed')?.actor, fac);
      const heldPath = join(tmp.dir, `${RETRO}.held.json`);
      assert.equal(existsSync(heldPath), false);
      await h.close();
      // A book left behind by a crash right after the end is deleted on the next load.
      writeFileSync(heldPath, JSON.stringify({ v: 1, notes: [], votes: { [ada]: ['x'] }, spent: [] }));
      h = await harness({ dataDir: tmp.dir }, ['Ada', 'Bo']);
      for (let i = 0; i < 200 && existsSync(heldPath); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(existsSync(heldPath), false);
      await h.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('team mode: anonymous notes across two instances (Redis)', function () {
  this.timeout(60_000);
  let redis: { port: number; stop: () => void } | undefined;
  const servers: TeamServer[] = [];
  const clients: TeamClient[] = [];
  let tmp: { dir: string; cleanup: () => void } | undefined;

  before(async function () {
    redis = await startRedis();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close().catch(() => undefined);
    redis?.stop();
    tmp?.cleanup();
  });

  it('notes held through one instance are revealed through the other, and the cap holds across both', async () => {
    tmp = tempDir('recip-anon-redis-');
    const secrets = { facilitatorToken: newToken(), memberKey: newToken() };
    const common = { dataDir: tmp.dir, ...secrets, throttle: false as const, redis: { host: '127.0.0.1', port: redis!.port } };
    const a = await startTeamServer({ port: await freePort(), ...common });
    const b = await startTeamServer({ port: await freePort(), ...common });
    servers.push(a, b);
    await (await a.open(RETRO)).seed(opening(['Ada', 'Bo']));
    await b.open(RETRO);
    const token = a.memberTokenFor(RETRO);
    const ada = new TeamClient({ url: a.url, retro: RETRO, token });
    const bo = new TeamClient({ url: b.url, retro: RETRO, token });
    const facA = new TeamClient({ url: a.url, retro: RETRO, token: secrets.facilitatorToken });
    const facB = new TeamClient({ url: b.url, retro: RETRO, token: secrets.facilitatorToken });
    clients.push(ada, bo, facA, facB);
    assert.ok((await ada.join('Ada')).ok);
    assert.ok((await bo.join('Bo')).ok);
    await facA.until((c) => c.follower.events.length > 0);
    await facB.until((c) => c.follower.events.length > 0);
    assert.deepEqual(await facA.request({ kind: 'setAnonymity', on: true }), { ok: true });
    for (const c of [ada, bo, facB]) await c.until((x) => x.follower.replica.state.anonymous, 20_000);
    const received: Uint8Array[] = [];
    bo.doc.on('update', (u: Uint8Array) => received.push(u));
    const add = (c: TeamClient, text: string) => c.request({ kind: 'addNote', text, column: 'Ideas', memberId: c.seat!.memberId });
    for (const [c, text] of [[ada, 'via A one'], [bo, 'via B one'], [ada, 'via A two']] as const) assert.ok((await add(c, text)).ok);
    assert.equal(received.length, 0, 'nothing is shared while held, on either instance');
    // The facilitator on the other instance reveals: one book, shared through the data folder.
    assert.deepEqual(await facB.request({ kind: 'revealNotes' }), { ok: true });
    for (const c of [ada, bo, facA, facB]) await c.until((x) => x.follower.replica.state.notes.length === 3, 20_000);
    const authorities = new Set([a.authority(RETRO)!.doc.clientID, b.authority(RETRO)!.doc.clientID]);
    for (const u of received) for (const client of clientIdsOf(u)) assert.ok(authorities.has(client), 'only the authorities write');
    const notes = bo.follower.replica.state.notes;
    assert.ok(notes.every((n) => n.memberId === null));
    assert.deepEqual(notes.map((n) => n.text).sort(), ['via A one', 'via A two', 'via B one']);
    const counts = Object.fromEntries(facA.follower.replica.balance.members.map((m) => [m.name, m.notes]));
    assert.deepEqual(counts, { Ada: 2, Bo: 1 });
    // Ada's dots, placed through A and then through B, meet one cap.
    const ids = notes.map((n) => n.id);
    const adaOnB = new TeamClient({ url: b.url, retro: RETRO, token });
    clients.push(adaOnB);
    const seat = ada.seat!;
    assert.ok((await adaOnB.join('Ada', seat.secret)).ok);
    const dot = (c: TeamClient, noteId: string) => c.request({ kind: 'vote', memberId: seat.memberId, noteId, retract: false });
    assert.deepEqual(await dot(ada, ids[0]!), { ok: true });
    assert.deepEqual(await dot(adaOnB, ids[1]!), { ok: true });
    assert.deepEqual(await dot(ada, ids[2]!), { ok: true });
    assert.equal((await dot(adaOnB, ids[0]!)).ok, false, 'the fourth dot is refused on the other instance');
    await bo.until((x) => Object.values(x.follower.replica.state.voteTotals).reduce((m, k) => m + k, 0) === 3, 20_000);
  });
});

function isAnonymous(e: unknown): boolean {
  const t = (e as { type?: unknown } | null)?.type;
  return t === 'note.added' || t === 'notes.revealed';
}

/**
 * What is left of stored or sent events once ids, times, client ids and order are set
 * aside: member ids become names (only the reveal's counts hold any).
 */
function normalise(structs: { client: number; content: unknown[] }[], auth: number, names: Map<string, string>): unknown[] {
  const out: string[] = [];
  for (const s of structs) {
    for (const item of s.content) {
      if (typeof item !== 'object' || item === null) {
        out.push(`${s.client === auth ? 'authority' : s.client}:${typeof item}`);
        continue;
      }
      const e = item as Record<string, unknown>;
      const copy: Record<string, unknown> = { ...e, client: s.client === auth ? 'authority' : s.client };
      for (const k of ['id', 'noteId', 'at', 'actor', 'intent']) if (k in copy) copy[k] = typeof copy[k];
      if (e['counts']) copy['counts'] = Object.fromEntries(Object.entries(e['counts'] as Record<string, number>).map(([id, n]) => [names.get(id) ?? id, n]).sort());
      out.push(JSON.stringify(Object.fromEntries(Object.entries(copy).sort(([a], [b]) => (a < b ? -1 : 1)))));
    }
  }
  return out.sort();
}

function normaliseHeld(text: string, names: Map<string, string>): unknown {
  if (text === '') return null;
  const held = JSON.parse(text) as { notes: unknown[]; votes: Record<string, unknown>; spent: string[] };
  let json = JSON.stringify({ notes: held.notes, votes: held.votes, spent: held.spent.length });
  for (const [id, name] of names) json = json.split(id).join(name);
  return JSON.parse(json) as unknown;
}
