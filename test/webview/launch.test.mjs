// The suite's browser gets one --disable-features switch: the suite's own features merged with
// Playwright's (scripts/lib/chromium.mjs, launchChromium). Chromium reads only the last of
// repeated switches; the suite's used to come after Playwright's and replace its list.
//
// Read from the processes themselves (/proc/<pid>/cmdline; the headless shell has no
// chrome://version): the browser process shows what it was given, and a renderer shows what is
// in effect, since the browser passes its resolved feature overrides on to each child process.
// Playwright's own list comes from a browser Playwright launches on its own, without the helper.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findHeadlessShell, requireChromium } from '../../scripts/lib/chromium.mjs';
import { sharedBrowser, TEST_DISABLED_FEATURES } from './harness.mjs';
import { panelSuite } from './helpers.mjs';

/**
 * Each process of `browser` (SystemInfo over CDP) with its command line. A child process
 * rewrites its argv as one string (setproctitle), so the arguments are split at spaces too:
 * none of the suite's has one.
 */
async function processes(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  return processInfo.map((p) => ({ type: p.type, argv: readFileSync(`/proc/${p.id}/cmdline`, 'utf8').split(/[\0 ]+/).filter(Boolean) }));
}

const disabled = (argv) => argv.filter((arg) => arg.startsWith('--disable-features='));
const names = (arg) => arg.slice('--disable-features='.length).split(',');

describe('retro webview: the suite browser\'s features', function () {
  const suite = panelSuite();

  before(function () {
    if (!existsSync('/proc/self/cmdline')) this.skip();
  });

  it('has one --disable-features with both Playwright\'s features and the suite\'s, in effect in the renderer', async function () {
    // Playwright's own, as Chromium receives it from a launch with no switch of ours.
    const plain = await chromium.launch({ executablePath: findHeadlessShell() ?? requireChromium(), headless: true });
    let playwrights;
    try {
      const [browserProcess] = (await processes(plain)).filter((p) => p.type === 'browser');
      const own = disabled(browserProcess.argv);
      assert.equal(own.length, 1, 'Playwright passes one --disable-features of its own');
      playwrights = names(own[0]);
    } finally {
      await plain.close();
    }
    assert.ok(playwrights.length > 0 && TEST_DISABLED_FEATURES.length > 0);
    const expected = [...playwrights, ...TEST_DISABLED_FEATURES];

    // A panel, so the suite's browser has a renderer.
    const { page } = await suite.open();
    assert.equal(await page.title(), 'Retro');
    const all = await processes(await sharedBrowser());
    const [browserProcess] = all.filter((p) => p.type === 'browser');
    const given = disabled(browserProcess.argv);
    assert.equal(given.length, 1, `exactly one --disable-features: ${given.join(' ')}`);
    assert.deepEqual(expected.filter((f) => !names(given[0]).includes(f)), [], 'nothing missing from the switch');

    const renderers = all.filter((p) => p.type === 'renderer');
    assert.ok(renderers.length > 0, 'a renderer');
    for (const renderer of renderers) {
      const effective = disabled(renderer.argv).flatMap(names);
      assert.deepEqual(expected.filter((f) => !effective.includes(f)), [], 'nothing missing in effect');
    }
  });
});
