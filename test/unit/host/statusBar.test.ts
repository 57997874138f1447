import { strict as assert } from 'node:assert';
import { fake, fakeVscode, FakeEmitter, type FakeStatusBarItem } from './fakeVscode';
import { RetroStatusBar } from '../../../src/host/statusBar';
import type { RetroSource } from '../../../src/host/retroSource';

/** Fake setInterval/clearInterval: the test decides when a second has passed. */
function fakeIntervals() {
  const real = { setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval };
  const active = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  globalThis.setInterval = ((fn: () => void, ms: number) => {
    const id = next++;
    active.set(id, { fn, ms });
    return id;
  }) as unknown as typeof setInterval;
  globalThis.clearInterval = ((id: number) => { active.delete(id); }) as unknown as typeof clearInterval;
  return {
    active,
    tick: () => { for (const { fn } of [...active.values()]) fn(); },
    restore: () => Object.assign(globalThis, real),
  };
}

function fakeRetro() {
  let clock = 1_000_000;
  const changed = new FakeEmitter<void>();
  const state = {
    title: 'Sprint 12',
    phase: 'check-in',
    depth: 1,
    turn: { startedAt: null as number | null },
    settings: { turnSoftCapSeconds: 90 },
    members: [
      { id: 'u1', name: 'Ada', present: true },
      { id: 'u2', name: 'Bo', present: true },
      { id: 'u3', name: 'Cy', present: true },
    ],
  };
  const source = {
    state,
    balance: {
      gate: { open: false, reciprocated: 1, present: 3, reason: '1 of 3 have answered at this depth (1 passed)' },
      members: [
        { memberId: 'u1', disclosures: [1, 0, 0, 0], passesByDepth: [0, 0, 0, 0] },
        { memberId: 'u2', disclosures: [0, 0, 0, 0], passesByDepth: [1, 0, 0, 0] },
        { memberId: 'u3', disclosures: [0, 0, 0, 0], passesByDepth: [0, 0, 0, 0] },
      ],
      nudges: [{ id: 'invite:u3:e1', kind: 'invite', memberId: 'u3', text: 'Invite Cy — quiet so far', seq: 1, at: 1 }],
    },
    facilitates: true,
    readOnly: false,
    now: () => clock,
    onDidChange: changed.event,
  } as unknown as RetroSource;
  return {
    source,
    state,
    advance: (ms: number) => { clock += ms; },
    startTurn: () => { state.turn.startedAt = clock; changed.fire(); },
    endTurn: () => { state.turn.startedAt = null; changed.fire(); },
  };
}

describe('status bar clock', () => {
  let timers: ReturnType<typeof fakeIntervals>;
  let bar: RetroStatusBar;
  const item = (): FakeStatusBarItem => fake.statusBarItems.find((i) => i.id === 'reciprocity.status')!;

  beforeEach(() => {
    fake.reset();
    timers = fakeIntervals();
    bar = new RetroStatusBar();
  });
  afterEach(() => {
    bar.dispose();
    timers.restore();
  });

  it('does not tick while no retro is open', () => {
    assert.equal(timers.active.size, 0);
    assert.equal(item().visible, false);
  });

  it('does not tick while a retro is open but no turn is running', () => {
    const retro = fakeRetro();
    bar.show(retro.source);
    assert.equal(item().visible, true);
    assert.doesNotMatch(item().text, /\d\d:\d\d/);
    assert.equal(timers.active.size, 0);
  });

  it('ticks every second during a turn, and stops when the turn ends', () => {
    const retro = fakeRetro();
    bar.show(retro.source);
    retro.startTurn();
    assert.deepEqual([...timers.active.values()].map((t) => t.ms), [1000], 'one timer, every second');
    assert.match(item().text, /00:00/);
    retro.advance(65_000);
    timers.tick();
    assert.match(item().text, /01:05/);
    retro.startTurn();
    assert.equal(timers.active.size, 1, 'a new turn does not add a second timer');
    retro.endTurn();
    assert.equal(timers.active.size, 0);
    assert.doesNotMatch(item().text, /\d\d:\d\d/);
  });

  it('stops ticking when the retro closes or the status bar is disposed', () => {
    const retro = fakeRetro();
    bar.show(retro.source);
    retro.startTurn();
    bar.show(undefined);
    assert.equal(timers.active.size, 0);
    assert.equal(item().visible, false);
    bar.show(retro.source);
    assert.equal(timers.active.size, 1);
    bar.dispose();
    assert.equal(timers.active.size, 0);
  });
});

describe('status bar words (l10n)', () => {
  const realT = fakeVscode.l10n.t;
  let bar: RetroStatusBar;
  const items = () => fake.statusBarItems.filter((i) => i.id === 'reciprocity.status' || i.id === 'reciprocity.nudge');

  beforeEach(() => {
    fake.reset();
    bar = new RetroStatusBar();
  });
  afterEach(() => {
    bar.dispose();
    fakeVscode.l10n.t = realT;
  });

  it('reads, in English, as the domain words the phase, the gate and the nudge', () => {
    bar.show(fakeRetro().source);
    const [status, hint] = items();
    assert.equal(status.text, '$(organization) Set the stage · Layer 1 Orientation');
    assert.equal(status.tooltip, 'Sprint 12 — 1 of 3 have answered at this depth (1 passed)');
    assert.equal(hint.text, '$(lightbulb) Invite Cy — quiet so far');
  });

  it('words the phase, the layer, the gate and the nudge through vscode.l10n.t', () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args)}⟧`;
    bar.show(fakeRetro().source);
    const [status, hint] = items();
    assert.equal(status.text, '$(organization) ⟦Set the stage⟧ · ⟦Layer 1 ⟦Orientation⟧⟧');
    assert.equal(status.tooltip, 'Sprint 12 — ⟦1 of 3 have answered at this depth (1 passed)⟧');
    assert.equal(hint.text, '$(lightbulb) ⟦Invite Cy — quiet so far⟧');
  });

  // A member's name is people's text: "$(alert)" in it must not become a codicon in the nudge.
  it('shows a member called "$(alert) Cy" as typed, with the lightbulb the only icon', () => {
    const retro = fakeRetro();
    const cy = retro.state.members[2];
    if (cy) cy.name = '$(alert) Cy';
    bar.show(retro.source);
    const [, hint] = items();
    const icons = [...hint.text.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)].filter((m) => !m[1]).map((m) => m[2]);
    assert.deepEqual(icons, ['lightbulb']);
    assert.equal(hint.text.replace(/\\(?=\$\()/g, ''), '$(lightbulb) Invite $(alert) Cy — quiet so far');
  });
});
