// The user's real path through the packaged extension in code-server: the
// command palette, the start prompts, the panel, a message round trip, and the
// panel restored by its serializer after a window reload.
import assert from 'node:assert/strict';
import { e2eEnv, workbenchUrl } from './lib/env.mjs';
import {
  launchChromium, openWorkbench, reloadWindow, runCommand, screenshot, waitForQuickInput, waitForQuickInputClosed,
  webviewFrame,
} from './lib/workbench.mjs';

const RETRO_VIEW_TYPE = 'reciprocity.retro';
const SAID = `We shipped the parser on time (e2e ${Date.now().toString(36)})`;

describe('foundation: Start Retro in a real VS Code', function () {
  this.timeout(120_000);
  let browser;
  let page;
  // Each step builds on the one before; after a failure the rest would only time out.
  let broken = false;

  beforeEach(function () {
    if (broken) this.skip();
  });

  before(async function () {
    browser = await launchChromium();
    page = await openWorkbench(browser, workbenchUrl(e2eEnv.workspace));
  });

  after(async function () {
    await browser?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      broken = true;
      await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  it('opens the workbench on the demo workspace', async function () {
    await page.getByRole('tab', { name: /Explorer/ }).first().waitFor({ state: 'attached' }).catch(() => undefined);
    await screenshot(page, '01-workbench');
  });

  it('starts a retro from the command palette with the roster from settings', async function () {
    await runCommand(page, 'Reciprocity: Start Retro');
    const roster = await waitForQuickInput(page, 'who is here');
    for (const name of ['Ada', 'Grace', 'Linus', 'Margaret']) {
      await roster.locator('.monaco-list-row', { hasText: name }).first().waitFor();
    }
    // The roster from settings is preselected; the demo repo's git authors are offered too.
    await roster.locator('.quick-input-count', { hasText: '4 Selected' }).waitFor();
    await roster.locator('.monaco-list-row', { hasText: 'Grace Hopper' }).first().waitFor();
    await screenshot(page, '02-roster-pick');
    await page.keyboard.press('Enter');
    await waitForQuickInput(page, 'which deck');
    await screenshot(page, '03-deck-pick');
    await page.keyboard.press('Enter');
    // The title comes last; Enter keeps the offered "Retro <date>".
    const title = await waitForQuickInput(page, 'what is this retro called');
    assert.match(await title.locator('input.input').inputValue(), /^Retro \d{4}-\d{2}-\d{2}$/);
    await page.keyboard.press('Enter');
    await waitForQuickInputClosed(page);
  });

  it('shows the retro panel', async function () {
    const frame = webviewFrame(page);
    await frame.getByRole('heading').first().waitFor({ timeout: 60_000 });
    await frame.getByRole('textbox', { name: 'What was said' }).waitFor();
    await screenshot(page, '04-panel');
  });

  it('records a contribution: webview → host → webview', async function () {
    const frame = webviewFrame(page);
    const box = frame.getByRole('textbox', { name: 'What was said' });
    if (await box.isDisabled()) {
      // Nobody has the turn yet: hand it to the first speaker.
      await frame.getByRole('button', { name: 'Next speaker' }).click();
      await assertEventually(async () => !(await box.isDisabled()), 'the textbox became enabled after "Next speaker"');
    }
    await box.fill(SAID);
    await frame.getByRole('button', { name: 'Record', exact: true }).click();
    const list = frame.getByRole('list', { name: 'Contributions' });
    await revealContributions(frame, list);
    await list.getByText(SAID).waitFor({ timeout: 30_000 });
    await screenshot(page, '05-round-trip');
  });

  it('restores the panel with its contribution after a window reload', async function () {
    // The serializer reopens the retro named by the webview state's sessionId (src/host/retroCommands.ts).
    await reloadWindow(page, [RETRO_VIEW_TYPE, /sessionId\\*":\\*"[\w-]+/]);
    const frame = webviewFrame(page);
    await frame.getByRole('heading').first().waitFor({ timeout: 60_000 });
    const list = frame.getByRole('list', { name: 'Contributions' });
    await revealContributions(frame, list);
    await list.getByText(SAID).waitFor({ timeout: 30_000 });
    await screenshot(page, '06-restored');
    assert.deepEqual(page.errors.map(String), [], 'no uncaught errors in the workbench page');
  });
});

/**
 * The contributions list sits in a <details> a user may have collapsed; open it
 * like a user would. An empty list has no height, so ask the <details>, not the
 * list, whether it is open.
 */
async function revealContributions(frame, list) {
  await list.waitFor({ state: 'attached', timeout: 30_000 });
  const open = await list.evaluate((el) => el.closest('details')?.open ?? true);
  if (!open) await frame.locator('summary', { hasText: 'Contributions' }).first().click();
}

async function assertEventually(check, what, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting until ${what}`);
}
