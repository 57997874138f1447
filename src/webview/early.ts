// The retro panel's first script, inline in the head of its page (src/host/webviewHtml.ts),
// before the style sheets and the bundle. It says `ready` at once and holds what the host sends
// until the bundle takes it (main.ts), so the host builds and sends the first snapshot while the
// page is still fetching and compiling dist/webview.js, not after: opening a panel then costs
// the longer of the two, not their sum (issue 11). Kept tiny: it runs before anything is shown.
import type { EarlyPage } from './vscodeApi';

const page = window as EarlyPage;
const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const held: unknown[] = [];
const hold = (event: MessageEvent<unknown>): void => {
  held.push(event.data);
};
window.addEventListener('message', hold);
const to = api ?? page.__reciprocityHost;
to?.postMessage({ type: 'ready' });
page.__reciprocityEarly = {
  api,
  saidReady: to !== undefined,
  take() {
    window.removeEventListener('message', hold);
    page.__reciprocityEarly = undefined;
    return held.splice(0);
  },
};
