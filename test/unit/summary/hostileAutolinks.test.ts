// Issue 12, defect 11: bare addresses in people's text (www.example.com, someone@example.com,
// https://…) must not become live links in VS Code's Markdown preview (markdown-it with
// linkify on). Every corpus string that a preview would turn into a link, in each field.
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { toMarkdown } from '../../../src/domain/export';
import { buildSummary } from '../../../src/domain/summary';
import type { SummaryOptions } from '../../../src/domain/summary/types';
import { HOSTILE } from '../../fixtures/hostile';
import { retroEvents } from './events';

const preview = new MarkdownIt({ html: true, linkify: true });
const NAMED: SummaryOptions = { pseudonymise: false, namedTable: true };

describe('no live link from people\'s text in the Markdown export (issue 12, defect 11)', () => {
  // The corpus strings markdown-it alone would link (so the test checks the escaping, not the corpus).
  const linky = HOSTILE.filter((h) => h.text.length < 500 && /<a /.test(preview.render(h.text)));

  it('the corpus has www., e-mail, <…> and URL strings a preview links', () => {
    const ids = linky.map((h) => h.text);
    for (const probe of ['www.example.com', 'someone@example.com', '<http://evil.example/autolink>', 'https://evil.example/bare?x=1&y=2']) assert.ok(ids.includes(probe), probe);
  });

  for (const field of ['action', 'check-out', 'note', 'member name', 'title'] as const) {
    it(`${field}: no <a> in the preview`, () => {
      const s = buildSummary(retroEvents());
      const texts = linky.map((h) => h.text);
      const summary = {
        ...s,
        title: field === 'title' ? texts.join(' ') : s.title,
        members: field === 'member name' ? s.members.map((m, i) => ({ ...m, name: texts[i % texts.length] ?? '' })) : s.members,
        actions: field === 'action' ? texts.map((text) => ({ text, owner: null, done: false })) : s.actions,
        checkouts: field === 'check-out' ? texts.map((text) => ({ member: 'Sam Lee', text })) : s.checkouts,
        gatherNotes: field === 'note' ? texts.map((text) => ({ column: 'Glad', text, author: null, votes: 0 })) : s.gatherNotes,
      };
      const html = preview.render(toMarkdown(summary, NAMED));
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(links, []);
    });
  }
});
