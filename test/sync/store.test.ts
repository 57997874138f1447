// The server's store under appends that land while the log is being folded into the
// session file (found end to end: an answer acknowledged during a fold vanished from
// both the log and the session file, and survived only in the Yjs state).
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
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
});
