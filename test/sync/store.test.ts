// The server's store under appends that land while the log is being folded into the
// session file (found end to end: an answer acknowledged during a fold vanished from
// both the log and the session file, and survived only in the Yjs state).
import { strict as assert } from 'node:assert';
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { defaultDeck } from '../../src/domain/decks/builtin';
import { startSession } from '../../src/domain/retro';
import type { SessionEvent } from '../../src/domain/types';
import { ServerStore } from '../../src/sync/serverStore';
import { tempDir } from './helpers';

describe('team server store: folding while appending', function () {
  this.timeout(60_000);

  it('keeps every appended event in the log or the session file, whenever a fold runs', async () => {
    const tmp = tempDir();
    try {
      const store = new ServerStore(tmp.dir);
      const doc = new Y.Doc();
      const events = startSession({
        title: 'Fold race', teamId: 't', members: ['Ada'], deck: defaultDeck(),
        settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: 1, newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [],
      });
      await store.append('race', events, doc);
      const ada = events.find((e) => e.type === 'member.added')!;
      const added: SessionEvent[] = [];
      const folds: Promise<void>[] = [];
      for (let i = 0; i < 300; i++) {
        const e = { id: `c${i}`, at: 2 + i, actor: ada.actor, type: 'member.presence', memberId: (ada as { memberId: string }).memberId, present: i % 2 === 0 } as SessionEvent;
        added.push(e);
        // A fold starts now and then, and appends go on while it runs, as on a live server.
        if (i % 7 === 0) folds.push(store.compact('race'));
        await store.append('race', [e], doc);
      }
      await Promise.all(folds);
      // A killed server: no close, no final fold; and no Yjs state to fall back on.
      rmSync(join(tmp.dir, 'race.ydoc'), { force: true });
      const stored = await new ServerStore(tmp.dir).load('race');
      const ids = new Set(stored!.events.map((e) => e.id));
      const lost = added.filter((e) => !ids.has(e.id)).map((e) => e.id);
      assert.deepEqual(lost, [], 'appended events missing after folds');
      await store.close();
    } finally {
      tmp.cleanup();
    }
  });

  // Every append put the fold off by another quiet second, so under steady traffic nothing
  // was folded until the retro closed, and the close then read the whole meeting's log.
  it('folds under steady appends too, no later than its longest wait after the first', async () => {
    const tmp = tempDir();
    try {
      const store = new ServerStore(tmp.dir, { compactAfterMs: 2_000, compactAtLeastEveryMs: 600 });
      const doc = new Y.Doc();
      const events = startSession({
        title: 'Busy', teamId: 't', members: ['Ada'], deck: defaultDeck(),
        settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: 1, newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [],
      });
      await store.append('busy', events, doc);
      const ada = events.find((e) => e.type === 'member.added') as { actor: string; memberId: string };
      const started = Date.now();
      let i = 0;
      // Appends every 20 ms for 2.5 s: never the 2 s of quiet the fold waits for.
      while (Date.now() - started < 2_500) {
        await store.append('busy', [{ id: `p${i}`, at: 2 + i, actor: ada.actor, type: 'member.presence', memberId: ada.memberId, present: i % 2 === 0 } as SessionEvent], doc);
        i++;
        await new Promise((r) => setTimeout(r, 20));
      }
      const file = await readFile(join(tmp.dir, 'busy.json'), 'utf8').catch(() => null);
      assert.ok(file !== null, 'no fold ran while appends went on');
      assert.match(file, /"p0"/, 'the first appends are in the session file');
      await store.close();
    } finally {
      tmp.cleanup();
    }
  });

  // A fold that its timer started while the store was closing opened the next log file after
  // close had closed the last one: nobody closed it ("Closing file descriptor on garbage
  // collection" at the end of the sync bench).
  it('leaves no log file open once closed, whatever folds were asked for meanwhile', async function () {
    if (process.platform !== 'linux') this.skip(); // reads /proc/self/fd
    const tmp = tempDir();
    const openHere = () => readdirSync('/proc/self/fd').map((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } }).filter((p) => p.startsWith(tmp.dir));
    try {
      for (let round = 0; round < 20; round++) {
        const store = new ServerStore(tmp.dir);
        const doc = new Y.Doc();
        const events = startSession({
          title: 'Closing', teamId: 't', members: ['Ada'], deck: defaultDeck(),
          settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: 1, newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [],
        });
        await store.append('closing', events, doc);
        let closed = false;
        const closing = store.close().then(() => { closed = true; });
        // As the fold's timer would: ask for a fold now and then until closed.
        for (let k = 0; k < 50 && !closed; k++) {
          void store.compact('closing').catch(() => undefined);
          await new Promise((r) => setTimeout(r, k % 5));
        }
        await closing;
        await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(openHere(), [], `round ${round}: files still open after close`);
      }
    } finally {
      tmp.cleanup();
    }
  });
});
