// Issue 12, proof: 100 SIGKILLs at random points of a scripted retro. The child prints an
// ack after each save resolves; every acknowledged contribution must be on disk after all
// the kills, the file must never be damaged, and the next save leaves no temp file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SessionStore } from '../../../src/host/sessionStore';
import { childBundle, leftovers, newSession, warmChild } from './storageHarness';

const KILLS = 100;

describe('killed saves (issue 12)', function () {
  this.timeout(180_000);
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`${KILLS} SIGKILLs at random points of a scripted retro lose no acknowledged contribution`, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-kill-'));
    const bundle = await childBundle();
    const store = new SessionStore(() => dir);
    await store.save(newSession());
    const seed = Number(process.env['RECIPROCITY_KILL_SEED'] ?? Date.now() % 100_000);
    console.log(`      kill seed: ${seed} (RECIPROCITY_KILL_SEED to repeat)`);
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const acked: string[] = [];
    let killedMidRun = 0;
    const started = Date.now();
    // The next child loads while the current one runs, so each starts the moment the last is killed.
    let next = warmChild(bundle, ['retro', dir, 's1', 'k0']);
    for (let k = 0; k < KILLS; k++) {
      const current = next;
      // One kill in five falls while the child takes the lock and loads; the rest anywhere in its first 200 ms of saving.
      const early = k % 5 === 0;
      current.start(Math.floor(random() * (early ? 30 : 200)), early);
      const run = await current.done;
      if (k + 1 < KILLS) next = warmChild(bundle, ['retro', dir, 's1', `k${k + 1}`]);
      assert.equal(run.signal, 'SIGKILL', `child ${k} ended on its own (exit ${run.code}): ${run.stderr}`);
      if (run.acks.length > 0) killedMidRun++;
      acked.push(...run.acks);
    }
    const file = await store.load('s1');
    const onDisk = new Set(file.events.map((e) => e.id));
    const lost = acked.filter((id) => !onDisk.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged contributions lost`);
    assert.ok(killedMidRun >= KILLS / 4, `only ${killedMidRun} children were killed after a save; the test did not test much`);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('damaged')), [], 'no file was ever damaged');
    const left = leftovers(dir).length;
    // The next save (under the write lock) removes every temp file and claim the kills left.
    await store.save({ ...file, events: [...file.events] });
    assert.deepEqual(leftovers(dir), [], `${left} left-overs before the save`);
    console.log(`      ${acked.length} acknowledged saves over ${KILLS} kills (${killedMidRun} mid-run, ${left} left-overs cleaned) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
