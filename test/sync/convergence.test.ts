// Many members at once: 30 clients make random requests and drop off and come back at
// random; every replica ends up with the authority's state, and every request that was
// acknowledged is applied exactly once. Then two server instances share one retro
// through a real redis-server on loopback, and one of them is killed.
import { strict as assert } from 'node:assert';
import type { Command } from '../../src/domain/commands';
import { mulberry32 } from '../fixtures/random';
import { TeamClient } from '../../src/sync/client';
import { startTeamServer, type TeamServer } from '../../src/sync/server';
import { newToken } from '../../src/sync/tokens';
import { freePort, harness, opening, RETRO, startRedis, tempDir, type Harness } from './helpers';

function randomCommand(c: TeamClient, random: () => number, k: number): Command {
  const me = c.seat!.memberId;
  const s = c.follower.replica.state;
  const note = s.notes[Math.floor(random() * s.notes.length)];
  const r = random();
  if (r < 0.45) return { kind: 'contribute', memberId: me, text: `${c.seat!.name} says ${k}`, pass: random() < 0.15 };
  if (r < 0.65) return { kind: 'addNote', memberId: me, text: `note ${k}`, column: 'Ideas' };
  if (r < 0.85 && note) return { kind: 'vote', memberId: me, noteId: note.id, retract: false };
  if (r < 0.92) return { kind: 'checkout', memberId: me, text: `bye ${k}`, roti: 1 + Math.floor(random() * 5) };
  return { kind: 'stage', move: 'deeper' }; // refused: members cannot move the stage
}

describe('team mode: convergence', function () {
  this.timeout(120_000);
  let h: Harness;
  afterEach(async () => h?.close());

  it('30 members with random requests and random disconnects converge, each acknowledged request applied once', async () => {
    h = await harness({}, ['Ada']);
    const random = mulberry32(7);
    const members = await Promise.all(Array.from({ length: 30 }, (_, i) => h.member(`Member ${i + 1}`)));
    const outcomes: Promise<{ ok: boolean; text?: string; kind: string }>[] = [];
    for (let round = 0; round < 8; round++) {
      for (const [i, c] of members.entries()) {
        if (random() < 0.1) c.goOffline();
        else if (random() < 0.5) c.goOnline();
        const command = randomCommand(c, random, round * 100 + i);
        outcomes.push(c.request(command).then((r) => ({ ok: r.ok, kind: command.kind, ...(command.kind === 'contribute' && { text: command.pass ? '' : command.text }) })));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const c of members) c.goOnline();
    const results = await Promise.all(outcomes);
    const authority = h.server.authority(RETRO)!;
    const expected = JSON.stringify(authority.state);
    for (const c of members) await c.until((x) => JSON.stringify(x.follower.replica.state) === expected, 30_000);
    const answered = results.filter((r) => r.ok && r.kind === 'contribute').map((r) => r.text);
    const texts = authority.state.contributions.map((c) => c.text);
    assert.deepEqual([...texts].sort(), [...answered].sort(), 'every acknowledged answer once, nothing else');
    assert.ok(results.some((r) => !r.ok && r.kind === 'stage'), 'members were refused the facilitator’s moves');
    assert.ok(authority.state.votes.length > 0 && authority.state.notes.length > 0);
    for (const m of authority.state.members) assert.ok(authority.state.votes.filter((v) => v.memberId === m.id).length <= 3);
  });

  describe('scaled out through Redis', function () {
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

    it('two instances serve one retro; clients on both converge; one is killed and its clients move over', async () => {
      tmp = tempDir();
      const secrets = { facilitatorToken: newToken(), memberKey: newToken() };
      const common = { dataDir: tmp.dir, ...secrets, throttle: false as const, redis: { host: '127.0.0.1', port: redis!.port } };
      const a = await startTeamServer({ port: await freePort(), ...common });
      const b = await startTeamServer({ port: await freePort(), ...common });
      servers.push(a, b);
      await (await a.open(RETRO)).seed(opening(['Ada', 'Bo', 'Cy', 'Di']));
      const token = a.memberTokenFor(RETRO);
      const onA = ['Ada', 'Bo'].map(() => new TeamClient({ url: [a.url, b.url], retro: RETRO, token }));
      const onB = ['Cy', 'Di'].map(() => new TeamClient({ url: [b.url, a.url], retro: RETRO, token }));
      clients.push(...onA, ...onB);
      const names = ['Ada', 'Bo', 'Cy', 'Di'];
      const all = [...onA, ...onB];
      for (const [i, c] of all.entries()) {
        const joined = await c.join(names[i]!);
        assert.ok(joined.ok, `${names[i]} joins: ${joined.ok ? "" : joined.error}`);
      }
      const say = (c: TeamClient, text: string) => c.request({ kind: 'contribute', memberId: c.seat!.memberId, text, pass: false });
      for (const [i, c] of all.entries()) assert.deepEqual(await say(c, `first from ${names[i]}`), { ok: true });
      const counts = () => JSON.stringify({ clients: all.map((c) => c.follower.replica.state.contributions.length), a: a.authority(RETRO)?.state.contributions.length, b: b.authority(RETRO)?.state.contributions.length, membersA: a.authority(RETRO)?.state.members.length, membersB: b.authority(RETRO)?.state.members.length });
      for (const c of all) await c.until((x) => x.follower.replica.state.contributions.length === 4, 20_000).catch((e: Error) => { throw new Error(`${e.message}: ${counts()}`); });
      const order = JSON.stringify(onA[0]!.follower.replica.state);
      for (const c of all) assert.equal(JSON.stringify(c.follower.replica.state), order, 'clients on both instances agree');
      // Kill instance A: Ada and Bo reconnect to B, and what they send meanwhile arrives once.
      await a.close();
      const later = await Promise.all(onA.map((c, i) => say(c, `after the failover from ${names[i]}`)));
      assert.deepEqual(later, [{ ok: true }, { ok: true }]);
      for (const c of all) await c.until((x) => x.follower.replica.state.contributions.length === 6, 30_000);
      const texts = b.authority(RETRO)!.state.contributions.map((c) => c.text);
      assert.equal(new Set(texts).size, 6, 'nothing lost, nothing doubled');
      for (const c of all) assert.equal(JSON.stringify(c.follower.replica.state), JSON.stringify(b.authority(RETRO)!.state));
    });
  });
});
