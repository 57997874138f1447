// The only module that touches acquireVsCodeApi(). VS Code allows one call per page, and
// tests run the same bundle in plain Chromium, where a stub host stands in for VS Code.

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What a test page installs as `window.__reciprocityHost` to record posted messages. */
export interface TestHost {
  postMessage(message: unknown): void;
  getState?(): unknown;
  setState?(state: unknown): void;
}

/**
 * What early.ts leaves for the bundle: the API it acquired (VS Code allows one call per page;
 * undefined under a test's stub host) and the messages that came before the bundle ran.
 * take() hands them over once and stops holding: from then on the bundle listens itself.
 */
export interface EarlyStart {
  api: VsCodeApi | undefined;
  /** False when there was no one to say it to (neither VS Code's API nor a test's stub host). */
  saidReady: boolean;
  take(): unknown[];
}

export type EarlyPage = Window & { __reciprocityEarly?: EarlyStart };

declare global {
  interface Window {
    __reciprocityHost?: TestHost;
  }
  // Injected by VS Code into webviews; absent in tests.
  function acquireVsCodeApi(): VsCodeApi;
}

let api: VsCodeApi | undefined;
/** Read once, at load: take() removes it from the page. */
const early = (window as EarlyPage).__reciprocityEarly;

/**
 * The messages the host sent before the bundle ran, once (early.ts), and whether the page
 * already said `ready`; a page without the early script (an older host's HTML) says it now.
 */
export function takeEarly(): { held: unknown[]; saidReady: boolean } {
  const start = (window as EarlyPage).__reciprocityEarly;
  return start ? { held: start.take(), saidReady: start.saidReady } : { held: [], saidReady: false };
}

export function vscodeApi(): VsCodeApi {
  if (!api) api = early?.api ?? (typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : stubApi());
  return api;
}

function stubApi(): VsCodeApi {
  let state: unknown;
  return {
    postMessage(message) {
      window.__reciprocityHost?.postMessage(message);
    },
    getState() {
      const host = window.__reciprocityHost;
      return host?.getState ? host.getState() : state;
    },
    setState(next) {
      state = next;
      window.__reciprocityHost?.setState?.(next);
    },
  };
}
