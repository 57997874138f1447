// The id index on its own, past what capacity.test.ts covers: ids whose 32-bit hashes collide
// in the ways the stored bytes alone must tell apart (a prefix of the other, a code unit of
// 0x80 or above against three ASCII ones, code units differing only in their low bytes), an id
// longer than twice the byte buffer, and the sizing rules the class documents, read through
// `room` and computed here from the rules as written.
import { strict as assert } from 'node:assert';
import { IdIndex, MAX_IDS } from '../../../src/domain/balance/idIndex';

/** FNV-1a (32-bit) over UTF-16 code units, from its definition: checks the collisions below. */
function fnv1a(s: string): bigint {
  let h = 2166136261n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 16777619n) % 2n ** 32n;
  return h;
}

/**
 * Two ids with the same 32-bit hash (so the same slot and tag) are each found, and each only
 * as itself, whichever is added first and whether or not the other is there.
 */
function assertToldApart(a: string, b: string): void {
  assert.equal(fnv1a(a), fnv1a(b), `${JSON.stringify(a)} and ${JSON.stringify(b)} share a hash`);
  for (const [first, second] of [[a, b], [b, a]]) {
    const index = new IdIndex();
    assert.equal(index.add(first), true);
    assert.equal(index.get(second), undefined, `${JSON.stringify(second)} is not ${JSON.stringify(first)}`);
    assert.equal(index.add(second), true, `${JSON.stringify(second)} is new`);
    assert.equal(index.get(first), 0);
    assert.equal(index.get(second), 1);
    assert.equal(index.add(first), false);
    assert.equal(index.add(second), false);
  }
}

describe('IdIndex: ids whose hashes collide', () => {
  it('tells apart an id from a longer one it is the start of', () => {
    // Found by search: a suffix that brings FNV-1a back to the shorter id's hash.
    assertToldApart('id-2', 'id-24VlJ6');
    assertToldApart('id-6', 'id-6xLQxo');
  });

  it('tells a code unit of 0x80 or above from three ASCII ones ending in its two bytes', () => {
    // Found by search: U+3330 is stored as 0x80 0x33 0x30, 'a30' as 0x61 0x33 0x30.
    assertToldApart('YWJbQa30', 'YWJbQ\u3330');
    assertToldApart('YWJbQa31', 'YWJbQ\u3331');
  });

  it('tells apart ids whose code units differ only in their low bytes', () => {
    // Found by search among four CJK code units of fixed high bytes 0x4e, 0x4f, 0x50, 0x51.
    assertToldApart('\u4ec2\u4fa9\u502a\u51c5', '\u4e49\u4fa7\u50d2\u51de');
    assertToldApart('\u4ed0\u4fc9\u5035\u51ab', '\u4ee1\u4fa6\u504f\u514d');
  });
});

describe('IdIndex: long ids', () => {
  it('keeps an id whose bytes are more than twice the byte buffer so far', () => {
    // 12000 code units of 0x80 or above take 36000 bytes, past the buffer doubled.
    for (const before of [[], ['x'], ['a', 'é'.repeat(3000)]]) {
      const index = new IdIndex();
      for (const id of before) index.add(id);
      const long = `${'é'.repeat(11_999)}z`;
      assert.equal(index.add(long), true);
      assert.equal(index.add('after'), true);
      assert.equal(index.get(long), before.length, `after ${before.length} ids`);
      assert.equal(index.get(`${'é'.repeat(11_999)}y`), undefined);
      assert.equal(index.get('after'), before.length + 1);
      before.forEach((id, i) => assert.equal(index.get(id), i));
    }
  });
});

describe('IdIndex: sizes, by the rules the class documents', () => {
  const FIRST_SLOTS = 4096;
  const FIRST_IDS = 2048;
  const RESERVE_CAP = 2 ** 25;

  /** The least power of two that is at least x. */
  const powerOfTwoAtLeast = (x: number): number => 2 ** Math.ceil(Math.log2(x));

  it('doubles the table only when an add would fill more than half of it, the per-id arrays when full', () => {
    const index = new IdIndex();
    assert.deepEqual(index.room, { slots: FIRST_SLOTS, ids: FIRST_IDS });
    for (let count = 1; count <= 9000; count++) {
      index.add(`id-${count}`);
      const slots = Math.max(FIRST_SLOTS, powerOfTwoAtLeast(2 * count));
      const ids = Math.max(FIRST_IDS, powerOfTwoAtLeast(count));
      const room = index.room;
      if (room.slots !== slots || room.ids !== ids) assert.deepEqual(room, { slots, ids }, `after ${count} ids`);
    }
    // Adding a known id takes no room.
    index.add('id-1');
    assert.deepEqual(index.room, { slots: 32768, ids: 16384 });
  });

  it('reserve(n) sizes the table at once for n + 1 ids at most half full, up to 2^25 slots', () => {
    const ns = [0, 1, 2046, 2047, 2048, 2049, 3000, 4095, 4096, 10_000, 100_000, 2 ** 24 - 2, 2 ** 24 - 1, 2 ** 24, MAX_IDS, MAX_IDS + 1, 2 ** 30];
    for (const n of ns) {
      const index = new IdIndex();
      index.add('first');
      index.reserve(n);
      const slots = Math.min(RESERVE_CAP, Math.max(FIRST_SLOTS, powerOfTwoAtLeast(2 * (n + 1))));
      const ids = n <= FIRST_IDS || n > MAX_IDS ? FIRST_IDS : Math.max(n, 2 * FIRST_IDS);
      assert.deepEqual(index.room, { slots, ids }, `reserve(${n})`);
      assert.equal(index.get('first'), 0, `reserve(${n}) kept the ids`);
      assert.equal(index.add('second'), true);
      assert.equal(index.get('second'), 1);
    }
  });

  it('after reserve(n), n ids in all take no rehash and no growth, and one more no rehash', () => {
    for (const n of [2047, 3000, 5000]) {
      const index = new IdIndex();
      for (let i = 0; i < 10; i++) index.add(`early-${i}`);
      index.reserve(n);
      const reserved = index.room;
      for (let i = 10; i < n; i++) index.add(`id-${i}`);
      assert.deepEqual(index.room, reserved, `${n} ids after reserve(${n})`);
      index.add('one more');
      assert.equal(index.room.slots, reserved.slots, `${n + 1} ids after reserve(${n})`);
      for (let i = 0; i < 10; i++) assert.equal(index.get(`early-${i}`), i);
      for (let i = 10; i < n; i++) assert.equal(index.get(`id-${i}`), i);
      assert.equal(index.get('one more'), n);
    }
  });

  it('reserve(n) never shrinks, and grows what it grows from the sizes reached so far', () => {
    const index = new IdIndex();
    for (let i = 0; i < 5000; i++) index.add(`id-${i}`);
    assert.deepEqual(index.room, { slots: 16384, ids: 8192 });
    for (const n of [0, 10, 5000, 8191]) {
      index.reserve(n);
      assert.deepEqual(index.room, { slots: 16384, ids: 8192 }, `reserve(${n})`);
    }
    // 8192: 8193 ids would fill more than half the slots; the per-id arrays hold 8192 already.
    index.reserve(8192);
    assert.deepEqual(index.room, { slots: 32768, ids: 8192 });
    // 8193: the per-id arrays doubled, which is more than 8193.
    index.reserve(8193);
    assert.deepEqual(index.room, { slots: 32768, ids: 16384 });
    // 40000: the per-id arrays to exactly n, which is more than doubled.
    index.reserve(40_000);
    assert.deepEqual(index.room, { slots: 131072, ids: 40_000 });
    for (let i = 0; i < 5000; i += 13) assert.equal(index.get(`id-${i}`), i);
    assert.equal(index.get('id-5000'), undefined);
  });
});
