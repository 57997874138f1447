import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { pseudonymise, pseudonymLetters, realNames } from '../../../src/domain/summary';

describe('pseudonymise', () => {
  it('labels A..Z, then AA, AB, … like spreadsheet columns', () => {
    assert.deepEqual(
      [0, 1, 25, 26, 27, 51, 52, 701, 702].map(pseudonymLetters),
      ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'],
    );
  });

  it('is consistent by order of first appearance', () => {
    const p = pseudonymise([
      { id: 'x', name: 'Xi' },
      { id: 'y', name: 'Yo' },
      { id: 'x', name: 'Xi' },
    ]);
    assert.equal(p.name('x'), 'Member A');
    assert.equal(p.name('y'), 'Member B');
    assert.equal(p.key('y'), 'member-b');
    assert.equal(p.name('gone'), 'a former member');
  });

  it('with a salt, gives each member the same letters whatever the roster order, and not in roster order', () => {
    const roster = Array.from({ length: 60 }, (_, i) => ({ id: `m${String(i).padStart(2, '0')}`, name: `Person ${i}` }));
    const shuffled = [...roster].reverse();
    const a = pseudonymise(roster, 'retro@1');
    const b = pseudonymise(shuffled, 'retro@1');
    const letters = roster.map((m) => a.name(m.id));
    assert.deepEqual(roster.map((m) => b.name(m.id)), letters);
    assert.equal(new Set(letters).size, roster.length, 'one label each');
    const inOrder = roster.map((_, i) => `Member ${pseudonymLetters(i)}`);
    assert.notDeepEqual(letters, inOrder, 'letters must not follow the roster');
    assert.notDeepEqual(roster.map((m) => pseudonymise(roster, 'retro@2').name(m.id)), letters, 'another retro, other letters');
  });

  it('replaces full names before their parts, case-insensitively, on word boundaries', () => {
    const p = pseudonymise([
      { id: 'a', name: 'Sam Lee' },
      { id: 'b', name: 'Sam Ode' },
      { id: 'c', name: 'Lee, Ana' },
    ]);
    assert.equal(p.text('SAM LEE and sam ode'), 'Member A and Member B');
    // "Sam" alone could be either; "Lee" is shared by a and c: neither is guessed.
    assert.equal(p.text('Sam said Lee'), 'a member said a member');
    assert.equal(p.text('Ana, Samantha and Odessa'), 'Member C, Samantha and Odessa');
  });

  it('copes with names full of regular-expression syntax', () => {
    const p = pseudonymise([{ id: 'a', name: 'a+b (c)? [d] $e ^f | g\\h' }]);
    assert.equal(p.text('hi a+b (c)? [d] $e ^f | g\\h!'), 'hi Member A!');
  });

  it('never leaves a full name behind, whatever the names (property)', () => {
    const name = fc.string({ minLength: 2, maxLength: 12 }).filter((s) => /\p{L}{2}/u.test(s));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), fc.string(), (names, filler) => {
        const p = pseudonymise(names.map((n, i) => ({ id: String(i), name: n })));
        const out = p.text(`${filler} ${names.join(' ; ')} ${filler}`);
        for (const n of names) {
          const word = new RegExp(`(?<![\\p{L}\\p{N}_])${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'iu');
          if (/^[\p{L}\p{N}_]/u.test(n) && /[\p{L}\p{N}_]$/u.test(n)) assert.ok(!word.test(out.replace(filler, '')), `${n} in ${out}`);
        }
      }),
    );
  });

  it('realNames leaves everything as it is', () => {
    const p = realNames([{ id: 'a', name: 'Sam' }]);
    assert.equal(p.name('a'), 'Sam');
    assert.equal(p.text('Sam'), 'Sam');
  });
});
