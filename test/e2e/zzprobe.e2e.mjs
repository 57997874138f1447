// TEMPORARY probe (to be deleted): same-context tabs, closing a window, reload timing.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { workbenchUrl } from './lib/env.mjs';
import { contributionRows, eventually, freshWorkspace, openPastRetros, record, retroFrame, startRetro } from './lib/retro.mjs';
import { launchChromium, openWorkbench, reloadWindow, waitForWorkbench, screenshot } from './lib/workbench.mjs';

const log = (...a) => console.log(`    [probe ${new Date().toISOString().slice(11, 23)}]`, ...a);
const hosts = () => execSync('ps -eo pid,ppid,etimes,args | grep -i "extensionHost\\|bootstrap-fork" | grep -v grep || true').toString().trim();

async function openRetroVia(page) {
  const pane = await openPastRetros(page);
  await pane.locator('.monaco-list-row', { hasText: 'Retro ' }).first().click();
  const f = await retroFrame(page);
  await f.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
  return f;
}
const ro = async (f) => (await f.getByRole('status').filter({ hasText: 'Read-only.' }).count()) > 0;

describe('zzprobe', function () {
  this.timeout(300_000);
  it('probe: two tabs in one browser context', async function () {
    const ws = freshWorkspace('probe-tabs', { 'reciprocity.storage': 'workspaceFolder' });
    const dir = path.join(ws.dir, '.reciprocity', 'sessions');
    const browser = await launchChromium();
    const a = await openWorkbench(browser, workbenchUrl(ws.dir));
    const fa = await startRetro(a);
    await record(fa, 'Ada', 'tab A one');
    const lockFile = () => fs.readdirSync(dir).find((f) => f.endsWith('.lock'));
    log('lock A', fs.readFileSync(path.join(dir, lockFile()), 'utf8'));
    await new Promise((r) => setTimeout(r, 6000));
    const b = await a.context().newPage();
    b.errors = [];
    await b.goto(workbenchUrl(ws.dir));
    await waitForWorkbench(b);
    const fb = await openRetroVia(b);
    await new Promise((r) => setTimeout(r, 1500));
    log('tab B read-only?', await ro(fb), 'title', await b.locator('.tab', { hasText: /^Retro: / }).first().innerText());
    log('lock now', fs.readFileSync(path.join(dir, lockFile()), 'utf8'));
    if (!(await ro(fb))) {
      // Both writable: do both write? Record in each, check disk.
      await record(fb, 'Grace', 'tab B one');
      await a.bringToFront();
      await record(fa, 'Linus', 'tab A two');
      await new Promise((r) => setTimeout(r, 1000));
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
      const texts = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).events.filter((e) => e.type === 'contribution.added').map((e) => e.text);
      log('on disk', texts);
      log('A shows', (await contributionRows(fa)).map((r) => r.text));
      log('B shows', (await contributionRows(fb)).map((r) => r.text));
      await screenshot(b, 'probe-tabs-B');
    }
    await browser.close();
    ws.remove();
  });

  it('probe: closing window A (its browser context) instead of its panel', async function () {
    const ws = freshWorkspace('probe-close', { 'reciprocity.storage': 'workspaceFolder' });
    const dir = path.join(ws.dir, '.reciprocity', 'sessions');
    const browser = await launchChromium();
    log('hosts before', '\n' + hosts());
    const a = await openWorkbench(browser, workbenchUrl(ws.dir));
    const fa = await startRetro(a);
    await record(fa, 'Ada', 'close A one');
    const b = await openWorkbench(browser, workbenchUrl(ws.dir));
    let fb = await openRetroVia(b);
    log('B read-only?', await ro(fb));
    log('hosts with A and B', '\n' + hosts());
    await a.context().close();
    const t0 = Date.now();
    const lockFile = () => fs.readdirSync(dir).find((f) => f.endsWith('.lock'));
    let gone = false;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!lockFile()) { gone = true; break; }
    }
    log(`lock after A's window closed: ${gone ? `removed after ${Date.now() - t0} ms` : `still there after ${Date.now() - t0} ms: ${fs.readFileSync(path.join(dir, lockFile()), 'utf8')}`}`);
    log('hosts after closing A', '\n' + hosts());
    // B re-opens
    await b.locator('.tab', { hasText: /^Retro: / }).first().locator('.tab-actions .action-label').first().click();
    fb = await openRetroVia(b);
    await new Promise((r) => setTimeout(r, 1000));
    log('B read-only after re-open?', await ro(fb));
    await browser.close();
    ws.remove();
  });

  it('probe: reload A and watch the lock file closely', async function () {
    const ws = freshWorkspace('probe-reload', { 'reciprocity.storage': 'workspaceFolder' });
    const dir = path.join(ws.dir, '.reciprocity', 'sessions');
    const browser = await launchChromium();
    const a = await openWorkbench(browser, workbenchUrl(ws.dir));
    const fa = await startRetro(a);
    await record(fa, 'Ada', 'reload A one');
    const lockPath = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.lock')));
    const seen = [];
    let last = 'x';
    const t0 = Date.now();
    const iv = setInterval(() => {
      const cur = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : 'MISSING';
      if (cur !== last) { seen.push(`${Date.now() - t0}ms ${cur}`); last = cur; }
    }, 20);
    log('hosts before reload', '\n' + hosts());
    await reloadWindow(a, ['reciprocity.retro']);
    await retroFrame(a);
    await new Promise((r) => setTimeout(r, 20_000));
    clearInterval(iv);
    log('lock timeline\n      ' + seen.join('\n      '));
    log('hosts after reload', '\n' + hosts());
    await browser.close();
    ws.remove();
  });
});
