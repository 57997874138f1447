// The page's early script (src/webview/early.ts, inline in the head as src/host/webviewHtml.ts
// puts it): it says `ready` before the bundle is fetched and holds what the host sends until the
// bundle takes it over. What it must never do: lose a message, reorder them, show the waiting
// state when the snapshot is already there, or make the bundle acquire VS Code's API twice.
import assert from 'node:assert/strict';
import { retroView } from './fixtures.mjs';
import { panelSuite, tapStubHost } from './helpers.mjs';

/** Reloads the panel's page with `script` run before anything of the page. */
async function reloadWith(panel, script, arg) {
  await panel.page.addInitScript(script, arg);
  await panel.page.reload();
}

/** Records, from before the page exists, whether the waiting state was ever in the document. */
function watchWaiting() {
  window.__waitingShown = false;
  new MutationObserver(() => {
    if (document.body?.textContent?.includes('Waiting for the retro')) window.__waitingShown = true;
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

describe('retro webview: the early start', function () {
  const suite = panelSuite();

  it('shows a snapshot the host sent while the bundle loaded at once, never the waiting state', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    await reloadWith(panel, watchWaiting);
    await panel.page.getByRole('heading', { name: 'Sprint 42 retro', level: 1 }).waitFor();
    const { waiting, readyBeforeBoot } = await panel.page.evaluate(() => ({
      waiting: window.__waitingShown,
      // The stub host pushes the snapshot in a microtask after `ready`, said from the head.
      readyBeforeBoot: window.__readyAt < performance.getEntriesByName('reciprocity:boot')[0].startTime,
    }));
    assert.equal(readyBeforeBoot, true, 'the page said ready before the bundle ran');
    assert.equal(waiting, false, 'the waiting state never showed');
  });

  it('without the early script, shows the waiting state until the snapshot comes (the check above can fail)', async function () {
    const panel = await suite.open({ snapshot: retroView(), early: false });
    await reloadWith(panel, watchWaiting);
    await panel.page.getByRole('heading', { name: 'Sprint 42 retro', level: 1 }).waitFor();
    assert.equal(await panel.page.evaluate(() => window.__waitingShown), true);
  });

  it('hands every message held before the bundle ran to the panel, in the order they came', async function () {
    const panel = await suite.open();
    // Before the bundle runs, the host sends two snapshots and an error; the second snapshot wins.
    await panel.page.addInitScript(tapStubHost);
    await reloadWith(panel, ([first, second]) => {
      window.__tapHost = (message, post) => {
        post(message);
        if (message?.type !== 'ready') return;
        window.postMessage({ type: 'snapshot', view: first }, '*');
        window.postMessage({ type: 'error', message: 'Held: the host refused something.' }, '*');
        window.postMessage({ type: 'snapshot', view: second }, '*');
      };
    }, [retroView({ title: 'First title' }), retroView({ title: 'Second title' })]);
    await panel.page.getByRole('heading', { name: 'Second title', level: 1 }).waitFor();
    await panel.page.getByRole('alert').filter({ hasText: 'Held: the host refused something.' }).waitFor();
    assert.equal(await panel.page.getByRole('heading', { name: 'First title' }).count(), 0);
    const booted = await panel.page.evaluate(() => performance.getEntriesByName('reciprocity:boot')[0].startTime > window.__readyAt);
    assert.equal(booted, true, 'the messages came before the bundle ran');
  });

  it('leaves ready to the bundle when the early script had no one to say it to', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    // The stub host appears only once the page is parsed: the early script finds neither it nor
    // VS Code's API, the deferred bundle finds it.
    await reloadWith(panel, () => {
      let host;
      Object.defineProperty(window, '__reciprocityHost', {
        configurable: true,
        get: () => (document.readyState === 'loading' ? undefined : host),
        set(value) {
          host = value;
        },
      });
    });
    await panel.page.getByRole('heading', { name: 'Sprint 42 retro', level: 1 }).waitFor();
    assert.deepEqual((await panel.sent()).filter((m) => m.type === 'ready'), [{ type: 'ready' }], 'ready once, from the bundle');
  });

  it('acquires VS Code\'s API once, in the early script, and the bundle sends through it', async function () {
    const panel = await suite.open();
    await reloadWith(panel, (view) => {
      // As VS Code: a second call throws. Messages go to the harness's stub host.
      window.__acquired = 0;
      window.acquireVsCodeApi = () => {
        if (window.__acquired++ > 0) throw new Error('An instance of the VS Code API has already been acquired');
        let state;
        return {
          postMessage(message) {
            window.__viaApi = [...(window.__viaApi ?? []), message?.type];
            window.__reciprocityHost.postMessage(message);
            if (message?.type === 'ready') window.postMessage({ type: 'snapshot', view }, '*');
          },
          getState: () => state,
          setState: (next) => (state = next),
        };
      };
    }, retroView());
    await panel.page.getByRole('heading', { name: 'Sprint 42 retro', level: 1 }).waitFor();
    await panel.page.getByRole('button', { name: 'Give turn to Sam' }).click();
    await panel.page.waitForFunction(() => window.__viaApi?.includes('intent'));
    const { acquired, types } = await panel.page.evaluate(() => ({ acquired: window.__acquired, types: window.__viaApi }));
    assert.equal(acquired, 1);
    assert.deepEqual(types.filter((t) => t === 'ready'), ['ready'], 'ready once, through the API');
    const intents = await panel.intents();
    assert.deepEqual(intents.at(-1), { kind: 'startTurn', memberId: retroView().members.find((m) => m.name === 'Sam').id });
  });
});
