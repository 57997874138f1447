// Team mode's code lives in its own bundle (dist/sync.js) and is loaded on first use, so
// activating the extension never pays for Yjs, Hocuspocus and ws.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type * as Sync from '../../sync';

export type SyncModule = typeof Sync;

let loaded: SyncModule | undefined;

export function loadSync(extensionUri: vscode.Uri): SyncModule {
  if (!loaded) {
    const file = path.join(extensionUri.fsPath, 'dist', 'sync.js');
    // A runtime require of a computed path: esbuild leaves it alone, so the bundle stays separate.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file) as SyncModule;
  }
  return loaded;
}
