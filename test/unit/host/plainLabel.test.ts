// Issue 12: people's text is rendered as text. A status bar item or quick pick that quotes a
// name, a retro's title or a deck's name must show no codicon for "$(name)" in it.
// The oracle is VS Code's own label renderer (renderLabelWithIcons, as code-server 4.100's
// workbench ships it): the pattern and the loop below, with a marker in place of the icon span.
import { strict as assert } from 'node:assert';
import { plainLabel } from '../../../src/host/plainLabel';
import { HOSTILE } from '../../fixtures/hostile';

const LABEL_WITH_ICONS = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
interface Shown { text: string; icons: string[] }
function render(label: string): Shown {
  const icons: string[] = [];
  let text = '';
  let last = 0;
  for (const m of label.matchAll(LABEL_WITH_ICONS)) {
    text += label.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    if (m[1]) text += `$(${m[2]})`;
    else icons.push(m[2] ?? '');
  }
  return { text: text + label.slice(last), icons };
}

describe('status bar and quick pick labels quote people\'s text without icons (issue 12)', () => {
  const probes = [
    '$(alert) Eve',
    'Sprint $(sync~spin) review $(x)',
    '\\$(alert) typed with a backslash',
    '\\\\$(alert) two backslashes',
    '$(not an icon) $() $(a_b) $$(bug))',
    ...HOSTILE.filter((h) => h.text.length < 2000).map((h) => h.text),
  ];

  it('VS Code shows icons for the raw probes, and eats a typed backslash (so the test can fail)', () => {
    assert.deepEqual(render(probes[0] ?? '').icons, ['alert']);
    assert.deepEqual(render(probes[1] ?? '').icons, ['sync~spin', 'x']);
    assert.equal(render(probes[2] ?? '').text, '$(alert) typed with a backslash');
  });

  it('each probe shows no icon and reads exactly as typed', () => {
    for (const p of probes) {
      const shown = render(plainLabel(p));
      assert.deepEqual(shown.icons, [], p);
      assert.equal(shown.text, p, p);
    }
  });

  it('text without icon syntax is left as it is', () => {
    for (const p of ['Ada', 'Retro 2026-12-02', 'costs $5 (approx.)', 'a\\b']) assert.equal(plainLabel(p), p);
  });
});
