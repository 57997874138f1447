// The webview's translations come from the host: webviewHtml.ts writes VS Code's bundle for
// the display language into the page as JSON (nothing is fetched). Imported first by each
// entry, so the bundle is in place before any view calls `l10n.t`. In English there is no
// bundle and `l10n.t` returns its English text with the placeholders filled in.
import * as l10n from '@vscode/l10n';

/** The id of the <script type="application/json"> element that carries the bundle. */
export const L10N_ELEMENT_ID = 'reciprocity-l10n';

/** Loads a bundle given as JSON text; anything that is not a JSON object leaves English. */
export function configureL10n(json: string | null | undefined): boolean {
  if (!json) return false;
  try {
    const contents: unknown = JSON.parse(json);
    if (typeof contents !== 'object' || contents === null || Array.isArray(contents)) return false;
    l10n.config({ contents: contents as Record<string, string> });
    return true;
  } catch {
    return false;
  }
}

// Typed by hand: unit tests load this file in Node, where there is no document.
const page = (globalThis as { document?: { getElementById(id: string): { textContent: string | null } | null } }).document;
if (page) configureL10n(page.getElementById(L10N_ELEMENT_ID)?.textContent);
