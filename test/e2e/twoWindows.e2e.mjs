// Issue 3, "two windows opening the same retro (one writer, the other read-only or
// merged, never a lost update)", in code-server. The sessions live in the workspace
// folder (`reciprocity.storage: workspaceFolder`), so two browser windows on that
// folder see the same files; each window is its own browser context, so each has its
// own workspace storage (IndexedDB) and thus its own window token for the lock.
//
// Window A starts a retro and writes; window B resumes it from Past Retros and must be
// read-only (banner, disabled inputs, "(read-only)" tab title) yet follow A's saves.
// A reload of A gets A its own lock back, and B re-opening right after that reload is
// still read-only (the lock must not keep naming A's old, dead extension host). When A
// closes its panel the lock is released and B, re-opening the retro, becomes the writer.
// Every contribution is on disk exactly once.
//
// Not covered, on purpose (see the report that added this suite): two tabs of one browser
// profile share workspace storage and so the window token; and a window that vanishes
// without closing its panel leaves an extension host that code-server keeps alive for
// reconnection, whose heartbeat holds the lock.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { workbenchUrl } from './lib/env.mjs';
import {
  RETRO_VIEW_TYPE, contributionRows, eventually, freshWorkspace, openPastRetros, record, retroFrame, startRetro,
} from './lib/retro.mjs';
import { launchChromium, openWorkbench, reloadWindow, runCommand, screenshot, waitForQuickInput } from './lib/workbench.mjs';

const TEAM = 'two-windows-team';
const tag = Date.now().toString(36);
const SAID = {
  a1: ['Ada', `A writes first (${tag})`],
  a2: ['Grace', `A writes while B watches (${tag})`],
  a3: ['Linus', `A writes again after its reload (${tag})`],
  b1: ['Margaret', `B writes once A has let go (${tag})`],
};
const READ_ONLY_BANNER = /This retro is open for editing in another VS Code window on this machine/;

/** The retro's tab in `page`'s editor area, and its title. */
const retroTab = (page) => page.locator('.tabs-container .tab', { hasText: /^Retro: / }).first();
async function tabTitle(page) {
  const tab = retroTab(page);
  await tab.waitFor({ timeout: 30_000 });
  return (await tab.locator('.label-name').first().innerText()).trim();
}

const readOnlyBanner = (frame) => frame.getByRole('status').filter({ hasText: 'Read-only.' });

/** Names of the panel's form controls and buttons that are neither disabled nor aria-disabled. */
async function enabledControls(frame) {
  return frame.locator('body').evaluate((body) => {
    const controls = body.querySelectorAll('button, input, select, textarea, vscode-button');
    return [...controls]
      .filter((el) => !el.disabled && !el.hasAttribute('disabled') && el.getAttribute('aria-disabled') !== 'true')
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || el.tagName).trim().replace(/\s+/g, ' '));
  });
}

/** Waits until `frame` lists a contribution with `text`. */
async function waitForContribution(frame, text, what) {
  await eventually(async () => (await contributionRows(frame)).some((r) => r.text === text), what, 30_000);
}

describe('two windows: one writer per retro, the other read-only (issue 3)', function () {
  this.timeout(180_000);
  const state = { broken: false };
  let browser;
  let ws;
  let sessionsDir;
  let a;
  let b;
  let frameA;
  let frameB;
  let sessionId;

  const sessionPath = () => path.join(sessionsDir, `${sessionId}.json`);
  const lockPath = () => `${sessionPath()}.lock`;
  const readSession = () => JSON.parse(fs.readFileSync(sessionPath(), 'utf8'));
  const readLock = () => (fs.existsSync(lockPath()) ? JSON.parse(fs.readFileSync(lockPath(), 'utf8')) : null);
  const contributionsOnDisk = () => readSession().events.filter((e) => e.type === 'contribution.added');

  /** B opens the retro the way a user does: the Past Retros tree, or the command and its pick. */
  async function openInB(via) {
    if (via === 'tree') {
      const pane = await openPastRetros(b);
      const row = pane.locator('.monaco-list-row', { hasText: 'Retro ' });
      await row.first().waitFor({ timeout: 15_000 });
      assert.equal(await row.count(), 1, 'B lists the one retro in the shared folder');
      await row.first().click();
    } else {
      await runCommand(b, 'Reciprocity: Resume Retro');
      const pick = await waitForQuickInput(b, 'Resume which retro?');
      await pick.locator('.monaco-list-row', { hasText: 'Retro ' }).first().waitFor();
      await b.keyboard.press('Enter');
      await pick.waitFor({ state: 'hidden', timeout: 15_000 });
    }
    const frame = await retroFrame(b);
    await frame.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
    return frame;
  }

  /** Closes the active retro tab of `page` with its close button, like a user. */
  async function closeRetroTab(page) {
    const tab = retroTab(page);
    await tab.click();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached', timeout: 15_000 });
  }

  before(async function () {
    ws = freshWorkspace(TEAM, { 'reciprocity.storage': 'workspaceFolder' });
    sessionsDir = path.join(ws.dir, '.reciprocity', 'sessions');
    browser = await launchChromium();
    // openWorkbench makes a new browser context per window: separate storage, like two browsers.
    a = await openWorkbench(browser, workbenchUrl(ws.dir));
  });

  after(async function () {
    await browser?.close();
    ws?.remove();
  });

  beforeEach(function () {
    if (state.broken) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    state.broken = true;
    const name = this.currentTest.title.replace(/\W+/g, '-').slice(0, 80);
    for (const [label, page] of [['A', a], ['B', b]]) {
      if (page && !page.isClosed()) await screenshot(page, `failed-two-windows-${label}-${name}`).catch(() => undefined);
    }
  });

  it('window A starts a retro in the workspace folder, takes the lock and records a contribution', async function () {
    frameA = await startRetro(a);
    const file = await eventually(() => fs.existsSync(sessionsDir) && fs.readdirSync(sessionsDir).find((f) => /^[\w-]+\.json$/.test(f)),
      'the session file is in .reciprocity/sessions of the workspace');
    sessionId = file.replace(/\.json$/, '');
    await record(frameA, ...SAID.a1);
    await eventually(() => contributionsOnDisk().some((e) => e.text === SAID.a1[1]), 'A\'s contribution is on disk');
    const lock = readLock();
    assert.ok(lock, `A holds ${path.basename(lockPath())}`);
    assert.equal(typeof lock.owner, 'string');
    state.ownerA = lock.owner;
    state.pidA = lock.pid;
    assert.equal(await readOnlyBanner(frameA).count(), 0, 'A is the writer: no read-only banner');
    assert.doesNotMatch(await tabTitle(a), /read-only/);
  });

  it('window B (a second browser) resumes it from Past Retros and is read-only', async function () {
    b = await openWorkbench(browser, workbenchUrl(ws.dir));
    frameB = await openInB('tree');
    const banner = readOnlyBanner(frameB);
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), READ_ONLY_BANNER);
    await eventually(async () => /\(read-only\)$/.test(await tabTitle(b)), 'B\'s tab title ends with "(read-only)"');
    // What A recorded is there, and every control that would change the retro is off.
    await waitForContribution(frameB, SAID.a1[1], 'B shows A\'s first contribution');
    for (const name of ['Ada', 'Grace', 'Linus', 'Margaret']) {
      assert.equal(await frameB.getByRole('button', { name: `Give turn to ${name}`, exact: true }).isDisabled(), true, `Give turn to ${name} is disabled`);
      assert.equal(await frameB.getByRole('checkbox', { name: `${name} is present` }).isDisabled(), true, `${name} is present is disabled`);
    }
    assert.equal(await frameB.getByRole('textbox', { name: 'What was said' }).isDisabled(), true, 'the "What was said" box is disabled');
    // Every control that could change the retro is disabled; only opening the summary is left.
    await eventually(async () => (await enabledControls(frameB)).join('|') === 'Open summary',
      'B\'s only enabled control is "Open summary"');
    // B opened the retro without writing to it, and A still holds the lock.
    assert.equal(readLock()?.owner, state.ownerA, 'the lock is still A\'s');
    assert.equal(contributionsOnDisk().length, 1);
    await b.locator('.notifications-toasts .notification-toast', { hasText: 'open for editing in' }).first()
      .waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await screenshot(b, 'two-windows-01-B-read-only');
  });

  it('B follows A: a contribution A records appears in B\'s read-only panel', async function () {
    await a.bringToFront();
    await record(frameA, ...SAID.a2);
    await b.bringToFront();
    await waitForContribution(frameB, SAID.a2[1], 'B\'s read-only panel shows A\'s second contribution');
    assert.deepEqual((await contributionRows(frameB)).map((r) => r.text), [SAID.a1[1], SAID.a2[1]]);
    assert.equal(await readOnlyBanner(frameB).count(), 1, 'B is still read-only');
    await screenshot(b, 'two-windows-02-B-follows');
  });

  it('a reload of window A gets A its own lock back (writable, no banner)', async function () {
    await reloadWindow(a, [RETRO_VIEW_TYPE, new RegExp(`sessionId\\\\*":\\\\*"${sessionId}`)]);
    frameA = await retroFrame(a);
    await waitForContribution(frameA, SAID.a2[1], 'A\'s restored panel shows both contributions');
    assert.equal(await readOnlyBanner(frameA).count(), 0, 'A is not read-only after its reload');
    assert.doesNotMatch(await tabTitle(a), /read-only/);
    // A control that is enabled whoever has the turn (a recorded turn now moves on by itself).
    assert.equal(await frameA.getByRole('button', { name: 'Stay at this depth', exact: true }).isDisabled(), false);
    const lock = readLock();
    assert.equal(lock?.owner, state.ownerA, 'the lock is A\'s, under the same window token');
    assert.notEqual(lock.pid, state.pidA, 'the lock names the extension host A has after its reload, not the old one');
  });

  it('B, re-opening the retro right after A\'s reload, is still read-only', async function () {
    // Straight after the reload, within the lock's 15 s heartbeat: a lock that still named
    // A's old (dead) extension host would look stale here and B would take it over.
    await b.bringToFront();
    await closeRetroTab(b);
    frameB = await openInB('command');
    await readOnlyBanner(frameB).waitFor({ timeout: 30_000 });
    await eventually(async () => /\(read-only\)$/.test(await tabTitle(b)), 'B\'s tab title ends with "(read-only)"');
    assert.equal(readLock()?.owner, state.ownerA, 'the lock is still A\'s');
    await a.bringToFront();
    await record(frameA, ...SAID.a3);
    await eventually(() => contributionsOnDisk().some((e) => e.text === SAID.a3[1]), 'A\'s third contribution is on disk');
    await b.bringToFront();
    await waitForContribution(frameB, SAID.a3[1], 'B shows what A wrote after its reload');
    assert.equal(await readOnlyBanner(frameB).count(), 1, 'B is still read-only');
    assert.equal(readLock()?.owner, state.ownerA, 'the lock is still A\'s');
    await screenshot(a, 'two-windows-03-A-reloaded');
  });

  it('once A closes its panel the lock is released, and B takes over by re-opening the retro', async function () {
    await a.bringToFront();
    await closeRetroTab(a);
    await eventually(() => !fs.existsSync(lockPath()), 'A\'s lock file is removed when its panel closes');
    await b.bringToFront();
    // B's open panel stays read-only (it does not poll for the lock); re-opening it takes over.
    await closeRetroTab(b);
    frameB = await openInB('command');
    await waitForContribution(frameB, SAID.a3[1], 'B\'s new panel shows all of A\'s contributions');
    assert.equal(await readOnlyBanner(frameB).count(), 0, 'B is the writer now: no read-only banner');
    await eventually(async () => !/read-only/.test(await tabTitle(b)), 'B\'s tab title has no "(read-only)"');
    const lock = readLock();
    assert.ok(lock, 'B holds the lock');
    assert.notEqual(lock.owner, state.ownerA, 'the lock is B\'s, not A\'s');
    await record(frameB, ...SAID.b1);
    await screenshot(b, 'two-windows-04-B-writer');
  });

  it('the session file holds every contribution exactly once', async function () {
    const expected = Object.values(SAID).map(([, text]) => text);
    const json = await eventually(() => {
      const j = readSession();
      return j.events.filter((e) => e.type === 'contribution.added').length >= expected.length ? j : undefined;
    }, 'all four contributions are on disk');
    const texts = json.events.filter((e) => e.type === 'contribution.added').map((e) => e.text);
    assert.deepEqual(texts, expected, 'each contribution once, in the order they were made');
    const ids = json.events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no event is on disk twice');
    assert.deepEqual([...a.errors, ...b.errors].map(String), [], 'no uncaught errors in either workbench page');
  });
});
