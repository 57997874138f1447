// Issue 12 (l10n): the decks that ship with the extension (names, descriptions, columns,
// prompts and their topics) are shown in the display language. The domain keeps them in
// English (the CLI, tests); the extension words them through vscode.l10n when it loads the
// decks for Start Retro, and a new retro records the deck as it was shown, so a session
// file reads the same later, in any language, and its reports do not change.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deckFolder } from './deckFolder';
import { fakeVscode } from './fakeVscode';
import * as v from 'valibot';
import { builtinDecks, DEFAULT_COLUMNS } from '../../../src/domain/decks/builtin';
import { DeckSchema } from '../../../src/domain/decks/deckSchema';
import { sequentialIds } from '../../../src/domain/ids';
import { analyseLog } from '../../../src/domain/replica';
import { startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import { parseSessionFile, serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import type { Deck, SessionEvent } from '../../../src/domain/types';
import { loadDecks } from '../../../src/host/deckLoader';
import { buildRetroView } from '../../../src/host/retroView';
import { realT, pseudoT, wrapped } from './pseudoLocale';

/** Every word of a deck a person reads: name, description, columns, prompts and topics. */
function shownWords(d: Deck): string[] {
  return [d.name, ...(d.description !== undefined ? [d.description] : []), ...(d.columns ?? []), ...d.prompts.flatMap((p) => [p.text, p.topic])];
}

const start = (deck: Deck): SessionEvent[] =>
  startSession({ title: 'Sprint 12', teamId: 'team', members: ['Ada', 'Grace'], deck, settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: 1000, newId: sequentialIds('x'), recentPromptIds: [] });

const view = (events: SessionEvent[]) => buildRetroView(replay(events), analyseLog(events).balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });

describe('the built-in decks in the display language (issue 12, l10n)', () => {
  const folder = deckFolder();

  it('words every name, description, column, prompt and topic of every built-in deck through vscode.l10n', async () => {
    fakeVscode.l10n.t = pseudoT;
    const { decks } = await loadDecks();
    assert.deepEqual(decks.map((d) => d.id), builtinDecks().map((d) => d.id));
    for (const d of decks) {
      assert.ok((d.columns ?? []).length > 0, `${d.id}: the columns shown are part of the deck`);
      for (const w of shownWords(d)) assert.ok(wrapped(w), `${d.id}: ${w}`);
    }
  });

  it('says in English what the domain says, ids and depths untouched; a deck without columns gets the default ones', async () => {
    const { decks } = await loadDecks();
    const english = builtinDecks().map((d) => ({ ...d, columns: d.columns ?? [...DEFAULT_COLUMNS] }));
    assert.deepEqual(decks, english);
  });

  it('a custom deck keeps its own words; without columns it gets the default ones in the display language', async () => {
    const custom = { id: 'team', name: 'Team health', prompts: [{ id: 'a', depth: 1, topic: 'mood', text: 'How was it?' }] };
    fs.writeFileSync(path.join(folder.dir, 'team.json'), JSON.stringify(custom));
    fs.writeFileSync(path.join(folder.dir, 'cols.json'), JSON.stringify({ ...custom, id: 'cols', columns: ['Up', 'Down'] }));
    fakeVscode.l10n.t = pseudoT;
    const { decks, errors } = await loadDecks();
    assert.deepEqual(errors, []);
    const team = decks.find((d) => d.id === 'team')!;
    assert.deepEqual([team.name, team.prompts[0]!.text, team.prompts[0]!.topic], ['Team health', 'How was it?', 'mood']);
    assert.deepEqual(team.columns, DEFAULT_COLUMNS.map((c) => `⟦${c}⟧`));
    assert.deepEqual(decks.find((d) => d.id === 'cols')!.columns, ['Up', 'Down']);
  });

  it('a translation a session file could not hold (blank, or over the deck limits) is left out for the English', async () => {
    // A bundle with an empty entry or a very long one must not make the retro's file unreadable
    // (its deck is checked when read again) or the team server refuse the opening events.
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => (message.length % 2 === 0 ? '  ' : `${realT(message, ...args)} ${'x'.repeat(600)}`);
    const { decks } = await loadDecks();
    const english = builtinDecks();
    for (const d of decks) {
      const checked = v.safeParse(DeckSchema, d);
      assert.ok(checked.success, `${d.id}: ${checked.issues?.[0]?.message ?? ''}`);
      const e = english.find((x) => x.id === d.id)!;
      assert.deepEqual({ ...d, columns: undefined }, { ...e, columns: undefined }, 'the English, where no translation fits');
      const events = start(d);
      const read = parseSessionFile(serializeSession(sessionFileFromEvents(events)), 's.json');
      assert.ok(read.ok, d.id);
    }
  });

  it('a new retro records the deck as it was shown, and an old one reads as it was recorded', async () => {
    fakeVscode.l10n.t = pseudoT;
    const shown = (await loadDecks()).decks[0]!;
    const events = start(shown);
    const created = events[0]!;
    assert.ok(created.type === 'session.created');
    assert.deepEqual(created.deck, shown, 'the session file holds the words that were shown');
    const now = view(events);
    assert.ok(now.prompt && wrapped(now.prompt.text) && wrapped(now.prompt.topic), JSON.stringify(now.prompt));
    assert.ok(wrapped(now.deckName));
    assert.ok(now.columns.every(wrapped), now.columns.join());
    // A retro started in English before: still in English, whatever the display language now.
    const old = view(start(builtinDecks()[0]!));
    assert.ok(old.prompt && !wrapped(old.prompt.text));
    assert.equal(old.deckName, builtinDecks()[0]!.name);
    assert.deepEqual(old.columns, [...DEFAULT_COLUMNS]);
  });
});
