// Entry point of the summary webview: validate what the host sends, render it, and
// keep the panel key in webview state so the panel can be restored after a reload.
import './l10n'; // first: the host's translations, before any view asks for a string
import * as l10n from '@vscode/l10n';
import { parseSummaryHostMessage } from '../summaryProtocol';
import { mountView } from './summary/view';
import { log, post, saveState } from './summary/vscodeApi';

function start(): void {
  const root = document.getElementById('app') ?? document.body;
  const view = mountView(root, {
    setOptions: (options) => post({ type: 'setOptions', options }),
    export: (format) => post({ type: 'export', format }),
  });

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseSummaryHostMessage(event.data);
    if (!parsed.ok) {
      log('warn', `summary webview rejected a message: ${parsed.error}`);
      view.showError(l10n.t('An update from the extension was malformed and was ignored ({0}).', parsed.error));
      return;
    }
    const msg = parsed.value;
    if (msg.type === 'error') {
      view.showError(msg.message);
      return;
    }
    saveState({ key: msg.key, options: msg.options });
    try {
      view.render(msg.summary, msg.trend, msg.options);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log('error', `summary render failed: ${message}`);
      view.showError(l10n.t('The summary could not be shown.'));
    }
  });

  post({ type: 'ready' });
}

// In a microtask, once the bundle's top level has returned: a postMessage (ready) with that
// top level on the stack made Chromium work out source positions for the whole bundle to
// note where it was called from (issue 11, src/webview/main.ts).
queueMicrotask(start);
