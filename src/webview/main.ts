// Entry of the retro webview (bundled to dist/webview.js). Boots the app, then says
// `ready`; the host answers with a snapshot.
import './l10n'; // first: the host's translations, before any view asks for a string
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { App } from './app';
import { postReady } from './bridge';
import { HostLiveness } from './liveness';

function boot(): void {
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  root.id = 'app';
  let announcer = document.getElementById('announcer');
  if (!announcer) {
    announcer = document.body.appendChild(document.createElement('div'));
    announcer.id = 'announcer';
    announcer.className = 'visually-hidden';
    announcer.setAttribute('role', 'status');
    announcer.setAttribute('aria-live', 'polite');
    announcer.setAttribute('aria-atomic', 'true');
  }
  const app = new App(root, announcer);
  const liveness = new HostLiveness(document, undefined, (reason) => app.setHostLost(reason));
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    liveness.heard(isAlive(event.data));
    app.handleMessage(event.data);
  });
  app.render();
  postReady();
}

function isAlive(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'alive';
}

// In a microtask, once the bundle's top level has returned: a postMessage (ready) with that
// top level on the stack made Chromium work out source positions for the whole bundle, one
// function of 120 KB, to note where it was called from: 40-150 ms of opening a panel (issue 11).
queueMicrotask(boot);
