// The decks that ship with the extension. Callers get copies: a deck is embedded in
// the session.created event, and a shared object mutated by accident would change
// every retro's history.
import type { Deck } from '../types';
import { FOUR_LS, MAD_SAD_GLAD, SAILBOAT, START_STOP_CONTINUE } from './classic';
import { LAYERED_CHECK_IN } from './layered';

export const DEFAULT_DECK_ID = 'layered-check-in';

/** Columns for the gather-data phase when a deck defines none. */
export const DEFAULT_COLUMNS: readonly string[] = ['Went well', 'Could be better', 'Ideas'];

const BUILTIN: readonly Deck[] = [LAYERED_CHECK_IN, START_STOP_CONTINUE, FOUR_LS, MAD_SAD_GLAD, SAILBOAT];

export function builtinDecks(): Deck[] {
  return BUILTIN.map((d) => structuredClone(d));
}

export function builtinDeck(id: string): Deck | undefined {
  const deck = BUILTIN.find((d) => d.id === id);
  return deck ? structuredClone(deck) : undefined;
}

export function defaultDeck(): Deck {
  return structuredClone(LAYERED_CHECK_IN);
}

export function deckColumns(deck: Deck): string[] {
  return deck.columns && deck.columns.length > 0 ? [...deck.columns] : [...DEFAULT_COLUMNS];
}
