// Root hooks for the webview suite (.mocharc.json `require`): the shared browser, page server
// and webview builds are made on first use by harness.mjs, once for the whole run, and closed
// here after the last file.
//
// `npm test` and `npm run test:webview` run the files in two worker processes (`--parallel
// --jobs 2`): a test mostly waits on one process at a time (node, then the browser, then the
// page's renderer), so two files at once keep both cores of a 2-core CI machine busy. A
// targeted run (`npx mocha --config test/webview/.mocharc.json --grep X`) stays in one
// process with one browser. In parallel mode each
// worker process has its own browser, and root `afterAll` hooks run after every file: a
// worker keeps its browser for its next file, and Playwright closes it when the worker exits.
// The bundles are built once, here in the main process, so workers never write dist/ while
// another worker's pages read it.
import { buildWebview, closeShared } from './harness.mjs';
import { buildBundle } from './summary/harness.mjs';

export async function mochaGlobalSetup() {
  if (process.env.MOCHA_WORKER_ID !== undefined) return;
  await Promise.all([buildWebview(), buildBundle()]);
  process.env.RECIPROCITY_WEBVIEWS_BUILT = '1';
}

export const mochaHooks = {
  async afterAll() {
    if (process.env.MOCHA_WORKER_ID === undefined) await closeShared();
  },
};
