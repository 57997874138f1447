// Closing a team server finishes its own work and nobody else's: two servers in one process
// (the embedded host and a test's second instance) do not close each other's retros, and a
// server scaled out through Redis unloads its documents before it lets go of Redis, so
// closing prints nothing and leaves no promise to reject afterwards.
import { strict as assert } from 'node:assert';
import { TeamClient } from '../../src/sync/client';
import { startTeamServer, type TeamServer } from '../../src/sync/server';
import { newToken } from '../../src/sync/tokens';
import { opening, RETRO, startRedis, tempDir } from './helpers';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('team mode: closing a server or a client', function () {
  this.timeout(60_000);
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function server(extra: { redis?: { host: string; port: number } } = {}): Promise<TeamServer> {
    const tmp = tempDir();
    const s = await startTeamServer({ port: 0, dataDir: tmp.dir, facilitatorToken: newToken(), memberKey: newToken(), throttle: false, ...extra });
    cleanups.push(tmp.cleanup, () => s.close().catch(() => undefined));
    return s;
  }

  it("closing one server leaves another server's open retro of the same name loaded", async () => {
    const a = await server();
    const b = await server();
    await a.open(RETRO);
    const before = await b.open(RETRO);
    await before.seed(opening(['Ada']));
    await a.close();
    await settle(300); // an unload runs a task after its last connection goes
    assert.ok((await b.open(RETRO)) === before, 'b still holds the retro it opened, with the same authority');
    assert.ok(before.events.length > 0, 'and its events');
  });

  it('a server on Redis closes, twice, with a member connected: nothing printed, no rejection left behind', async () => {
    const redis = await startRedis();
    cleanups.push(redis.stop);
    const s = await server({ redis: { host: '127.0.0.1', port: redis.port } });
    const authority = await s.open(RETRO);
    await authority.seed(opening(['Ada', 'Bo']));
    const member = new TeamClient({ url: s.url, retro: RETRO, token: s.memberTokenFor(RETRO) });
    cleanups.push(() => member.destroy());
    const seat = await member.join('Ada');
    assert.ok(seat.ok, 'Ada joins');
    assert.deepEqual(await member.request({ kind: 'contribute', memberId: seat.memberId, text: 'hello', pass: false }), { ok: true });

    const rejections: unknown[] = [];
    const printed: string[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    const error = console.error;
    process.on('unhandledRejection', onRejection);
    console.error = (...args: unknown[]) => printed.push(args.map(String).join(' '));
    try {
      member.destroy();
      await s.close();
      await s.close(); // a second close (a test's teardown after the code's own) is the same close
      redis.stop(); // as a test's teardown or a machine going down would, right after
      await settle(500);
    } finally {
      console.error = error;
      process.off('unhandledRejection', onRejection);
    }
    assert.deepEqual(printed, [], 'closing printed nothing');
    assert.deepEqual(rejections.map(String), [], 'no promise rejected after close');
  });

  it('a client destroyed twice (its owner, then a teardown) prints nothing the second time', async () => {
    const s = await server();
    const authority = await s.open(RETRO);
    await authority.seed(opening(['Ada']));
    const member = new TeamClient({ url: s.url, retro: RETRO, token: s.memberTokenFor(RETRO) });
    assert.ok((await member.join('Ada')).ok, 'Ada joins');
    const printed: string[] = [];
    const [error, warn, log] = [console.error, console.warn, console.log];
    console.error = console.warn = console.log = (...args: unknown[]) => printed.push(args.map(String).join(' '));
    try {
      member.destroy();
      member.destroy();
    } finally {
      [console.error, console.warn, console.log] = [error, warn, log];
    }
    assert.deepEqual(printed, [], 'nothing printed');
  });
});
