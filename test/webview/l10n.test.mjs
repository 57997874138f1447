// Issue 12 (l10n): both panels take every string they show from the host's translations. Each
// panel is rendered with a pseudo-locale made from l10n/bundle.l10n.json, where every message is
// wrapped as ⟦…⟧, and every visible text node and accessible name (aria-label, title, label,
// aria-valuetext) must then be either wrapped or people's text from the snapshot. A string a
// view writes in English without l10n.t shows up as an unwrapped word and fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { facilitatorTeamView, memberTeamView, retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';
import { baseSummary, baseTrend, summaryMessage, transcriptSummary } from './summary/fixtures.mjs';
import { buildBundle, launch, open, send } from './summary/harness.mjs';

const english = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
/**
 * The pseudo-locale: the same messages, each wrapped, placeholders kept and marked ‹…›, so
 * what a view fills in is checked too (English passed as a value is as unwrapped as any).
 */
const PSEUDO = Object.fromEntries(
  Object.entries(english).map(([k, v]) => [k, `⟦${(typeof v === 'string' ? v : v.message).replace(/\{(\d+)\}/g, '‹{$1}›')}⟧`]),
);

/**
 * People's text and other data in a snapshot: every string value, except the fields the panel
 * must word itself (`skip` says which, by key and by path).
 */
function dataStrings(value, skip, at = '') {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => dataStrings(v, skip, `${at}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (skip(k, `${at}.${k}`) ? [] : dataStrings(v, skip, `${at}.${k}`)));
  }
  return [];
}

/** What the page shows and names, read from the light DOM: text nodes and accessible names. */
function shownTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (!n.parentElement?.closest('script, style')) out.push(n.data);
        continue;
      }
      for (const a of ['aria-label', 'title', 'placeholder', 'aria-valuetext', 'alt']) {
        const v = n.getAttribute(a);
        if (v) out.push(v);
      }
      // vscode-elements draw their label in the shadow DOM from a property.
      if (n.localName.startsWith('vscode-') && typeof n.label === 'string' && n.label) out.push(n.label);
    }
    return out;
  });
}

/** The words left once the wrapped messages and the data are taken out: should be none. */
function unwrapped(texts, data) {
  const known = [...new Set(data)].sort((a, b) => b.length - a.length);
  const found = new Set();
  const all = [...texts];
  for (let i = 0; i < all.length; i++) {
    const text = all[i];
    let s = text;
    // A filled-in value is checked on its own (data, or wrapped), innermost first.
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/‹([^‹›]*)›/g, (_, value) => {
        all.push(value);
        return ' ';
      });
    }
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const d of known) s = s.split(d).join(' ');
    // Two letters or more in a row, in any script: a word someone would have to translate.
    for (const m of s.matchAll(/\p{L}{2,}/gu)) found.add(`${m[0]} (in "${text.slice(0, 80)}")`);
  }
  return [...found];
}

describe('l10n: every string in the panels comes from the host (pseudo-locale)', function () {
  this.timeout(60_000);

  describe('retro panel', function () {
    const suite = panelSuite();
    // The kinds, phases and the gate's English reason are data the panel words itself.
    // An override's `text` is the domain's English; the panel words it from the numbers.
    const skip = (k, at) => ['kind', 'phase', 'status', 'role', 'flag', 'reason', 'sessionId'].includes(k) || at.startsWith('.nudges') || at === '.overrides[].text';

    /**
     * The unwrapped words of the panel showing `snapshot`. Without `act` the views are shown in
     * turn in one panel (suite.show); a test that acts on the panel gets one of its own.
     */
    async function check(snapshot, act) {
      const panel = act ? await suite.open({ snapshot, l10n: PSEUDO }) : await suite.show({ snapshot, l10n: PSEUDO });
      await panel.page.locator('#retro-title').waitFor();
      if (act) await act(panel.page);
      // Deferred rows and the live region settle within a couple of frames.
      await panel.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return unwrapped(await shownTexts(panel.page), dataStrings(snapshot, skip));
    }

    it('shows the pseudo-locale (the bundle reaches the page) and English without it', async function () {
      const panel = await suite.open({ snapshot: retroView(), l10n: PSEUDO });
      await panel.page.getByRole('button', { name: '⟦Record⟧' }).waitFor();
      // The detector is not blind: the same panel in English is full of unwrapped words.
      const plain = await suite.open({ snapshot: retroView() });
      await plain.page.getByRole('button', { name: 'Record' }).waitFor();
      const english = unwrapped(await shownTexts(plain.page), dataStrings(retroView(), skip));
      assert.ok(english.some((w) => w.startsWith('Record ')), english.join('\n'));
      assert.ok(english.some((w) => w.startsWith('Evenness ')), 'the balance section is checked');
      assert.ok(english.some((w) => w.startsWith('Invite ')), 'the nudge text is checked');
    });

    const facilitator = [
      ['check-in, with a nudge, flags and a running turn', retroView()],
      ['check-in, read-only and nobody present', retroView({ readOnly: true, gate: { open: false, reciprocated: 0, present: 0, reason: 'No one is here yet' }, members: retroView().members.map((m) => ({ ...m, present: false })) })],
      ['check-in, after an override', retroView({ depth: 2, overrides: [{ to: 2, from: 1, answered: 2, present: 5, text: 'Going deeper now, with 2 of 5 answered' }] })],
      ['gather', retroView({ phase: 'gather' })],
      ['insights', retroView({ phase: 'insights' })],
      ['decide', retroView({ phase: 'decide' })],
      ['close', retroView({ phase: 'close', checkouts: [{ memberId: 'm-sam', text: 'Good one', roti: 4 }] })],
      ['ended', retroView({ phase: 'ended', ended: true })],
      ['team mode, hosting, anonymous notes', facilitatorTeamView({ phase: 'gather', anonymous: true })],
      ['team mode, offline with requests waiting', facilitatorTeamView({ phase: 'insights', team: { ...facilitatorTeamView().team, status: 'offline', waiting: [{ kind: 'Note', text: 'Flaky CI' }, { kind: 'Vote', text: '' }] } })],
    ];
    for (const [name, snapshot] of facilitator) {
      it(`facilitator, ${name}: no unwrapped words`, async function () {
        assert.deepEqual(await check(snapshot), []);
      });
    }

    for (const phase of ['check-in', 'gather', 'insights', 'decide', 'close', 'ended']) {
      it(`member's own panel, ${phase}: no unwrapped words`, async function () {
        const team = { ...memberTeamView().team, waiting: [{ kind: 'Answer', text: 'Calm' }, { kind: 'Check-out', text: 'Thanks' }] };
        assert.deepEqual(await check(memberTeamView({ phase, team })), []);
      });
    }

    it('after a removal (Undo row and its announcement): no unwrapped words', async function () {
      const words = await check(retroView(), async (page) => {
        await page.getByRole('button', { name: '⟦Remove contribution by ‹Sam›⟧' }).first().click();
        await page.locator('#undo-remove').waitFor();
      });
      assert.deepEqual(words, []);
    });
  });

  describe('summary panel', function () {
    let browser;
    let context;
    let page;
    // The flag and override sentences and the trend observations are the domain's English, for
    // the exports and the CLI (`text`, `messages`); the panel words them itself from the kind,
    // the member and the numbers, so they are not data here: English there fails the test.
    // A transcript's format is the domain's English too (`transcriptFormat`); the panel words it from its id.
    const WORDED = ['.summary.flags[].text', '.summary.overrides[].text', '.trend.messages', '.summary.transcriptFormat'];
    const skip = (k, at) => ['kind', 'source', 'driver', 'sessionId', 'key', 'v', 'measure', 'direction'].includes(k) || at.endsWith('.layers[].name') || WORDED.includes(at);
    /** Overrides with and without the gate's count, and the domain's own flag sentences. */
    const withOverrides = (s) => ({
      ...s,
      overrides: [
        { offsetMs: 600_000, from: 1, to: 2, answered: 2, present: 5, text: 'Going deeper now, with 2 of 5 answered' },
        { offsetMs: 900_000, from: 2, to: 3, answered: null, present: null, text: 'Going deeper (layer 2 to 3)' },
      ],
    });
    /** A trend with each kind of observation the domain makes about retros. */
    const retroTrend = () => ({
      ...baseTrend(),
      messages: ['Depth fell since the last retro (layer 4 → 3).', 'Balance improved three retros running (Gini 0.48 → 0.36).'],
      notes: [
        { kind: 'streak', measure: 'depth', direction: 'down', steps: 1, from: 4, to: 3 },
        { kind: 'streak', measure: 'gini', direction: 'up', steps: 3, from: 0.48, to: 0.36 },
        { kind: 'streak', measure: 'reciprocated', direction: 'up', steps: 2, from: 1, to: 3 },
        { kind: 'steady' },
        { kind: 'first-retro' },
      ],
    });
    /** A meeting series: evenness and who has been quiet. */
    const seriesTrend = () => ({
      ...baseTrend(),
      messages: ['Evenness rose from 0.70 to 0.82 over 4 meetings.', 'Eli Cohen has been quiet in the last 3 meetings.'],
      notes: [
        { kind: 'evenness', from: 0.7, to: 0.82, meetings: 4 },
        { kind: 'quiet', name: 'Eli Cohen', meetings: 3 },
        { kind: 'quiet-count', people: 2 },
        { kind: 'first-meeting' },
      ],
    });

    before(async () => {
      await buildBundle();
      browser = await launch();
    });
    afterEach(async () => context?.close());

    /** Dates are formatted by the browser for its locale, not written by the panel. */
    function dates(summary, trend) {
      return page.evaluate(
        (times) =>
          times.flatMap((ms) => [
            new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
            new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
          ]),
        [summary.createdAt, ...(trend?.points ?? []).map((p) => p.createdAt)],
      );
    }

    /** The unwrapped words of a summary panel showing `summary`; `again`: in the page already open. */
    async function check(summary, options, trend, { again = false } = {}) {
      if (!again) ({ page, context } = await open(browser, { l10n: PSEUDO }));
      await send(page, summaryMessage(summary, options, trend));
      await page.locator('#summary[aria-busy="false"]').waitFor();
      return unwrapped(await shownTexts(page), [...dataStrings({ summary, trend }, skip), ...(await dates(summary, trend))]);
    }

    it('shows the pseudo-locale', async function () {
      ({ page, context } = await open(browser, { l10n: PSEUDO }));
      await page.getByRole('heading', { name: '⟦Participation summary⟧' }).waitFor();
    });

    it('a retro, with the named table, every chart and data table and the trend: no unwrapped words', async function () {
      assert.deepEqual(await check(withOverrides(baseSummary()), { pseudonymise: false, namedTable: true }, retroTrend()), []);
    });

    it('a transcript, pseudonymised, with the named table: no unwrapped words', async function () {
      const s = { ...transcriptSummary(), pseudonymised: true };
      assert.deepEqual(await check(s, { pseudonymise: true, namedTable: true }, null), []);
    });

    it("a transcript with its format named (the summary's header): no unwrapped words", async function () {
      const formats = {
        'teams-vtt': 'Microsoft Teams WebVTT',
        'zoom-vtt': 'Zoom recording WebVTT',
        webvtt: 'WebVTT',
        'zoom-chat': 'Zoom chat export',
        'zoom-captions': 'Zoom saved captions',
        'google-meet': 'Google Meet transcript',
        otter: 'Otter.ai transcript',
        plain: 'plain "Name: text" log',
      };
      // One page: each summary replaces the last, as the host's next summary does.
      let header = null;
      for (const [transcriptFormatId, transcriptFormat] of Object.entries(formats)) {
        const s = { ...transcriptSummary(), transcriptFormat, transcriptFormatId };
        assert.deepEqual(await check(s, { pseudonymise: false, namedTable: false }, null, { again: header !== null }), [], transcriptFormatId);
        const shown = await page.textContent('.meta-source');
        assert.notEqual(shown, header, `${transcriptFormatId}: the header names this transcript's format`);
        header = shown;
      }
    });

    it('a transcript with the trend across meetings: no unwrapped words', async function () {
      assert.deepEqual(await check(transcriptSummary(), { pseudonymise: false, namedTable: false }, seriesTrend()), []);
    });

    it('the data tables shown and the options changed (status line): no unwrapped words', async function () {
      const summary = baseSummary();
      const words = await check(summary, { pseudonymise: false, namedTable: false }, retroTrend());
      assert.deepEqual(words, []);
      for (const b of await page.locator('button.show-data').all()) await b.click();
      await page.locator('#opt-named-table').check();
      await send(page, summaryMessage(summary, { pseudonymise: false, namedTable: true }, retroTrend()));
      await page.locator('#status').filter({ hasText: '⟦' }).waitFor();
      const again = unwrapped(await shownTexts(page), [...dataStrings({ summary, trend: retroTrend() }, skip), ...(await dates(summary, retroTrend()))]);
      assert.deepEqual(again, []);
    });
  });
});
