// Issue 12, found by the code-server e2e (test/e2e/hostile.e2e.mjs): VS Code's own Markdown
// preview turned "https://…" and e-mail addresses in people's text into live links although
// the export backslash-escapes them. Its renderer is markdown-it 12 (code-server 4.100 ships
// 12.x, with linkify on and fuzzy links off): there an escaped character is joined back into
// the text around it before linkify looks, so "evil\.example" reads as "evil.example".
// markdown-it 14 keeps escapes apart until after linkify, which is why the other export tests
// did not see it. This preview joins them first, as 12 does.
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { toMarkdown } from '../../../src/domain/export';
import { buildSummary } from '../../../src/domain/summary';
import type { SummaryOptions } from '../../../src/domain/summary/types';
import { HOSTILE } from '../../fixtures/hostile';
import { retroEvents } from './events';

/** markdown-it 12's order: escaped characters and entities are plain text before linkify runs. */
function joinEscapesFirst(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: typeof block.children = [];
    for (const t of block.children) {
      if (t.type === 'text_special') t.type = 'text';
      const last = out.at(-1);
      if (t.type === 'text' && last?.type === 'text') last.content += t.content;
      else out.push(t);
    }
    block.children = out;
  }
}

const vscodePreview = new MarkdownIt({ html: true, linkify: true });
vscodePreview.linkify.set({ fuzzyLink: false });
vscodePreview.core.ruler.before('linkify', 'join_escapes_like_12', joinEscapesFirst);

const NAMED: SummaryOptions = { pseudonymise: false, namedTable: true };
const PROBES = [
  'https://evil.example/track',
  '[click](https://evil.example/track)',
  '![img](https://evil.example/pixel.png)',
  'http://evil.example/x and ftp://files.example',
  '//cdn.example.net/lib.js',
  'someone@example.com',
  'mailto:a@b.co',
  ...HOSTILE.filter((h) => h.text.length < 500 && /https?:|ftp:|\/\/|@/.test(h.text)).map((h) => h.text),
];

describe("VS Code's Markdown preview shows no live link from people's text (issue 12)", () => {
  it('the emulated preview links a bare URL and an e-mail address (so the test can fail)', () => {
    assert.match(vscodePreview.render('see https://evil.example/track'), /<a href="https:\/\/evil\.example\/track"/);
    assert.match(vscodePreview.render('mail someone@example.com'), /<a href="mailto:someone@example\.com"/);
    assert.match(vscodePreview.render('see https://evil\\.example/track'), /<a href=/, 'an escaped dot does not stop it');
  });

  for (const field of ['title', 'member name', 'action', 'due date', 'check-out', 'note', 'insight', 'override'] as const) {
    it(`${field}: no <a> in the preview`, () => {
      const s = buildSummary(retroEvents());
      const at = (i: number): string => PROBES[i % PROBES.length] ?? '';
      const summary = {
        ...s,
        title: field === 'title' ? PROBES.join(' ') : s.title,
        members: field === 'member name' ? s.members.map((m, i) => ({ ...m, name: at(i) })) : s.members,
        actions: field === 'action' || field === 'due date'
          ? PROBES.map((text) => (field === 'action' ? { text, owner: null, done: false } : { text: 'x', owner: null, due: text.slice(0, 100), done: false }))
          : s.actions,
        checkouts: field === 'check-out' ? PROBES.map((text) => ({ member: 'Sam Lee', text })) : s.checkouts,
        gatherNotes: field === 'note' ? PROBES.map((text) => ({ column: 'Glad', text, author: text, votes: 0 })) : s.gatherNotes,
        topInsights: field === 'insight' ? PROBES.map((text) => ({ column: text.slice(0, 200), text, author: null, votes: 1 })) : s.topInsights,
        overrides: field === 'override' ? PROBES.map((text) => ({ offsetMs: 0, from: 1, to: 2, answered: 1, present: 3, text })) : s.overrides,
      };
      const html = vscodePreview.render(toMarkdown(summary, NAMED));
      assert.deepEqual([...html.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]), []);
    });
  }
});
