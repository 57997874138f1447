// The contract between scripts/e2e.mjs and the suites: everything arrives in
// environment variables, so a suite can also be pointed at a code-server you
// started yourself (see test/e2e/README.md).
import path from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through "npm run test:e2e" (scripts/e2e.mjs)`);
  return value;
}

export const e2eEnv = {
  /** http://127.0.0.1:PORT/ of the running code-server. */
  get baseUrl() { return required('E2E_BASE_URL'); },
  /** Demo workspace with the roster settings, for the user-path suite. */
  get workspace() { return required('E2E_WORKSPACE'); },
  /** A second copy for the suite that runs mocha inside the extension host. */
  get hostWorkspace() { return required('E2E_HOST_WORKSPACE'); },
  /** Folder of the installed .vsix (used as extensionDevelopmentPath). */
  get extensionPath() { return required('E2E_EXTENSION_PATH'); },
  /** Where test/host/index.js writes its JSON summary (code-server got the same path). */
  get hostResults() { return required('E2E_HOST_RESULTS'); },
  get screenshots() { return process.env.E2E_SCREENSHOTS ?? path.resolve('test-results', 'screenshots'); },
};

export function workbenchUrl(folder, payload) {
  const url = new URL(e2eEnv.baseUrl);
  url.searchParams.set('folder', folder);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}
