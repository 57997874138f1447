// Bundles host modules for a Node test, with `vscode` resolved to the shared stub: the
// retro panel and fuzz tests drive the real host code without VS Code.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from '../summary/harness.mjs';

const STUB = path.join(ROOT, 'test/webview/summary/vscodeStub.mjs');

/**
 * Builds `exportLines` (lines like `export { X } from './src/…'`, relative to the repo root)
 * into one ESM file in a fresh temporary folder and imports it.
 * @returns {Promise<{ dir: string, host: any }>} the folder (the caller removes it) and the module
 */
export async function bundleHost(name, exportLines) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  await esbuild.build({
    stdin: { contents: exportLines.join('\n'), resolveDir: ROOT, sourcefile: `${name}-entry.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: path.join(dir, 'host.js'),
    logLevel: 'warning',
    // CommonJS dependencies require() node builtins and read __filename.
    banner: {
      js: [
        "import { createRequire as __cr } from 'node:module';",
        "import { fileURLToPath as __f2p } from 'node:url';",
        'const require = __cr(import.meta.url);',
        'const __filename = __f2p(import.meta.url);',
      ].join(' '),
    },
    plugins: [{ name: 'vscode-stub', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: pathToFileURL(STUB).href, external: true })) }],
  });
  return { dir, host: await import(pathToFileURL(path.join(dir, 'host.js')).href) };
}
