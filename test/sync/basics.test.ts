import { strict as assert } from 'node:assert';
import { harness, RETRO, type Harness } from './helpers';

describe('team mode: basics', function () {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a member joins, answers for themselves, and the facilitator sees it', async () => {
    h = await harness();
    const ada = await h.member('Ada');
    const fac = h.client(h.facilitatorToken);
    await fac.until((c) => c.follower.events.length > 0);
    const r = await ada.request({ kind: 'contribute', memberId: ada.seat!.memberId, text: 'Calm', pass: false });
    assert.deepEqual(r, { ok: true });
    await fac.until((c) => c.follower.replica.state.contributions.length === 1);
    const c = fac.follower.replica.state.contributions[0]!;
    assert.equal(c.text, 'Calm');
    assert.equal(c.memberId, ada.seat!.memberId);
    assert.equal(c.recordedBy, undefined, 'recorded by Ada herself');
    assert.ok(h.server.url.startsWith('ws://127.0.0.1:'));
    assert.equal(h.server.authority(RETRO)!.state.contributions.length, 1);
    // The authority's clock travels with its appends: a member estimates it without trusting its own.
    const estimate = fac.follower.authorityNow();
    assert.ok(Math.abs(estimate - Date.now()) < 1_000, `${estimate} vs ${Date.now()}`);
    assert.ok(fac.follower.clock && fac.follower.clock.authority <= Date.now());
  });
});
