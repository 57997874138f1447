// Issue 12, defect 5: session files accepted ids of 256 characters while the panel's view
// allowed 128, so a file with a 200-character member id loaded and then every snapshot
// failed validation: the panel never rendered. An id a file may hold must reach the panel,
// and a nudge made from such ids must be dismissable and saved.
import { strict as assert } from 'node:assert';
import { analyseLog } from '../../../src/domain/replica';
import { MAX_ID_LENGTH } from '../../../src/domain/ids';
import { parseSessionEvent, parseSessionFile, serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import type { Deck, SessionEvent } from '../../../src/domain/types';
import { buildRetroView } from '../../../src/host/retroView';
import { parseHostMessage, parseWebviewMessage } from '../../../src/protocol';

const deck: Deck = { id: 'd', name: 'Deck', prompts: [{ id: 'p1', depth: 1, topic: 't', text: 'How was it?' }] };

/** Every id of the given length (each one distinct), with a quiet member so an invitation nudge exists. */
function sessionText(length: number): string {
  let n = 0;
  const make = (tag: string): string => {
    const head = `${tag}-${++n}-`;
    return head + 'x'.repeat(Math.max(0, length - head.length));
  };
  const base = (): { id: string; at: number; actor: string } => ({ id: make('e'), at: 1_700_000_000_000 + n * 1000, actor: 'fac' });
  const members = [make('m'), make('m'), make('m'), make('m')];
  const events: SessionEvent[] = [
    { ...base(), type: 'session.created', sessionId: make('s'), title: 'Retro', teamId: 't', deck, settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 } },
  ];
  members.forEach((memberId, i) => events.push({ ...base(), type: 'member.added', memberId, name: `Person ${i}`, joinedLate: false }));
  events.push({ ...base(), type: 'prompt.shown', promptId: 'p1' });
  const say = (memberId: string): void => {
    events.push({ ...base(), type: 'contribution.added', contributionId: make('c'), memberId, phase: 'check-in', promptId: 'p1', depth: 1, topic: 't', text: 'words here', pass: false });
  };
  say(members[0] as string);
  for (let round = 0; round < 4; round++) for (const m of members.slice(1)) say(m);
  events.push({ ...base(), type: 'note.added', noteId: make('n'), memberId: members[1] as string, text: 'a note', column: 'Went well' });
  events.push({ ...base(), type: 'action.added', actionId: make('a'), text: 'do it', ownerId: members[2] as string });
  return serializeSession(sessionFileFromEvents(events));
}

describe('one id length for files and the panel (issue 12, defect 5)', () => {
  for (const length of [36, 128, 129, 200, MAX_ID_LENGTH]) {
    it(`ids of ${length} characters load, render in the panel, and their nudge can be dismissed and saved`, () => {
      const parsed = parseSessionFile(sessionText(length), 'retro.json');
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
      const events = parsed.file.events;
      const { state, balance } = analyseLog(events);
      const view = buildRetroView(state, balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });
      const snapshot = parseHostMessage({ type: 'snapshot', view });
      assert.ok(snapshot.ok, snapshot.ok ? '' : snapshot.error);
      assert.equal(view.members.length, 4);
      assert.equal(view.members[0]?.id.length, length);
      const invite = view.nudges.find((nudge) => nudge.kind === 'invite');
      assert.ok(invite, 'the quiet member is invited, so there is a nudge made of two ids');
      const dismiss = parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'dismissNudge', nudgeId: invite.id } });
      assert.ok(dismiss.ok, dismiss.ok ? '' : dismiss.error);
      const saved = parseSessionEvent({ id: 'e-dismiss', at: 1, actor: 'fac', type: 'nudge.dismissed', nudgeId: invite.id });
      assert.ok(saved.ok, saved.ok ? '' : saved.error);
      for (const [kind, field] of [['removeContribution', 'contributionId'], ['setPresence', 'memberId']] as const) {
        const value = kind === 'setPresence' ? view.members[1]?.id : view.contributions[0]?.id;
        const intent = kind === 'setPresence' ? { kind, [field]: value, present: false } : { kind, [field]: value };
        const r = parseWebviewMessage({ type: 'intent', requestId: 2, intent });
        assert.ok(r.ok, `${kind}: ${r.ok ? '' : r.error}`);
      }
    });
  }

  it(`an id one character over ${MAX_ID_LENGTH} is refused when the file is read, with where it is`, () => {
    const parsed = parseSessionFile(sessionText(MAX_ID_LENGTH + 1), 'retro.json');
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.message, /retro\.json.*(id|sessionId)/);
  });
});
