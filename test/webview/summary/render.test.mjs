// The summary view renders what the host sends, with the right numbers, and every chart
// has a data table that says the same thing.
import { strict as assert } from 'node:assert';
import { baseSummary, baseTrend, summaryMessage, transcriptSummary } from './fixtures.mjs';
import { buildBundle, cspViolations, launch, open, posted, send } from './harness.mjs';

describe('summary webview: rendering', function () {
  this.timeout(30_000);
  let browser;
  let page;
  let context;
  let errors;

  before(async () => {
    await buildBundle();
    browser = await launch();
  });
  // Tests that only read what a summary renders share one page, each sending its summary as
  // the host's next one would (a new document costs the panel's whole start-up); the others
  // (the first message, a click, an error left showing) get a page of their own. A failed test
  // drops the shared page.
  const READ_ONLY = new Set([
    'shows title, date, duration and source',
    'draws one bar per member, proportional to the share, with the fair share marked',
    'draws the Lorenz curve with the line of equality and the Gini from the summary',
    'shows depth reached per layer, reached and reciprocated',
    'puts every flag on the timeline, in its own lane per kind',
    'shows passes, action items with owners and check-outs',
    'draws four trend charts and shows the trend messages as sentences',
    'gives every chart a data table with the same numbers',
    'renders an imported transcript with its unattributed speech and no flags',
    'keeps the summary for an empty team without dividing by zero',
  ]);
  let kept;
  after(async () => {
    await kept?.context.close();
    kept = undefined;
    await browser?.close();
  });
  beforeEach(async function () {
    const shared = READ_ONLY.has(this.currentTest.title);
    if (shared && kept) {
      ({ page, context, errors } = kept);
      errors.length = 0;
      await page.evaluate(() => (window.__posted.length = 0, window.__csp.length = 0));
      return;
    }
    ({ page, context, errors } = await open(browser));
    if (shared) kept = { page, context, errors };
  });
  afterEach(async function () {
    if (page === kept?.page && this.currentTest.state !== 'passed') kept = undefined;
    try {
      assert.deepEqual(errors, [], 'no page errors');
      assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
    } finally {
      if (page !== kept?.page) await context.close();
    }
  });

  it('posts ready once on load and shows a loading state', async () => {
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    assert.match(await page.textContent('main'), /Loading summary/);
    assert.equal(await page.isDisabled('#opt-pseudonymise'), true);
  });

  it('says ready only once its bundle has run: nothing is posted under the script\'s top level', async () => {
    // In VS Code the webview API posts to the parent frame, and a postMessage with the bundle's
    // top level on the stack made Chromium work out source positions for the whole bundle (one
    // function) to note where it was called from (issue 11; test/webview/panel.test.mjs for
    // the retro panel). An anonymous frame in the bundle at the bottom of the stack is that top level.
    await page.addInitScript(() => {
      Error.stackTraceLimit = 100;
      let acquire;
      Object.defineProperty(window, 'acquireVsCodeApi', {
        configurable: true,
        get: () => acquire,
        set(real) {
          acquire = () => {
            const api = real();
            const post = api.postMessage;
            api.postMessage = (message) => {
              if (message?.type === 'ready') window.__readyStack = new Error('ready').stack;
              post(message);
            };
            return api;
          };
        },
      });
    });
    await page.reload();
    await page.waitForFunction(() => window.__readyStack !== undefined);
    const stack = await page.evaluate(() => window.__readyStack);
    const frames = stack.split('\n').filter((line) => /\/dist\/summary\.js:\d+:\d+\)?$/.test(line));
    assert.ok(frames.length > 0, `the bundle posted ready: ${stack}`);
    assert.doesNotMatch(frames[frames.length - 1], /^\s*at https?:\S+$/, `ready was posted from the bundle's top level:\n${stack}`);
  });

  it('stores the panel key and options in webview state for the serializer', async () => {
    await send(page, summaryMessage());
    const state = await page.evaluate(() => window.__state);
    assert.deepEqual(state, { key: 's-2024-18', options: { pseudonymise: false, namedTable: false } });
  });

  it('rejects a malformed host message, logs it, and keeps running', async () => {
    const bad = summaryMessage();
    bad.summary.gini = 'lots';
    await send(page, bad);
    await send(page, { type: 'nonsense' });
    const logs = (await posted(page)).filter((m) => m.type === 'log');
    assert.equal(logs.length, 2);
    assert.equal(logs[0].level, 'warn');
    assert.match(logs[0].message, /summary\.gini/);
    assert.match(await page.textContent('[role="alert"]'), /malformed and was ignored \(type: /);
    await send(page, summaryMessage());
    assert.equal(await page.isVisible('[role="alert"]'), false, 'a good summary clears the error');
    assert.equal(await page.textContent('h1'), 'Sprint 18 retro');
  });

  it('shows title, date, duration and source', async () => {
    await send(page, summaryMessage());
    assert.equal(await page.textContent('h1'), 'Sprint 18 retro');
    assert.match(await page.textContent('.meta-date'), /2024/);
    assert.equal(await page.textContent('.meta-duration'), '45 min');
    assert.equal(await page.textContent('.meta-source'), 'Guided retro');
  });

  it('draws one bar per member, proportional to the share, with the fair share marked', async () => {
    await send(page, summaryMessage());
    const bars = await page.$$eval('.share-bar', (els) => els.map((e) => ({ share: Number(e.dataset.share), w: e.getBoundingClientRect().width })));
    assert.equal(bars.length, 5);
    assert.deepEqual(bars.map((b) => b.share), [0.4, 0.25, 0.2, 0.15, 0]);
    assert.ok(Math.abs(bars[1].w / bars[0].w - 0.25 / 0.4) < 0.02, 'widths are proportional');
    assert.equal(await page.$$eval('.fair-line', (els) => els.length), 5);
    const names = await page.$$eval('.share-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['Ana Sousa', 'Ben Okafor', 'Chloé Martin', 'Dev Patel', 'Eli Cohen']);
    assert.match(await page.textContent('.chart-legend'), /Fair share \(20%\)/);
    const values = await page.$$eval('.share-value', (els) => els.map((e) => e.textContent));
    assert.deepEqual(values, ['40%', '25%', '20%', '15%', '0% (quiet)']);
  });

  it('draws the Lorenz curve with the line of equality and the Gini from the summary', async () => {
    await send(page, summaryMessage());
    assert.equal(await page.textContent('.gini-value'), 'Gini 0.36');
    assert.equal(await page.$$eval('svg.lorenz .lorenz-dot', (els) => els.length), 6);
    assert.equal(await page.$$eval('svg.lorenz line.equality', (els) => els.length), 1);
    const label = await page.getAttribute('svg.lorenz', 'aria-label');
    assert.match(label, /Gini coefficient 0\.36/);
  });

  it('shows depth reached per layer, reached and reciprocated', async () => {
    await send(page, summaryMessage());
    const rows = await page.$$eval('.layer-row', (els) =>
      els.map((e) => {
        // The status's icon is a codicon, hidden from screen readers: the word beside it says it.
        const icon = e.querySelector('.layer-status svg.codicon');
        const name = [...(icon?.classList ?? [])].find((c) => c.startsWith('codicon-'));
        return [e.querySelector('.layer-name').textContent, e.querySelector('.layer-matched').textContent, name, icon?.getAttribute('aria-hidden'), e.querySelector('.layer-status').textContent];
      }),
    );
    assert.deepEqual(rows, [
      ['Orientation', '4 of 5 answered', 'codicon-check', 'true', 'reciprocated'],
      ['Exploratory', '3 of 5 answered', 'codicon-check', 'true', 'reciprocated'],
      ['Affective', '1 of 5 answered', 'codicon-circle', 'true', 'not reciprocated'],
      ['Stable', '—', 'codicon-dash', 'true', 'not reached'],
    ]);
    assert.match(await page.getAttribute('.layers', 'aria-label'), /Depth reached: 3 of 4 layers.*Reciprocated: layers 1, 2\./);
  });

  it('puts every flag on the timeline, in its own lane per kind', async () => {
    await send(page, summaryMessage());
    assert.equal(await page.$$eval('svg.timeline .flag-marker', (els) => els.length), 4);
    assert.equal(await page.$$eval('svg.timeline .lane', (els) => els.length), 4);
    assert.equal(await page.$$eval('svg.timeline .flag-span', (els) => els.length), 2, 'cleared flags show a span');
    const rows = await page.$$eval('#timeline-data tbody tr', (els) => els.map((r) => [...r.children].map((c) => c.textContent)));
    // Worded by the panel from the kind and the member (src/wording.ts), not the fixture's text.
    assert.deepEqual(rows[0], ['5:00', 'Quiet so far', 'Invite Eli Cohen — quiet so far', 'not cleared']);
    assert.deepEqual(rows[1], ['12:00', 'Sharing a lot', 'A member was sharing a lot — try a round-robin', '20:00']);
    assert.deepEqual(rows[2].slice(1, 3), ['Try a round-robin', 'Try a round-robin']);
    assert.equal(rows[3][1], 'Over-disclosure guard');
  });

  it('shows passes, action items with owners and check-outs', async () => {
    await send(page, summaryMessage());
    assert.match(await page.textContent('.block-passes'), /5 passes in total\. 1 at layer 1 \(Orientation\), 2 at layer 2/);
    const actions = await page.$$eval('.action', (els) => els.map((e) => [e.querySelector('.action-text').textContent, e.querySelector('.action-owner').textContent]));
    assert.deepEqual(actions, [
      ['Pair on the flaky deploy pipeline', 'Owner: Ben Okafor'],
      ['Write down the on-call handover', 'Owner: Chloé Martin'],
      ['Ask the product team about scope creep', 'No owner yet'],
    ]);
    assert.equal(await page.$$eval('.checkout-list li', (els) => els.length), 3);
    assert.equal(await page.$('.block-unattributed'), null, 'retros have no unattributed section');
  });

  it('draws four trend charts and shows the trend messages as sentences', async () => {
    await send(page, summaryMessage());
    assert.equal(await page.$$eval('svg.trend-chart', (els) => els.length), 4);
    for (const cls of ['trend-gini', 'trend-evenness', 'trend-depth', 'trend-reciprocated']) {
      assert.equal(await page.$$eval(`svg.${cls} .trend-dot`, (els) => els.length), 4, cls);
    }
    const msgs = await page.$$eval('.trend-messages li', (els) => els.map((e) => e.textContent));
    assert.deepEqual(msgs, baseTrend().messages);
    assert.match(await page.getAttribute('svg.trend-gini', 'aria-label'), /from 0\.48 \(Sprint 15 retro\) to 0\.36 \(Sprint 18 retro\)/);
  });

  it('gives every chart a data table with the same numbers', async () => {
    await send(page, summaryMessage());
    const charts = await page.$$eval('[role="img"]', (els) =>
      els.map((e) => {
        const table = document.getElementById(e.getAttribute('aria-describedby'));
        return {
          label: e.getAttribute('aria-label'),
          table: table?.tagName,
          caption: table?.querySelector('caption')?.textContent,
          rows: table ? [...table.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent)) : [],
        };
      }),
    );
    assert.equal(charts.length, 8, 'shares, Lorenz, layers, timeline, four trends');
    for (const c of charts) {
      assert.equal(c.table, 'TABLE', c.label);
      assert.ok(c.caption, c.label);
      assert.ok(c.label.length > 20, 'a real summary, not a placeholder');
    }
    const [shares, lorenz, layers] = charts;
    assert.deepEqual(shares.rows.map((r) => r[1]), ['40%', '25%', '20%', '15%', '0%']);
    assert.deepEqual(lorenz.rows.map((r) => r[1]), ['0%', '0%', '15%', '35%', '60%', '100%']);
    assert.match(lorenz.caption, /Gini 0\.36/);
    assert.deepEqual(layers.rows.map((r) => r[4]), ['4 of 5 answered', '3 of 5 answered', '1 of 5 answered', '0 of 5 answered']);
    const gini = charts.find((c) => c.caption === 'Gini per retro');
    assert.deepEqual(gini.rows.map((r) => r[2]), ['0.48', '0.41', '0.39', '0.36']);
    const depth = charts.find((c) => c.caption === 'Depth reached per retro');
    assert.deepEqual(depth.rows.map((r) => r[2]), ['2 of 4', '4 of 4', '3 of 4', '3 of 4']);
  });

  it('reveals a data table on screen with "Show data", and keeps it open across updates', async () => {
    await send(page, summaryMessage());
    const toggle = page.locator('[data-chart="lorenz"] .show-data');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.isVisible('#lorenz-data-wrap:not(.visually-hidden)'), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.isVisible('#lorenz-data-wrap:not(.visually-hidden)'), true);
    await send(page, summaryMessage());
    assert.equal(await page.getAttribute('[data-chart="lorenz"] .show-data', 'aria-expanded'), 'true');
  });

  it('renders an imported transcript with its unattributed speech and no flags', async () => {
    await send(page, summaryMessage(transcriptSummary(), undefined, null));
    assert.equal(await page.textContent('.meta-source'), 'Imported meeting transcript');
    assert.match(await page.textContent('.block-unattributed'), /12 turns, 340 words and 95 seconds had no speaker label/);
    assert.match(await page.textContent('.block-flags'), /No flags or nudges were raised/);
    // A meeting has no depth layers, passes or retro trends: those parts are left out.
    assert.equal(await page.$$eval('.block-layers, .block-passes, .trends', (els) => els.length), 0);
    assert.doesNotMatch(await page.textContent('.stats'), /Deepest layer|Passes/);
    assert.match(await page.textContent('.stats'), /Gini/);
  });

  it('shows an error from the host as an alert', async () => {
    await send(page, summaryMessage());
    await send(page, { type: 'error', message: 'Could not read the retro file.' });
    assert.match(await page.textContent('[role="alert"]'), /Could not read the retro file\./);
    assert.equal(await page.isVisible('[role="alert"]'), true);
  });

  it('keeps the summary for an empty team without dividing by zero', async () => {
    const s = baseSummary();
    const empty = { ...s, members: [], lorenz: [], flags: [], actions: [], checkouts: [], gini: 0, evenness: 0, maxShare: 0, fairShare: 0 };
    await send(page, summaryMessage(empty, undefined, { points: [], messages: [] }));
    assert.equal(await page.$$eval('.share-bar', (els) => els.length), 0);
    assert.equal(await page.textContent('.gini-value'), 'Gini 0.00');
    const bad = await page.$$eval('svg *', (els) => els.filter((e) => [...e.attributes].some((a) => /NaN|Infinity/.test(a.value))).length);
    assert.equal(bad, 0);
  });
});
