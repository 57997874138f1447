// Entry of the retro webview (bundled to dist/webview.js). The page's inline early script
// (early.ts) has said `ready` and held what the host sent meanwhile: boot takes that over, so a
// snapshot that came while the bundle loaded is the first thing rendered. Without that script
// (an older page) boot says `ready` itself and shows that it waits.
import './l10n'; // first: the host's translations, before any view asks for a string
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { App } from './app';
import { postReady } from './bridge';
import { HostLiveness } from './liveness';
import { takeEarly } from './vscodeApi';

function boot(): void {
  // Read by bench/webview.bench.ts: from the page's first byte to here is the bundle's share.
  performance.mark('reciprocity:boot');
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
  const receive = (data: unknown): void => {
    liveness.heard(typeOf(data) === 'alive');
    app.handleMessage(data);
  };
  // In one task: nothing the host sends can come between the held messages and the listener.
  const { held, saidReady } = takeEarly();
  window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));
  if (!held.some((data) => typeOf(data) === 'snapshot')) app.render(); // "Waiting for the retro…" until the snapshot comes
  for (const data of held) receive(data);
  if (!saidReady) postReady();
}

/** A message's `type`, unchecked (the app checks the whole message). */
function typeOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
}

// In a microtask, once the bundle's top level has returned: a postMessage (ready) with that
// top level on the stack made Chromium work out source positions for the whole bundle, one
// function of 120 KB, to note where it was called from: 40-150 ms of opening a panel (issue 11).
queueMicrotask(boot);
