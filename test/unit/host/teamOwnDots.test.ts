// Issue 11, "votes work", in a team retro with anonymous votes, as each window's host builds
// its panel: a member's view carries their own dots (team.myVotes, told to their machine
// alone by the authority), the facilitator's and the other members' views carry none of
// them, and a dot refused at the cap (a race) is no error: the panel says it inline.
import './fakeVscode';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { startSession } from '../../../src/domain/retro';
import * as sync from '../../../src/sync';
import { TeamRetro } from '../../../src/host/team/teamRetro';
import { capShownInline, ownDots } from '../../../src/host/team/teamView';
import { RetroViewSchema } from '../../../src/protocol';
import * as v from 'valibot';

const RETRO = 'retro-dots';

describe("team retro: a member's own anonymous dots reach their panel only", function () {
  this.timeout(60_000);
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(): Promise<{ fac: TeamRetro; ada: TeamRetro; bo: TeamRetro }> {
    const dir = mkdtempSync(join(tmpdir(), 'recip-dots-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const facilitatorToken = sync.newToken();
    const server = await sync.startTeamServer({ port: 0, dataDir: dir, facilitatorToken, memberKey: sync.newToken(), throttle: false });
    cleanup.push(() => server.close());
    const authority = await server.open(RETRO);
    const opening = startSession({
      title: 'Team retro', teamId: 'team', members: ['Ada', 'Bo'], deck: defaultDeck(),
      settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: Date.now(), newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [],
    });
    await authority.seed(opening);
    const open = (role: 'facilitator' | 'member', token: string) => {
      const r = new TeamRetro({ sync, role, urls: [server.url], retro: RETRO, token, balance: {} });
      cleanup.push(() => r.dispose());
      return r;
    };
    const fac = open('facilitator', facilitatorToken);
    const ada = open('member', server.memberTokenFor(RETRO));
    const bo = open('member', server.memberTokenFor(RETRO));
    for (const r of [fac, ada, bo]) await r.whenLoaded();
    assert.ok((await ada.takeSeat('Ada')).ok);
    assert.ok((await bo.takeSeat('Bo')).ok);
    assert.deepEqual(await fac.handle({ kind: 'setAnonymity', on: true }), { ok: true });
    for (const [m, text] of [[ada, 'x'], [bo, 'y']] as const) {
      await m.client.until((c) => c.follower.replica.state.anonymous);
      const memberId = m.view().viewer!.memberId!;
      assert.ok((await m.handle({ kind: 'addNote', text, column: 'Went well', memberId })).ok);
    }
    assert.deepEqual(await fac.handle({ kind: 'revealNotes' }), { ok: true });
    for (const r of [fac, ada, bo]) await r.client.until((c) => c.follower.replica.state.notes.length === 2);
    return { fac, ada, bo };
  }

  const noteId = (r: TeamRetro, text: string) => r.state.notes.find((n) => n.text === text)!.id;
  const vote = (r: TeamRetro, id: string, retract = false) => r.handle({ kind: 'vote', memberId: r.view().viewer!.memberId!, noteId: id, retract });

  it("puts a member's dots in their own view, and in nobody else's", async () => {
    const { fac, ada, bo } = await start();
    const [x, y] = [noteId(ada, 'x'), noteId(ada, 'y')];
    assert.deepEqual(ada.view().team?.myVotes, [], 'no dot yet: known to be none');
    assert.deepEqual(await vote(ada, x), { ok: true });
    assert.deepEqual(await vote(ada, y), { ok: true });
    assert.deepEqual(ada.view().team?.myVotes, [x, y].sort());
    assert.deepEqual(bo.view().team?.myVotes, [], "Bo's view holds none of Ada's dots");
    const facView = fac.view();
    assert.ok(!JSON.stringify(facView).includes('myVotes'), "the facilitator's view holds nobody's dots");
    for (const view of [facView, bo.view()]) {
      assert.ok(view.notes.every((n) => (n.voters ?? []).length === 0), 'no named voter anywhere');
    }
    assert.ok(v.safeParse(RetroViewSchema, ada.view()).success, 'the member view is a valid snapshot');
  });

  it('answers a dot refused at the cap without an error: the panel shows the cap inline', async () => {
    const { ada } = await start();
    const x = noteId(ada, 'x');
    for (let i = 0; i < 3; i++) assert.deepEqual(await vote(ada, x), { ok: true });
    // A click that raced the last answer: the authority refuses it, the panel is told the dots.
    assert.deepEqual(await vote(ada, x), { ok: true });
    assert.deepEqual(ada.view().team?.myVotes, [x, x, x]);
    // Anything else refused is still an error.
    const bad = await vote(ada, noteId(ada, 'y'), true);
    assert.equal(bad.ok, false, 'taking back a dot that is not there is refused');
  });
});

describe('team view: own dots and the cap, the pure part', () => {
  it('gives own dots to a member only, while anonymous and once known', () => {
    assert.deepEqual(ownDots('member', true, ['n-1', 'n-1']), ['n-1', 'n-1']);
    assert.deepEqual(ownDots('member', true, []), []);
    assert.equal(ownDots('facilitator', true, ['n-1']), undefined);
    assert.equal(ownDots('member', false, ['n-1']), undefined, 'named dots are on the notes');
    assert.equal(ownDots('member', true, null), undefined, 'not told: not known');
  });

  it('treats only a dot refused at the cap, when the panel knows the dots, as said inline', () => {
    const cast = { kind: 'vote', memberId: 'm', noteId: 'n', retract: false } as const;
    const atCap = { ok: false, said: { key: 'dotsUsed', dots: 3 } } as const;
    assert.equal(capShownInline(cast, atCap, true), true);
    assert.equal(capShownInline(cast, atCap, false), false, 'a panel that cannot show the cap gets the error');
    assert.equal(capShownInline({ ...cast, retract: true }, atCap, true), false);
    assert.equal(capShownInline(cast, { ok: false, said: { key: 'noVoteToRetract' } }, true), false);
    assert.equal(capShownInline(cast, { ok: false }, true), false);
    assert.equal(capShownInline(cast, { ok: true }, true), false);
    assert.equal(capShownInline({ kind: 'checkout', memberId: 'm', text: 'x' }, atCap, true), false);
  });
});
