// Helpers for the suites that run a retro, a summary or an import through the UI:
// a private demo workspace per suite, the right webview when several are open,
// the retro panel's controls, the session files the host wrote, the simple file
// dialog, notifications and the colour theme.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoWorkspace } from '../../../scripts/lib/demoWorkspace.mjs';
import { testResultsDir } from '../../../scripts/lib/paths.mjs';
import { workbenchUrl } from './env.mjs';
import { launchChromium, openWorkbench, runCommand, screenshot, waitForQuickInput } from './workbench.mjs';

export const ROSTER = ['Ada', 'Grace', 'Linus', 'Margaret'];
export const RETRO_VIEW_TYPE = 'reciprocity.retro';

/** code-server's --user-data-dir as scripts/e2e.mjs sets it up (workspace storage lives below it). */
export const userDataDir = path.join(testResultsDir, 'e2e', 'user-data');

/**
 * A demo workspace of the suite's own (git repo, four authors, the roster in
 * .vscode/settings.json), so that its retros, workspace storage and Past Retros
 * list are independent of every other suite. `name` becomes the team id.
 */
export function freshWorkspace(name, settings = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocity-e2e-'));
  const dir = createDemoWorkspace(path.join(tmp, name), { settings });
  return { dir, teamId: name, remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** Polls `check` (sync or async) until it returns a truthy value; returns that value. */
export async function eventually(check, what, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) assert.fail(`timed out after ${timeoutMs / 1000} s waiting until ${what} (last: ${last instanceof Error ? last.message : last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The content frame of the visible webview whose document has `selector`. With a
 * retro panel, a summary and a Markdown preview open, `webviewFrame(page)` can
 * land on the wrong one; this looks at every webview and skips hidden ones.
 */
export async function findWebviewFrame(page, selector, { timeoutMs = 60_000 } = {}) {
  return eventually(async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if ((await frame.locator(selector).count()) === 0) continue;
        const host = await frame.parentFrame()?.frameElement();
        if (host && !(await host.isVisible())) continue;
        return frame;
      } catch {
        // The frame went away while we looked (a reload or a tab switch).
      }
    }
    return undefined;
  }, `a visible webview with ${selector}`, timeoutMs);
}

export const retroFrame = (page, opts) => findWebviewFrame(page, '#retro-title', opts);
export const summaryFrame = (page, opts) => findWebviewFrame(page, 'main#summary', opts);

/**
 * Start Retro's last step (Host Team Retro's too): the title prompt. Enter keeps the
 * offered "Retro <date>"; `title` types another one first.
 */
export async function answerTitle(page, title) {
  const box = await waitForQuickInput(page, 'what is this retro called');
  const input = box.locator('input.input');
  assert.match(await input.inputValue(), /^Retro \d{4}-\d{2}-\d{2}$/, 'the default title names the date');
  if (title !== undefined) await input.fill(title);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 30_000 });
}

/** Command palette → Start Retro → the roster from settings (4 preselected) → the default deck → the default title → the panel. */
export async function startRetro(page, { deck, title } = {}) {
  await runCommand(page, 'Reciprocity: Start Retro');
  const roster = await waitForQuickInput(page, 'who is here');
  await roster.locator('.quick-input-count', { hasText: `${ROSTER.length} Selected` }).waitFor();
  await page.keyboard.press('Enter');
  const decks = await waitForQuickInput(page, 'which deck');
  if (deck) {
    await decks.locator('input.input').fill(deck);
    await decks.locator('.monaco-list-row.focused', { hasText: deck }).waitFor();
  }
  await page.keyboard.press('Enter');
  await answerTitle(page, title);
  const frame = await retroFrame(page);
  await frame.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
  return frame;
}

/** The contributions <details> may be collapsed; open it like a user would. */
export async function contributionsList(frame) {
  const list = frame.getByRole('list', { name: 'Contributions' });
  await list.waitFor({ state: 'attached', timeout: 30_000 });
  const open = await list.evaluate((el) => el.closest('details')?.open ?? true);
  if (!open) await frame.locator('summary', { hasText: 'Contributions' }).first().click();
  return list;
}

async function giveTurn(frame, name) {
  // After a recorded turn the quietest person is given the next one by itself (issue 11).
  if ((await frame.locator('.speaker strong').textContent().catch(() => '')) === name) return;
  await frame.getByRole('button', { name: `Give turn to ${name}`, exact: true }).click();
  await frame.locator('.speaker strong', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Gives `name` the turn and records what they said; waits until the list shows it. */
export async function record(frame, name, text) {
  await giveTurn(frame, name);
  const box = frame.getByRole('textbox', { name: 'What was said' });
  await eventually(async () => !(await box.isDisabled()), `the "What was said" box is enabled for ${name}`);
  await box.fill(text);
  await frame.getByRole('button', { name: 'Record', exact: true }).click();
  const list = await contributionsList(frame);
  await list.getByRole('listitem').filter({ hasText: text }).waitFor({ timeout: 15_000 });
  // The turn moved on: to the quietest present person, or to no one when nobody else is here.
  await eventually(async () => (await frame.locator('.speaker strong').textContent().catch(() => null)) !== name, `${name}'s turn ended`);
}

/** Gives `name` the turn and records a pass. */
export async function pass(frame, name) {
  const list = await contributionsList(frame);
  const before = await list.getByRole('listitem').count();
  await giveTurn(frame, name);
  await frame.getByRole('button', { name: 'Pass', exact: true }).click();
  await eventually(async () => (await list.getByRole('listitem').count()) === before + 1, `${name}'s pass is listed`);
}

/** Texts of the rendered contributions, oldest first: { name, text } per row. */
export async function contributionRows(frame) {
  const list = await contributionsList(frame);
  return list.locator(':scope > li').evaluateAll((items) => items.map((li) => ({
    name: li.querySelector('.name')?.textContent?.trim() ?? '',
    depth: li.querySelector('.tag')?.textContent?.trim() ?? '',
    text: (() => {
      // The text without its trailing muted note (" — a choice, not silence", " (shortened)").
      const p = li.querySelector('.contrib-text')?.cloneNode(true);
      p?.querySelectorAll('.muted').forEach((m) => m.remove());
      return p?.textContent?.trim() ?? '';
    })(),
    pass: li.classList.contains('pass'),
  })));
}

/** Every session file the host wrote for `teamId` (workspace storage under code-server's user-data dir). */
export function sessionFiles(teamId, root = path.join(userDataDir, 'User', 'workspaceStorage')) {
  if (!fs.existsSync(root)) return [];
  const out = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const dir = entry.parentPath ?? entry.path;
    if (!entry.isFile() || path.basename(dir) !== 'sessions' || !/^[\w-]+\.json$/.test(entry.name)) continue;
    const file = path.join(dir, entry.name);
    try {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (json.teamId === teamId) out.push({ file, json });
    } catch {
      // A file being replaced atomically right now; the caller polls.
    }
  }
  return out;
}

/** The one session of `teamId`, once `predicate(json)` holds for it. */
export async function sessionOnDisk(teamId, predicate = () => true, what = 'the session file') {
  return eventually(() => {
    const files = sessionFiles(teamId);
    return files.length === 1 && predicate(files[0].json) ? files[0] : undefined;
  }, `${what} (team ${teamId}) is on disk`);
}

/**
 * Answers VS Code's simple file dialog (code-server has no native one): a quick
 * input whose box holds a path. Typing a full path and Enter picks it.
 */
export async function answerFileDialog(page, title, absPath) {
  const widget = await waitForQuickInput(page, title);
  const input = widget.locator('input.input');
  // The dialog fills in its default path once it has listed the folder; typing before
  // that is overwritten. Wait for the default (or at least the listing) first.
  await eventually(async () => (await input.inputValue()).includes('/') && (await widget.locator('.monaco-list-row').count()) > 0,
    'the file dialog has listed its folder');
  await input.fill(absPath);
  // It re-lists the typed folder and may rewrite the box meanwhile: wait until it is stable.
  let stableSince = 0;
  await eventually(async () => {
    if ((await input.inputValue()) !== absPath) {
      await input.fill(absPath);
      stableSince = 0;
      return false;
    }
    stableSince ||= Date.now();
    return Date.now() - stableSince > 600;
  }, `the file dialog holds ${absPath}`);
  // While the dialog is still reading the typed folder it ignores Enter; press again until it accepts.
  await eventually(async () => {
    if (!(await widget.isVisible())) return true;
    await input.press('Enter');
    return widget.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
  }, `the file dialog accepts ${absPath}`, 30_000);
}

/** The notification toast containing `text` (string or RegExp). */
export async function notification(page, text, timeoutMs = 30_000) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  // Toasts slide in; the class marks the end of the animation (a screenshot before it shows nothing).
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
  return toast;
}

/** Closes every notification toast, so that later screenshots are not covered. */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

/** Preferences: Color Theme → `name` → Enter; resolves when the workbench repainted in it. */
export async function setColorTheme(page, name) {
  const dark = !/light/i.test(name);
  const widget = page.locator('.quick-input-widget');
  // Not runCommand: "Preferences: Browse Color Themes in Marketplace" also matches the
  // words and can rank first; pick the row whose label is exactly the command's title.
  await eventually(async () => {
    // A webview that is still loading swallows F1; try again rather than wait forever.
    await page.keyboard.press('F1');
    const input = widget.locator('input.input');
    if (!(await input.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false))) return false;
    // A webview that finishes loading takes the focus and closes the palette: retry then.
    if (!(await input.fill('>Preferences: Color Theme', { timeout: 2_000 }).then(() => true, () => false))) return false;
    const row = widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) }).first();
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
      await row.click();
      return widget.locator('input.input[placeholder*="Color Theme"]').waitFor({ timeout: 5_000 }).then(() => true, () => false);
    }
    await page.keyboard.press('Escape');
    return false;
  }, 'the colour theme picker is open', 30_000);
  await widget.locator('input.input').fill(name, { timeout: 5_000 });
  // "Browse Additional Color Themes…" stays on top and focused, so click the theme's row.
  await widget.locator('.monaco-list-row', { hasText: name }).first().click();
  await widget.waitFor({ state: 'hidden' });
  await page.locator(dark ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor();
}

export async function currentTheme(page) {
  return (await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? THEMES.dark : THEMES.light;
}

/** Opens the Reciprocity view container in the activity bar; returns the Past Retros pane. */
export async function openPastRetros(page) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Past Retros' }) });
  if (!(await pane.isVisible())) {
    await page.locator('.activitybar').getByRole('tab', { name: /^Reciprocity/ }).click();
  }
  await pane.waitFor({ state: 'visible', timeout: 15_000 });
  return pane;
}

/** Mocha afterEach: a screenshot named after the failed test, and later steps skipped. */
export function failureScreenshots(state, prefix) {
  return async function () {
    if (this.currentTest?.state === 'failed' && state.page) {
      state.broken = true;
      await screenshot(state.page, `failed-${prefix}-${this.currentTest.title.replace(/\W+/g, '-')}`.slice(0, 120)).catch(() => undefined);
    }
  };
}

/**
 * The hooks of a describe() whose tests run in order on one workbench: a fresh workspace
 * (`name`, with `settings`), one browser and its page; after a failure, a screenshot and the
 * rest of the block skipped (each test needs the one before). Returns the state, whose
 * `page` and `ws` are set once `before` has run. `onOpen` runs once the workbench is up,
 * `onClose` before the browser closes (only if the page opened).
 */
export function oneWorkbench(prefix, name, settings = {}, { onOpen, onClose } = {}) {
  const state = { page: undefined, ws: undefined, broken: false };
  let browser;
  before(async function () {
    state.ws = freshWorkspace(name, settings);
    browser = await launchChromium();
    state.page = await openWorkbench(browser, workbenchUrl(state.ws.dir));
    await onOpen?.(state);
  });
  after(async function () {
    if (state.page) await onClose?.(state);
    await browser?.close();
    state.ws?.remove();
  });
  beforeEach(function () {
    if (state.broken) this.skip();
  });
  afterEach(failureScreenshots(state, prefix));
  return state;
}
