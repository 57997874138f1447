// Issue 12 (l10n): why a custom deck file (.reciprocity/decks/*.json) is skipped reaches the
// person in the display language. The domain says it as data (DeckCheck) beside its English;
// the extension words the data through vscode.l10n. In a pseudo-locale (every message wrapped
// ⟦…⟧, every value filled in marked ‹…›) each reason Start Retro shows must be wrapped, and
// each value in it wrapped too or data from the file (its name, a field path, a key, an id).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deckFolder } from './deckFolder';
import { fakeVscode } from './fakeVscode';
import { deckCheckEnglish, parseDeck, type DeckCheck } from '../../../src/domain/decks/deckSchema';
import { loadDecks } from '../../../src/host/deckLoader';
import { deckCheckText } from '../../../src/host/problemText';
import { realT, pseudoT, unwrapped, wrapped } from './pseudoLocale';

type Json = Record<string, unknown>;
const good = (): Json => ({
  id: 'team',
  name: 'Team',
  prompts: [
    { id: 'a', depth: 1, topic: 'Start', text: 'How was it?' },
    { id: 'b', depth: 2, topic: 'Deeper', text: 'What got in the way?' },
  ],
});
const prompt = (d: Json, i: number) => (d['prompts'] as Json[])[i]!;
const changed = (change: (d: Json) => void): string => {
  const d = good();
  change(d);
  return JSON.stringify(d);
};

/** One bad deck for each check, and the data its reasons may carry besides file and paths. */
const BAD_DECKS: Record<string, { text: string; data: string[] }> = {
  'syntax.json': { text: '{\n  "id": "x",\n  "name": "y"\n  "prompts": []\n}', data: [] },
  'cut-short.json': { text: '{ "id": "team", "name": ', data: [] },
  'not-object.json': { text: '"a deck"', data: [] },
  'missing.json': { text: changed((d) => delete d['name']), data: [] },
  'unknown.json': { text: changed((d) => (d['colour'] = 'red')), data: ['"colour"'] },
  'not-string.json': { text: changed((d) => (d['name'] = 3)), data: ['name'] },
  'blank.json': { text: changed((d) => (prompt(d, 0)['topic'] = '  ')), data: ['topic'] },
  'long.json': { text: changed((d) => (prompt(d, 0)['text'] = 'x'.repeat(501))), data: ['text'] },
  'long-description.json': { text: changed((d) => (d['description'] = 'x'.repeat(501))), data: ['description'] },
  'schema.json': { text: changed((d) => (d['$schema'] = 7)), data: ['$schema'] },
  'depth.json': { text: changed((d) => (prompt(d, 1)['depth'] = 5)), data: [] },
  'prompt-id.json': { text: changed((d) => (prompt(d, 0)['id'] = 'no spaces!')), data: [] },
  'deck-id.json': { text: changed((d) => (d['id'] = 'Team Health!')), data: [] },
  'long-id.json': { text: changed((d) => (d['id'] = 'x'.repeat(65))), data: ['id'] },
  'prompts-object.json': { text: changed((d) => (d['prompts'] = {})), data: [] },
  'prompts-empty.json': { text: changed((d) => (d['prompts'] = [])), data: [] },
  'prompts-many.json': {
    text: changed((d) => (d['prompts'] = Array.from({ length: 501 }, (_, i) => ({ id: `p${i}`, depth: 1, topic: 't', text: 'q' })))),
    data: [],
  },
  'prompt-number.json': { text: changed((d) => (d['prompts'] = [3])), data: ['Object', '3'] },
  'columns-string.json': { text: changed((d) => (d['columns'] = 'Start')), data: [] },
  'columns-empty.json': { text: changed((d) => (d['columns'] = [])), data: [] },
  'columns-many.json': { text: changed((d) => (d['columns'] = Array.from({ length: 9 }, (_, i) => `c${i}`))), data: [] },
  'column-blank.json': { text: changed((d) => (d['columns'] = ['Start', ''])), data: ['column'] },
  'duplicate.json': { text: changed((d) => (prompt(d, 1)['id'] = 'a')), data: [] },
};

/** Every check, once: the map's type makes a new kind of check fail to compile until it is here. */
const EXAMPLES: { [K in DeckCheck['key']]: Extract<DeckCheck, { key: K }> } = {
  notString: { key: 'notString', field: 'name' },
  blank: { key: 'blank', field: 'topic' },
  tooLong: { key: 'tooLong', field: 'text', max: 500 },
  depth: { key: 'depth' },
  promptId: { key: 'promptId' },
  deckId: { key: 'deckId' },
  promptsNotArray: { key: 'promptsNotArray' },
  promptsEmpty: { key: 'promptsEmpty' },
  promptsTooMany: { key: 'promptsTooMany', max: 500 },
  columnsNotArray: { key: 'columnsNotArray' },
  columnsEmpty: { key: 'columnsEmpty' },
  columnsTooMany: { key: 'columnsTooMany', max: 8 },
  notObject: { key: 'notObject' },
  unknownField: { key: 'unknownField', field: '"colour"' },
  required: { key: 'required' },
  notJson: { key: 'notJson', fault: { key: 'separator', close: '}' }, line: 4, column: 3 },
  duplicateId: { key: 'duplicateId', id: 'a', first: 0 },
  check: { key: 'check', issue: { label: 'type', expected: 'Object', received: '3' } },
};

describe('why a custom deck is skipped, in the display language (issue 12, l10n)', () => {
  const folder = deckFolder();

  /** Start Retro's warnings for one deck file, and the data they may show. */
  async function reasons(name: string): Promise<{ errors: string[]; data: string[] }> {
    const bad = BAD_DECKS[name]!;
    for (const n of fs.readdirSync(folder.dir)) fs.rmSync(path.join(folder.dir, n));
    fs.writeFileSync(path.join(folder.dir, name), bad.text);
    const { errors } = await loadDecks();
    const parsed = parseDeck(bad.text, `.reciprocity/decks/${name}`);
    const paths = parsed.ok ? [] : parsed.errors.map((e) => e.path);
    return { errors, data: [`.reciprocity/decks/${name}`, ...paths, ...bad.data] };
  }

  it('words every reason through vscode.l10n, each value too unless it is from the file', async () => {
    fakeVscode.l10n.t = pseudoT;
    for (const name of Object.keys(BAD_DECKS)) {
      const { errors, data } = await reasons(name);
      assert.ok(errors.length > 0, `${name} was accepted`);
      for (const e of errors) {
        assert.ok(wrapped(e), `${name}: ${e}`);
        assert.deepEqual(unwrapped(e, data), [], name);
      }
    }
  });

  it('says in English what the deck check says, with the file and the field', async () => {
    for (const [name, { text }] of Object.entries(BAD_DECKS)) {
      const parsed = parseDeck(text, `.reciprocity/decks/${name}`);
      assert.ok(!parsed.ok, name);
      const english = parsed.ok ? [] : parsed.errors.map((e) => `${e.file}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
      assert.deepEqual((await reasons(name)).errors, english, name);
    }
  });

  it('words each kind of check as its English', () => {
    for (const check of Object.values(EXAMPLES)) {
      assert.equal(deckCheckText(check), deckCheckEnglish(check), JSON.stringify(check));
      fakeVscode.l10n.t = pseudoT;
      assert.ok(wrapped(deckCheckText(check)), JSON.stringify(check));
      fakeVscode.l10n.t = realT;
    }
  });

  it('keeps each check a deck can fail as data, not as a message only', () => {
    const keys = new Set<string>();
    for (const { text } of Object.values(BAD_DECKS)) {
      const parsed = parseDeck(text, 'd.json');
      if (!parsed.ok) for (const e of parsed.errors) keys.add(e.check.key);
    }
    assert.deepEqual([...keys].sort(), Object.keys(EXAMPLES).sort(), 'every kind of check, reached by a real file');
  });
});
