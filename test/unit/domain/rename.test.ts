import { strict as assert } from 'node:assert';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { parseSessionEvent } from '../../../src/domain/persistence';
import { decide, startSession, type DecideContext } from '../../../src/domain/retro';
import { applyEvent, replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import type { SessionEvent, SessionState } from '../../../src/domain/types';

const settings = { turnSoftCapSeconds: 90, maxTextLength: 200 };
const newId = sequentialIds('r');

function start(): SessionState {
  return replay(startSession({ title: 'Retro 2026-12-01', teamId: 'core', members: ['Ada', 'Bo'], deck: defaultDeck(), settings, now: 0, newId: sequentialIds('s'), recentPromptIds: [] }));
}

function ctx(over: Partial<DecideContext> = {}): DecideContext {
  return { actor: 's1', now: 5_000, newId, gate: (s) => gateFromState(s), recentPromptIds: [], ...over };
}

function rename(s: SessionState, title: string, c: DecideContext = ctx()): SessionState {
  const d = decide(s, { kind: 'renameRetro', title }, c);
  assert.ok(d.ok, d.ok ? '' : d.error);
  return d.events.reduce(applyEvent, s);
}

const renamed = (actor: string, title: string, id = `ev-${actor}-${title.length}`): SessionEvent => ({ id, at: 9, actor, type: 'session.renamed', title });

describe('renaming a retro', () => {
  it('the facilitator renames it; the title is cleaned to one line', () => {
    const s = rename(start(), '  Sprint 12\n<b>review</b>  ');
    assert.equal(s.title, 'Sprint 12 <b>review</b>');
    assert.deepEqual(s.rejected, []);
  });

  it('refuses an empty title, and the same title writes nothing', () => {
    const s = start();
    const empty = decide(s, { kind: 'renameRetro', title: '  \n ' }, ctx());
    assert.equal(empty.ok, false);
    const same = decide(s, { kind: 'renameRetro', title: 'Retro 2026-12-01' }, ctx());
    assert.ok(same.ok);
    assert.deepEqual(same.ok ? same.events : null, []);
  });

  it('a member may not rename it: decide refuses and the reducer ignores a forged event', () => {
    const s = start();
    const ada = s.members[0]!.id;
    const d = decide(s, { kind: 'renameRetro', title: 'Mine now' }, ctx({ actor: ada }));
    assert.equal(d.ok, false);
    const forged = applyEvent(s, renamed(ada, 'Mine now'));
    assert.equal(forged.title, 'Retro 2026-12-01');
    assert.deepEqual(forged.rejected.map((r) => r.reason), ['forbidden']);
  });

  it('an ended retro can still be renamed, so people can find it again; nothing else changes', () => {
    const ended = [{ id: 'end', at: 7, actor: 's1', type: 'session.ended' } as SessionEvent].reduce(applyEvent, start());
    const s = rename(ended, 'Sprint 12');
    assert.equal(s.title, 'Sprint 12');
    assert.equal(s.phase, 'ended');
    assert.equal(decide(s, { kind: 'endRetro' }, ctx()).ok, false);
  });

  it('an empty title in a hand-edited log is invalid; the last rename wins on replay', () => {
    const s = start();
    const bad = applyEvent(s, renamed('s1', '   '));
    assert.equal(bad.title, 'Retro 2026-12-01');
    assert.deepEqual(bad.rejected.map((r) => r.reason), ['invalid']);
    const twice = [renamed('s1', 'One', 'a'), renamed('s1', 'Two', 'b')].reduce(applyEvent, s);
    assert.equal(twice.title, 'Two');
  });

  it('the event is validated when read from a file', () => {
    assert.ok(parseSessionEvent(renamed('s1', 'Sprint 12')).ok);
    assert.equal(parseSessionEvent({ ...renamed('s1', 'x'), title: 3 }).ok, false);
  });
});
