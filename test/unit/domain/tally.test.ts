// Issue 11, "record a turn in one action": a number key records that someone spoke, with
// the turn's seconds; the words are optional. Without `tally` an empty answer is refused.
import { strict as assert } from 'node:assert';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { analyseLog } from '../../../src/domain/replica';
import { decide, startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import type { SessionEvent } from '../../../src/domain/types';

describe('a turn recorded in one action (tally)', () => {
  const newId = sequentialIds('t');
  const log: SessionEvent[] = startSession({
    title: 'Tally', teamId: 't', members: ['Ada', 'Bo'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 200 }, now: 0, newId, recentPromptIds: [],
  });
  const act = (intent: Parameters<typeof decide>[1], now: number) => {
    const s = replay(log);
    return decide(s, intent, { actor: s.facilitatorId!, now, newId, gate: (x) => gateFromState(x), recentPromptIds: [] });
  };
  /** Decides `intent`, which must be accepted, and appends its events to the log. */
  const applied = (intent: Parameters<typeof decide>[1], now: number): void => {
    const r = act(intent, now);
    assert.ok(r.ok, JSON.stringify(r));
    log.push(...r.events);
  };

  it('records a turn with no words and the seconds of the running turn', () => {
    const ada = replay(log).members[0]!.id;
    applied({ kind: 'startTurn', memberId: ada }, 1_000);
    const refused = act({ kind: 'contribute', memberId: ada, text: '', pass: false }, 13_000);
    assert.deepEqual(refused, { ok: false, error: 'Write what was said, or pass.', said: { key: 'writeOrPass' } });
    applied({ kind: 'contribute', memberId: ada, text: '  ', pass: false, tally: true }, 13_000);
    const { state, balance } = analyseLog(log);
    const c = state.contributions.at(-1)!;
    assert.deepEqual([c.memberId, c.text, c.pass, c.words, c.seconds], [ada, '', false, 0, 12]);
    assert.equal(state.turn.memberId, null, 'the turn ended with it');
    const stats = balance.members.find((m) => m.memberId === ada)!;
    assert.deepEqual([stats.turns, stats.words, stats.passes], [1, 0, 0]);
  });

  // In the room the facilitator presses the key of whoever spoke; the clock ran for them
  // even when the turn had been given to someone else (the audit: after one tally nobody had
  // a timed turn, and every later tally carried no seconds).
  it("gives a tally the running turn's seconds whoever had the turn, and none when no turn ran", () => {
    const s0 = replay(log);
    const [ada, bo] = [s0.members[0]!.id, s0.members[1]!.id];
    applied({ kind: 'startTurn', memberId: bo }, 20_000);
    applied({ kind: 'contribute', memberId: ada, text: '', pass: false, tally: true, seconds: 99 }, 29_000);
    let state = replay(log);
    assert.deepEqual([state.contributions.at(-1)!.memberId, state.contributions.at(-1)!.seconds], [ada, 9], "the decider's clock, not the 99 sent");
    assert.equal(state.turn.memberId, null, "Bo's turn ended with the tally");
    // No turn running: only the seconds sent along, if any.
    applied({ kind: 'contribute', memberId: bo, text: '', pass: false, tally: true }, 40_000);
    state = replay(log);
    assert.equal(state.contributions.at(-1)!.seconds, undefined);
  });

  // Only a tally takes someone else's clock: an answer typed for Ada while Bo's turn runs
  // keeps the seconds sent with it (Bo's clock is Bo's). Kills the mutants that time every
  // contribution by the running turn.
  it('times a typed answer by its own person\'s turn only, not by whoever has the turn', () => {
    const s0 = replay(log);
    const [ada, bo] = [s0.members[0]!.id, s0.members[1]!.id];
    applied({ kind: 'startTurn', memberId: bo }, 50_000);
    applied({ kind: 'contribute', memberId: ada, text: 'Ada spoke up', pass: false, seconds: 4 }, 70_000);
    const c = replay(log).contributions.at(-1)!;
    assert.deepEqual([c.memberId, c.seconds], [ada, 4], "the seconds sent, not Bo's 20");
  });
});
