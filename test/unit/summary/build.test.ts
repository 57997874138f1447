import { strict as assert } from 'node:assert';
import { buildSummary } from '../../../src/domain/summary';
import { SUMMARY_FORMAT_VERSION } from '../../../src/domain/summary/types';
import { NAMES, retroEvents, START } from './events';

describe('buildSummary', () => {
  const summary = buildSummary(retroEvents());

  it('describes the retro from the replayed log', () => {
    assert.equal(summary.v, SUMMARY_FORMAT_VERSION);
    assert.equal(summary.kind, 'reciprocity-summary');
    assert.equal(summary.source, 'retro');
    assert.equal(summary.sessionId, 's-1');
    assert.equal(summary.createdAt, START);
    assert.equal(summary.pseudonymised, false);
    assert.equal(summary.unattributed, null);
    assert.ok(summary.durationSeconds !== null && summary.durationSeconds > 0);
  });

  it('takes shares, Gini and layers from the balance engine, silent members counted', () => {
    assert.deepEqual(
      summary.members.map((m) => m.name),
      Object.values(NAMES),
    );
    const silent = summary.members.find((m) => m.key === 'script');
    assert.equal(silent?.turns, 0);
    assert.equal(silent?.share, 0);
    assert.ok(summary.gini > 0 && summary.gini < 1);
    assert.equal(summary.lorenz.length, summary.members.length + 1);
    assert.deepEqual(summary.lorenz[0], { x: 0, y: 0 });
    assert.equal(summary.lorenz[summary.lorenz.length - 1]?.y, 1);
    assert.equal(summary.layers.length, 4);
    assert.equal(summary.deepestReached, 2);
    assert.equal(summary.totalPasses, 2);
  });

  it('puts flags on the timeline with offsets from the start, worded kindly', () => {
    assert.ok(summary.flags.length > 0);
    const offsets = summary.flags.map((f) => f.offsetMs);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
    const quiet = summary.flags.find((f) => f.kind === 'quiet' && f.memberKey === 'script');
    assert.equal(quiet?.text, `Invite ${NAMES.script} — quiet so far`);
    for (const f of summary.flags.filter((x) => x.kind === 'dominant')) {
      assert.ok(!f.text.includes(NAMES.sam), 'a member who shares a lot is never named');
    }
  });

  it('names action owners and check-out members', () => {
    assert.deepEqual(
      summary.actions.map((a) => a.owner),
      [NAMES.sam, NAMES.script, null],
    );
    assert.equal(summary.actions[1]?.due, '2025-03-10');
    assert.deepEqual(
      summary.checkouts.map((c) => [c.member, c.roti]),
      [
        [NAMES.pipe, 4],
        [NAMES.tick, 3],
      ],
    );
  });

  it('uses the chosen driver', () => {
    const byWords = buildSummary(retroEvents(), { driver: 'words' });
    assert.equal(byWords.driver, 'words');
    for (const m of byWords.members) assert.equal(m.share, m.shareWords);
  });

  it('pseudonymises names, keys and free text on request, consistently across fields', () => {
    const p = buildSummary(retroEvents(), { pseudonymise: true });
    assert.equal(p.pseudonymised, true);
    assert.deepEqual(
      p.members.map((m) => [m.key, m.name]),
      ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => [`member-${l}`, `Member ${l.toUpperCase()}`]),
      'listed by pseudonym, so row order does not reveal the roster order',
    );
    const m = /^Sprint 14 retro with (Member [A-F])$/.exec(p.title);
    assert.ok(m, p.title);
    const first = m[1];
    const pair = /^(Member [A-F]) pairs with (Member [A-F]) on the flaky tests$/.exec(p.actions[0]?.text ?? '');
    assert.ok(pair, p.actions[0]?.text);
    assert.equal(pair[1], first, 'the same person gets the same pseudonym in the title and in action text');
    assert.equal(p.actions[0]?.owner, first);
    const ask = /^Ask (Member [A-F]) and (Member [A-F]) about \| pipes\nand newlines$/.exec(p.actions[2]?.text ?? '');
    assert.ok(ask, p.actions[2]?.text);
    assert.equal(ask[1], first);
    const thanks = /^Thanks (Member [A-F]), and thanks (Member [A-F])!$/.exec(p.checkouts[0]?.text ?? '');
    assert.ok(thanks, p.checkouts[0]?.text);
    assert.equal(thanks[1], pair[2]);
    assert.equal(new Set([first, pair[2], ask[2], thanks[2]]).size, 4, 'different people get different pseudonyms');
    assert.ok(p.flags.every((f) => f.memberKey === null || f.memberKey.startsWith('member-')));
  });

  it('does not hand out letters in roster order', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const events = retroEvents().map((e) => (e.type === 'session.created' ? { ...e, sessionId: `retro-${i}` } : e));
      const real = buildSummary(events);
      const p = buildSummary(events, { pseudonymise: true });
      const bySeconds = (s: typeof p) => [...s.members].sort((a, b) => a.turns - b.turns || a.words - b.words).map((x) => x.name);
      orders.add(bySeconds(p).join(','));
      assert.equal(real.members.length, p.members.length);
    }
    assert.ok(orders.size > 1, 'different retros give different letters to the same people');
  });
});
