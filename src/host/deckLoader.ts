import * as vscode from 'vscode';
import { builtinDecks } from '../domain/decks/builtin';
import { parseDeck } from '../domain/decks/deckSchema';
import type { Deck } from '../domain/types';
import { shownDeck } from './deckText';
import { errorText } from './errorText';
import { log } from './log';
import { deckErrorText } from './problemText';

export const DECK_GLOB = '.reciprocity/decks/*.json';

/**
 * Built-in decks plus the workspace's own, as Start Retro shows them (deckText.ts: the
 * built-ins and default columns in the display language). A bad deck file is reported
 * precisely (file, field, reason) and skipped; the built-ins always stay usable.
 */
export async function loadDecks(): Promise<{ decks: Deck[]; errors: string[] }> {
  const decks: Deck[] = builtinDecks().map(shownDeck);
  const errors: string[] = [];
  const files = await vscode.workspace.findFiles(DECK_GLOB, undefined, 200);
  for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const source = vscode.workspace.asRelativePath(uri);
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch (err) {
      log.warn(`could not read the deck file ${source}`, err);
      errors.push(vscode.l10n.t('{0}: could not be read ({1})', source, errorText(err)));
      continue;
    }
    const parsed = parseDeck(text, source);
    if (!parsed.ok) {
      errors.push(...parsed.errors.map(deckErrorText));
      continue;
    }
    if (decks.some((d) => d.id === parsed.deck.id)) {
      errors.push(vscode.l10n.t('{0}: a deck with id "{1}" already exists; rename the id.', source, parsed.deck.id));
      continue;
    }
    decks.push(shownDeck(parsed.deck));
  }
  return { decks, errors };
}
