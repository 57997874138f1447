// Balance engine rules at their edges, each log worked by hand: what a join, a return, a
// removal or a stage move changes at the very event it happens, which inputs are ignored,
// and what a snapshot shares with the engine. The random logs of properties.test.ts and
// reference.test.ts reach most of these only by chance.
import { strict as assert } from 'node:assert';
import { BalanceEngine, computeBalance, DEFAULT_BALANCE_SETTINGS, resolveBalanceSettings, type BalanceSnapshot } from '../../../src/domain/balance';
import type { SessionEvent } from '../../../src/domain/types';
import { FACILITATOR, Log } from './events';

const close = (a: number, b: number, what = ''): void => assert.ok(Math.abs(a - b) < 1e-9, `${what} ${a} ≈ ${b}`);
const flags = (s: BalanceSnapshot): string[] => s.activeFlags.map((f) => `${f.kind}:${f.memberId}`);
const nudges = (s: BalanceSnapshot): string[] => s.nudges.map((n) => (n.memberId === null ? n.kind : `${n.kind}:${n.memberId}`));
const member = (s: BalanceSnapshot, id: string): BalanceSnapshot['members'][number] => {
  const m = s.members.find((x) => x.memberId === id);
  assert.ok(m, id);
  return m;
};

/** Appends an event of any shape, numbered like the Log's own. */
function push(log: Log, e: Record<string, unknown>): Log {
  const n = log.events.length + 1;
  log.events.push({ id: `x${n}`, at: n * 1000, actor: FACILITATOR, ...e } as unknown as SessionEvent);
  return log;
}

function contribution(log: Log, memberId: string, over: Record<string, unknown>): Log {
  return push(log, {
    type: 'contribution.added', contributionId: `k${log.events.length + 1}`, memberId, phase: 'check-in', promptId: null,
    depth: 1, topic: 't', text: 'fine', pass: false, ...over,
  });
}

describe('balance settings', () => {
  it('fills gaps from the defaults, clamps to the allowed ranges and ignores what is not a finite number', () => {
    assert.deepEqual(resolveBalanceSettings(), DEFAULT_BALANCE_SETTINGS);
    assert.deepEqual(
      resolveBalanceSettings({ driver: 'words', lowFactor: 2, highFactor: 0.5, minTurnsPerMember: 25, hysteresis: -1, reciprocityQuorum: 0.7 }),
      { driver: 'words', lowFactor: 1, highFactor: 1, minTurnsPerMember: 20, hysteresis: 0, reciprocityQuorum: 0.7 },
    );
    const junk = { driver: 'letters', lowFactor: Number.NaN, highFactor: Infinity, minTurnsPerMember: '3', hysteresis: -Infinity, reciprocityQuorum: null };
    assert.deepEqual(resolveBalanceSettings(junk as never), DEFAULT_BALANCE_SETTINGS);
    assert.equal(resolveBalanceSettings({ driver: 'turns' }).driver, 'turns');
  });

  it('the engine reports the resolved settings as a copy', () => {
    const e = new BalanceEngine({ driver: 'words', highFactor: 9 });
    const s = e.settings;
    assert.deepEqual(s, { ...DEFAULT_BALANCE_SETTINGS, driver: 'words', highFactor: 5 });
    s.highFactor = 1;
    assert.equal(e.settings.highFactor, 5);
  });
});

describe('balance engine: inputs it ignores', () => {
  it('contributions at a depth outside 1..4, seconds that are not a positive finite number, and seconds on a pass', () => {
    const log = new Log().members('a', 'b');
    contribution(log, 'a', { depth: 0 });
    contribution(log, 'a', { depth: 5 });
    contribution(log, 'a', { depth: 2.5 });
    contribution(log, 'a', { seconds: Number.NaN });
    contribution(log, 'a', { seconds: -5 });
    contribution(log, 'a', { seconds: Infinity });
    contribution(log, 'a', { seconds: '12' });
    contribution(log, 'a', { seconds: 0 });
    contribution(log, 'b', { seconds: 12 });
    contribution(log, 'b', { pass: true, text: '', seconds: 7 });
    const s = computeBalance(log.events);
    // a: five turns of one word and no time (the three bad depths were dropped); b: one turn of 12 s and a pass.
    assert.deepEqual([member(s, 'a').turns, member(s, 'a').seconds, member(s, 'a').disclosures], [5, 0, [5, 0, 0, 0]]);
    assert.deepEqual([member(s, 'b').turns, member(s, 'b').seconds, member(s, 'b').passes], [1, 12, 1]);
    assert.deepEqual([s.team.totalTurns, s.team.totalSeconds, s.team.totalPasses], [6, 12, 1]);
    assert.equal(s.layers[0].contributions, 7);
  });

  it('seconds that first appear mid-log, pages into the ledger, count from there; removals on any page take theirs back', () => {
    // The ledger keeps seconds only once some contribution has them (ledger.ts): none for
    // the first 8300 turns (past its first page of 8192), then every third has some.
    const log = new Log().members('a', 'b');
    const n = 10_000;
    const secondsOf = (i: number): number => (i >= 8300 && i % 3 === 0 ? (i % 17) + 0.5 : 0);
    for (let i = 0; i < n; i++) log.say(i % 2 === 0 ? 'a' : 'b', 'fine', 1, { id: `t${i}`, ...(secondsOf(i) > 0 && { seconds: secondsOf(i) }) });
    // Withdrawn: turns with and without seconds, on the first page and on later ones.
    const removed = [0, 8191, 8192, 8301, 8304, 9001, 9998, 9999];
    for (const i of removed) log.remove(`t${i}`);
    const engine = new BalanceEngine({ driver: 'seconds' });
    engine.applyAll(log.events);
    const s = engine.snapshot();
    // Sums the plain way, over the turns still standing.
    const expected = { a: 0, b: 0 };
    for (let i = 0; i < n; i++) if (!removed.includes(i)) expected[i % 2 === 0 ? 'a' : 'b'] += secondsOf(i);
    close(member(s, 'a').seconds, expected.a, 'a');
    close(member(s, 'b').seconds, expected.b, 'b');
    close(s.team.totalSeconds, expected.a + expected.b, 'team');
    assert.equal(s.team.totalTurns, n - removed.length);
    // The same log one event at a time (no reservation ahead) agrees.
    const one = new BalanceEngine({ driver: 'seconds' });
    for (const e of log.events) one.apply(e);
    assert.deepEqual(one.snapshot(), s);
  });

  it('a stage move to a depth outside 1..4 changes nothing', () => {
    const log = new Log().members('a', 'b', 'c').say('a');
    push(log, { type: 'stage.moved', from: 1, to: 5, kind: 'deeper', override: false });
    push(log, { type: 'stage.moved', from: 1, to: 0, kind: 'back', override: false });
    const s = computeBalance(log.events);
    assert.equal(s.depth, 1);
    assert.deepEqual(s.layers.map((l) => l.reached), [true, false, false, false]);
    assert.deepEqual(s.nudges, []);
  });

  it('renaming someone unknown is harmless; a rename shows in the invitation', () => {
    const log = new Log().members('a', 'b', 'c').say('a').say('b').rename('ghost', 'Nobody').rename('c', 'Cy');
    // Defaults: 6 turns needed before any share flag; c has missed a round but is not judged yet.
    assert.deepEqual(computeBalance(log.events).nudges, []);
    log.say('a').say('b').say('a').say('b'); // 6 turns: c 0 < 0.5 × 2
    const s = computeBalance(log.rename('c', 'Cyd').events);
    assert.deepEqual(s.nudges.map((n) => n.text), ['Invite Cyd — quiet so far']);
    assert.equal(member(s, 'c').name, 'Cyd');
  });
});

describe('balance engine: notes', () => {
  it('counts a note by its author, an anonymous one only from the reveal\'s whole positive counts', () => {
    const log = new Log().members('a', 'b', 'c', 'd');
    push(log, { type: 'note.added', noteId: 'n1', memberId: 'a', text: 'x', column: 'Ideas' });
    push(log, { type: 'note.added', noteId: 'n2', memberId: null, text: 'y', column: 'Ideas' });
    push(log, { type: 'note.added', noteId: 'n3', memberId: 'ghost', text: 'z', column: 'Ideas' });
    push(log, { type: 'notes.revealed', counts: { a: 2, b: 1.5, c: -1, d: 0, ghost: 3 } });
    push(log, { type: 'notes.revealed', counts: { d: 1 } });
    const s = computeBalance(log.events);
    assert.deepEqual(s.members.map((m) => [m.memberId, m.notes]), [['a', 3], ['b', 0], ['c', 0], ['d', 1]]);
    assert.deepEqual([s.team.totalTurns, s.activeFlags], [0, []], 'notes are not turns');
  });
});

describe('balance engine: the end of the retro', () => {
  it('a phase change to "ended" hides the nudges, and a later phase change shows them again', () => {
    const log = new Log().members('a', 'b', 'c', 'd');
    for (let i = 0; i < 8; i++) log.say('a'); // a: dominant, round-robin
    assert.deepEqual(nudges(computeBalance(log.events)), ['round-robin']);
    push(log, { type: 'phase.changed', from: 'check-in', phase: 'gather', skipped: [] });
    assert.deepEqual(nudges(computeBalance(log.events)), ['round-robin']);
    push(log, { type: 'phase.changed', from: 'gather', phase: 'ended', skipped: [] });
    let s = computeBalance(log.events);
    assert.deepEqual(s.nudges, []);
    assert.deepEqual(flags(s), ['dominant:a'], 'the flags stay; only the nudges go');
    push(log, { type: 'phase.changed', from: 'ended', phase: 'close', skipped: [] });
    s = computeBalance(log.events);
    assert.deepEqual(nudges(s), ['round-robin']);
  });
});

describe('balance engine: roster and presence', () => {
  it('a join re-checks the flags at once: the newcomer ends "a full round without a word"', () => {
    // lowFactor 0: nobody is quiet by amount, only by missing a round; hysteresis 0 so it clears at once.
    const settings = { lowFactor: 0, hysteresis: 0, minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c').say('a').say('b');
    assert.deepEqual(flags(computeBalance(log.events, settings)), ['quiet:c']);
    log.member('d'); // d has not spoken either, so not everyone else has acted since c arrived
    const s = computeBalance(log.events, settings);
    assert.deepEqual(flags(s), []);
    assert.equal(s.flagHistory.find((f) => f.kind === 'quiet')?.clearedAtSeq, log.events.length - 1);
    assert.deepEqual(s.nudges, []);
  });

  it('leaving takes a member\'s seconds, passes and answers out of the team, and returning puts them back', () => {
    const log = new Log().members('a', 'b', 'c').say('a', 'x', 1, { seconds: 30 }).pass('a').say('b', 'y', 1, { seconds: 5 });
    let s = computeBalance(log.events);
    assert.deepEqual([s.team.totalTurns, s.team.totalSeconds, s.team.totalPasses, s.gate.reciprocated], [2, 35, 1, 2]);
    log.presence('a', false);
    s = computeBalance(log.events);
    assert.deepEqual([s.team.totalTurns, s.team.totalSeconds, s.team.totalPasses, s.gate.reciprocated, s.gate.present], [1, 5, 0, 1, 2]);
    // While away, a's own contributions still count for a, not for the team.
    log.pass('a').say('a', 'z', 1, { seconds: 4 });
    s = computeBalance(log.events);
    assert.deepEqual([member(s, 'a').turns, member(s, 'a').passes, member(s, 'a').seconds], [2, 2, 34]);
    assert.deepEqual([s.team.totalTurns, s.team.totalSeconds, s.team.totalPasses, s.gate.reciprocated], [1, 5, 0, 1]);
    log.presence('a', true);
    s = computeBalance(log.events);
    assert.deepEqual([s.team.totalTurns, s.team.totalSeconds, s.team.totalPasses, s.gate.reciprocated, s.gate.present], [3, 39, 2, 2, 3]);
  });

  it('members back from a break take their place in join order', () => {
    // d and e step out and come back in the other order before anyone speaks, so nothing
    // else about them differs. Two quiet flags raised by one event: invitations in join order.
    const log = new Log().members('a', 'b', 'c', 'd', 'e').presence('d', false).presence('e', false).presence('e', true).presence('d', true);
    log.round('a', 'b', 'c').round('a', 'b', 'c').round('a', 'b', 'c').say('a');
    // 10 turns = 2 × 5: a 4, b 3, c 3, d 0, e 0; median 3, quiet below 1.5: d and e at once.
    const s = computeBalance(log.events);
    assert.deepEqual(flags(s), ['quiet:d', 'quiet:e']);
    assert.deepEqual(nudges(s), ['round-robin', 'invite:d', 'invite:e']);
    assert.deepEqual(s.suggestedOrder, ['d', 'e', 'b', 'c', 'a']);
  });

  it('invitations come in the order the members went quiet, not in join order', () => {
    const log = new Log().members('a', 'b', 'c', 'd', 'e').say('a').say('b').say('c').say('d').say('a');
    // minTurnsPerMember 1: judged from 5 turns. a 2, b 1, c 1, d 1, e 0: median 1, e quiet (0 < 0.5).
    let s = computeBalance(log.events, { minTurnsPerMember: 1 });
    assert.ok(flags(s).includes('quiet:e'));
    assert.ok(!flags(s).includes('quiet:b'));
    log.say('c').say('d').say('a').say('c').say('d');
    // a 3, b 1, c 3, d 3, e 0: median 3, quiet below 1.5: now b too, after e.
    s = computeBalance(log.events, { minTurnsPerMember: 1 });
    assert.deepEqual(flags(s), ['quiet:e', 'quiet:b']);
    assert.deepEqual(nudges(s), ['round-robin', 'invite:e', 'invite:b']);
    const invites = s.nudges.filter((n) => n.kind === 'invite');
    assert.ok(invites[0].seq < invites[1].seq);
  });

  it('time present over removed turns: before a member came, while away, in a past and in the current stretch', () => {
    const log = new Log().members('a', 'b', 'd')
      .say('a', 't1', 1, { id: 't1' }).say('a', 't2', 1, { id: 't2' })
      .presence('d', false) // d: present for t1, t2, and never again
      .member('c').say('a', 't3', 1, { id: 't3' }).presence('c', false)
      .say('a', 't4', 1, { id: 't4' }).presence('c', true).say('a', 't5', 1, { id: 't5' });
    // Standing turns → (turns while d was present, turns while c was present): weight = present ÷ standing.
    const steps: [string | null, number, number, number][] = [
      [null, 5, 2, 2], // t1..t5: d t1 t2; c t3 t5
      ['t1', 4, 1, 2], // t2..t5: d t2; c t3 t5
      ['t3', 3, 1, 1], // t2 t4 t5: d t2; c t5
      ['t4', 2, 1, 1], // t2 t5
      ['t5', 1, 1, 0], // t2
    ];
    for (const [removed, standing, dTurns, cTurns] of steps) {
      if (removed) log.remove(removed);
      const s = computeBalance(log.events);
      close(member(s, 'd').presenceWeight, dTurns / standing, `d after removing ${removed}`);
      close(member(s, 'c').presenceWeight, cTurns / standing, `c after removing ${removed}`);
      close(member(s, 'a').presenceWeight, 1, 'a');
      close(member(s, 'b').presenceWeight, 1, 'b');
      // c has not spoken, so its adjusted share stays 0; a has every turn.
      close(member(s, 'a').adjustedShare, 1, 'a share');
    }
  });
});

describe('balance engine: removals', () => {
  it('taking back a member\'s only act makes them silent again, so a missed round flags them at that event', () => {
    // c is the first member (joined at seq 0). lowFactor 0: quiet only by a missed round.
    const settings = { lowFactor: 0, minTurnsPerMember: 0 };
    const log = new Log().members('c', 'a', 'b').say('c', 'x', 1, { id: 'x' }).say('a').say('b');
    assert.deepEqual(flags(computeBalance(log.events, settings)), []);
    log.remove('x');
    const s = computeBalance(log.events, settings);
    assert.deepEqual(flags(s), ['quiet:c']);
    assert.equal(s.activeFlags[0].raisedAtSeq, log.events.length - 1);
  });

  it('taking back a later act leaves the earlier one standing: not silent', () => {
    const settings = { lowFactor: 0, minTurnsPerMember: 0 };
    const log = new Log().members('c', 'a', 'b').say('c', 'first').say('c', 'x', 1, { id: 'x' }).say('a').say('b').remove('x');
    const s = computeBalance(log.events, settings);
    assert.ok(!flags(s).includes('quiet:c'), flags(s).join());
    assert.equal(member(s, 'c').turns, 1);
  });

  it('a removal re-ranks: the Gini uses the amounts in order', () => {
    // Pairwise Gini: Σ|xi − xj| over ordered pairs ÷ (2 n Σx).
    const pairwise = (xs: number[]): number => {
      const total = xs.reduce((p, q) => p + q, 0);
      let sum = 0;
      for (const x of xs) for (const y of xs) sum += Math.abs(x - y);
      return total === 0 ? 0 : sum / (2 * xs.length * total);
    };
    const log = new Log().members('a', 'b', 'c', 'd');
    const ids: string[] = [];
    const plan = ['c', 'c', 'c', 'a', 'b', 'a', 'd', 'c', 'b', 'b', 'b', 'b'];
    const amounts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    plan.forEach((who, i) => {
      log.say(who, 'w', 1, { id: `p${i}` });
      ids.push(`p${i}`);
      amounts[who]++;
      close(computeBalance(log.events).team.gini, pairwise(Object.values(amounts)), `after ${i}`);
    });
    // Take back b's turns (moving b down past the others), then c's.
    for (const i of [11, 10, 9, 8, 2, 1]) {
      log.remove(ids[i]);
      amounts[plan[i]]--;
      close(computeBalance(log.events).team.gini, pairwise(Object.values(amounts)), `after removing ${i}`);
    }
  });
});

describe('balance engine: flags clear, and nudges follow, at the event itself', () => {
  it('a dominant flag and its round-robin go together', () => {
    const log = new Log().members('a', 'b', 'c');
    for (let i = 0; i < 4; i++) log.round('a', 'b', 'c');
    log.say('a').say('a').say('a').say('b').say('c');
    assert.deepEqual(nudges(computeBalance(log.events)), ['round-robin']);
    log.say('b'); // a 7, b 6, c 5: median 6, 7 < 1.4 × 6
    const s = computeBalance(log.events);
    assert.deepEqual(flags(s), []);
    assert.deepEqual(s.nudges, []);
  });

  it('a leaving member takes every flag along, and the nudges they held', () => {
    // Six turns judge three members: a 4, b 1, c 1; median 1: a dominant, nobody quiet.
    // b's turn is at depth 3 with only depth 1 matched: over-disclosure, raised first.
    const log = new Log().members('a', 'b', 'c').say('c').say('a').say('a').say('a').say('a').say('b', 'deep', 3);
    let s = computeBalance(log.events);
    assert.deepEqual(flags(s), ['dominant:a', 'over-disclosure:b'], 'raised by the same event: in join order');
    assert.deepEqual(nudges(s), ['hold-depth', 'round-robin']);
    log.presence('a', false).presence('b', false);
    s = computeBalance(log.events);
    assert.deepEqual(flags(s), []);
    assert.deepEqual(s.nudges, []);
    const n = log.events.length;
    assert.deepEqual(s.flagHistory.map((f) => [f.kind, f.memberId, f.clearedAtSeq]), [['over-disclosure', 'b', n - 1], ['dominant', 'a', n - 2]]);
  });

  it('a quiet member who leaves is no longer flagged or invited', () => {
    const log = new Log().member('a').member('b').member('c').member('d').member('e', 'Sam');
    log.round('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd').round('a', 'b'); // e: 0 < 0.5 × 2.5
    assert.deepEqual(nudges(computeBalance(log.events)), ['invite:e']);
    log.presence('e', false); // a 3, b 3, c 2, d 2 among four: nobody is flagged
    const s = computeBalance(log.events);
    assert.deepEqual(flags(s), []);
    assert.deepEqual(s.nudges, []);
    assert.equal(s.flagHistory[0].clearedAtSeq, log.events.length - 1);
  });

  it('two quiet members ask for a round-robin; when one speaks up, it goes', () => {
    const log = new Log().members('a', 'b', 'c', 'd', 'e');
    for (let i = 0; i < 4; i++) log.round('a', 'b', 'c');
    assert.deepEqual(nudges(computeBalance(log.events)), ['round-robin', 'invite:d', 'invite:e']);
    // Hysteresis 0.3: kept until 0.8 × median. d says 4: a b c 4, d 4, e 0: median 4, 4 ≥ 3.2.
    log.say('d').say('d').say('d').say('d');
    const s = computeBalance(log.events, { hysteresis: 0.3 });
    assert.deepEqual(flags(s), ['quiet:e']);
    assert.deepEqual(nudges(s), ['invite:e']);
  });
});

describe('balance engine: the depth guards', () => {
  it('over-disclosure: not for a pass, not for someone away, once per member, cleared when withdrawn', () => {
    // Five members: a layer is matched once 3 have answered at it.
    const log = new Log().members('a', 'b', 'c', 'd', 'e').say('c', 'deep', 3); // matched 1: 3 ≥ 1 + 2
    const raisedC = log.events.length - 1;
    log.pass('a', 4).pass('a', 3);
    assert.deepEqual(flags(computeBalance(log.events)), ['over-disclosure:c'], 'a pass discloses nothing');
    log.say('a', 'deeper', 4, { id: 'ad' });
    const raisedA = log.events.length - 1;
    log.say('c', 'deeper still', 4).presence('b', false).say('b', 'while away', 4);
    let s = computeBalance(log.events);
    // Sorted by when they were raised, not by member: c first.
    assert.deepEqual(s.activeFlags.map((f) => [f.memberId, f.raisedAtSeq]), [['c', raisedC], ['a', raisedA]]);
    assert.equal(s.flagHistory.length, 2, 'c\'s second deep answer raises no second flag; b was away');
    assert.deepEqual(nudges(s), ['hold-depth']);
    log.remove('ad');
    s = computeBalance(log.events);
    assert.deepEqual(flags(s), ['over-disclosure:c']);
    assert.equal(s.flagHistory.find((f) => f.memberId === 'a')?.clearedAtSeq, log.events.length - 1);
    // b is back: b's answer at 4 counts now, but c and b are 2 of 5: c keeps the flag.
    s = computeBalance(log.presence('b', true).events);
    assert.deepEqual(flags(s), ['over-disclosure:c']);
    assert.deepEqual(s.gate.reciprocated, 2);
  });

  it('slow down lasts through a second move deeper, and ends back at the depth it started from', () => {
    const log = new Log().members('a', 'b', 'c').say('a').stage(2); // 1 of 3 answered at 1
    assert.deepEqual(nudges(computeBalance(log.events)), ['slow-down']);
    log.stage(3).stage(2); // still deeper than 1, and 2 is not reciprocated
    assert.deepEqual(nudges(computeBalance(log.events)), ['slow-down']);
    log.stage(1);
    assert.deepEqual(computeBalance(log.events).nudges, []);
  });
});

describe('balance engine: the snapshot', () => {
  it('shares among present members only; with nobody present, zeros and an unready sample', () => {
    const log = new Log().members('a', 'b', 'c').say('a').say('a').say('a').say('b').presence('c', false);
    let s = computeBalance(log.events);
    assert.equal(s.team.maxShare, 0.75);
    close(s.team.medianShare, 0.5); // (0.75 + 0.25) / 2; c's 0 is not counted
    log.presence('a', false).presence('b', false);
    s = computeBalance(log.events, { minTurnsPerMember: 0 });
    assert.deepEqual(
      [s.team.presentCount, s.team.maxShare, s.team.fairShare, s.team.medianShare, s.team.gini, s.team.evenness, s.team.sampleReady],
      [0, 0, 0, 0, 0, 1, false],
    );
    assert.equal(s.suggestedNext, null);
    assert.deepEqual(s.gate, { open: false, reciprocated: 0, present: 0, reason: 'No one is here yet' });
  });

  it('of an engine that has seen nothing', () => {
    const s = new BalanceEngine().snapshot();
    assert.deepEqual([s.members, s.activeFlags, s.flagHistory, s.nudges, s.nudgeHistory, s.suggestedOrder], [[], [], [], [], [], []]);
    assert.deepEqual([s.team.gini, s.team.evenness, s.team.presentCount, s.team.sampleReady, s.depth, s.reciprocatedDepth], [0, 1, 0, false, 1, 0]);
    assert.equal(s.suggestedNext, null);
  });

  it('the gate mentions who passed at this depth and has not answered since', () => {
    const log = new Log().members('a', 'b', 'c', 'd').pass('a').pass('b').say('c');
    assert.equal(computeBalance(log.events).gate.reason, '1 of 4 have answered at this depth (2 passed)');
    log.say('b').pass('d', 2); // b answered after all; d's pass is at another depth
    assert.equal(computeBalance(log.events).gate.reason, '2 of 4 have answered at this depth (1 passed)');
  });

  it('the sample is not ready before anyone has spoken, even with no minimum', () => {
    const s = computeBalance(new Log().members('a', 'b').events, { minTurnsPerMember: 0 });
    assert.equal(s.team.sampleReady, false);
  });

  it('suggests the longest-waiting first among equals, then join order', () => {
    // a speaks, d arrives, a speaks twice: b and c have waited 3 turns, d 2; all three 0 so far.
    const s = computeBalance(new Log().members('a', 'b', 'c').say('a').member('d').say('a').say('a').events);
    assert.deepEqual(s.members.map((m) => m.turnsSinceLastSpoke), [0, 3, 3, 2]);
    assert.deepEqual(s.suggestedOrder, ['b', 'c', 'd', 'a']);
    const t = computeBalance(new Log().members('a', 'b', 'c', 'd', 'e').say('a').say('b').events);
    assert.deepEqual(t.suggestedOrder, ['c', 'd', 'e', 'a', 'b']); // a and b answered; b waited 0 turns, a 1
    // At depth 2 nobody has answered yet and everyone has one turn: whoever spoke longest ago first.
    const u = computeBalance(new Log().members('a', 'b', 'c').say('c').say('b').say('a').stage(2).events);
    assert.deepEqual(u.suggestedOrder, ['c', 'b', 'a']);
    // Whoever answered at this depth waits behind those who have not, whatever their shares:
    // at 2, a answered once (share 1/4); b spoke three times at 1 only (3/4); c not at all.
    const v = computeBalance(new Log().members('a', 'b', 'c').say('b').say('b').say('b').stage(2).say('a', 'x', 2).events);
    assert.deepEqual(v.suggestedOrder, ['c', 'b', 'a']);
  });

  it('is a copy: changing it changes neither the engine nor the next snapshot', () => {
    const log = new Log().members('a', 'b', 'c', 'd');
    for (let i = 0; i < 8; i++) log.say('a');
    const e = new BalanceEngine();
    e.applyAll(log.events);
    const first = e.snapshot();
    assert.deepEqual(first.nudgeHistory.map((n) => n.id), ['round-robin:e12']);
    assert.deepEqual(first.nudgeHistory[0], { id: 'round-robin:e12', kind: 'round-robin', memberId: null, text: 'Try a round-robin', seq: 11, at: 12000 });
    const active = first.flagHistory[0];
    assert.equal(active.clearedAtSeq, null);
    active.clearedAtSeq = 99;
    first.nudgeHistory.push({ ...first.nudgeHistory[0], id: 'extra' });
    first.activeFlags[0].memberId = 'zzz';
    first.nudges[0].text = 'changed';
    const second = e.snapshot();
    assert.equal(second.flagHistory[0].clearedAtSeq, null);
    assert.equal(second.nudgeHistory.length, 1);
    assert.equal(second.activeFlags[0].memberId, 'a');
    assert.equal(second.nudges[0].text, 'Try a round-robin');
  });
});
