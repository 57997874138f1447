import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

export function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** Resources a webview may load: the bundles and media, nothing else. */
export function localRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: localRoots(extensionUri) };
}

/**
 * The page shell with a strict CSP: scripts by nonce only (the bundle, and with `early` the one
 * inline script, our own dist/early.js), no inline style.
 */
export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  opts: {
    title: string;
    script: string;
    styles: string[];
    /**
     * Allow data: images. Only the retro panel needs them: vscode-textarea draws its resize
     * grip (::-webkit-resizer) from a data: PNG, which is blocked (a CSP violation) otherwise.
     */
    dataImages?: boolean;
    /**
     * Inline dist/early.js (src/webview/early.ts) first in the head: the page says `ready` before
     * its style sheets and bundle are fetched, and holds the host's messages until the bundle runs.
     */
    early?: boolean;
  },
): string {
  const n = nonce();
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}${opts.dataImages ? ' data:' : ''}`,
    `font-src ${webview.cspSource}`,
    // No <base> may redirect relative URLs and no form may post anywhere, even if markup
    // ever slipped into the page.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const links = opts.styles.map((s) => `<link rel="stylesheet" href="${asset('media', s)}">`).join('\n    ');
  // VS Code's translations for the display language, as data the webview reads (src/webview/l10n.ts).
  // The script is in the head and deferred (issue 11): its request starts with the head, not once
  // the body has been read, and it still runs after the page is parsed (#app and the l10n data exist).
  const bundle = vscode.l10n.bundle ? `\n    <script nonce="${n}" type="application/json" id="reciprocity-l10n">${jsonForScript(vscode.l10n.bundle)}</script>` : '';
  const early = opts.early ? earlyScript(extensionUri) : undefined;
  return `<!DOCTYPE html>
<html lang="${escapeAttr(vscode.env.language || 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">${early ? `\n    <script nonce="${n}">${early}</script>` : ''}
    ${links}
    <script nonce="${n}" src="${asset('dist', opts.script)}" defer></script>
    <title>${escapeAttr(opts.title)}</title>
  </head>
  <body>
    <div id="app"></div>${bundle}
  </body>
</html>`;
}

/**
 * dist/early.js, to be inlined; undefined when it cannot be read or could end its <script>
 * element (the bundle then says `ready` itself, a little later: the panel still works).
 */
export function earlyScript(extensionUri: vscode.Uri): string | undefined {
  try {
    const code = readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'early.js').fsPath, 'utf8');
    // Its source map comment would point the page at a file it does not load.
    const inline = code.replace(/^\/\/# sourceMappingURL=.*$/m, '').trim();
    return /<\/script|<!--/i.test(inline) ? undefined : inline;
  } catch {
    return undefined;
  }
}

/** JSON that cannot end the <script> element it sits in, nor open a comment or CDATA. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
