// Issue 11 (insights in a sensible order): notes by column in the deck's order, then by votes;
// a group counts with the votes of all its notes and its notes sit together, right after the
// note they are grouped with, most votes first. The expected orders are written out by hand.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import type { RetroView } from '../../../src/protocol';

type Note = RetroView['notes'][number];
type Order = (notes: readonly Note[], deckColumns: readonly string[]) => Note[];

/**
 * Loaded at run time, not imported: the view's module types need the DOM, which the host's
 * tsconfig (which checks this file) leaves out; tsconfig.webview.json checks notes.ts itself.
 */
const NOTES = '../../../src/webview/views/notes';
const { orderForInsights } = createRequire(__filename)(NOTES) as { orderForInsights: Order };

const note = (id: string, column: string, votes: number, groupId: string | null = null): Note =>
  ({ id, memberId: null, text: `note ${id}`, column, groupId, votes }) as Note;

const ids = (notes: Note[]) => notes.map((n) => n.id);

describe('insights order (orderForInsights)', () => {
  it('orders the notes of one column by votes, most first', () => {
    const notes = [note('g1', 'Glad', 1), note('g2', 'Glad', 4), note('g3', 'Glad', 0), note('g4', 'Glad', 2)];
    assert.deepEqual(ids(orderForInsights(notes, ['Glad'])), ['g2', 'g4', 'g1', 'g3']);
  });

  it("takes the columns in the deck's order, not the notes' order, then any column the deck lacks", () => {
    const notes = [note('o1', 'Other', 9), note('g1', 'Glad', 5), note('s1', 'Sad', 0), note('m1', 'Mad', 1)];
    assert.deepEqual(ids(orderForInsights(notes, ['Mad', 'Sad', 'Glad'])), ['m1', 's1', 'g1', 'o1']);
  });

  it("ranks a group by its notes' votes together, so a group can beat a single note that beats its first note", () => {
    const notes = [
      note('s3', 'Sad', 3), // alone: 3
      note('s1', 'Sad', 1), // the group's first note: 1 + 3 + 1 = 5
      note('s4', 'Sad', 0),
      note('s2', 'Sad', 3, 's1'),
      note('s5', 'Sad', 1, 's1'),
      note('s6', 'Sad', 4), // alone: 4, below the group's 5
    ];
    assert.deepEqual(ids(orderForInsights(notes, ['Sad'])), ['s1', 's2', 's5', 's6', 's3', 's4']);
  });

  it("keeps a grouped note with its group, under the group's column, most-voted first inside the group", () => {
    const notes = [
      note('g1', 'Glad', 2, 's1'), // grouped with a Sad note: listed with it
      note('g2', 'Glad', 1),
      note('s1', 'Sad', 0),
      note('s2', 'Sad', 5, 's1'),
      note('m1', 'Mad', 0),
    ];
    assert.deepEqual(ids(orderForInsights(notes, ['Mad', 'Sad', 'Glad'])), ['m1', 's1', 's2', 'g1', 'g2']);
  });

  it('leaves the notes it was given as they were', () => {
    const notes = [note('a', 'Glad', 0), note('b', 'Glad', 3)];
    const before = ids(notes);
    orderForInsights(notes, ['Glad']);
    assert.deepEqual(ids(notes), before);
  });
});
