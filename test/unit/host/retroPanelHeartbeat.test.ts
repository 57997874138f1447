// Issue 9 follow-up: the retro panel tells its webview every few seconds that the extension
// host is alive (src/webview/liveness.ts says so when that stops). The beat starts with the
// panel, reaches only a webview that said `ready`, and stops when the panel goes.
import { strict as assert } from 'node:assert';
import { FakeEmitter } from './fakeVscode';
import { fakePanel } from './fakePanel';
import { RetroPanel } from '../../../src/host/retroPanel';
import type { RetroSource } from '../../../src/host/retroSource';
import { parseHostMessage } from '../../../src/protocol';

function fakeSource(): RetroSource {
  const changed = new FakeEmitter<void>();
  return {
    id: 's-1',
    state: { title: 'Retro', createdAt: 0 },
    titleSuffix: '',
    facilitates: true,
    onDidChange: changed.event,
    onDidSave: new FakeEmitter<void>().event,
    // The snapshot is not what this test is about; an empty object stands for it.
    view: () => ({}),
  } as unknown as RetroSource;
}

describe('retro panel heartbeat', function () {
  const savedMs = RetroPanel.heartbeatMs;
  const timers = new Set<unknown>();
  const realSet = globalThis.setInterval;
  const realClear = globalThis.clearInterval;

  beforeEach(function () {
    RetroPanel.heartbeatMs = 20;
    timers.clear();
    // Counts the intervals the panel leaves running.
    globalThis.setInterval = ((fn: () => void, ms?: number) => {
      const t = realSet(fn, ms);
      timers.add(t);
      return t;
    }) as typeof setInterval;
    globalThis.clearInterval = ((t?: Parameters<typeof clearInterval>[0]) => {
      timers.delete(t);
      realClear(t);
    }) as typeof clearInterval;
  });

  afterEach(function () {
    RetroPanel.heartbeatMs = savedMs;
    globalThis.setInterval = realSet;
    globalThis.clearInterval = realClear;
  });

  const alive = (posted: unknown[]) => posted.filter((m) => (m as { type?: string }).type === 'alive');
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('beats to a ready webview, with a message the webview accepts', async function () {
    const f = fakePanel({ checked: false });
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, fakeSource(), { openSummary() {} });
    assert.equal(timers.size, 1, 'one timer, started with the panel');
    await wait(70);
    assert.equal(alive(f.posted).length, 0, 'nothing before the webview is ready');
    f.say({ type: 'ready' });
    await wait(90);
    const beats = alive(f.posted);
    assert.ok(beats.length >= 2, `beats while ready (${beats.length})`);
    for (const b of beats) assert.deepEqual(parseHostMessage(b), { ok: true, value: { type: 'alive' } });
    panel.dispose();
  });

  it('arms the webview at once: the first beat goes with its first snapshot, not up to one period later', async function () {
    // Found in code-server: a panel restored after a reload and its host SIGKILLed within the
    // first period had never heard a beat, so it never judged the silence and said Connected.
    RetroPanel.heartbeatMs = 60_000;
    const f = fakePanel({ checked: false });
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, fakeSource(), { openSummary() {} });
    f.say({ type: 'ready' });
    await wait(0);
    assert.equal(alive(f.posted).length, 1, 'a beat right after ready');
    const types = f.posted.map((m) => (m as { type?: string }).type);
    assert.ok(types.indexOf('alive') > types.indexOf('snapshot'), `after the snapshot: ${types.join(', ')}`);
    // And again whenever a torn-down webview comes back.
    f.hide();
    f.panel.visible = true;
    f.say({ type: 'ready' });
    await wait(0);
    assert.equal(alive(f.posted).length, 2, 'a beat right after ready again');
    panel.dispose();
  });

  it('leaves no timer and sends nothing more once the panel is closed', async function () {
    const f = fakePanel({ checked: false });
    new RetroPanel(f.panel as never, { path: '/ext' } as never, fakeSource(), { openSummary() {} });
    f.say({ type: 'ready' });
    await wait(50);
    f.close();
    assert.equal(timers.size, 0, 'the timer went with the panel');
    const count = alive(f.posted).length;
    await wait(80);
    assert.equal(alive(f.posted).length, count, 'no beat after close');
  });

  it('stops beating while hidden (the webview is torn down) until it is ready again', async function () {
    const f = fakePanel({ checked: false });
    const panel = new RetroPanel(f.panel as never, { path: '/ext' } as never, fakeSource(), { openSummary() {} });
    f.say({ type: 'ready' });
    await wait(50);
    f.hide();
    const count = alive(f.posted).length;
    assert.ok(count >= 1, 'beat while shown');
    await wait(80);
    assert.equal(alive(f.posted).length, count, 'no beat to a hidden, torn-down webview');
    f.panel.visible = true;
    f.say({ type: 'ready' });
    await wait(70);
    assert.ok(alive(f.posted).length > count, 'beats again once ready');
    panel.dispose();
  });
});
