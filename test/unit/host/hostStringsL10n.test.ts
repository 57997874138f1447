// Issue 12 (l10n): no English written in the extension's own code reaches VS Code's UI
// without vscode.l10n. The rendered tests (problemsL10n, refusalsL10n, deckErrorsL10n, the
// webview's pseudo-locale) prove the paths they drive; this one reads every string the host
// side writes, so a sentence added anywhere else fails here until it goes through
// vscode.l10n.t or is listed below with the reason it never reaches a person's screen.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { fakeVscode } from './fakeVscode';
import { builtinDecks, DEFAULT_COLUMNS } from '../../../src/domain/decks/builtin';
import { defaultTitle, tabTitle } from '../../../src/host/retroListing';
import { RetroController } from '../../../src/host/retroController';
import { NewerVersionError, type SessionStore } from '../../../src/host/sessionStore';
import { encodeJoinCode, parseJoinCode } from '../../../src/host/team/joinCode';
import { TeamRetro } from '../../../src/host/team/teamRetro';
import type { SyncModule } from '../../../src/host/team/syncModule';
import { L10N_VIEW_TEXT } from '../../../src/host/storageTextL10n';
import { ENGLISH_VIEW_TEXT, useViewText, viewText } from '../../../src/host/viewText';
import { newSession } from './storageHarness';
import { realT, pseudoT } from './pseudoLocale';

const ROOT = path.join(__dirname, '../../..');

/**
 * The code that runs in the extension host and talks to people. Not read: src/domain (the
 * English the CLI prints, said as data too: the rendered tests hold the host's wording of it),
 * src/cli (English by design), src/webview (test/webview/l10n.test.mjs renders it in a
 * pseudo-locale), and src/sync's server side (the team server's log and its refusals, which
 * travel as Said data and are worded by the member's window).
 */
const SCANNED = ['src/host', 'src/extension.ts', 'src/wording.ts', 'src/transcriptWording.ts', 'src/sync/client.ts'];

/**
 * Strings that look like English but never reach a person's screen as written, each with why.
 * Keyed by file and the literal's text (a template's placeholders as ∙), not by line.
 */
const NOT_SHOWN: Record<string, string> = {
  'src/host/sessionStore.ts: Invalid session id "∙"': 'a programming error: ids are made by the extension, never typed',
  'src/host/summaryPanel.ts: the summary is malformed (∙)': 'a programming error, inside the localised "Could not build the participation summary" and logged',
  'src/host/webviewHtml.ts: *': "the webview's markup and CSP; its text comes from the l10n bundle the page carries",
  'src/host/storageText.ts: The file on disk still holds the last save.': 'part of ENGLISH_STORAGE_TEXT, the English fallback storageText.test holds to its l10n twin',
  'src/host/retroSessions.ts: rcp1.…': "the join code's shape, as a placeholder in the input box",
  'src/host/team/teamView.ts: Vote taken back': 'a key: the webview words it (src/webview/views/team.ts, waitingKind)',
  'src/host/team/joinCode.ts: must be a ws:// or wss:// address': "the address check's message, recognised by parseJoinCode, which has viewText word the rule",
  'src/sync/client.ts: Malformed message: command.∙': 'a programming error: the extension sends only commands its own schema accepts',
  'src/sync/client.ts: timed out after ∙ ms': 'caught by TeamRetro.whenLoaded, which words the timeout itself (tested below)',
};

/** Calls whose string arguments are not shown: the log, and l10n itself (its key is the English). */
const QUIET_CALLEE = /(^|\.)(l10n\.t|log\.(trace|debug|info|warn|error)|log\[[^\]]+\])$/;

/** English-looking: a word of two letters or more, and a character no identifier, key, path or code has. */
function looksLikeProse(text: string): boolean {
  const words = text.replace(/\$\([\w-]+\)/g, ''); // a codicon, $(add), is an icon
  return /\p{L}{2,}/u.test(words) && /[^\p{L}\p{N}_.\-:/*$@#%=?&∙{}[\]+,]/u.test(words);
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const full = path.join(ROOT, p);
    if (fs.statSync(full).isDirectory()) for (const n of fs.readdirSync(full)) walk(path.join(p, n));
    else if (p.endsWith('.ts')) out.push(p);
  };
  for (const p of SCANNED) walk(p);
  return out.sort();
}

/** Where a literal is not UI text: keys, comparisons, types, imports, the English tables the l10n ones mirror. */
function quietContext(node: ts.Node, sf: ts.SourceFile): boolean {
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isCaseClause(p)) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) && p.name === node) return true;
  if (ts.isElementAccessExpression(p) && p.argumentExpression === node) return true;
  if (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText(sf))) return true;
  if (ts.isCallExpression(p) && p.arguments.includes(node as ts.Expression) && QUIET_CALLEE.test(p.expression.getText(sf))) return true;
  // The English fallbacks (ENGLISH_STORAGE_TEXT, ENGLISH_VIEW_TEXT): storageText.test holds each to its l10n twin.
  for (let a: ts.Node | undefined = p; a; a = a.parent) if (ts.isVariableDeclaration(a) && /^ENGLISH_/.test(a.name.getText(sf))) return true;
  return false;
}

/** Every prose-like literal in the scanned code that is not inside vscode.l10n.t, as "file: text". */
function rawEnglish(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const sf = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      let text: string | undefined;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
      else if (ts.isTemplateExpression(n)) text = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('∙');
      if (text !== undefined && looksLikeProse(text) && !quietContext(n, sf)) found.push(`${file}: ${text.split('\n')[0]}`);
      if (!ts.isTemplateExpression(n)) ts.forEachChild(n, visit);
      else n.templateSpans.forEach((s) => visit(s.expression));
    };
    visit(sf);
  }
  return found;
}

describe('no raw English from the extension reaches the UI (issue 12, l10n)', () => {
  it('every sentence the host side writes goes through vscode.l10n.t, or is listed with why it is never shown', function () {
    this.timeout(60_000); // parses every host file: a few seconds on a loaded machine
    const raw = rawEnglish();
    const listed = (r: string) => r in NOT_SHOWN || `${r.slice(0, r.indexOf(': '))}: *` in NOT_SHOWN;
    const unlisted = raw.filter((r) => !listed(r));
    assert.deepEqual(unlisted, [], 'English outside vscode.l10n.t: word it through vscode.l10n.t, or list it in NOT_SHOWN with the reason');
    const stale = Object.keys(NOT_SHOWN).filter((k) => (k.endsWith(': *') ? !raw.some((r) => r.startsWith(k.slice(0, -1))) : !raw.includes(k)));
    assert.deepEqual(stale, [], 'listed but no longer in the code: take it off the list');
  });

  it("the built-in decks' words (src/domain/decks, English by design) each have a string in the l10n bundle", () => {
    // The domain's decks are not scanned above; the extension shows them through deckText.ts,
    // so each word a person reads must be a string the bundle can translate.
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const words = [
      ...DEFAULT_COLUMNS,
      ...builtinDecks().flatMap((d) => [d.name, d.description ?? '', ...(d.columns ?? []), ...d.prompts.flatMap((p) => [p.text, p.topic])]),
    ];
    assert.ok(words.length > 100);
    assert.deepEqual(words.filter((w) => !(w in bundle)), [], 'word them in src/host/deckText.ts (npm run l10n)');
  });

  it("an error's own text is shown through errorText, which words Node's in the display language", () => {
    // `err instanceof Error ? err.message : String(err)` put Node's English ("EACCES: permission
    // denied, open '…'") inside translated sentences; src/host/errorText.ts is the one place
    // that reads an error's message for a person, and the log keeps the raw error.
    const raw = sourceFiles().filter((f) => f !== 'src/host/errorText.ts' && /instanceof Error \? \w+\.message/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepEqual(raw, [], "use errorText(err) (src/host/errorText.ts) for an error shown to a person; log the error itself");
  });

  it('the scan notices raw English in the places people read it', () => {
    // The scan itself, on a sample of what it must catch and what it must let pass.
    const sample = [
      "void vscode.window.showErrorMessage('Could not open the retro.');",
      'panel.title = `Retro: ${title}`;',
      "item.tooltip = 'Open';",
      "const ok = vscode.l10n.t('Could not open the retro.');",
      "log.warn('could not refresh the retro');",
      "if (code === 'Not authorized') return;",
    ].join('\n');
    const sf = ts.createSourceFile('sample.ts', sample, ts.ScriptTarget.Latest, true);
    const caught: string[] = [];
    const visit = (n: ts.Node): void => {
      const text = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : ts.isTemplateExpression(n) ? n.head.text : undefined;
      if (text !== undefined && looksLikeProse(text) && !quietContext(n, sf)) caught.push(text);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.deepEqual(caught, ['Could not open the retro.', 'Retro: ']);
  });
});

describe("a retro's tab, default title and team timeout in the display language (issue 12, l10n)", () => {
  let before: ReturnType<typeof viewText>;
  beforeEach(() => (before = viewText()));
  afterEach(() => {
    useViewText(before);
    fakeVscode.l10n.t = realT;
  });
  const at = new Date(2026, 11, 1, 9, 5).getTime();

  it('the tab title and the default title: the same English, and worded through vscode.l10n once installed', () => {
    useViewText(L10N_VIEW_TEXT);
    assert.equal(tabTitle({ title: 'Sprint 12', createdAt: at }, ''), 'Retro: Sprint 12 · 09:05');
    assert.equal(defaultTitle(at), 'Retro 2026-12-01');
    useViewText(ENGLISH_VIEW_TEXT);
    assert.equal(tabTitle({ title: 'Sprint 12', createdAt: at }, ''), 'Retro: Sprint 12 · 09:05');
    fakeVscode.l10n.t = pseudoT;
    useViewText(L10N_VIEW_TEXT);
    assert.equal(tabTitle({ title: 'Sprint 12', createdAt: at }, ' (team)'), '⟦Retro: ‹Sprint 12› · ‹09:05›⟧ (team)');
    assert.equal(defaultTitle(at), '⟦Retro ‹2026-12-01›⟧');
  });

  it("a window that turned read-only says so in its tab's words", async () => {
    fakeVscode.l10n.t = pseudoT;
    const store = { folder: '/nowhere', pathFor: (id: string) => `/nowhere/${id}.json`, save: () => Promise.reject(new NewerVersionError('newer')) };
    const lock = { release: () => Promise.resolve() };
    const c = new RetroController(newSession(), store as unknown as SessionStore, {}, [], lock as never);
    assert.equal(c.titleSuffix, '');
    await c.handle({ kind: 'renameRetro', title: 'Renamed' });
    assert.equal(c.readOnly, true);
    assert.equal(c.titleSuffix, '⟦ (read-only)⟧');
    c.dispose();
  });

  it("why a join code's content is not valid: the check and the address rule worded through vscode.l10n", () => {
    fakeVscode.l10n.t = pseudoT;
    useViewText(L10N_VIEW_TEXT);
    const info = { urls: ['ws://127.0.0.1:4000'], retro: 'retro-1', token: 'T'.repeat(43), title: 'Sprint 12' };
    const cases: [string, string][] = [
      [encodeJoinCode({ ...info, urls: ['http://example.test'] }), 'u.0'],
      [encodeJoinCode({ ...info, token: 'short' }), 't'],
      [encodeJoinCode({ ...info, urls: [] }), 'u'],
      [`rcp1.${Buffer.from(JSON.stringify({ u: info.urls, r: 7, t: info.token, n: 'x' })).toString('base64url')}`, 'r'],
    ];
    for (const [code, where] of cases) {
      const parsed = parseJoinCode(code);
      assert.ok(!parsed.ok, code);
      if (parsed.ok) continue;
      // Outside the wrapped sentences only data is left: the field's path and valibot's tokens.
      let rest = parsed.error;
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ').replace(/‹([^‹›]*)›/g, (_, v: string) => (/^⟦/.test(v) ? ' ' : ` ${v} `));
      }
      assert.match(parsed.error, /^⟦The join code is not valid: ‹/);
      assert.ok(parsed.error.includes(`‹${where}›`), parsed.error);
      const words = rest.replace(where, ' ').replace(/"[^"]*"|\S*[<>=]\S*|Array|string|number|Object/g, ' ').match(/\p{L}{2,}/gu) ?? [];
      assert.deepEqual(words, [], parsed.error);
    }
  });

  it('a team retro that never arrives: the timeout is worded through vscode.l10n', async () => {
    fakeVscode.l10n.t = pseudoT;
    class SilentClient {
      status = 'connecting';
      problemSaid = null;
      until(): Promise<void> {
        return Promise.reject(new Error('timed out after 50 ms'));
      }
      announce(): void {}
      destroy(): void {}
    }
    const sync = { TeamClient: SilentClient } as unknown as SyncModule;
    const retro = new TeamRetro({ sync, role: 'member', urls: ['ws://127.0.0.1:4123'], retro: 'retro-1', token: 'T'.repeat(43), balance: {} });
    const message = await retro.whenLoaded(50).then(() => 'loaded', (err: Error) => err.message);
    assert.match(message, /^⟦.*⟧$/s);
    assert.doesNotMatch(message, /timed out/);
    retro.dispose();
  });
});
