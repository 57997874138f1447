// Issue 12 end to end, team mode: corpus strings between two VS Codes (two code-server
// instances, two browser contexts). The facilitator hosts a retro whose roster and title are
// hostile; a member joins under a hostile name of their own and answers with hostile text.
// Both panels (the facilitator's, and the member's own) must show every string as text, with
// no payload run (the sentinel is in every frame), CSP refusal, dialog, foreign request or
// live element.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { writeUserSettings } from '../../scripts/lib/demoWorkspace.mjs';
import { testResultsDir } from '../../scripts/lib/paths.mjs';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import { e2eEnv, workbenchUrl } from './lib/env.mjs';
import { assertInert, shownName, watchPage } from './lib/hostile.mjs';
import { answerTitle, eventually, freshWorkspace, retroFrame } from './lib/retro.mjs';
import { launchChromium, openWorkbench, runCommand, screenshot, waitForQuickInput } from './lib/workbench.mjs';

const text = (id) => {
  const h = HOSTILE.find((x) => x.id === id);
  if (!h) throw new Error(`no corpus string ${id}`);
  return h.text;
};
const ROSTER = ['script-0', 'markdown-98', 'bidi-75'].map(text);
const MEMBER = text('svg-mathml-37');
const TITLE = text('template-51');
const ANSWERS = ['event-handler-14', 'markdown-93', 'csv-formula-113', 'template-55'].map(text);

describe('hostile team: corpus strings between a facilitator and a member (issue 12)', function () {
  this.timeout(240_000);
  let browser;
  let hostWs;
  let memberWs;
  let memberServer;
  let host;
  let member;
  let hostSeen;
  let memberSeen;
  let hostFrame;
  let memberFrame;

  before(async function () {
    hostWs = freshWorkspace('hostile-host', { 'reciprocity.roster': ROSTER });
    memberWs = freshWorkspace('hostile-member');
    const memberUserData = path.join(testResultsDir, 'e2e', 'hostile-member-user-data');
    fs.rmSync(memberUserData, { recursive: true, force: true });
    writeUserSettings(memberUserData);
    memberServer = await startCodeServer({
      userDataDir: memberUserData,
      extensionsDir: path.dirname(e2eEnv.extensionPath),
      folder: memberWs.dir,
      logFile: path.join(testResultsDir, 'e2e', 'code-server-hostile-member.log'),
    });
    browser = await launchChromium();
    host = await openWorkbench(browser, workbenchUrl(hostWs.dir));
    hostSeen = await watchPage(host);
    const memberUrl = new URL(memberServer.url);
    memberUrl.searchParams.set('folder', memberWs.dir);
    member = await openWorkbench(browser, memberUrl.toString());
    memberSeen = await watchPage(member);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const title = this.currentTest.title.replace(/\W+/g, '-').slice(0, 80);
    for (const [who, page] of [['facilitator', host], ['member', member]]) {
      if (page) await screenshot(page, `failed-hostile-team-${who}-${title}`).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close();
    await memberServer?.stop();
    hostWs?.remove();
    memberWs?.remove();
  });

  it('a hostile member joins a hostile team retro; both panels name everyone as text', async function () {
    await runCommand(host, 'Reciprocity: Host Team Retro');
    const roster = await waitForQuickInput(host, 'who is here');
    await roster.locator('.quick-input-count', { hasText: `${ROSTER.length} Selected` }).waitFor();
    await host.keyboard.press('Enter');
    await waitForQuickInput(host, 'which deck');
    await host.keyboard.press('Enter');
    await answerTitle(host, TITLE);
    hostFrame = await retroFrame(host);
    await hostFrame.getByRole('status', { name: 'Team connection' }).getByText('Connected').waitFor({ timeout: 30_000 });
    const code = await hostFrame.getByRole('textbox', { name: 'Join code' }).inputValue();

    await runCommand(member, 'Reciprocity: Join Team Retro');
    const box = await waitForQuickInput(member, 'Join Team Retro');
    await box.locator('input.input').fill(code);
    await member.keyboard.press('Enter');
    await eventually(async () => (await box.locator('input.input').inputValue()) !== code, 'the name prompt follows');
    await box.locator('input.input').fill(MEMBER);
    await member.keyboard.press('Enter');
    memberFrame = await retroFrame(member);
    await memberFrame.getByRole('status', { name: 'Team connection' }).getByText('Connected').waitFor({ timeout: 30_000 });

    const names = [...ROSTER, MEMBER].map(shownName);
    await eventually(async () => (await hostFrame.locator('.members bdi.name').allTextContents()).length === names.length, 'the member is on the roster');
    assert.deepEqual(await hostFrame.locator('.members bdi.name').allTextContents(), names);
    await eventually(async () => (await hostFrame.locator('.here bdi').allTextContents()).includes(MEMBER), 'the facilitator sees the member here');
    assert.equal(await memberFrame.locator('#retro-title').textContent(), TITLE);
    assert.equal(await hostFrame.locator('#retro-title').textContent(), TITLE);
    await assertInert(hostFrame, '#app', hostSeen, 'facilitator, after the join');
    await assertInert(memberFrame, '#app', memberSeen, 'member, after the join');
  });

  it("the member's hostile answers reach both panels as text", async function () {
    const answer = memberFrame.getByRole('textbox', { name: 'Your answer' });
    for (const said of ANSWERS) {
      await eventually(async () => !(await answer.isDisabled()), 'the answer box is enabled');
      await answer.fill(said);
      await memberFrame.getByRole('button', { name: 'Send answer' }).click();
      await eventually(async () => (await memberFrame.locator('.contrib-list .contrib-text').allTextContents()).some((t) => t.startsWith(said)), `the member sees ${JSON.stringify(said)}`, 30_000);
    }
    const texts = (frame) => frame.locator('.contrib-list > li').evaluateAll((lis) => lis.map((li) => {
      const p = li.querySelector('.contrib-text').cloneNode(true);
      p.querySelectorAll('.muted').forEach((m) => m.remove());
      return [li.querySelector('.name').textContent, p.textContent];
    }));
    const expected = ANSWERS.map((a) => [MEMBER, a]);
    await eventually(async () => (await texts(hostFrame)).length === ANSWERS.length, 'every answer reaches the facilitator', 30_000);
    assert.deepEqual(await texts(hostFrame), expected, "the facilitator's list");
    assert.deepEqual(await texts(memberFrame), expected, "the member's list");
    await assertInert(hostFrame, '#app', hostSeen, 'facilitator, after the answers');
    await assertInert(memberFrame, '#app', memberSeen, 'member, after the answers');
    await screenshot(host, 'hostile-team-facilitator');
    await screenshot(member, 'hostile-team-member');
  });
});
