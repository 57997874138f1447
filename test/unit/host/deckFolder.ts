// For a describe() about loading decks: each test gets an empty temporary folder whose deck
// files loadDecks finds through the fake workspace (its files, their text, their names), and
// the fake vscode.l10n.t is put back after each test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { realT } from './pseudoLocale';

export function deckFolder(): { readonly dir: string } {
  const folder = { dir: '' };
  const ws = fakeVscode.workspace as Record<string, unknown>;
  beforeEach(() => {
    folder.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-decks-'));
    ws['findFiles'] = () => Promise.resolve(fs.readdirSync(folder.dir).map((n) => ({ fsPath: path.join(folder.dir, n) })));
    ws['asRelativePath'] = (u: { fsPath: string }) => `.reciprocity/decks/${path.basename(u.fsPath)}`;
    ws['fs'] = { readFile: (u: { fsPath: string }) => Promise.resolve(fs.readFileSync(u.fsPath)) };
  });
  afterEach(() => {
    fakeVscode.l10n.t = realT;
    for (const k of ['findFiles', 'asRelativePath', 'fs']) delete ws[k];
    fs.rmSync(folder.dir, { recursive: true, force: true });
  });
  return folder;
}
