// Root hooks for the webview suite (.mocharc.json `require`): the shared browser, page server
// and webview builds are made on first use by harness.mjs, once for the whole run, and closed
// here after the last file.
import { closeShared } from './harness.mjs';

export const mochaHooks = {
  async afterAll() {
    await closeShared();
  },
};
