// Issue 12: a notification that quotes people's text or a file's content must show no link.
// The oracle is VS Code's own parser for links in notifications (src/vs/base/common/linkedText.ts,
// the pattern below as code-server 4.100's workbench ships it).
import { strict as assert } from 'node:assert';
import { plainMessage } from '../../../src/host/plainMessage';
import { HOSTILE } from '../../fixtures/hostile';

const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (text: string): string[] => [...text.matchAll(VSCODE_LINK)].map((m) => m[0]);

describe('notifications quote people\'s text without links (issue 12)', () => {
  const probes = [
    'line 8: expected a cue timing, found "[Open the fix](https://evil.example/track) or [run](command:workbench.action.terminal.new)"',
    '[a](file:///etc/passwd "title")',
    ...HOSTILE.filter((h) => h.text.length < 2000).map((h) => h.text),
  ];

  it('VS Code reads links in the probes (so the test can fail)', () => {
    assert.equal(links(probes[0] ?? '').length, 2);
    assert.equal(links(probes[1] ?? '').length, 1);
  });

  it('no probe keeps a link, and each reads the same once the invisible joiner is left out', () => {
    for (const p of probes) {
      const shown = plainMessage(p);
      assert.deepEqual(links(shown), [], p);
      assert.equal(shown.replace(/\u2060/g, ''), p.replace(/\u2060/g, ''));
    }
  });
});
