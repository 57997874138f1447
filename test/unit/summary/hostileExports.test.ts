// Issue 12: the hostile-string corpus (test/fixtures/hostile) through every export format.
// Markdown is rendered the way VS Code's preview does (markdown-it with html and linkify
// on) and may produce no link, image or markup from people's text; every CSV cell is read
// back and none may start a formula; JSON carries every string exactly.
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { toCsv, toJson, toMarkdown } from '../../../src/domain/export';
import { buildSummary } from '../../../src/domain/summary';
import type { Summary, SummaryOptions, Trend } from '../../../src/domain/summary/types';
import { HOSTILE } from '../../fixtures/hostile';
import { retroEvents } from './events';

const TEXTS = HOSTILE.map((h) => h.text);
// The 100 KB strings go into one summary of their own (each export of them takes a while).
const SHORT = HOSTILE.filter((h) => h.category !== 'long').map((h) => h.text);
const LONG = HOSTILE.filter((h) => h.category === 'long').map((h) => h.text);
const NAMED: SummaryOptions = { pseudonymise: false, namedTable: true };
const OPTIONS: SummaryOptions[] = [NAMED, { pseudonymise: false, namedTable: false }, { pseudonymise: true, namedTable: true }];
const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];

/** VS Code's Markdown preview: markdown-it with raw HTML and bare-URL links on. */
const preview = new MarkdownIt({ html: true, linkify: true });

/**
 * A real summary (from a small retro's events) whose every people's-text field holds
 * corpus strings, starting at `offset`, several per field, so the corpus is covered in a
 * few summaries.
 */
function hostileSummary(offset: number, texts = SHORT): { summary: Summary; trend: Trend } {
  const s = buildSummary(retroEvents());
  const at = (k: number): string => texts[(offset + k) % texts.length] ?? '';
  const members = s.members.map((m, i) => ({ ...m, name: at(i) }));
  const n = members.length;
  const summary: Summary = {
    ...s,
    title: at(n),
    members,
    flags: members.map((m, i) => ({ kind: 'quiet', memberKey: m.key, text: at(n + 5 + i), offsetMs: 1000 * i, clearedOffsetMs: null })),
    actions: members.map((m, i) => ({ text: at(n * 2 + 5 + i), owner: m.name, due: at(n * 3 + 5 + i), done: i % 2 === 0 })),
    checkouts: members.map((m, i) => ({ member: m.name, text: at(n * 4 + 5 + i), roti: 1 + (i % 5) })),
    gatherNotes: members.map((m, i) => ({ column: at(n * 5 + 5 + i), text: at(n * 6 + 5 + i), author: m.name, votes: i })),
    topInsights: members.slice(0, 3).map((m, i) => ({ column: at(n * 7 + 5 + i), text: at(n * 7 + 8 + i), author: m.name, votes: 3 - i })),
    overrides: [{ offsetMs: 5000, from: 1, to: 2, answered: 1, present: 4, text: at(n * 8 + 5) }],
  };
  const trend: Trend = {
    points: [0, 1, 2].map((i) => ({ sessionId: `s-${i}`, title: at(n * 9 + i), createdAt: s.createdAt - (3 - i) * 86_400_000, gini: 0.3, evenness: 0.8, deepestReached: 2, reciprocatedLayers: 1 })),
    messages: [at(n * 9 + 3), at(n * 9 + 4)],
  } as Trend;
  return { summary, trend };
}

/**
 * Enough summaries that every corpus string lands in each field (names, text, owners, …)
 * of one of them. The 100 KB one is exported without pseudonyms: pseudonymising 100 KB
 * names takes seconds (names that long are cut to 80 characters when they are recorded).
 */
function summaries(): { summary: Summary; trend: Trend; options: SummaryOptions[] }[] {
  const out: { summary: Summary; trend: Trend; options: SummaryOptions[] }[] = [];
  for (let offset = 0; offset < SHORT.length; offset += 24) out.push({ ...hostileSummary(offset), options: OPTIONS });
  // Each 100 KB string once as a name, an action and a check-out (rendering one takes a while).
  const s = buildSummary(retroEvents());
  const long: Summary = {
    ...s,
    title: LONG[0] ?? '',
    members: s.members.map((m, i) => ({ ...m, name: LONG[i % LONG.length] ?? '' })).slice(0, LONG.length),
    actions: LONG.map((text) => ({ text, owner: null, done: false })),
    checkouts: LONG.map((text, i) => ({ member: `M${i}`, text })),
    flags: [],
  };
  out.push({ summary: long, trend: { points: [], messages: [] } as Trend, options: [NAMED] });
  return out;
}

function tags(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => (m[1] ?? '').toLowerCase()));
}

/** RFC 4180 reader (quotes, doubled quotes, CRLF), so every cell is checked as a spreadsheet sees it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
    i += 1;
  }
  assert.equal(quoted, false, 'the CSV ends inside a quoted cell');
  assert.equal(cell + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

describe('hostile text in every export format (issue 12)', function () {
  this.timeout(60_000);
  const all = summaries();
  // The same summary shape with plain words: the tags a hostile export may use.
  const benign = hostileSummary(0, ['plain words', 'Ana Ruiz', 'Ship it']);

  it('the corpus has at least 90 strings in every category the issue names', () => {
    assert.ok(HOSTILE.length >= 90, `${HOSTILE.length}`);
    const categories = new Set(HOSTILE.map((h) => h.category));
    for (const c of ['script', 'event-handler', 'javascript-url', 'svg-mathml', 'css', 'template', 'prototype', 'long', 'zero-width', 'bidi', 'control', 'surrogate', 'markdown', 'csv-formula']) {
      assert.ok(categories.has(c), c);
    }
    assert.ok(HOSTILE.filter((h) => h.category === 'long').every((h) => h.text.length >= 100 * 1024));
    for (const probe of ['\u202e', '\u200b', '\u0000', 'www.example.com', 'someone@example.com', '<http://', '](javascript:', '__proto__', 'constructor', 'toString', '${']) {
      assert.ok(TEXTS.some((t) => t.includes(probe)), probe);
    }
    assert.ok(TEXTS.some((t) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(t)), 'a lone high surrogate');
    for (const s of FORMULA_START) assert.ok(TEXTS.some((t) => t.startsWith(s)), JSON.stringify(s));
  });

  it('Markdown: no link, image or markup from people\'s text in the preview (markdown-it, html and linkify on)', () => {
    const allowed = new Set<string>();
    for (const options of OPTIONS) tags(preview.render(toMarkdown(benign.summary, options, benign.trend))).forEach((t) => allowed.add(t));
    const problems: string[] = [];
    for (const [i, { summary, trend, options: each }] of all.entries()) {
      for (const options of each) {
        const html = preview.render(toMarkdown(summary, options, trend));
        for (const t of tags(html)) if (!allowed.has(t) && t !== 'a') problems.push(`summary ${i} ${JSON.stringify(options)}: <${t}>`);
        // Bare www./e-mail autolinks are defect 11, proved in hostileAutolinks.test.ts.
        // Attributes of real tags only (people's "<" arrives as &lt;): table alignment is the export's own.
        for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
          const attrs = tag.replace(/^<\w+/, '').replace(/ style="text-align:(?:left|right|center)"/, '').trim().replace(/>$/, '');
          if (attrs && !/^href="(?:https?:\/\/|mailto:)[^"]*"$/.test(attrs)) problems.push(`summary ${i}: ${tag.slice(0, 80)}`);
        }
      }
    }
    assert.deepEqual([...new Set(problems)].slice(0, 20), []);
  });

  it('Markdown: every one-line string reads back as itself in the preview', () => {
    // Strings a Markdown preview shows unchanged once escaped: one line, no control or
    // invisible characters, not padded (an item is trimmed).
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    const plain = HOSTILE.filter((h) => h.text.length < 500 && !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/.test(h.text) && h.text === h.text.trim());
    assert.ok(plain.length >= 60, `${plain.length}`);
    const s = buildSummary(retroEvents());
    const actions = plain.map((h) => ({ text: h.text, owner: null, done: false }));
    const html = preview.render(toMarkdown({ ...s, actions }, NAMED));
    // The export's word joiners (U+2060, src/domain/export/escape.ts) are invisible: not part of what a reader sees.
    const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\u2060/g, '');
    const missing = plain.filter((h) => !text.includes(h.text)).map((h) => h.id);
    assert.deepEqual(missing, [], 'shown as typed');
  });

  it('CSV: no cell starts a formula, and each string reads back (behind the guard quote) exactly', () => {
    for (const [i, { summary, trend, options: each }] of all.entries()) {
      for (const options of each) {
        const rows = readCsv(toCsv(summary, options, trend));
        assert.ok(rows.every((r) => r.length === 4), `summary ${i}: 4 cells a row`);
        for (const r of rows) for (const c of r) assert.ok(!FORMULA_START.includes(c.charAt(0)), `summary ${i}: a cell starts a formula: ${JSON.stringify(c.slice(0, 40))}`);
        if (options.pseudonymise) continue;
        const cellsRead = rows.flatMap((r) => r);
        const values = new Set([...cellsRead, ...cellsRead.filter((c) => c.startsWith("'") && FORMULA_START.includes(c.charAt(1))).map((c) => c.slice(1))]);
        for (const a of summary.actions) assert.ok(values.has(a.text), `summary ${i}: action ${JSON.stringify(a.text.slice(0, 40))}`);
        for (const c of summary.checkouts) assert.ok(values.has(c.text), `summary ${i}: check-out ${JSON.stringify(c.text.slice(0, 40))}`);
        assert.ok(values.has(summary.title), `summary ${i}: title`);
      }
    }
  });

  it('JSON: every string round-trips exactly, and no key from people\'s text lands on a prototype', () => {
    for (const [i, { summary, trend }] of all.entries()) {
      const json = toJson(summary, NAMED, trend);
      const doc = JSON.parse(json) as Record<string, unknown> & { members: { name: string }[]; actions: { text: string; owner: string | null; due?: string }[] };
      assert.equal(doc['title'], summary.title, `summary ${i}: title`);
      assert.deepEqual(doc.members.map((m) => m.name), summary.members.map((m) => m.name), `summary ${i}: names`);
      assert.deepEqual(doc.actions, summary.actions, `summary ${i}: actions`);
      assert.deepEqual(doc['checkouts'], summary.checkouts, `summary ${i}: check-outs`);
      assert.deepEqual(doc['flags'], summary.flags, `summary ${i}: flags`);
      assert.deepEqual(doc['trend'], trend, `summary ${i}: trend`);
      assert.equal(Object.getPrototypeOf(doc), Object.prototype);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      // Lone surrogates survive as \u escapes, so the file is valid UTF-8 and still exact.
      assert.ok(!/[\ud800-\udfff]/.test(json.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), `summary ${i}: a raw lone surrogate in the file`);
    }
  });

  it('exports of a retro whose events carry the corpus (names, title, answers) keep it text', () => {
    // Through the real pipeline: session events -> buildSummary -> every format.
    const events = retroEvents();
    const created = events[0];
    assert.ok(created?.type === 'session.created');
    const extra = HOSTILE.slice(0, 60).map((h, k) => ({ id: `h${k}`, at: created.at + 1 + k, actor: 'facilitator', type: 'member.added' as const, memberId: `hm${k}`, name: h.text.slice(0, 80), joinedLate: false }));
    const s = buildSummary([{ ...created, title: TEXTS[3] ?? '' }, ...extra, ...events.slice(1)]);
    const md = toMarkdown(s, NAMED);
    const html = preview.render(md);
    assert.ok(!/<(?:img|script|svg|math|iframe|style)\b/i.test(html));
    for (const options of OPTIONS) for (const r of readCsv(toCsv(s, options))) for (const c of r) assert.ok(!FORMULA_START.includes(c.charAt(0)), JSON.stringify(c));
    const doc = JSON.parse(toJson(s, NAMED)) as { members: { name: string }[] };
    assert.deepEqual(doc.members.map((m) => m.name), s.members.map((m) => m.name));
  });
});
