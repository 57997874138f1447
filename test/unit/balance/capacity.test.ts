// The engine's data structures on their own: the id index, the Fenwick tree of turns and the
// contribution ledger. The engine tests reach them only with a few dozen ids and turns; these
// push past the initial capacities and through hash collisions, and check the linked lists
// that "last spoke" steps back along.
import { strict as assert } from 'node:assert';
import { GrowableFenwick } from '../../../src/domain/balance/fenwick';
import { IdIndex } from '../../../src/domain/balance/idIndex';
import { ContributionLedger, PAGE_SHIFT, type NewContribution } from '../../../src/domain/balance/ledger';

describe('balance structures: IdIndex', () => {
  it('numbers ids in the order added, across several rehashes', () => {
    const index = new IdIndex();
    const n = 9000; // past 2048 (the first rehash and the hash array's growth) and 4096
    for (let i = 0; i < n; i++) assert.equal(index.add(`id-${i}`), true, `add id-${i}`);
    for (let i = 0; i < n; i++) assert.equal(index.get(`id-${i}`), i, `get id-${i}`);
    for (let i = 0; i < n; i += 7) assert.equal(index.add(`id-${i}`), false, `re-add id-${i}`);
    // Unknown ids probe the same clusters and must come back empty, whatever tags they share.
    for (let i = 0; i < n; i++) assert.equal(index.get(`other-${i}`), undefined, `get other-${i}`);
    // Adding a known id changed nothing: the next new id still takes the next ordinal.
    assert.equal(index.add('fresh'), true);
    assert.equal(index.get('fresh'), n);
  });

  it('tells apart ids whose 32-bit hashes collide', () => {
    // FNV-1a collisions (verified by hand with the same hash): same slot, same tag, same hash.
    const pairs = [['costarring', 'liquid'], ['declinate', 'macallums'], ['altarage', 'zinke'], ['altarages', 'zinkes']];
    const index = new IdIndex();
    for (const [a] of pairs) index.add(a);
    for (const [a, b] of pairs) {
      assert.equal(index.get(b), undefined, `${b} is not ${a}`);
    }
    for (const [, b] of pairs) assert.equal(index.add(b), true, `${b} is new`);
    pairs.forEach(([a, b], i) => {
      assert.equal(index.get(a), i);
      assert.equal(index.get(b), pairs.length + i);
    });
  });

  it('tells apart ids of any characters, their hashes colliding or not', () => {
    // FNV-1a collisions found by a search: a non-ASCII id against an ASCII one of the same
    // length (but not the same stored size), two non-ASCII ones, and two whose code units
    // differ only in their high bytes (0x0b41 0x8442 0x5443 against 0x6041 0x0242 0x0143).
    const pairs = [['Ātp1x', '80977'], ['Āmw1x', '89677'], ['Ā2ljox', '155035'], ['é123726', 'Ā3zpsx'], ['\u0b41\u8442\u5443', '\u6041\u0242\u0143']];
    // Ids whose code units could be mistaken for one another's if stored carelessly: a unit
    // of 0x80 or above against two bytes, a prefix against the whole, surrogates, the empty id.
    const others = ['', 'c', 'c1', 'c12', '\u0080', '\u0000\u0080', '\u0100', '\u0001\u0000', '\u0080\u0001\u0000', 'é', 'e\u0301', '日本', '🙂', '\ud83d', '\uffff', 'x\u0000'];
    const index = new IdIndex();
    const ids = [...pairs.map((p) => p[0]), ...others];
    for (const id of ids) assert.equal(index.add(id), true, `add ${JSON.stringify(id)}`);
    for (const [, b] of pairs) assert.equal(index.get(b), undefined, `${b} is not its pair`);
    for (const [, b] of pairs) assert.equal(index.add(b), true, `${b} is new`);
    const all = [...ids, ...pairs.map((p) => p[1])];
    all.forEach((id, i) => {
      assert.equal(index.get(id), i, `get ${JSON.stringify(id)}`);
      assert.equal(index.add(id), false, `re-add ${JSON.stringify(id)}`);
    });
    for (const id of ['\u0081', '\u0000', 'c2', 'Ā1', '日', '\ud83d\ude43', 'x']) assert.equal(index.get(id), undefined, `get ${JSON.stringify(id)}`);
  });

  it('numbers ids the same when sized in advance, more or fewer than reserved', () => {
    for (const [reserved, n] of [[10, 5000], [6000, 5000], [5000, 5000], [100_000, 3]]) {
      const index = new IdIndex();
      index.add('first');
      index.reserve(reserved);
      for (let i = 0; i < n; i++) assert.equal(index.add(`id-${i}`), true, `add id-${i}`);
      index.reserve(reserved); // again: smaller than the table now, changes nothing
      assert.equal(index.add('first'), false);
      assert.equal(index.get('first'), 0);
      for (let i = 0; i < n; i++) assert.equal(index.get(`id-${i}`), i + 1, `get id-${i} (reserved ${reserved})`);
      for (let i = 0; i < n; i += 11) assert.equal(index.get(`other-${i}`), undefined);
    }
  });

  it('keeps long ids and many of them, past the initial sizes', () => {
    const index = new IdIndex();
    const long = (i: number): string => `${'é'.repeat(i % 300)}-${i}-${'a'.repeat(i % 5000)}`;
    for (let i = 0; i < 3000; i++) assert.equal(index.add(long(i)), true);
    for (let i = 0; i < 3000; i++) assert.equal(index.get(long(i)), i);
    assert.equal(index.get(`${long(7)}!`), undefined);
  });
});

describe('balance structures: GrowableFenwick', () => {
  /** Prefix sums the obvious way. */
  const prefixOf = (values: number[], count: number): number => values.slice(0, count).reduce((a, b) => a + b, 0);

  it('appends past its initial capacity and returns each 0-based position', () => {
    const f = new GrowableFenwick();
    const values: number[] = [];
    for (let i = 0; i < 2100; i++) {
      const v = (i % 5) + 1;
      assert.equal(f.append(v), i);
      values.push(v);
    }
    assert.equal(f.length, 2100);
    assert.equal(f.total, prefixOf(values, values.length));
    for (const count of [0, 1, 2, 3, 511, 1000, 1023, 1024, 1025, 1500, 2047, 2048, 2049, 2100, 5000]) {
      assert.equal(f.prefix(count), prefixOf(values, count), `prefix(${count})`);
    }
  });

  it('adds at any position and keeps every prefix sum', () => {
    const f = new GrowableFenwick();
    const values: number[] = [];
    for (let i = 0; i < 40; i++) {
      f.append(1);
      values.push(1);
    }
    for (const [pos, delta] of [[0, -1], [2, -1], [5, 3], [12, -1], [31, 2], [39, -1]] as const) {
      f.add(pos, delta);
      values[pos] += delta;
      for (let count = 0; count <= 40; count++) assert.equal(f.prefix(count), prefixOf(values, count), `prefix(${count}) after add(${pos})`);
      assert.equal(f.total, prefixOf(values, 40));
    }
  });
});

describe('balance structures: ContributionLedger', () => {
  const NONE = -1;
  const draft = (over: Partial<NewContribution>): NewContribution => ({
    member: 0, depth: 1, stage: 1, pass: false, words: 1, seconds: 0, seq: 0, turnOrd: 0, prevAct: NONE, prevTurn: NONE, ...over,
  });

  /** One member's acts: turn c0, pass c1, turn c2, turn c3, each linked to the member's previous ones. */
  function fourActs(): ContributionLedger {
    const l = new ContributionLedger();
    assert.equal(l.add('c0', draft({ seq: 10, turnOrd: 0 })), 0);
    assert.equal(l.add('c1', draft({ seq: 11, pass: true, turnOrd: NONE, prevAct: 0, prevTurn: 0 })), 1);
    assert.equal(l.add('c2', draft({ seq: 12, turnOrd: 1, prevAct: 1, prevTurn: 0 })), 2);
    assert.equal(l.add('c3', draft({ seq: 13, turnOrd: 2, prevAct: 2, prevTurn: 2 })), 3);
    return l;
  }

  it('links each act and each turn to the member\'s previous one, passes only in the act list', () => {
    const l = new ContributionLedger();
    l.add('c0', draft({}));
    l.add('c1', draft({ pass: true, turnOrd: NONE, prevAct: 0, prevTurn: 0 }));
    // The pass is in the act list only: it has no previous turn of its own.
    assert.deepEqual([l.prevAct(0), l.prevAct(1), l.prevTurn(0), l.prevTurn(1)], [NONE, 0, NONE, NONE]);
    l.add('c2', draft({ prevAct: 1, prevTurn: 0 }));
    assert.deepEqual([l.prevAct(2), l.prevTurn(2)], [1, 0]);
    assert.deepEqual([l.pass(0), l.pass(1), l.pass(2)], [false, true, false]);
    assert.equal(l.count, 3);
  });

  it('a repeated id records nothing, and find() skips removed contributions', () => {
    const l = fourActs();
    assert.equal(l.add('c1', draft({ seq: 99 })), NONE);
    assert.equal(l.count, 4);
    assert.equal(l.find('c2'), 2);
    assert.equal(l.find('nope'), NONE);
    l.remove(2, 3, 3);
    assert.equal(l.find('c2'), NONE);
    assert.equal(l.alive(2), false);
    assert.equal(l.add('c2', draft({})), NONE, 'a removed id is never reused');
  });

  it('removing the tail steps the last act and last turn back', () => {
    const l = fourActs();
    assert.deepEqual(l.remove(3, 3, 3), { lastAct: 2, lastTurn: 2 });
    // Now c2 is the tail of both lists; its previous turn is c0 (c1 was a pass).
    assert.deepEqual(l.remove(2, 2, 2), { lastAct: 1, lastTurn: 0 });
    // Removing the pass steps only the act list back.
    assert.deepEqual(l.remove(1, 1, 0), { lastAct: 0, lastTurn: 0 });
    assert.deepEqual(l.remove(0, 0, 0), { lastAct: NONE, lastTurn: NONE });
  });

  it('removing from the middle keeps the tail, and a later step back passes what was removed', () => {
    const l = fourActs();
    assert.deepEqual(l.remove(2, 3, 3), { lastAct: 3, lastTurn: 3 });
    // The pass in the middle of the act list: the turn list does not change.
    assert.deepEqual(l.remove(1, 3, 3), { lastAct: 3, lastTurn: 3 });
    // c3's previous act and turn (c2) are gone, and the act before that (c1): both step back to c0.
    assert.deepEqual(l.remove(3, 3, 3), { lastAct: 0, lastTurn: 0 });
    assert.deepEqual(l.remove(0, 0, 0), { lastAct: NONE, lastTurn: NONE });
  });

  it('steps back to the newest standing act and turn whatever was removed before', () => {
    // Two members' acts interleaved, a pass every third; contributions removed in a
    // scrambled order, each step back checked against the standing ones counted afresh.
    const l = new ContributionLedger();
    const n = 600;
    const last = [
      { act: NONE, turn: NONE },
      { act: NONE, turn: NONE },
    ];
    const memberOf = (i: number): number => (i * 7) % 3 === 0 ? 1 : 0;
    const isPass = (i: number): boolean => i % 3 === 2;
    for (let i = 0; i < n; i++) {
      const m = memberOf(i);
      const pass = isPass(i);
      l.add(`c${i}`, draft({ member: m, pass, turnOrd: pass ? NONE : i, prevAct: last[m].act, prevTurn: last[m].turn }));
      last[m].act = i;
      if (!pass) last[m].turn = i;
    }
    const standing = new Set(Array.from({ length: n }, (_, i) => i));
    const newest = (m: number, turnsOnly: boolean): number => {
      for (let i = n - 1; i >= 0; i--) if (standing.has(i) && memberOf(i) === m && !(turnsOnly && isPass(i))) return i;
      return NONE;
    };
    for (let k = 0; k < n; k++) {
      const i = (k * 389) % n; // 389 is prime to 600: every contribution once
      const m = memberOf(i);
      standing.delete(i);
      const got = l.remove(i, last[m].act, last[m].turn);
      assert.deepEqual(got, { lastAct: newest(m, false), lastTurn: newest(m, true) }, `after removing c${i}`);
      last[m] = { act: got.lastAct, turn: got.lastTurn };
    }
  });

  /** Every field of contribution i as `manyFields` below adds it. */
  const fieldsOf = (l: ContributionLedger, i: number): unknown[] => [
    l.member(i), l.depth(i), l.stage(i), l.pass(i), l.alive(i), l.words(i), l.seconds(i), l.seq(i), l.turnOrd(i), l.prevAct(i), l.prevTurn(i),
  ];
  const expectedFields = (i: number, seconds: (i: number) => number): unknown[] => {
    const pass = i % 3 === 0;
    return [i % 7, (i % 4) + 1, ((i + 1) % 4) + 1, pass, true, i * 2, seconds(i), i + 100 + 0.5 * (i % 2), i, i - 1, pass ? NONE : i - 1];
  };
  function manyFields(n: number, seconds: (i: number) => number): ContributionLedger {
    const l = new ContributionLedger();
    for (let i = 0; i < n; i++) {
      const c = draft({
        member: i % 7, depth: (i % 4) + 1, stage: ((i + 1) % 4) + 1, pass: i % 3 === 0, words: i * 2, seconds: seconds(i),
        seq: i + 100 + 0.5 * (i % 2), turnOrd: i, prevAct: i - 1, prevTurn: i - 1,
      });
      assert.equal(l.add(`c${i}`, c), i);
    }
    return l;
  }
  const PAGE = 1 << PAGE_SHIFT;

  it('keeps every field as the first page grows and across page boundaries', () => {
    const n = 3 * PAGE + 5; // the first page doubles from 256 up to a page, then three more pages
    const l = manyFields(n, (i) => i / 2);
    for (const i of [0, 255, 256, 257, 1023, 1024, 1025, 2047, 2048, 2049, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE - 1, 2 * PAGE, 3 * PAGE, n - 1]) {
      assert.deepEqual(fieldsOf(l, i), expectedFields(i, (k) => k / 2), `contribution ${i}`);
      assert.equal(l.find(`c${i}`), i);
    }
    for (let i = 0; i < n; i += 97) assert.deepEqual(fieldsOf(l, i), expectedFields(i, (k) => k / 2), `contribution ${i}`);
    // Removal and the words of an edit reach the right entry on a later page, and only it.
    l.remove(PAGE, NONE, NONE);
    l.setWords(2 * PAGE + 1, 77);
    assert.deepEqual([l.alive(PAGE - 1), l.alive(PAGE), l.alive(PAGE + 1), l.find(`c${PAGE}`)], [true, false, true, NONE]);
    assert.deepEqual([l.words(2 * PAGE), l.words(2 * PAGE + 1), l.words(2 * PAGE + 2)], [4 * PAGE, 77, 4 * PAGE + 4]);
    assert.deepEqual(fieldsOf(l, PAGE + 1), expectedFields(PAGE + 1, (k) => k / 2));
  });

  it('steps back along a member\'s list across pages, past removed entries', () => {
    // One member's acts every 1000th entry: each list link crosses a page now and then.
    const l = new ContributionLedger();
    const mine: number[] = [];
    for (let i = 0; i < 2 * PAGE + 10; i++) {
      const isMine = i % 1000 === 0;
      const prev = isMine && mine.length ? mine[mine.length - 1] : NONE;
      l.add(`c${i}`, draft({ member: isMine ? 1 : 0, prevAct: prev, prevTurn: prev }));
      if (isMine) mine.push(i);
    }
    const tail = mine[mine.length - 1];
    // Remove every one of the member's acts but the first two, newest last: the tail steps back over all.
    for (const i of mine.slice(2, -1)) l.remove(i, tail, tail);
    assert.deepEqual(l.remove(tail, tail, tail), { lastAct: mine[1], lastTurn: mine[1] });
  });

  it('has no seconds pages while no contribution has seconds, and reads 0 for any without', () => {
    const l = manyFields(2 * PAGE + 3, () => 0);
    assert.equal(l.secondsPageCount, 0);
    for (const i of [0, PAGE, 2 * PAGE + 2]) assert.equal(l.seconds(i), 0);
  });

  it('keeps seconds that first appear mid-log, in a later page, and reads 0 before them', () => {
    // None until entry PAGE + 10, then every fifth: the pages before it never get seconds.
    const seconds = (i: number): number => (i >= PAGE + 10 && i % 5 === 0 ? i / 4 + 0.25 : 0);
    const n = 3 * PAGE + 7;
    const l = manyFields(n, seconds);
    assert.equal(l.secondsPageCount, 3, 'pages 1, 2 and 3 only');
    for (let i = 0; i < n; i += 13) assert.equal(l.seconds(i), seconds(i), `seconds of ${i}`);
    for (const i of [0, PAGE - 1, PAGE + 5, PAGE + 10, PAGE + 15, 2 * PAGE, 3 * PAGE, 3 * PAGE + 5, n - 1]) {
      assert.deepEqual(fieldsOf(l, i), expectedFields(i, seconds), `contribution ${i}`);
    }
  });

  it('skips a page with no seconds between pages with some', () => {
    const seconds = (i: number): number => (i === 3 || i === 2 * PAGE + 1 ? 9.5 : 0);
    const l = manyFields(2 * PAGE + 2, seconds);
    assert.equal(l.secondsPageCount, 2);
    assert.deepEqual([l.seconds(3), l.seconds(4), l.seconds(PAGE + 3), l.seconds(2 * PAGE), l.seconds(2 * PAGE + 1)], [9.5, 0, 0, 0, 9.5]);
  });
});
