import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { csvCell, mdInline, toCsv, toJson, toMarkdown } from '../../../src/domain/export';
import { mdInlineGeneral } from '../../../src/domain/export/escape';
import { buildSummary, buildTrend } from '../../../src/domain/summary';
import type { Summary, SummaryOptions } from '../../../src/domain/summary/types';
import { transcriptSession } from '../../../src/domain/transcript/load';
import { NAMES, retroEvents } from './events';

import MarkdownIt from 'markdown-it';

// markdown-it is what VS Code's preview renders with.
function markdownIt(): MarkdownIt {
  return new MarkdownIt();
}

const NAMED: SummaryOptions = { pseudonymise: false, namedTable: true };
const SHARES_ONLY: SummaryOptions = { pseudonymise: false, namedTable: false };
const PSEUDO: SummaryOptions = { pseudonymise: true, namedTable: true };

/** A summary with names even the reducer would clean: newlines and tabs inside. */
function hostileSummary(): Summary {
  const s = buildSummary(retroEvents());
  const members = s.members.map((m, i) => (i === 0 ? { ...m, name: 'New\nLine | Name\r\n# not a heading' } : m));
  return { ...s, members, title: 'Retro `one` | <b>two</b>\n- three' };
}

/** Splits a Markdown table row on pipes that are not backslash-escaped. */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i += 1) {
    if (row[i] !== '|') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && row[j] === '\\'; j -= 1) slashes += 1;
    if (slashes % 2 === 0) n += 1;
  }
  return n - 1;
}

/** RFC 4180 reader, to prove the writer's output parses back cell for cell. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
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
  }
  return rows;
}

describe('Markdown export', () => {
  it('escapes inline syntax with markdown-escape, plus pipes, tildes, backslashes, line breaks', () => {
    assert.equal(mdInline('*a* _b_ `c` [d](e) <f> # g'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) &lt;f&gt; \\# g');
    assert.equal(mdInline('a | b ~~c~~ d\\*'), 'a \\| b \\~\\~c\\~\\~ d\\\\\\*');
    assert.equal(mdInline('one\ntwo\r\nthree'), 'one two three');
    assert.equal(mdInline('&lt;not an entity'), '&amp;lt;not an entity');
    assert.equal(mdInline('- item'), '\\- item');
    assert.equal(mdInline('12. ordered'), '12\\. ordered');
  });

  it('the shortcut for inert text gives what the full escaping gives (issue 12)', () => {
    // Mostly letters, digits and spaces, with every character some step acts on mixed in.
    const char = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('a', 'Z', '0', '9', ' ', ',', "'", 'é', '王') },
      { weight: 2, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constantFrom('\t', '\n', '\r', '\u0085', '\u00A0', '\u2028', '\u2029', '\u3000', '\uFEFF', '//', '1.', '2)', '@x.y') },
    );
    const text = fc.array(char, { maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, (t) => mdInline(t) === mdInlineGeneral(t)), { numRuns: 5000 });
    // The edges of the shortcut, each decided by the full escaping where it must be.
    for (const t of ['', ' ', 'a ', ' a', '\u00A0a', 'a\uFEFF', '-a', '+a', '=a', 'a-b', '12. x', '12 x', 'a.b', 'Person 9']) {
      assert.equal(mdInline(t), mdInlineGeneral(t), JSON.stringify(t));
    }
    assert.equal(mdInline('Person 12'), 'Person 12');
    assert.equal(mdInline(' Person 12'), 'Person 12');
  });

  it('keeps every table row intact with hostile names', () => {
    const md = toMarkdown(hostileSummary(), NAMED);
    const lines = md.split('\n');
    let header = -1;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = -1;
        continue;
      }
      if (header < 0) header = cells(line);
      else assert.equal(cells(line), header, `row breaks its table: ${line}`);
    }
    assert.ok(!md.includes('<script'), 'raw HTML never reaches the Markdown');
    assert.ok(!md.includes('](javascript:'), 'a name never becomes a link');
  });

  it('renders safely in markdown-it (what VS Code previews with)', () => {
    const md = markdownIt();
    assert.ok(md, 'markdown-it is a devDependency and must load');
    const html = md.render(toMarkdown(hostileSummary(), NAMED, buildTrend([buildSummary(retroEvents())])));
    assert.ok(!/<script/i.test(html));
    assert.ok(!/<b>two/i.test(html));
    assert.ok(!/href="javascript:/i.test(html));
    assert.ok(!/<h1>not a heading/i.test(html) && !/<h1># not/i.test(html));
    assert.equal((html.match(/<h1>/g) ?? []).length, 1, 'only the title is a top-level heading');
    const namedTable = html.split('<h2>').find((section) => section.startsWith('Per person')) ?? '';
    assert.equal((namedTable.match(/<tr>/g) ?? []).length, 7, 'header + one row per member');
  });

  it('shows only shares without the named table, and the counts with it', () => {
    const shares = toMarkdown(buildSummary(retroEvents()), SHARES_ONLY);
    assert.ok(!shares.includes('Per person'));
    assert.ok(!shares.includes('| Turns |'));
    const named = toMarkdown(buildSummary(retroEvents()), NAMED);
    assert.ok(named.includes('## Per person (named)'));
    assert.match(named, /\| Sam Lee \| yes \| 9 \| \d+ \| \d+ \| 0 \| 2 \| 60% \|/);
  });

  it('includes flags, passes, actions, check-outs and trends', () => {
    const md = toMarkdown(buildSummary(retroEvents()), SHARES_ONLY, buildTrend([buildSummary(retroEvents())]));
    assert.match(md, /## Flags and nudges\n\n- At 9 min 30 s: /);
    assert.match(md, /2 passes in total: 1 at layer 1 \(Orientation\), 1 at layer 2 \(Exploratory\)/);
    assert.match(md, /- \[ \] Sam Lee pairs with Ana \\\*Ruiz\\\* on the flaky tests \(owner: Sam Lee\)/);
    assert.match(md, /- \*\*Bo \\`Tick\\`\*\*: \\- a list\? \\# a heading\? \(return on time 3 of 5\)/);
    assert.match(md, /## Trends across retros/);
  });
});

describe('CSV export', () => {
  it('defuses formula injection and quotes per RFC 4180', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(0.333333333), '0.3333');
    assert.equal(csvCell(null), '');
  });

  it('parses back into four columns on every row', () => {
    const csv = toCsv(hostileSummary(), NAMED);
    assert.ok(csv.endsWith('\r\n'));
    const rows = readCsv(csv);
    assert.deepEqual(rows[0], ['section', 'item', 'field', 'value']);
    for (const r of rows) assert.equal(r.length, 4, JSON.stringify(r));
    const action = rows.find((r) => r[0] === 'action' && r[2] === 'text' && r[3]?.includes('HYPERLINK'));
    assert.equal(action?.[3], `'=HYPERLINK("http://evil")`);
    assert.ok(rows.some((r) => r[0] === 'member' && r[1] === 'New\nLine | Name\r\n# not a heading'));
    for (const r of rows) for (const c of r) assert.ok(!/^[=+\-@\t\r]/.test(c), `live formula: ${c}`);
  });

  it('omits per-person counts without the named table', () => {
    const rows = readCsv(toCsv(buildSummary(retroEvents()), SHARES_ONLY));
    const fields = new Set(rows.filter((r) => r[0] === 'member').map((r) => r[2]));
    assert.deepEqual([...fields].sort(), ['present', 'share']);
  });
});

describe('JSON export', () => {
  it('is versioned and holds only what the view shows', () => {
    const doc = JSON.parse(toJson(buildSummary(retroEvents()), SHARES_ONLY)) as Record<string, unknown>;
    assert.equal(doc['format'], 'reciprocity-summary-export');
    assert.equal(doc['v'], 1);
    assert.deepEqual(doc['options'], { pseudonymised: false, namedTable: false });
    const members = doc['members'] as Record<string, unknown>[];
    assert.deepEqual(Object.keys(members[0] ?? {}).sort(), ['key', 'name', 'present', 'share']);
  });

  it('adds the per-person counts with the named table', () => {
    const doc = JSON.parse(toJson(buildSummary(retroEvents()), NAMED)) as { members: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(doc.members[0] ?? {}).sort(), ['deepest', 'joinedLate', 'key', 'name', 'passes', 'present', 'seconds', 'share', 'turns', 'words']);
  });
});

describe('pseudonymised exports', () => {
  // Every real name, and each distinctive part of one, as a whole word.
  const PARTS = [...Object.values(NAMES), 'Sam', 'Lee', 'Ana', 'Ruiz', 'Pat', 'Pipe', 'Bo', 'Tick', 'script', 'javascript'];
  const leaks = (text: string): string[] =>
    PARTS.filter((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text));

  for (const [format, render] of [
    ['Markdown', toMarkdown],
    ['JSON', toJson],
    ['CSV', toCsv],
  ] as const) {
    it(`${format} contains no real name anywhere, even inside action and check-out text`, () => {
      const summary = buildSummary(retroEvents());
      const trend = buildTrend([summary, { ...summary, createdAt: summary.createdAt + 1 }]);
      const out = render(summary, PSEUDO, trend);
      assert.deepEqual(leaks(out), []);
      assert.ok(out.includes('Member A'));
    });
  }

  it('the scan does find names in a named export (the test can fail)', () => {
    assert.ok(leaks(toMarkdown(buildSummary(retroEvents()), NAMED)).length > 5);
  });
});

describe('exports of a meeting transcript', () => {
  it('leave out depth layers, passes and trends, as the view does', () => {
    const t = transcriptSession('Ada: We shipped it.\nGrace: Good, the tests were green.\nAda: Next we fix the pager.\n', 'standup.txt', 0);
    assert.ok(t.ok);
    const summary = buildSummary(t.events, { unattributed: t.unattributed });
    assert.equal(summary.source, 'transcript');
    const md = toMarkdown(summary, NAMED);
    assert.doesNotMatch(md, /## Depth per layer|Deepest layer reached|^## Passes|^\| Passes \|/m);
    assert.match(md, /Gini/);
    assert.match(md, /Ada/);
  });
});

describe('exports of a summary whose start time no date can hold', () => {
  // A transcript or an older file can carry such a time; the session schema refuses it, the
  // exports must not throw on it either (Date#toISOString throws RangeError).
  const summary = (): Summary => ({ ...buildSummary(retroEvents()), createdAt: 8.64e15 + 1 });
  it('JSON gives createdAt null, CSV an empty cell, Markdown "unknown date"', () => {
    const doc = JSON.parse(toJson(summary(), SHARES_ONLY)) as { createdAt: unknown };
    assert.equal(doc.createdAt, null);
    assert.match(toCsv(summary(), SHARES_ONLY), /\r\nsummary,,createdAt,\r\n/);
    assert.match(toMarkdown(summary(), SHARES_ONLY), /unknown date/);
    const fine = JSON.parse(toJson(buildSummary(retroEvents()), SHARES_ONLY)) as { createdAt: unknown };
    assert.match(String(fine.createdAt), /^\d{4}-\d\d-\d\dT/);
  });
});

describe('Markdown Lorenz table of a large team', () => {
  const lorenzSection = (md: string): string => {
    const start = md.indexOf('## Lorenz curve');
    const end = md.indexOf('\n## ', start + 1);
    return md.slice(start, end < 0 ? undefined : end);
  };
  // 40 members, speaking 1..40 times: the curve has 41 points; the table keeps 11 of them.
  const events = (): ReturnType<typeof retroEvents> => {
    const base = retroEvents();
    const created = base[0]!;
    const out: ReturnType<typeof retroEvents> = [created];
    let k = 0;
    const at = (): number => created.at + 1000 * ++k;
    for (let i = 0; i < 40; i++) out.push({ id: `m-add-${i}`, at: at(), actor: created.actor, type: 'member.added', memberId: `big${i}`, name: `Big ${i}`, joinedLate: false } as (typeof out)[number]);
    return out;
  };
  it('keeps one row per tenth of the team, each a point of the curve, from 0% to 100%', () => {
    const summary = buildSummary(events());
    assert.ok(summary.lorenz.length > 11, `the fixture has a long curve (${summary.lorenz.length} points)`);
    const md = toMarkdown(summary, SHARES_ONLY);
    const section = lorenzSection(md);
    const table = section.split('\n').filter((l) => /^\| \d/.test(l));
    assert.equal(table.length, 11);
    assert.match(section, /One row per tenth of the team/);
    const first = table[0]!.split('|').map((c) => c.trim());
    const last = table[10]!.split('|').map((c) => c.trim());
    assert.deepEqual([first[1], first[2]], ['0%', '0%']);
    assert.deepEqual([last[1], last[2]], ['100%', '100%']);
    const pct = (r: number): string => `${Math.round(r * 100)}%`;
    for (const row of table) {
      const [, x, y] = row.split('|').map((c) => c.trim());
      assert.ok(summary.lorenz.some((p) => pct(p.x) === x && pct(p.y) === y), `${row} is a point of the curve`);
    }
    // The JSON keeps every point.
    const doc = JSON.parse(toJson(summary, SHARES_ONLY)) as { lorenz: unknown[] };
    assert.equal(doc.lorenz.length, summary.lorenz.length);
  });
  it('a small team keeps every point', () => {
    const summary = buildSummary(retroEvents());
    const md = toMarkdown(summary, SHARES_ONLY);
    const table = lorenzSection(md).split('\n').filter((l) => /^\| \d/.test(l));
    assert.equal(table.length, summary.lorenz.length);
    assert.doesNotMatch(md, /One row per tenth/);
  });
});
