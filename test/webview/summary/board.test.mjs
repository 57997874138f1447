// The summary shows what the retro produced (gather notes, top-voted insights, overrides),
// and long or unbroken names never push anything past the panel's width.
import { strict as assert } from 'node:assert';
import { baseSummary, baseTrend, summaryMessage } from './fixtures.mjs';
import { axe, buildBundle, launch, open, send } from './harness.mjs';

const LONG = 'W'.repeat(200);
const HOSTILE_LONG = `<img src=x onerror="window.__xss=9">${'Ä'.repeat(120)}`;

function boardSummary(names) {
  const s = baseSummary(names);
  return {
    ...s,
    gatherNotes: [
      { column: 'Went well', text: 'Pairing worked', author: s.members[0].name, votes: 3 },
      { column: 'Could be better', text: `CI was slow ${LONG}`, author: s.members[1].name, votes: 1 },
      { column: 'Ideas', text: 'More demos', author: null, votes: 0 },
    ],
    topInsights: [
      { column: 'Went well', text: 'Pairing worked', author: s.members[0].name, votes: 3 },
      { column: 'Could be better', text: `CI was slow ${LONG}`, author: s.members[1].name, votes: 1 },
    ],
    overrides: [{ offsetMs: 9 * 60_000, from: 1, to: 2, answered: 2, present: 5, text: 'Going deeper now, with 2 of 5 answered' }],
  };
}

/** Elements whose right edge passes the viewport's, the offenders named. */
function overflowing(page, width) {
  return page.evaluate((w) => {
    const out = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (el.closest('.table-scroll')) continue; // scrolls on purpose, inside the panel
      if (el.closest('.visually-hidden')) continue; // a clipped 1px box: screen readers only
      if (r.right > w + 1) out.push(`${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')} in ${el.closest('section')?.className} right=${Math.round(r.right)}`);
    }
    const page = document.documentElement.scrollWidth;
    if (page > w) out.push(`the page scrolls sideways: ${page}px`);
    return out.slice(0, 10);
  }, width);
}

describe('summary webview: notes, insights, overrides and long names', function () {
  this.timeout(60_000);
  let browser;

  before(async () => {
    await buildBundle();
    browser = await launch();
  });
  after(async () => browser?.close());

  it('shows the gather notes by column, the top-voted insights and the overrides', async () => {
    const { page, context } = await open(browser);
    await send(page, { ...summaryMessage(), summary: boardSummary() });
    const notes = await page.locator('.block-notes tbody tr').allTextContents();
    assert.equal(notes.length, 3);
    assert.match(notes[0], /Went well.*Pairing worked.*Ana Sousa.*3/);
    assert.match(notes[2], /anonymous/);
    const top = await page.locator('.block-insights ol li').allTextContents();
    assert.match(top[0], /Pairing worked.*3 votes/);
    assert.match(await page.textContent('.block-overrides'), /9:00.*Going deeper now, with 2 of 5 answered/);
    // The timeline has a lane for the overrides, among the flags and nudges.
    assert.equal(await page.locator('.timeline .lane[data-kind="override"]').count(), 1);
    assert.match(await page.textContent('#timeline-data'), /9:00\s*Override\s*Going deeper now, with 2 of 5 answered/);
    const bad = (await axe(page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
    assert.deepEqual(bad, [], 'no serious accessibility problems in the new sections');
    await context.close();
  });

  it('an older summary without them shows no empty sections', async () => {
    const { page, context } = await open(browser);
    await send(page, summaryMessage());
    assert.equal(await page.locator('.block-notes, .block-insights, .block-overrides').count(), 0);
    await context.close();
  });

  it('the trend tables tell two retros on one day apart: title, date and time', async () => {
    const { page, context } = await open(browser);
    const trend = baseTrend();
    trend.points[1] = { ...trend.points[1], title: trend.points[0].title, createdAt: trend.points[0].createdAt + 3 * 3600_000 };
    await send(page, { ...summaryMessage(), trend });
    const rows = await page.locator('#trend-gini-data tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.notEqual(rows[0], rows[1]);
    assert.match(rows[0], /\d{1,2}:\d{2}/);
    await context.close();
  });

  for (const width of [1100, 420]) {
    it(`200-character and hostile names stay inside a ${width}px panel, cut with an ellipsis and a tooltip`, async () => {
      const { page, context, errors } = await open(browser, { width });
      const names = [LONG, HOSTILE_LONG, 'Chloé', `${'x'.repeat(199)}y`, 'Eli'];
      const trend = baseTrend();
      trend.points[0].title = LONG;
      await send(page, { ...summaryMessage(), summary: boardSummary(names), trend });
      await page.locator('.block-notes').waitFor();
      assert.deepEqual(await overflowing(page, width), []);
      // The shares chart's names: cut, with the full name as a tooltip.
      const label = page.locator('.share-name', { hasText: 'WWWW' }).first();
      assert.equal(await label.getAttribute('title'), LONG);
      assert.equal(await label.evaluate((el) => getComputedStyle(el).textOverflow), 'ellipsis');
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
