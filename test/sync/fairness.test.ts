// The authority handles one request at a time. When storage answers at once (an append
// written on the event loop), a burst of queued requests must still let the event loop
// turn between them: otherwise the whole burst runs as one chain of microtasks, and
// sockets, pings and timers (the flush to disk) wait for all of it.
import { strict as assert } from 'node:assert';
import * as Y from 'yjs';
import { SessionAuthority } from '../../src/sync/authority';
import { opening } from './helpers';

describe('team mode: a burst of requests', function () {
  it('lets timers and I/O run between queued requests', async () => {
    const authority = new SessionAuthority(new Y.Doc(), { storage: { append: async () => undefined, withSeats: async (fn) => (await fn({})).value } });
    assert.deepEqual(await authority.seed(opening(Array.from({ length: 10 }, (_, i) => `Member ${i + 1}`))), { ok: true });
    const ids = authority.state.members.map((m) => m.id);
    const BURST = 300;
    let done = 0;
    let doneWhenTimerRan = -1;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        doneWhenTimerRan = done;
        resolve();
      }, 0),
    );
    const all = Array.from({ length: BURST }, (_, k) =>
      authority.handle({ role: 'member', memberId: ids[k % ids.length]! }, `burst-${k}-xxxxxxxx`, { kind: 'contribute', memberId: ids[k % ids.length]!, text: `answer ${k}`, pass: false }).then((r) => {
        done++;
        return r;
      }),
    );
    await timer;
    const results = await Promise.all(all);
    assert.ok(results.every((r) => r.ok));
    assert.equal(authority.state.contributions.length, BURST);
    assert.ok(doneWhenTimerRan >= 0 && doneWhenTimerRan < BURST / 2, `a timer due at once ran after ${doneWhenTimerRan} of ${BURST} requests`);
    authority.dispose();
  });
});
