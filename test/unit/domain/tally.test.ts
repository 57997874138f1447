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

  it('records a turn with no words and the seconds of the running turn', () => {
    const ada = replay(log).members[0]!.id;
    const started = act({ kind: 'startTurn', memberId: ada }, 1_000);
    assert.ok(started.ok);
    log.push(...started.events);
    const refused = act({ kind: 'contribute', memberId: ada, text: '', pass: false }, 13_000);
    assert.deepEqual(refused, { ok: false, error: 'Write what was said, or pass.', said: { key: 'writeOrPass' } });
    const tallied = act({ kind: 'contribute', memberId: ada, text: '  ', pass: false, tally: true }, 13_000);
    assert.ok(tallied.ok);
    log.push(...tallied.events);
    const { state, balance } = analyseLog(log);
    const c = state.contributions.at(-1)!;
    assert.deepEqual([c.memberId, c.text, c.pass, c.words, c.seconds], [ada, '', false, 0, 12]);
    assert.equal(state.turn.memberId, null, 'the turn ended with it');
    const stats = balance.members.find((m) => m.memberId === ada)!;
    assert.deepEqual([stats.turns, stats.words, stats.passes], [1, 0, 0]);
  });
});
