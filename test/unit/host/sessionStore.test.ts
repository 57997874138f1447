import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sessionFileFromEvents } from '../../../src/domain/persistence';
import type { SessionEvent } from '../../../src/domain/types';
import { SessionLock } from '../../../src/host/sessionLock';
import { DamagedSessionError, SessionStore } from '../../../src/host/sessionStore';
import { replay } from '../../../src/domain/session';
import { created } from './storageHarness';

const member = (n: number, name: string): SessionEvent => ({ id: `m${n}`, at: 1000 + n, actor: 'fac', type: 'member.added', memberId: `u${n}`, name, joinedLate: false });

describe('SessionStore', () => {
  let dir: string;
  let store: SessionStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-store-'));
    store = new SessionStore(() => dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves atomically and loads the same log back', async () => {
    const file = sessionFileFromEvents([created(), member(1, 'Ada'), member(2, '<img src=x onerror=alert(1)>')]);
    await store.save(file);
    const back = await store.load(file.id);
    assert.deepEqual(back.events, file.events);
    assert.deepEqual(fs.readdirSync(dir), [`${file.id}.json`], 'no temp files left behind');
  });

  it('keeps a truncated file aside instead of overwriting it, with a clear error', async () => {
    const file = sessionFileFromEvents([created(), member(1, 'Ada')]);
    await store.save(file);
    const p = store.pathFor(file.id);
    const text = fs.readFileSync(p, 'utf8');
    fs.writeFileSync(p, text.slice(0, text.length / 2));
    await assert.rejects(store.load(file.id), (err: unknown) => {
      assert.ok(err instanceof DamagedSessionError);
      assert.match(err.message, /could not be read/);
      assert.ok(err.keptAs && fs.existsSync(err.keptAs), 'damaged file kept');
      assert.equal(fs.readFileSync(err.keptAs, 'utf8'), text.slice(0, text.length / 2));
      return true;
    });
  });

  it('never loses an event another window wrote: saves merge by event id', async () => {
    const base = sessionFileFromEvents([created(), member(1, 'Ada')]);
    await store.save(base);
    await store.save({ ...base, events: [...base.events, member(2, 'Grace')] });
    const merged = await store.save({ ...base, events: [...base.events, member(3, 'Linus')] });
    const names = merged.events.filter((e) => e.type === 'member.added').map((e) => (e as { name: string }).name);
    assert.deepEqual(names, ['Ada', 'Grace', 'Linus'], 'what was on disk keeps its place; the newcomer follows');
    assert.equal((await store.load(base.id)).events.length, 4);
  });

  it('lists sessions and reports damaged ones without touching them', async () => {
    await store.save(sessionFileFromEvents([created('good'), member(1, 'Ada')]));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"v":1,');
    const listing = await store.list();
    assert.equal(listing.sessions.length, 1);
    assert.equal(listing.damaged.length, 1);
    assert.ok(fs.existsSync(path.join(dir, 'bad.json')));
  });

  it('refuses ids that could escape the folder', () => {
    assert.throws(() => store.pathFor('../etc/passwd'), /Invalid session id/);
  });

  it('a removal saved by a window whose clock runs 4 s behind stays after the add it removes', async () => {
    const add: SessionEvent = { id: 'c1', at: 10_000, actor: 'fac', type: 'contribution.added', contributionId: 'k1', memberId: 'u1', phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'hi', pass: false };
    const base = sessionFileFromEvents([created(), member(1, 'Ada'), add]);
    await store.save(base);
    const removal: SessionEvent = { id: 'r1', at: 6_000, actor: 'fac', type: 'contribution.removed', contributionId: 'k1' };
    await store.save({ ...base, events: [...base.events, removal] }); // the slow clock
    const other: SessionEvent = { ...member(2, 'Grace'), at: 11_000 };
    const merged = await store.save({ ...base, events: [...base.events, other] });
    assert.deepEqual(merged.events.map((e) => e.id), ['e0', 'm1', 'c1', 'r1', 'm2']);
    assert.equal(replay(merged.events).contributions.length, 0, 'the removed contribution does not come back');
  });
});

describe('SessionLock', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-lock-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives one writer; the second window is told who holds it; release frees it', async () => {
    const p = path.join(dir, 's.json');
    const a = await SessionLock.acquire(p, 'window-a');
    assert.equal(a.acquired, true);
    const b = await SessionLock.acquire(p, 'window-b');
    assert.equal(b.acquired, false);
    if (!b.acquired) assert.match(b.heldBy, /another VS Code window/);
    if (a.acquired) await a.lock.release();
    const c = await SessionLock.acquire(p, 'window-b');
    assert.equal(c.acquired, true);
    if (c.acquired) await c.lock.release();
  });

  it('gives a reloaded window its lock back and stamps it with the new process', async () => {
    const p = path.join(dir, 's.json');
    fs.writeFileSync(`${p}.lock`, JSON.stringify({ pid: 999999, host: os.hostname(), owner: 'window-a', at: Date.now() }));
    const r = await SessionLock.acquire(p, 'window-a');
    assert.equal(r.acquired, true);
    assert.equal(JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')).pid, process.pid);
    if (r.acquired) await r.lock.release();
    assert.equal(fs.existsSync(`${p}.lock`), false, 'released');
  });

  it('keeps a second live process with the same window token (two tabs) as a reader', async () => {
    const p = path.join(dir, 's.json');
    const other = { pid: process.ppid, host: os.hostname(), owner: 'window-a', at: Date.now() };
    fs.writeFileSync(`${p}.lock`, JSON.stringify(other));
    const r = await SessionLock.acquire(p, 'window-a');
    assert.equal(r.acquired, false);
    assert.deepEqual(JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')), other, 'the holder keeps its lock untouched');
  });

  it('the heartbeat writes a fresh time into its own lock (for readers that go by it), and never into a lock taken over since', async () => {
    const p = path.join(dir, 's.json');
    const r = await SessionLock.acquire(p, 'window-a');
    assert.ok(r.acquired);
    const touch = () => (r.lock as unknown as { touch(): Promise<void> }).touch();
    const mine = JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')) as { at: number; nonce: string };
    fs.writeFileSync(`${p}.lock`, JSON.stringify({ ...mine, at: 5 }));
    await touch();
    const after = JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')) as { at: number; nonce: string };
    assert.equal(after.nonce, mine.nonce);
    assert.ok(after.at >= mine.at, 'fresh again');
    const theirs = JSON.stringify({ pid: process.ppid, host: os.hostname(), owner: 'window-b', at: 7, nonce: 'cccccccc-3333' });
    fs.writeFileSync(`${p}.lock`, theirs);
    await touch();
    assert.equal(fs.readFileSync(`${p}.lock`, 'utf8'), theirs, 'not ours any more: left alone');
    await r.lock.release();
    assert.equal(fs.readFileSync(`${p}.lock`, 'utf8'), theirs, 'a late release leaves the new holder\'s lock');
  });

  it('takes over a stale lock left by a crashed window', async () => {
    const p = path.join(dir, 's.json');
    fs.writeFileSync(`${p}.lock`, JSON.stringify({ pid: 999999, host: os.hostname(), owner: 'dead', at: Date.now() - 120_000 }));
    const r = await SessionLock.acquire(p, 'window-b');
    assert.equal(r.acquired, true);
    if (r.acquired) await r.lock.release();
  });
});
