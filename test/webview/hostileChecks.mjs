// Checks shared by the hostile-text tests (issue 12): what in a page could run, load or link,
// the page's shape as tags and attribute names (to compare a hostile render with a plain
// one), and the recording of sentinel calls, requests and dialogs.
import assert from 'node:assert/strict';

/**
 * Runs in the page: everything under the `roots` selectors (shadow roots included) that could
 * run, load or link. `allowed` is the set of tag names a benign render uses.
 */
export function scanPage({ allowed = null, roots = ['#app'] } = {}) {
  const FORBIDDEN = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'img', 'image', 'a', 'area', 'link', 'base', 'meta', 'style', 'math', 'video', 'audio', 'source', 'marquee', 'foreignobject', 'use', 'animate', 'template', 'noscript', 'plaintext']);
  const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background']);
  const bad = [];
  const tags = new Set();
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      tags.add(tag);
      if (FORBIDDEN.has(tag)) bad.push(`<${tag}>`);
      if (allowed && !allowed.includes(tag)) bad.push(`<${tag}> (not in a benign render)`);
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) bad.push(`<${tag} ${name}>`);
        if (URL_ATTRS.has(name)) bad.push(`<${tag} ${name}=${a.value.slice(0, 40)}>`);
        if (name === 'style' && /url\(|expression\(|@import/i.test(a.value)) bad.push(`<${tag} style=${a.value.slice(0, 40)}>`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  for (const sel of roots) for (const root of document.querySelectorAll(sel)) walk(root);
  return { bad: [...new Set(bad)], tags: [...tags].sort(), hits: window.__hits ?? [] };
}

/**
 * Runs in the page: the shape of everything under the `roots` selectors (shadow roots
 * included), one entry per element in document order: its tag and its attribute names.
 * People's text changes no entry: a render of hostile strings has the same shape as a render
 * of plain ones in the same places, or something in the text became markup.
 */
export function pageShape(roots = ['#app']) {
  const out = [];
  const walk = (root, depth) => {
    for (const el of root.children) {
      const names = [...el.attributes].map((a) => a.name).sort().join(' ');
      out.push(`${depth}:${el.tagName.toLowerCase()}[${names}]`);
      if (el.shadowRoot) walk(el.shadowRoot, depth + 1);
      walk(el, depth + 1);
    }
  };
  for (const sel of roots) for (const root of document.querySelectorAll(sel)) walk(root, 0);
  return out;
}

/** Fails at the first element where two shapes (from pageShape) differ, with some context. */
export function assertSameShape(actual, expected, where) {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] === expected[i]) continue;
    const around = (list) => list.slice(Math.max(0, i - 3), i + 3).join('\n  ');
    assert.fail(`${where}: the page's shape differs from a plain-text render at element ${i} of ${n}\n hostile:\n  ${around(actual)}\n plain:\n  ${around(expected)}`);
  }
}

/**
 * Records, on a page: calls of the corpus's sentinel (window.__pwned), requests other than
 * the page's own (`own(url)`), and dialogs. Call before anything hostile reaches the page.
 */
export async function watch(page, own) {
  const foreign = [];
  const dialogs = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!own(url)) foreign.push(url.slice(0, 120));
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.evaluate(() => {
    window.__hits = [];
    window.__pwned = (id) => window.__hits.push(String(id));
  });
  return { foreign, dialogs };
}

/** The retro panel harness's own assets: anything else the page asks for is a failure. */
export function panelAssets(page) {
  const origin = new URL(page.url()).origin;
  const assets = ['/panel/', '/dist/', '/media/', '/favicon.ico'];
  return (url) => url.startsWith(`${origin}/`) && assets.some((p) => new URL(url).pathname.startsWith(p));
}

/** No sentinel call, no live markup, no foreign request, no dialog. */
export async function assertInert(page, w, where, options) {
  const r = await page.evaluate(scanPage, options ?? {});
  assert.deepEqual(r.hits, [], `${where}: a payload ran`);
  assert.deepEqual(r.bad, [], `${where}: live markup from people's text`);
  assert.deepEqual(w.foreign, [], `${where}: requests other than the page's own assets`);
  assert.deepEqual(w.dialogs, [], `${where}: dialogs`);
  return r;
}
