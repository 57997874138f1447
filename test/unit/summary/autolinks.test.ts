// Issue 12, defect 11: "www.example.com" and "someone@example.com" in people's text became
// live links in VS Code's Markdown preview. The oracle is markdown-it with linkify on (the
// preview's renderer): the Markdown export of people's text may render no <a> at all, and
// the preview must still show the text as it was written.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { toMarkdown } from '../../../src/domain/export';
import { buildSummary } from '../../../src/domain/summary';
import type { Summary } from '../../../src/domain/summary/types';
import { retroEvents } from './events';

const preview = new MarkdownIt({ html: true, linkify: true });

/**
 * What a reader sees in the preview: tags dropped, entities decoded, spacing collapsed, and
 * the export's word joiners (U+2060, invisible; src/domain/export/escape.ts) left out.
 */
function shown(html: string): string {
  return html
    .replace(/\u2060/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A real summary whose people's text fields hold the given strings. */
function summaryWith(texts: readonly string[]): Summary {
  const s = buildSummary(retroEvents());
  const at = (i: number): string => texts[i % texts.length] ?? '';
  return {
    ...s,
    title: at(0),
    actions: texts.map((t, i) => ({ text: t, owner: at(i + 1), done: false })),
    checkouts: texts.map((t) => ({ member: s.members[0]?.name ?? 'x', text: t })),
    members: s.members.map((m, i) => ({ ...m, name: at(i) })),
    gatherNotes: texts.map((t) => ({ column: 'Went well', text: t, author: null, votes: 0 })),
  };
}

function links(markdown: string): string[] {
  return [...preview.render(markdown).matchAll(/<a\b[^>]*>/g)].map((m) => m[0]);
}

const PROBES = [
  'www.example.com',
  'someone@example.com',
  'see www.example.com/path?q=1 today',
  'mail j.doe@corp.io or WWW.EXAMPLE.ORG',
  'example.com',
  'a.b.co',
  'http://evil.example/x',
  'mailto:a@b.co',
  'ftp://files.example',
  '//cdn.example.net',
  'xn--80ak6aa92e.com',
  'Ünïcödé.de',
  'www.ex-ample.org.',
];

describe('Markdown export: no autolinks from people\'s text (issue 12, defect 11)', () => {
  it('bare web and e-mail addresses render as text in a linkify preview, in every field', () => {
    const md = toMarkdown(summaryWith(PROBES), { pseudonymise: false, namedTable: true });
    assert.deepEqual(links(md), []);
    const text = shown(preview.render(md));
    for (const p of PROBES) assert.ok(text.includes(p), `the preview shows ${p} as written`);
  });

  it('generated addresses never become links, and read the same in the preview (property)', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
    const tld = fc.constantFrom('com', 'org', 'io', 'de', 'co', 'net', 'dev', 'app');
    const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([ls, t]) => `${ls.join('.')}.${t}`);
    const address = fc.oneof(
      host,
      host.map((h) => `www.${h}`),
      fc.tuple(label, host).map(([u, h]) => `${u}@${h}`),
      fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'mailto'), host).map(([s, h]) => (s === 'mailto' ? `mailto:x@${h}` : `${s}://${h}/p`)),
    );
    const sentence = fc.tuple(fc.constantFrom('', 'see ', 'Mail ', '('), address, fc.constantFrom('', '.', ' now', ')', '!')).map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), (texts) => {
        const md = toMarkdown(summaryWith(texts), { pseudonymise: false, namedTable: true });
        assert.deepEqual(links(md), [], md);
        const text = shown(preview.render(md));
        for (const t of texts) assert.ok(text.includes(t.trim()), `${t} shown as written`);
      }),
      { numRuns: 150, seed: Number(process.env['FUZZ_SEED'] ?? 11) },
    );
  });
});
