// Issue 9: "the turn timer uses the authority's clock, so machines with skewed clocks
// agree". Two members whose clocks are an hour ahead and two hours behind read the same
// elapsed time for a turn the authority started, and so does the facilitator.
import { strict as assert } from 'node:assert';
import { harness, RETRO, type Harness } from './helpers';

describe("team mode: one clock for everyone's turn timer", function () {
  this.timeout(30_000);
  let h: Harness;
  afterEach(async () => h?.close());

  it('gives machines with skewed clocks the same turn time', async () => {
    h = await harness();
    const ahead = h.client(h.server.memberTokenFor(RETRO), RETRO, () => Date.now() + 3_600_000);
    const behind = h.client(h.server.memberTokenFor(RETRO), RETRO, () => Date.now() - 7_200_000);
    const facilitator = h.client(h.facilitatorToken, RETRO, () => Date.now() + 123_456);
    assert.ok((await ahead.join('Ada')).ok);
    assert.ok((await behind.join('Bo')).ok);
    await facilitator.until((c) => c.status === 'connected');
    const ada = ahead.seat!.memberId;
    const started = await facilitator.request({ kind: 'startTurn', memberId: ada });
    assert.deepEqual(started, { ok: true });
    for (const c of [ahead, behind, facilitator]) await c.until((x) => x.follower.replica.state.turn.memberId === ada);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = h.server.authority(RETRO)!.state.turn.startedAt!;
    const serverElapsed = Date.now() - startedAt; // the authority runs on this machine's clock here
    const elapsed = [ahead, behind, facilitator].map((c) => c.authorityNow() - c.follower.replica.state.turn.startedAt!);
    for (const e of elapsed) {
      // Within a round trip on loopback of what the authority itself reads.
      assert.ok(Math.abs(e - serverElapsed) < 250, `elapsed ${e} ms vs the authority's ${serverElapsed} ms`);
    }
  });
});
