import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { fakeVscode } from './fakeVscode';
import { jsonForScript, webviewHtml } from '../../../src/host/webviewHtml';
import { configureL10n, L10N_ELEMENT_ID } from '../../../src/webview/l10n';

const webview = {
  cspSource: 'https://fake.vscode-cdn.net',
  asWebviewUri: (u: { toString(): string }) => ({ toString: () => `https://fake.vscode-cdn.net/${u.toString()}` }),
};

function page(bundle: Record<string, string> | undefined): string {
  fakeVscode.l10n.bundle = bundle;
  try {
    return webviewHtml(webview as never, { path: '/ext' } as never, { title: 'Reciprocity retro', script: 'webview.js', styles: ['retro.css'] });
  } finally {
    fakeVscode.l10n.bundle = undefined;
  }
}

/** The bundle as the webview finds it: the text of the element with the agreed id. */
function bundleIn(html: string): string | undefined {
  const m = new RegExp(`<script[^>]* type="application/json" id="${L10N_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  return m?.[1];
}

describe('webview strings from the host (l10n)', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('puts no bundle in the page in English, and the webview keeps its English text', () => {
    const html = page(undefined);
    assert.equal(bundleIn(html), undefined);
    assert.equal(configureL10n(bundleIn(html)), false);
    assert.equal(l10n.t('Give turn to {0}', 'Ada'), 'Give turn to Ada');
  });

  it("hands VS Code's bundle to the webview, which then translates", () => {
    const bundle = { Record: 'Enregistrer', 'Give turn to {0}': 'Donner la parole à {0}' };
    const json = bundleIn(page(bundle));
    assert.ok(json, 'the page carries the bundle');
    assert.equal(configureL10n(json), true);
    assert.equal(l10n.t('Record'), 'Enregistrer');
    assert.equal(l10n.t('Give turn to {0}', 'Ada'), 'Donner la parole à Ada');
    assert.equal(l10n.t('Pass'), 'Pass', 'a string the bundle lacks stays English');
  });

  it('keeps a hostile translation inside its element, as data', () => {
    const bundle = { Record: '</script><script>alert(1)</script><!--', Pass: '\u2028&amp;' };
    const html = page(bundle);
    const json = bundleIn(html);
    assert.ok(json);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), bundle);
    assert.equal((html.match(/<script/g) ?? []).length, 2, 'the bundle and the app script, nothing more');
    assert.equal(jsonForScript('<>&'), '"\\u003c\\u003e\\u0026"');
  });

  it('ignores a bundle that is not a JSON object', () => {
    for (const bad of ['', 'not json', '[1,2]', 'null', '"Record"']) assert.equal(configureL10n(bad), false, bad);
    assert.equal(l10n.t('Record'), 'Record');
  });
});
