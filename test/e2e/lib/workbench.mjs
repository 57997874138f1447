// Driving the VS Code workbench the way a user does: the command palette, quick
// picks, and the webview's DOM through its two nested iframes.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { e2eEnv } from './env.mjs';

export const VIEWPORT = { width: 1400, height: 900 };

export { launchChromium };

/** A new browser context (fresh storage) on `url`, resolved once the workbench has rendered. */
export async function openWorkbench(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err));
  // A busy machine (CI's shared cores) can take well over Playwright's default 30 s for the
  // first load of the workbench's scripts; a hang still fails, just later.
  await page.goto(url, { timeout: 120_000 });
  await waitForWorkbench(page);
  return page;
}

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The status bar is painted once the extension host has connected.
  await page.locator('.statusbar').waitFor({ timeout: 30_000 });
}

const quickInput = (page) => page.locator('.quick-input-widget');

/**
 * F1, the command's title, Enter. The palette does not refresh when extensions
 * register their commands after it opened, so until the command is listed it
 * closes and reopens the palette. Any step may also lose the palette under it: a
 * palette that was still closing after the previous command (F1 then finds the old,
 * fading input), or a webview that reloads and takes focus, which closes the quick
 * input. Each step has a short timeout, and a lost palette is simply opened again.
 */
export async function runCommand(page, title, { timeoutMs = 60_000 } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      // Let a palette that is closing finish closing, so F1 opens a fresh one.
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
      await page.keyboard.press('F1');
      const input = quickInput(page).locator('input.input');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      const row = quickInput(page).locator('.monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > until) throw new Error(`"${title}" could not be run from the command palette: ${err.message}`);
    }
  }
}

/** Waits for a quick pick or input box whose title contains `title`; returns the widget. */
export async function waitForQuickInput(page, title) {
  const widget = quickInput(page);
  // 60 s: the first command of a fresh window also activates the extension, which on a
  // loaded 2-core machine took over 30 s (seen at load 20); a hang still fails.
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 60_000 });
  return widget;
}

export async function waitForQuickInputClosed(page) {
  await quickInput(page).waitFor({ state: 'hidden', timeout: 30_000 });
}

/** The DOM of the active webview panel (outer iframe, then VS Code's #active-frame). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** Every e2e screenshot starts with this, so a run can clear its own and no one else's. */
export const SCREENSHOT_PREFIX = 'e2e-';

/** Saves test-results/screenshots/e2e-<name>.png and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(e2eEnv.screenshots, { recursive: true });
  const file = path.join(e2eEnv.screenshots, `${SCREENSHOT_PREFIX}${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Reads VS Code web's persisted editor layout from IndexedDB. The workbench
 * writes it every 5 s and on unload; the write on unload is not awaited, so a
 * reload right after a change can restore an older layout.
 */
function readPersistedEditorState() {
  const KEY = 'memento/workbench.parts.editor';
  const readDb = (name) => new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(KEY);
        get.onsuccess = () => { db.close(); resolve(get.result); };
        get.onerror = () => { db.close(); resolve(undefined); };
      } catch {
        db.close();
        resolve(undefined);
      }
    };
  });
  return indexedDB.databases().then(async (dbs) => {
    const values = [];
    for (const { name } of dbs) {
      if (name?.startsWith('vscode-web-state-db-')) values.push(await readDb(name));
    }
    return values.filter(Boolean).map(String).join('\n');
  });
}

/**
 * Waits until the persisted editor layout matches every string or RegExp in
 * `mustMatch`. The workbench only flushes while its document has focus.
 */
export async function waitForPersistedEditors(page, mustMatch, timeoutMs = 30_000) {
  const matches = (text) => mustMatch.every((m) => (typeof m === 'string' ? text.includes(m) : m.test(text)));
  await page.bringToFront();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (matches(await page.evaluate(readPersistedEditorState))) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`the workbench did not persist an editor state matching ${mustMatch.map(String).join(', ')} within ${timeoutMs / 1000} s`);
}

/** Reloads the window once its editors are persisted, the way a user's reload would find them. */
export async function reloadWindow(page, persistedMustMatch = []) {
  if (persistedMustMatch.length) await waitForPersistedEditors(page, persistedMustMatch);
  await page.reload();
  await waitForWorkbench(page);
}
