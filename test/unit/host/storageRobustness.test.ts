// Issue 12, storage: two writers, deep values, unknown and newer formats, temp files a
// killed save left, a read-only folder and a full disk. Each starts as the reproduction
// the issue describes. Writers and lock holders run as real child processes.
import { strict as assert } from 'node:assert';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSessionFile, serializeSession } from '../../../src/domain/persistence';
import { replay } from '../../../src/domain/session';
import type { SessionEvent } from '../../../src/domain/types';
import { SessionLock } from '../../../src/host/sessionLock';
import { DamagedSessionError, SessionStore } from '../../../src/host/sessionStore';
import { cannotRun, childBundle, created, leftovers, mountTmpfs, newSession, remountReadOnly, runChild } from './storageHarness';

const note = (n: number, text = `note ${n}`): SessionEvent => ({ id: `t-${n}`, at: 2000 + n, actor: 'fac', type: 'note.added', noteId: `tn-${n}`, memberId: null, text, column: 'went-well' });

function ask(child: ChildProcess, message: object): Promise<{ acquired?: boolean; error?: string }> {
  return new Promise((resolve) => {
    child.once('message', (m: { acquired?: boolean; error?: string }) => resolve(m));
    child.send(message);
  });
}

describe('storage robustness (issue 12)', function () {
  this.timeout(120_000);
  let dir: string;
  let store: SessionStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-robust-'));
    store = new SessionStore(() => dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('defect 1: two writers', () => {
    it('with a dead pid\'s lock on disk, exactly one of two processes acquiring at the same instant wins, in each of 200 trials', async () => {
      const bundle = await childBundle();
      const p = path.join(dir, 's1.json');
      const kids = ['window-a', 'window-b'].map((owner) => fork(bundle, ['lock', p, owner], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
      try {
        await Promise.all(kids.map((k) => new Promise((resolve) => k.once('message', resolve))));
        let both = 0;
        let none = 0;
        for (let trial = 0; trial < 200; trial++) {
          fs.writeFileSync(`${p}.lock`, JSON.stringify({ pid: 999999, host: os.hostname(), owner: 'dead-window', at: Date.now() }));
          const go = Date.now() + 20;
          const results = await Promise.all(kids.map((k) => ask(k, { go })));
          for (const r of results) assert.equal(r.error, undefined, r.error);
          const winners = results.filter((r) => r.acquired).length;
          if (winners === 2) both++;
          if (winners === 0) none++;
          await Promise.all(kids.map((k) => ask(k, { release: true })));
        }
        assert.equal(both, 0, `both processes held the lock in ${both} of 200 trials`);
        assert.equal(none, 0, `the dead pid's lock was not taken over in ${none} of 200 trials`);
      } finally {
        for (const k of kids) k.kill('SIGKILL');
      }
    });

    it('two writer processes × 200 contributions at once: every acknowledged contribution is on disk', async () => {
      const bundle = await childBundle();
      await store.save(newSession());
      const [a, b] = await Promise.all([runChild(bundle, ['write', dir, 's1', '200', 'A']), runChild(bundle, ['write', dir, 's1', '200', 'B'])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.equal(a.acks.length + b.acks.length, 400);
      const onDisk = new Set((await store.load('s1')).events.map((e) => e.id));
      const lost = [...a.acks, ...b.acks].filter((id) => !onDisk.has(id));
      assert.deepEqual(lost, [], `${lost.length} acknowledged contributions lost`);
      assert.deepEqual(leftovers(dir), []);
    });
  });

  describe('defect 1: claims left by killed processes', () => {
    it('a claim left by a process killed mid-takeover does not block the next takeover, and is removed after it', async () => {
      const p = path.join(dir, 's1.json');
      const dead = { pid: 999999, host: os.hostname(), at: Date.now() };
      fs.writeFileSync(`${p}.lock`, JSON.stringify({ ...dead, owner: 'dead-window', nonce: 'aaaaaaaa-1111' }));
      fs.writeFileSync(`${p}.lock.takeover-aaaaaaaa-1111`, JSON.stringify({ ...dead, owner: 'claim', nonce: 'bbbbbbbb-2222', target: 'aaaaaaaa-1111' }));
      const r = await SessionLock.acquire(p, 'window-b');
      assert.equal(r.acquired, true);
      assert.equal(JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')).owner, 'window-b');
      assert.deepEqual(fs.readdirSync(dir), ['s1.json.lock']);
      if (r.acquired) await r.lock.release();
    });

    it('a live process\'s claim on the lock makes a second contender wait, not take over too', async () => {
      const p = path.join(dir, 's1.json');
      const dead = { pid: 999999, host: os.hostname(), at: Date.now() };
      fs.writeFileSync(`${p}.lock`, JSON.stringify({ ...dead, owner: 'dead-window', nonce: 'aaaaaaaa-1111' }));
      // Held by this (live) process: someone here is mid-takeover and never finishes.
      fs.writeFileSync(`${p}.lock.takeover-aaaaaaaa-1111`, JSON.stringify({ pid: process.ppid, host: os.hostname(), at: Date.now(), owner: 'claim', nonce: 'bbbbbbbb-2222', target: 'aaaaaaaa-1111' }));
      const r = await SessionLock.acquire(p, 'window-b');
      assert.equal(r.acquired, false);
      assert.equal(JSON.parse(fs.readFileSync(`${p}.lock`, 'utf8')).owner, 'dead-window', 'left to the claim holder');
    });
  });

  describe('defect 6: deep nesting', () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const withDeepField = (depth: number) =>
      serializeSession(newSession()).replace('"events": [', `"events": [${JSON.stringify({ ...note(1) }).slice(0, -1)}, "future": ${deep(depth)}},`);

    it('refuses a file with a value nested 4,000 deep in an unknown field when loading, with a clear message, and keeps it aside', async () => {
      const text = withDeepField(4000);
      assert.ok(JSON.parse(text), 'the reproduction is valid JSON');
      const parsed = parseSessionFile(text, 's1.json');
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, /nested more than \d+ levels deep/);
      fs.writeFileSync(path.join(dir, 's1.json'), text);
      await assert.rejects(store.load('s1'), (err: unknown) => {
        assert.ok(err instanceof DamagedSessionError);
        assert.match(err.message, /nested more than \d+ levels deep/);
        assert.equal(err.keptAs && fs.readFileSync(err.keptAs, 'utf8'), text, 'kept aside as it was');
        return true;
      });
    });

    it('still reads an unknown field nested a few levels deep, and writes it back', async () => {
      fs.writeFileSync(path.join(dir, 's1.json'), withDeepField(20));
      const file = await store.load('s1');
      await store.save({ ...file, events: [...file.events, note(2)] });
      const back = (await store.load('s1')).events.find((e) => e.id === 't-1') as unknown as { future: unknown };
      let depth = 0;
      for (let v = back.future; typeof v === 'object' && v !== null; v = (v as { a: unknown }).a) depth++;
      assert.equal(depth, 20);
    });

    it('a save of a deeply nested value fails at once with a clear error, not a RangeError, and writes nothing', async () => {
      await store.save(newSession());
      const before = fs.readFileSync(path.join(dir, 's1.json'), 'utf8');
      let value: unknown = 1;
      for (let i = 0; i < 4000; i++) value = { a: value };
      const bad = { ...note(1), future: value } as unknown as SessionEvent;
      await assert.rejects(store.save({ ...newSession(), events: [created(), bad] }), (err: unknown) => {
        assert.ok(!(err instanceof RangeError), 'not a stack overflow');
        assert.match((err as Error).message, /nested more than \d+ levels deep/);
        return true;
      });
      assert.equal(fs.readFileSync(path.join(dir, 's1.json'), 'utf8'), before);
    });
  });

  describe('defect 10: forward compatibility', () => {
    const future = { id: 'f1', at: 3000, actor: 'fac', type: 'poll.opened', question: { text: 'Lunch?' } };

    it('a v2 file with one unknown event type loads, the reducer skips it, a save keeps it, and nothing is moved aside', async () => {
      const text = serializeSession(newSession()).replace('"events": [', `"events": [${JSON.stringify(future)},`);
      // session.created must come first for the reducer; put the unknown one after it.
      const raw = JSON.parse(text) as { events: unknown[] };
      raw.events = [raw.events[1], raw.events[0]];
      fs.writeFileSync(path.join(dir, 's1.json'), JSON.stringify(raw));
      const file = await store.load('s1');
      assert.deepEqual(file.events.map((e) => e.id), ['e0', 'f1']);
      assert.deepEqual(replay(file.events).rejected, [{ eventId: 'f1', type: 'poll.opened', reason: 'unknown-type' }]);
      await store.save({ ...file, events: [...file.events, note(1)] });
      const back = JSON.parse(fs.readFileSync(path.join(dir, 's1.json'), 'utf8')) as { events: { id: string; question?: unknown }[] };
      assert.deepEqual(back.events.map((e) => e.id), ['e0', 'f1', 't-1']);
      assert.deepEqual(back.events[1].question, { text: 'Lunch?' }, 'the unknown event is kept whole');
      assert.deepEqual(fs.readdirSync(dir), ['s1.json']);
    });

    it('a v1 file with one unknown event type loads instead of being kept aside as damaged', async () => {
      const { actor: _actor, ...v1Created } = created();
      void _actor;
      const v1 = { v: 1, kind: 'reciprocity-session', id: 's1', title: 'Retro', teamId: 'team', createdAt: 1000, events: [v1Created, { id: 'f1', at: 3000, type: 'poll.opened' }] };
      fs.writeFileSync(path.join(dir, 's1.json'), JSON.stringify(v1));
      const file = await store.load('s1');
      assert.deepEqual(file.events.map((e) => [e.id, e.type]), [['e0', 'session.created'], ['f1', 'poll.opened']]);
      assert.deepEqual(fs.readdirSync(dir), ['s1.json']);
    });

    it('an event of a known type with bad fields is still refused', () => {
      const text = serializeSession({ ...newSession(), events: [created(), { ...note(1), column: 7 } as unknown as SessionEvent] });
      const parsed = parseSessionFile(text, 's1.json');
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, /events\[1\]\.column/);
    });

    it('an unknown event without an id is refused', () => {
      const text = serializeSession({ ...newSession(), events: [created(), { type: 'poll.opened', at: 1 } as unknown as SessionEvent] });
      assert.equal(parseSessionFile(text, 's1.json').ok, false);
    });

    it('a save over a newer-version file neither renames nor downgrades it, and says why', async () => {
      const file = await store.save(newSession());
      const newer = serializeSession(file).replace('"v": 2', '"v": 3');
      fs.writeFileSync(path.join(dir, 's1.json'), newer);
      await assert.rejects(store.save({ ...file, events: [...file.events, note(1)] }), /newer version of Reciprocity.*read-only/s);
      assert.equal(fs.readFileSync(path.join(dir, 's1.json'), 'utf8'), newer, 'untouched');
      assert.deepEqual(fs.readdirSync(dir), ['s1.json']);
    });

    it('a newer-version file whose events this version can read opens read-only, with the reason', async () => {
      const file = await store.save({ ...newSession(), events: [created(), note(1)] });
      const newer = serializeSession(file).replace('"v": 2', '"v": 3');
      fs.writeFileSync(path.join(dir, 's1.json'), newer);
      const opened = await store.open('s1');
      assert.deepEqual(opened.file.events.map((e) => e.id), ['e0', 't-1']);
      assert.match(opened.readOnlyReason ?? '', /newer version of Reciprocity \(format v3.*read-only/s);
      assert.equal(fs.readFileSync(path.join(dir, 's1.json'), 'utf8'), newer);
    });

    it('a newer-version file this version cannot read is refused and left untouched', async () => {
      const newer = JSON.stringify({ v: 3, kind: 'reciprocity-session', id: 's1', log: 'elsewhere' });
      fs.writeFileSync(path.join(dir, 's1.json'), newer);
      await assert.rejects(store.open('s1'), (err: unknown) => {
        assert.ok(err instanceof DamagedSessionError);
        assert.equal(err.keptAs, null);
        assert.match(err.message, /newer version/);
        return true;
      });
      assert.deepEqual(fs.readdirSync(dir), ['s1.json']);
    });
  });

  describe('defect 9: temp files a killed save left', () => {
    it('listing removes a session\'s temp files older than a minute and keeps fresh ones and other files', async () => {
      await store.save(newSession());
      const old = Date.now() / 1000 - 120;
      const files = { oldTemp: 's1.json.3748291023', orphanTemp: 'gone.json.12', freshTemp: 's1.json.55', foreign: 'notes.txt.123', foreignJson: 'x y.json.5' };
      for (const name of Object.values(files)) fs.writeFileSync(path.join(dir, name), 'x'.repeat(1000));
      for (const name of [files.oldTemp, files.orphanTemp, files.foreign, files.foreignJson]) fs.utimesSync(path.join(dir, name), old, old);
      const listing = await store.list();
      assert.equal(listing.sessions.length, 1);
      assert.deepEqual(fs.readdirSync(dir).sort(), [files.foreignJson, files.foreign, 's1.json', files.freshTemp].sort());
    });

    it('a save removes every temp file of its own session, whatever its age (it holds the write lock)', async () => {
      await store.save(newSession());
      fs.writeFileSync(path.join(dir, 's1.json.42'), 'x');
      fs.writeFileSync(path.join(dir, 's2.json.42'), 'x');
      const file = await store.load('s1');
      await store.save({ ...file, events: [...file.events, note(1)] });
      assert.deepEqual(fs.readdirSync(dir).sort(), ['s1.json', 's2.json.42']);
    });
  });

  describe('defect 12 and a full disk (tmpfs)', () => {
    it('a read-only folder: the lock is not taken and says why, the retro loads and lists, a save fails clearly and changes nothing', async function () {
      const m = mountTmpfs(1024);
      if ('reason' in m) return cannotRun(this, m.reason);
      try {
        const s = new SessionStore(() => m.dir);
        const file = await s.save({ ...newSession(), events: [created(), note(1)] });
        const before = fs.readFileSync(s.pathFor('s1'), 'utf8');
        fs.writeFileSync(path.join(m.dir, 'bad.json'), '{"v": 2, "kind": "reciprocity-session", "id": "bad", "ev');
        remountReadOnly(m.dir);
        await assert.rejects(s.open('bad'), (err: unknown) => {
          assert.ok(err instanceof DamagedSessionError);
          assert.match(err.message, /bad\.json could not be read .*could not be kept aside either \(EROFS\)/s);
          return true;
        });
        const lock = await SessionLock.acquire(s.pathFor('s1'), 'window-a');
        assert.equal(lock.acquired, false);
        if (!lock.acquired) {
          assert.equal(lock.readOnlyFolder, true);
          assert.match(lock.reason, /folder .* cannot be written .*read-only/s);
        }
        assert.equal((await s.list()).sessions.length, 1);
        assert.deepEqual((await s.open('s1')).file.events.map((e) => e.id), ['e0', 't-1']);
        await assert.rejects(s.save({ ...file, events: [...file.events, note(2)] }), (err: unknown) => {
          assert.match((err as Error).message, /Could not save s1\.json: the folder .* is read-only/);
          return true;
        });
        assert.equal(fs.readFileSync(s.pathFor('s1'), 'utf8'), before);
      } finally {
        m.unmount();
      }
    });

    it('a folder this user may not write (0555, checked as an unprivileged uid): read-only with the reason, nothing changed', async function () {
      if (process.getuid?.() !== 0) return cannotRun(this, 'needs root to run the check as another uid');
      const bundle = await childBundle();
      fs.chmodSync(path.dirname(bundle), 0o755);
      await store.save({ ...newSession(), events: [created(), note(1)] });
      const before = fs.readFileSync(store.pathFor('s1'), 'utf8');
      fs.chmodSync(dir, 0o555);
      try {
        let out: string;
        try {
          out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bundle, 'readonly-check', dir, 's1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (err) {
          const e = err as { code?: string; stderr?: string };
          if (e.code === 'ENOENT') return cannotRun(this, 'setpriv is not installed');
          throw new Error(`the check failed: ${e.stderr ?? String(err)}`);
        }
        const r = JSON.parse(out) as { uid: number; lock: { acquired: boolean; readOnlyFolder?: boolean; reason?: string }; events: number; listed: number; saveError: string | null };
        assert.equal(r.uid, 65534);
        assert.equal(r.lock.acquired, false);
        assert.equal(r.lock.readOnlyFolder, true);
        assert.match(r.lock.reason ?? '', /cannot be written \(EACCES/);
        assert.equal(r.events, 2);
        assert.equal(r.listed, 1);
        assert.match(r.saveError ?? '', /Could not save s1\.json: the folder .* is read-only \(EACCES\)/);
        assert.equal(fs.readFileSync(store.pathFor('s1'), 'utf8'), before);
        assert.deepEqual(fs.readdirSync(dir), ['s1.json']);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });

    it('a full disk: the save reports a clear error, the previous file is intact and no temp file is left', async function () {
      const m = mountTmpfs(256);
      if ('reason' in m) return cannotRun(this, m.reason);
      try {
        const s = new SessionStore(() => m.dir);
        const file = await s.save({ ...newSession(), events: [created(), note(1)] });
        const before = fs.readFileSync(s.pathFor('s1'), 'utf8');
        const big = Array.from({ length: 30 }, (_, i) => note(i + 2, `${i} `.repeat(7000)));
        await assert.rejects(s.save({ ...file, events: [...file.events, ...big] }), (err: unknown) => {
          assert.match((err as Error).message, /Could not save s1\.json: the disk is full/);
          return true;
        });
        assert.equal(fs.readFileSync(s.pathFor('s1'), 'utf8'), before);
        assert.deepEqual(fs.readdirSync(m.dir), ['s1.json']);
        // Once there is room again, the next save goes through.
        await s.save({ ...file, events: [...file.events, note(99)] });
        assert.deepEqual((await s.load('s1')).events.map((e) => e.id), ['e0', 't-1', 't-99']);
      } finally {
        m.unmount();
      }
    });
  });
});
