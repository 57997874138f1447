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

declare global {
  interface Window {
    __reciprocityHost?: TestHost;
  }
  // Injected by VS Code into webviews; absent in tests.
  function acquireVsCodeApi(): VsCodeApi;
}

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  if (!api) api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : stubApi();
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
