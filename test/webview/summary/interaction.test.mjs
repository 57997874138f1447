// Controls: options go to the host and the view shows only what the host sends back;
// exports are requests to the host; people's text stays text.
import { strict as assert } from 'node:assert';
import { baseSummary, baseTrend, hostileSummary, HOSTILE, pseudonymised, summaryMessage } from './fixtures.mjs';
import { buildBundle, cspViolations, launch, open, posted, send } from './harness.mjs';

describe('summary webview: controls and safety', function () {
  this.timeout(30_000);
  let browser;
  let page;
  let context;
  let errors;

  before(async () => {
    await buildBundle();
    browser = await launch();
  });
  after(async () => browser?.close());
  beforeEach(async () => {
    ({ page, context, errors } = await open(browser));
  });
  afterEach(async () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  });

  it('lets the lead switch the measure between seconds, words and turns (issue 10)', async () => {
    await send(page, summaryMessage());
    const measure = page.getByRole('combobox', { name: 'Measure' });
    assert.equal(await measure.inputValue(), summaryMessage().summary.driver);
    await measure.selectOption({ label: 'Words' });
    assert.deepEqual((await posted(page)).at(-1), { type: 'setOptions', options: { pseudonymise: false, namedTable: false, driver: 'words' } });
  });

  it('renders the named per-person table only once the viewer turns it on and the host agrees', async () => {
    await send(page, summaryMessage());
    assert.equal(await page.$('#named-table'), null, 'absent by default');
    await page.getByRole('checkbox', { name: 'Show named per-person table' }).check();
    const last = (await posted(page)).at(-1);
    assert.deepEqual(last, { type: 'setOptions', options: { pseudonymise: false, namedTable: true, driver: summaryMessage().summary.driver } });
    assert.equal(await page.$('#named-table'), null, 'the view waits for the host');
    assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');

    await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: true }));
    const rows = await page.$$eval('#named-table tbody tr', (els) => els.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[0], ['Ana Sousa', 'yes', '8', '620', '540', '0', '3', '40%']);
    assert.deepEqual(rows[2].slice(0, 2), ['Chloé Martin', 'joined late']);
    assert.deepEqual(rows[4], ['Eli Cohen', 'yes', '0', '0', '0', '1', 'none', '0%']);
    assert.equal(await page.textContent('#status'), 'Per-person table shown.');
    assert.equal(await page.getAttribute('main', 'aria-busy'), 'false');

    await page.getByRole('checkbox', { name: 'Show named per-person table' }).uncheck();
    await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: false }));
    assert.equal(await page.$('#named-table'), null, 'gone again');
  });

  it('asks the host to pseudonymise and renders the pseudonymised summary it gets back', async () => {
    await send(page, summaryMessage());
    await page.getByRole('checkbox', { name: 'Pseudonymise names' }).check();
    assert.deepEqual((await posted(page)).at(-1), { type: 'setOptions', options: { pseudonymise: true, namedTable: false, driver: summaryMessage().summary.driver } });
    // The view never pseudonymises by itself: real names stay until the host replies.
    assert.match(await page.textContent('.shares'), /Ana Sousa/);

    await send(page, summaryMessage(pseudonymised(baseSummary()), { pseudonymise: true, namedTable: false }));
    const text = await page.textContent('main');
    for (const real of ['Ana Sousa', 'Ben Okafor', 'Chloé Martin', 'Dev Patel', 'Eli Cohen']) assert.ok(!text.includes(real), real);
    assert.deepEqual(await page.$$eval('.share-name', (els) => els.map((e) => e.textContent)), ['Member A', 'Member B', 'Member C', 'Member D', 'Member E']);
    assert.equal(await page.textContent('.badge'), 'Names pseudonymised');
    assert.equal(await page.isChecked('#opt-pseudonymise'), true);
    assert.equal(await page.textContent('#status'), 'Names pseudonymised.');
  });

  it('takes the checkbox state from the host, not from the last click', async () => {
    await send(page, summaryMessage(baseSummary(), { pseudonymise: true, namedTable: true }));
    assert.equal(await page.isChecked('#opt-pseudonymise'), true);
    assert.equal(await page.isChecked('#opt-named-table'), true);
    await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: false }));
    assert.equal(await page.isChecked('#opt-pseudonymise'), false);
    assert.equal(await page.isChecked('#opt-named-table'), false);
  });

  it('posts an export request for each export button', async () => {
    await send(page, summaryMessage());
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const exports = (await posted(page)).filter((m) => m.type === 'export');
    assert.deepEqual(exports, [
      { type: 'export', format: 'md' },
      { type: 'export', format: 'json' },
      { type: 'export', format: 'csv' },
    ]);
  });

  it('works from the keyboard: tab to a checkbox, space toggles it', async () => {
    await send(page, summaryMessage());
    await page.focus('#opt-pseudonymise');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'opt-named-table');
    await page.keyboard.press('Space');
    assert.deepEqual((await posted(page)).at(-1), { type: 'setOptions', options: { pseudonymise: false, namedTable: true, driver: summaryMessage().summary.driver } });
    await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: true }));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'opt-named-table', 'focus survives the update');
  });

  it('keeps hostile names and text as text everywhere', async () => {
    const trend = { ...baseTrend(), messages: [`<img src=x onerror="window.__xss=5">`] };
    await send(page, summaryMessage(hostileSummary(), { pseudonymise: false, namedTable: true }, trend));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.$$eval('img, iframe, b, #app script, svg svg', (els) => els.length), 0, 'no element was created from text');
    assert.equal(await page.textContent('h1'), `<h1>${HOSTILE}</h1>`);
    assert.equal(await page.textContent('.share-name'), HOSTILE);
    assert.equal(await page.textContent('#named-table tbody th'), HOSTILE);
    assert.match(await page.textContent('.action-owner'), /onerror/);
    assert.equal(await page.textContent('.trend-messages li'), '<img src=x onerror="window.__xss=5">');
  });
});
