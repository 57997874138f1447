// Issue 12 (l10n), team mode: a member's extension words the authority's refusals and
// notices in its own display language, so what the authority says travels as data (a Said)
// beside its English. Every refusal and notice of the authority, the server and the client
// must carry it; a sentence sent as English only would reach the member untranslated.
import { strict as assert } from 'node:assert';
import * as Y from 'yjs';
import { CONNECTION_REFUSED, saidEnglish, type Said } from '../../src/domain/said';
import { SessionAuthority, type AuthorityResult, type JoinResult } from '../../src/sync/authority';
import type { SeatBook } from '../../src/sync/serverStore';
import { encode, parseAuthorityMessage } from '../../src/sync/wire';
import { harness, opening } from './helpers';

type Result = AuthorityResult | JoinResult;

/** What a result says as data, checked against its English. */
function saidIn(r: Result): Said[] {
  if (!r.ok) {
    assert.ok(r.said, `refused in English only: ${r.error}`);
    assert.equal(saidEnglish(r.said), r.error);
    return [r.said];
  }
  const notices = 'notices' in r ? (r.notices ?? []) : [];
  const said = 'noticesSaid' in r ? (r.noticesSaid ?? []) : [];
  assert.deepEqual(said.map(saidEnglish), notices, `notices in English only: ${notices.join(' | ')}`);
  return said;
}

/** An authority in memory that keeps its seat book, so a second join under a held name is refused. */
function authority(): SessionAuthority {
  let seats: SeatBook = {};
  const withSeats = async <T>(fn: (s: SeatBook) => Promise<{ seats?: SeatBook; value: T }>): Promise<T> => {
    const out = await fn(seats);
    if (out.seats) seats = out.seats;
    return out.value;
  };
  return new SessionAuthority(new Y.Doc(), { storage: { append: async () => undefined, withSeats } });
}

describe('team mode: what the authority says travels as data (l10n)', function () {
  it("the authority's refusals and notices carry what they say", async () => {
    const a = authority();
    const seeded = await a.seed(opening(['Ada', 'Bo']));
    assert.equal(seeded.ok, true);
    const ada = await a.join('Ada');
    assert.ok(ada.ok);
    const bo = a.state.members.find((m) => m.name === 'Bo')!.id;
    const member = { role: 'member' as const, memberId: ada.memberId };
    const facilitator = { role: 'facilitator' as const };
    const keys: string[] = [];
    const check = (r: Result, ok: boolean) => {
      assert.equal(r.ok, ok, JSON.stringify(r));
      keys.push(...saidIn(r).map((s) => s.key));
    };
    check(await a.handle({ role: 'member' }, 'intent-001-xxxxxxxx', { kind: 'nextSpeaker' }), false);
    check(await a.handle(member, 'intent-002-xxxxxxxx', { kind: 'contribute', memberId: bo, text: 'for Bo', pass: false }), false);
    check(await a.handle(member, 'intent-003-xxxxxxxx', { kind: 'revealNotes' }), false);
    check(await a.handle(member, 'intent-004-xxxxxxxx', { kind: 'stage', move: 'deeper' }), false);
    check(await a.handle(facilitator, 'intent-005-xxxxxxxx', { kind: 'addMember', name: 'Ada' }), true);
    check(await a.handle(facilitator, 'intent-006-xxxxxxxx', { kind: 'setAnonymity', on: true }), true);
    check(await a.handle(member, 'intent-007-xxxxxxxx', { kind: 'addNote', text: 'CI is flaky', column: 'Went well', memberId: null }), true);
    check(await a.handle(member, 'intent-008-xxxxxxxx', { kind: 'addNote', text: 'x', column: 'Went well', memberId: bo }), false);
    check(await a.handle(facilitator, 'intent-009-xxxxxxxx', { kind: 'revealNotes' }), true);
    check(await a.handle(facilitator, 'intent-010-xxxxxxxx', { kind: 'revealNotes' }), true);
    check(await a.join('   '), false);
    check(await a.join('Ada'), false);
    check(await a.handle(facilitator, 'intent-011-xxxxxxxx', { kind: 'endRetro' }), true);
    check(await a.join('Cy'), false);
    assert.deepEqual(keys, ['joinFirst', 'selfOnly', 'facilitatorOnly', 'facilitatorOnly', 'nameTaken', 'heldNote', 'teamSelfOnly', 'nothingToReveal', 'needsName', 'seatTaken', 'joinEnded']);
    a.dispose();
  });

  it('the wire keeps what was said, and refuses one it does not know', () => {
    const said: Said = { key: 'seatTaken', name: 'Ada' };
    const refused = parseAuthorityMessage(encode({ t: 'refused', error: saidEnglish(said), said }));
    assert.ok(refused.ok && refused.value.t === 'refused');
    assert.deepEqual(refused.value.said, said);
    const ack = parseAuthorityMessage(encode({ t: 'ack', id: 'intent-001-xxxxxxxx', notices: ['x'], noticesSaid: [{ key: 'heldNote' }] }));
    assert.ok(ack.ok && ack.value.t === 'ack');
    assert.deepEqual(ack.value.noticesSaid, [{ key: 'heldNote' }]);
    const unknown = JSON.stringify({ t: 'refused', error: 'x', said: { key: 'fromTheFuture' } });
    assert.equal(parseAuthorityMessage(unknown).ok, false);
    const extra = JSON.stringify({ t: 'refused', error: 'x', said: { key: 'seatTaken', name: 'Ada', html: '<b>' } });
    assert.equal(parseAuthorityMessage(extra).ok, false);
  });

  it('through a real server: a refused connection says why as a code, which the member words', async function () {
    this.timeout(30_000);
    const h = await harness();
    try {
      const cases: [string, string, string][] = [
        ['wrong-token-of-some-length', 'retro-1', CONNECTION_REFUSED.token],
        [h.facilitatorToken, 'no such retro', CONNECTION_REFUSED.retro],
      ];
      for (const [token, retro, reason] of cases) {
        const c = h.client(token, retro);
        const joined = await c.join('Ada');
        const said: Said = { key: 'connectionRefused', reason };
        assert.deepEqual(joined, { ok: false, error: saidEnglish(said), said }, retro);
        assert.deepEqual(c.problemSaid, said);
      }
    } finally {
      await h.close();
    }
  });

  it('through a real server: a refused join and a refused request reach the client as data', async function () {
    this.timeout(30_000);
    const h = await harness();
    try {
      const ada = await h.member('Ada');
      const again = h.client(h.server.memberTokenFor('retro-1'));
      const taken = await again.join('Ada');
      assert.ok(!taken.ok && taken.said?.key === 'seatTaken', JSON.stringify(taken));
      assert.deepEqual(again.problemSaid, { key: 'seatTaken', name: 'Ada' });
      const bo = ada.follower.replica.state.members.find((m) => m.name === 'Bo')!.id;
      const r = await ada.request({ kind: 'contribute', memberId: bo, text: 'for Bo', pass: false });
      assert.ok(!r.ok && r.said?.key === 'selfOnly', JSON.stringify(r));
      const held = await ada.request({ kind: 'stage', move: 'deeper' });
      assert.ok(!held.ok && held.said?.key === 'facilitatorOnly', JSON.stringify(held));
    } finally {
      await h.close();
    }
  });
});
