// Shared by the hostile-text e2e suites (issue 12): the sentinel every corpus payload calls,
// a scan of a webview for anything live, and the watch over console, dialogs and requests.
import assert from 'node:assert/strict';

/** How the host keeps a name (src/domain/text.ts cleanName): no bidi or direction marks, one line, trimmed. */
export const shownName = (s) => s.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, '').replace(/\s+/g, ' ').trim();

/** Runs in every frame before its scripts: the sentinel every payload calls. */
export function sentinel() {
  window.__hits = [];
  window.__pwned = (id) => {
    window.__hits.push(String(id));
    console.error(`PWNED ${id}`);
  };
}

/**
 * Runs in a webview frame: calls of the sentinel, and anything under `root` that could run,
 * load or link (elements the panels never make, event-handler or URL attributes).
 */
export function scan(root) {
  const FORBIDDEN = ['script', 'iframe', 'object', 'embed', 'img', 'image', 'a', 'area', 'link', 'base', 'meta', 'style', 'math', 'video', 'audio', 'source', 'marquee', 'foreignobject', 'use', 'animate', 'template', 'noscript', 'plaintext', 'form'];
  const URL_ATTRS = ['href', 'xlink:href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background'];
  const bad = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      // The retro panel's own forms (add a note, an action, a check-out) are allowed: they have no action.
      if (FORBIDDEN.includes(tag) && !(tag === 'form' && !el.hasAttribute('action'))) bad.push(`<${tag}>`);
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on') || URL_ATTRS.includes(name)) bad.push(`<${tag} ${name}=${a.value.slice(0, 40)}>`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document.querySelector(root));
  return { hits: window.__hits ?? null, bad: [...new Set(bad)] };
}

/**
 * Records, for a workbench page (all its frames): console lines, dialogs, and requests away
 * from 127.0.0.1 other than the extensions' own files on VS Code's webview resource origin.
 * Installs the sentinel in every frame created from now on.
 */
export async function watchPage(page) {
  const seen = { console: [], dialogs: [], requests: [] };
  await page.context().addInitScript(sentinel);
  page.on('console', (m) => seen.console.push(m.text().slice(0, 300)));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol)) return;
    // A webview's own files: scripts, styles and fonts of installed extensions (ours, and the
    // Markdown preview's built-in ones), which VS Code serves from its resource origin.
    if (url.hostname.endsWith('.vscode-resource.vscode-cdn.net') && /\/extensions\/[\w.-]+\/[\w./-]+\.(?:js|css|ttf|woff2?)$/.test(url.pathname)) return;
    seen.requests.push(r.url().slice(0, 300));
  });
  return seen;
}

/** No payload ran in `frame`, nothing live under `root`, and nothing bad seen on the page. */
export async function assertInert(frame, root, seen, where) {
  const r = await frame.evaluate(scan, root);
  assert.deepEqual(r.hits, [], `${where}: a payload ran (or the sentinel is missing)`);
  assert.deepEqual(r.bad, [], `${where}: live markup inside the panel`);
  assert.deepEqual(seen.console.filter((m) => /PWNED|Content Security Policy|__pwned/.test(m)), [], `${where}: a payload ran or the CSP refused something`);
  assert.deepEqual(seen.dialogs, [], `${where}: dialogs`);
  assert.deepEqual(seen.requests, [], `${where}: requests away from 127.0.0.1`);
}
