// Issue 12 (l10n): why the retro refuses a request, and its notices about one it took, reach
// the person in the display language. A retro in a pseudo-locale (every message wrapped as
// ⟦…⟧ by vscode.l10n.t) is asked for each thing the domain refuses; every error and notice
// the window shows must come back wrapped. The domain's English passed through as it is
// shows up unwrapped.
import { strict as assert } from 'node:assert';
import { fakeVscode } from './fakeVscode';
import { RetroController } from '../../../src/host/retroController';
import { inDisplayLanguage, worded } from '../../../src/host/team/teamRetro';
import type { SessionStore } from '../../../src/host/sessionStore';
import { sequentialIds, sessionFileFromEvents, startSession, type Deck } from '../../../src/domain';
import type { Intent } from '../../../src/protocol';
import { CONNECTION_REFUSED } from '../../../src/domain/said';
import { pseudoT, unwrapped } from './pseudoLocale';

const deck: Deck = {
  id: 'two-layers',
  name: 'Two layers',
  prompts: [{ id: 'p1', depth: 1, topic: 'sprint', text: 'One word for your sprint' }],
};

function controller(): RetroController {
  const events = startSession({
    title: 'Sprint 9',
    teamId: 'team',
    members: ['Ada', 'Bo'],
    facilitator: 'Ada',
    deck,
    settings: { turnSoftCapSeconds: 90, maxTextLength: 50 },
    now: Date.UTC(2025, 0, 6, 9),
    newId: sequentialIds('x'),
    recentPromptIds: [],
  });
  const store = { folder: '/nowhere', pathFor: (id: string) => `/nowhere/${id}.json`, save: () => Promise.resolve() };
  const lock = { release: () => Promise.resolve() };
  return new RetroController(sessionFileFromEvents(events), store as unknown as SessionStore, {}, [], lock as never);
}

const wrapped = (s: string) => /^⟦[\s\S]*⟧$/u.test(s);

describe('refusals and notices in the display language (issue 12, l10n)', () => {
  const t = fakeVscode.l10n.t;
  beforeEach(() => (fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${t(message, ...args)}⟧`));
  afterEach(() => (fakeVscode.l10n.t = t));

  it('words every refusal and notice of a local retro through vscode.l10n', async () => {
    const c = controller();
    const bo = c.state.members.find((m) => m.name === 'Bo')?.id ?? '';
    const shown: string[] = [];
    const ask = async (intent: Intent, expect: 'refused' | 'notice') => {
      const r = await c.handle(intent);
      if (expect === 'refused') {
        assert.equal(r.ok, false, JSON.stringify(intent));
        if (!r.ok) shown.push(r.error);
      } else {
        assert.ok(r.ok && r.notices && r.notices.length > 0, `${JSON.stringify(intent)} gives a notice`);
        if (r.ok) shown.push(...(r.notices ?? []));
      }
    };
    await ask({ kind: 'addMember', name: '   ' }, 'refused');
    await ask({ kind: 'addMember', name: 'Bo' }, 'notice');
    await ask({ kind: 'addMember', name: 'N'.repeat(200) }, 'notice');
    await ask({ kind: 'contribute', memberId: 'nobody', text: 'hi', pass: false }, 'refused');
    await ask({ kind: 'contribute', memberId: bo, text: '  ', pass: false }, 'refused');
    await ask({ kind: 'contribute', memberId: bo, text: 'word '.repeat(40), pass: false }, 'notice');
    await ask({ kind: 'removeContribution', contributionId: 'none' }, 'refused');
    await ask({ kind: 'editContribution', contributionId: 'none', text: 'x' }, 'refused');
    await ask({ kind: 'stage', move: 'back' }, 'refused');
    await ask({ kind: 'nextPrompt' }, 'refused');
    await ask({ kind: 'stage', move: 'deeper' }, 'notice');
    assert.ok((await c.handle({ kind: 'setPresence', memberId: bo, present: false })).ok);
    await ask({ kind: 'startTurn', memberId: bo }, 'refused');
    await ask({ kind: 'addNote', text: 'flaky CI', column: 'Nowhere', memberId: null }, 'refused');
    await ask({ kind: 'addNote', text: ' ', column: 'Went well', memberId: null }, 'refused');
    await ask({ kind: 'vote', memberId: bo, noteId: 'none', retract: false }, 'refused');
    await ask({ kind: 'addAction', text: ' ', ownerId: null }, 'refused');
    await ask({ kind: 'updateAction', actionId: 'none', done: true }, 'refused');
    await ask({ kind: 'checkout', memberId: bo, text: ' ' }, 'refused');
    await ask({ kind: 'revealNotes' }, 'refused');
    await ask({ kind: 'renameRetro', title: ' ' }, 'refused');
    assert.ok((await c.handle({ kind: 'endRetro' })).ok);
    await ask({ kind: 'nextSpeaker' }, 'refused');
    const english = shown.filter((s) => !wrapped(s));
    assert.deepEqual(english, [], 'shown in English, not through l10n');
    assert.ok(shown.length >= 20, `${shown.length} refusals and notices checked`);
    c.dispose();
  });

  it("words a team authority's refusals and notices in the member's display language", () => {
    const refusal = inDisplayLanguage({ ok: false, error: 'Someone has already joined as Ada. Pick another name, or ask the facilitator.', said: { key: 'seatTaken', name: 'Ada' } });
    assert.deepEqual(refusal, { ok: false, error: '⟦Someone has already joined as Ada. Pick another name, or ask the facilitator.⟧' });
    const taken = inDisplayLanguage({ ok: true, notices: ['Your note is held until the facilitator reveals all notes together.'], noticesSaid: [{ key: 'heldNote' }] });
    assert.deepEqual(taken, { ok: true, notices: ['⟦Your note is held until the facilitator reveals all notes together.⟧'] });
    // A server that says no more than English (an older one) is shown as it said it.
    assert.equal(worded({ error: 'Malformed message: command.kind' }), 'Malformed message: command.kind');
  });

  it("a connection the team server refused: the reason it sends is worded in the member's display language", () => {
    // The codes a team server sends (src/sync/server.ts) and the client's own fallback: what
    // Hocuspocus carries as the refusal's reason. None may reach the member as English.
    fakeVscode.l10n.t = pseudoT; // values marked ‹…›: a code shown as it came would be English
    const codes = ['permission-denied', 'not-a-retro', 'refused'];
    assert.deepEqual(Object.values(CONNECTION_REFUSED).sort(), [...codes].sort());
    for (const reason of codes) {
      const text = worded({ error: 'refused', said: { key: 'connectionRefused', reason } });
      assert.ok(wrapped(text), text);
      assert.deepEqual(unwrapped(text, []), [], text);
    }
    // A reason from some other server is shown as it came, inside the sentence.
    assert.equal(worded({ error: 'x', said: { key: 'connectionRefused', reason: 'quota' } }), '⟦The team server refused this connection (‹quota›). Check the join code.⟧');
  });
});
