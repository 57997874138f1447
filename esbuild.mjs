// Two kinds of bundle: Node (extension host, CLI) and browser (webviews).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const configs = [
  {
    ...common,
    // extension.js is what activation loads; core.js is loaded on first use (src/extension.ts).
    entryPoints: { extension: 'src/extension.ts', core: 'src/host/core.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // Team mode: loaded on first use by the extension and by `reciprocity server`.
    ...common,
    entryPoints: { sync: 'src/sync/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ws works without its optional native helpers.
    external: ['bufferutil', 'utf-8-validate'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    // early.js is not loaded as a file: the host inlines it in the retro panel's page (src/host/webviewHtml.ts).
    entryPoints: { webview: 'src/webview/main.ts', summary: 'src/webview/summaryMain.ts', early: 'src/webview/early.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
