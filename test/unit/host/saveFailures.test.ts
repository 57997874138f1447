// Issue 12, defects 6 and 10 in the window: a save that can never succeed is reported and
// not retried forever; a file a newer version wrote meanwhile turns the window read-only,
// saying why, and is never written again. Passing problems (a full disk) are retried.
import { strict as assert } from 'node:assert';
import './fakeVscode';
import { RetroController } from '../../../src/host/retroController';
import { NewerVersionError, type SessionStore } from '../../../src/host/sessionStore';
import type { SessionFile } from '../../../src/domain/types';
import { newSession } from './storageHarness';

/** A store whose every save fails with `error`; counts the attempts. */
function failingStore(error: () => Error) {
  const calls: SessionFile[] = [];
  const store = {
    folder: '/nowhere',
    pathFor: (id: string) => `/nowhere/${id}.json`,
    save: (file: SessionFile) => {
      calls.push(file);
      return Promise.reject(error());
    },
  };
  return { store: store as unknown as SessionStore, calls };
}

/** Records the timers the controller schedules instead of running them. */
function captureTimers() {
  const real = globalThis.setTimeout;
  const scheduled: number[] = [];
  globalThis.setTimeout = ((_fn: () => void, ms?: number) => {
    scheduled.push(ms ?? 0);
    return real(() => undefined, 0);
  }) as unknown as typeof setTimeout;
  return { scheduled, restore: () => (globalThis.setTimeout = real) };
}

describe('a failing save in the window (issue 12)', () => {
  let timers: ReturnType<typeof captureTimers>;
  beforeEach(() => (timers = captureTimers()));
  afterEach(() => timers.restore());

  const fakeLock = () => {
    const lock = { released: 0, release: () => { lock.released++; return Promise.resolve(); } };
    return lock;
  };

  it('an error no retry can fix (a value too deep to write) is reported once, with no retry scheduled', async () => {
    const { store, calls } = failingStore(() => new Error('The retro cannot be saved: events[1].future: a value is nested more than 64 levels deep.'));
    const c = new RetroController(newSession(), store, {}, [], fakeLock() as never);
    const r = await c.handle({ kind: 'renameRetro', title: 'Renamed' });
    assert.equal(r.ok, true);
    assert.match((r as { saveError?: string }).saveError ?? '', /nested more than 64 levels deep/);
    assert.equal(calls.length, 1);
    assert.deepEqual(timers.scheduled.filter((ms) => ms >= 1000), [], 'no retry loop');
    c.dispose();
  });

  it('a full disk is retried (the change is only in memory until it is on disk)', async () => {
    const { store } = failingStore(() => Object.assign(new Error('Could not save s1.json: the disk is full.'), { code: 'ENOSPC' }));
    const c = new RetroController(newSession(), store, {}, [], fakeLock() as never);
    const r = await c.handle({ kind: 'renameRetro', title: 'Renamed' });
    assert.match((r as { saveError?: string }).saveError ?? '', /disk is full/);
    assert.equal(timers.scheduled.filter((ms) => ms >= 1000).length, 1, 'one retry scheduled');
    c.dispose();
  });

  it('a file a newer version wrote meanwhile: the window turns read-only with the reason and releases its lock', async () => {
    const reason = 'Could not save s1.json: it was saved by a newer version of Reciprocity (format v3). This window is read-only now.';
    const { store, calls } = failingStore(() => new NewerVersionError(reason));
    const lock = fakeLock();
    const c = new RetroController(newSession(), store, {}, [], lock as never);
    assert.equal(c.readOnly, false);
    await c.handle({ kind: 'renameRetro', title: 'Renamed' });
    assert.equal(c.readOnly, true);
    assert.equal(lock.released, 1);
    assert.equal(c.view().readOnlyReason, reason);
    const again = await c.handle({ kind: 'renameRetro', title: 'Again' });
    assert.deepEqual(again, { ok: false, error: reason });
    assert.equal(calls.length, 1, 'never written again');
    assert.deepEqual(timers.scheduled.filter((ms) => ms >= 1000), []);
    c.dispose();
  });
});
