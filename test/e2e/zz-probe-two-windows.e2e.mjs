import { workbenchUrl } from './lib/env.mjs';
import { freshWorkspace, retroFrame, startRetro, openPastRetros, record, sessionFiles } from './lib/retro.mjs';
import { launchChromium, openWorkbench, screenshot, runCommand, waitForQuickInput } from './lib/workbench.mjs';
describe('probe: two windows', function () {
  this.timeout(120000);
  it('opens the same retro in two windows', async function () {
    const ws = freshWorkspace('two-windows');
    const browser = await launchChromium();
    const a = await openWorkbench(browser, workbenchUrl(ws.dir));
    const fa = await startRetro(a);
    await record(fa, 'Ada', 'from window A');
    console.log(sessionFiles('two-windows').map((f) => f.file));
    const b = await openWorkbench(browser, workbenchUrl(ws.dir));
    await openPastRetros(b).catch(() => {});
    await b.waitForTimeout(3000);
    await screenshot(b, 'probe-window-b-tree');
    await runCommand(b, 'Reciprocity: Resume Retro');
    await b.waitForTimeout(2000);
    await screenshot(b, 'probe-window-b-resume');
    await b.keyboard.press('Enter');
    const fb = await retroFrame(b, { timeoutMs: 15000 });
    await fb.getByText('from window A').waitFor();
    await b.waitForTimeout(1500);
    await screenshot(b, 'probe-window-b');
    console.log('B read-only banner:', await fb.getByText('Read-only.').count(), 'B give-turn disabled:', await fb.getByRole('button', { name: 'Give turn to Grace' }).isDisabled());
    console.log(sessionFiles('two-windows').map((f) => f.file));
    await browser.close(); ws.remove();
  });
});
