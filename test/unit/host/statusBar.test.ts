import { strict as assert } from 'node:assert';
import { fake, FakeEmitter, type FakeStatusBarItem } from './fakeVscode';
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
  };
  const source = {
    state,
    balance: { gate: { reason: 'Nobody has answered yet' }, nudges: [] },
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
