// Issue 11 (webview.open_50x2000): a panel's first snapshot after `ready` carries only the
// newest contributions and how many are left out, so a long retro's first frame does not wait
// for thousands of rows; the rest follow when the panel asks (`history`). Nothing is lost on
// the way: counts are the whole retro's, and a change in between is in the next snapshot.
import { strict as assert } from 'node:assert';
import { FakeEmitter } from './fakeVscode';
import { fakePanel } from './fakePanel';
import { analyseLog } from '../../../src/domain/replica';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds, steppingClock } from '../../../src/domain/ids';
import { decide, startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import type { SessionEvent } from '../../../src/domain/types';
import { RetroPanel } from '../../../src/host/retroPanel';
import type { RetroSource, ViewRequest } from '../../../src/host/retroSource';
import { buildRetroView } from '../../../src/host/retroView';
import { FIRST_CONTRIBUTIONS, type HostToWebview, type RetroView } from '../../../src/protocol';

/** A local retro of three people with `count` answers, numbered in the order they were said. */
function source(count: number) {
  const newId = sequentialIds('t');
  const clock = steppingClock();
  const events: SessionEvent[] = startSession({
    title: 'Sprint 12', teamId: 'team', members: ['Ada', 'Grace', 'Linus'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: clock(), newId, recentPromptIds: [],
  });
  const changed = new FakeEmitter<void>();
  let said = 0;
  const say = () => {
    const state = replay(events);
    const d = decide(state, { kind: 'contribute', memberId: state.members[said % 3].id, text: `answer ${said}`, pass: false }, {
      actor: state.facilitatorId!, now: clock(), newId, gate: () => analyseLog(events).balance.gate, recentPromptIds: [],
    });
    if (!d.ok) throw new Error(d.error);
    events.push(...d.events);
    said += 1;
  };
  for (let i = 0; i < count; i++) say();
  const retro = {
    id: 's-1',
    get state() { return replay(events); },
    titleSuffix: '',
    facilitates: true,
    onDidChange: changed.event,
    onDidSave: new FakeEmitter<void>().event,
    view: (options: ViewRequest = {}) =>
      buildRetroView(replay(events), analyseLog(events).balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null, now: 0, ...options }),
  } as unknown as RetroSource;
  /** Records one more answer, as the host does, and tells the panel. */
  const record = () => {
    say();
    changed.fire();
  };
  return { retro, record, said: () => Array.from({ length: said }, (_, i) => `answer ${i}`) };
}

const snapshots = (posted: HostToWebview[]): RetroView[] => posted.flatMap((m) => (m.type === 'snapshot' ? [m.view] : []));
const total = (view: RetroView) => (view.omittedContributions ?? 0) + view.contributions.length;
const wait = () => new Promise((r) => setTimeout(r, 0));

describe('retro panel: the first snapshot, then the history', function () {
  const savedMs = RetroPanel.heartbeatMs;
  before(() => (RetroPanel.heartbeatMs = 60_000));
  after(() => (RetroPanel.heartbeatMs = savedMs));

  it('after ready: the newest contributions and how many are left out, then alive', async function () {
    const f = fakePanel();
    const s = source(45);
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, s.retro, { openSummary() {} });
    f.say({ type: 'ready' });
    await wait();
    assert.deepEqual(f.posted.map((m) => m.type), ['snapshot', 'alive'], 'snapshot, then alive');
    const [first] = snapshots(f.posted);
    assert.ok(first.contributions.length <= FIRST_CONTRIBUTIONS, `bounded: ${first.contributions.length} rows`);
    assert.ok(first.contributions.length > 0, 'the newest are there for the first frame');
    assert.equal(total(first), 45, 'the total is the whole retro');
    assert.deepEqual(first.contributions.map((c) => c.text), s.said().slice(-first.contributions.length), 'the newest, oldest first');
    assert.equal(first.members.reduce((n, m) => n + m.turns, 0), 45, "the roster's turns count every answer");
    panel.dispose();
  });

  it('sends every contribution once the panel asks for its history, and from then on', async function () {
    const f = fakePanel();
    const s = source(45);
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, s.retro, { openSummary() {} });
    f.say({ type: 'ready' });
    f.say({ type: 'history' });
    await wait();
    const [, whole] = snapshots(f.posted);
    assert.equal(whole.omittedContributions ?? 0, 0);
    assert.deepEqual(whole.contributions.map((c) => c.text), s.said());
    s.record();
    const [, , next] = snapshots(f.posted);
    assert.deepEqual(next.contributions.map((c) => c.text), s.said(), 'a change after it: still all of them');
    panel.dispose();
  });

  it('loses nothing recorded between the first snapshot and the history', async function () {
    const f = fakePanel();
    const s = source(45);
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, s.retro, { openSummary() {} });
    f.say({ type: 'ready' });
    s.record();
    const [, gap] = snapshots(f.posted);
    assert.ok(gap.contributions.length <= FIRST_CONTRIBUTIONS, 'still the newest only');
    assert.equal(total(gap), 46, 'the total counts the new answer');
    assert.equal(gap.contributions.at(-1)?.text, 'answer 45', 'the new answer is among them');
    f.say({ type: 'history' });
    const [, , whole] = snapshots(f.posted);
    assert.deepEqual(whole.contributions.map((c) => c.text), s.said(), 'all 46, the new one last');
    panel.dispose();
  });

  it('sends a short retro whole, and keeps sending it whole as it grows (nothing to ask for)', async function () {
    const f = fakePanel();
    const s = source(5);
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, s.retro, { openSummary() {} });
    f.say({ type: 'ready' });
    assert.equal(snapshots(f.posted)[0].omittedContributions ?? 0, 0);
    for (let i = 0; i < FIRST_CONTRIBUTIONS + 5; i++) s.record();
    const last = snapshots(f.posted).at(-1)!;
    assert.equal(last.omittedContributions ?? 0, 0, 'a panel that had everything is never sent less');
    assert.deepEqual(last.contributions.map((c) => c.text), s.said());
    panel.dispose();
  });

  it('starts with a first snapshot again when a torn-down webview is ready again', async function () {
    const f = fakePanel();
    const s = source(45);
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, s.retro, { openSummary() {} });
    f.say({ type: 'ready' });
    f.say({ type: 'history' });
    f.hide();
    f.panel.visible = true;
    f.say({ type: 'ready' });
    const views = snapshots(f.posted);
    assert.deepEqual(views.map((v) => v.contributions.length), [FIRST_CONTRIBUTIONS, 45, FIRST_CONTRIBUTIONS]);
    assert.ok(views.every((v) => total(v) === 45));
    panel.dispose();
  });
});
