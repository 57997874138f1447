// Contribution id → the order it was added in (its ledger index). An open-addressing table
// over typed arrays: with a million ids a built-in Map spends most of the fold's time in
// hashing and rehashing, and this keeps one probe into one array for the common miss.
//
// Each slot of that array is one Int32: a few bits of the id's hash (its tag) above the
// ordinal + 1, 0 when free. A probe for a new id (the common case) reads one word and the
// insert writes the same word, so a million ids, in a table far larger than the cache, cost
// one cache miss each; a byte array of tags beside an array of ordinals cost two, and two
// again for each id at every rehash (issue 12, balance.apply_1m_contributions). The full
// hash and the id are read only when a tag matches. Ordinals fit below the tag: 2^25 - 1
// ids, far more than a session file can hold.
//
// The ids themselves are copied into one byte array rather than the strings kept: a million
// strings held by the engine outlive the events they came from, so the garbage collector
// copied each into the old generation and traced them all at every major collection, and
// the array holding them grew on the JS heap (issue 12, balance.apply_1m_contributions).
// A code unit below 0x80 takes one byte (ids are usually ASCII), any other three: 0x80 and
// its two bytes, so two ids are equal exactly when their bytes are. They are compared only
// when a full hash matches.
//
// Sizes: the table starts at 4096 slots and add() doubles it when an id would fill more than
// half of them. The per-id arrays (hashes, starts) start with room for 2048 ids and double
// when full. reserve(n) does both at once; `room` reads the sizes, for the tests of these rules.

const ORDINAL_BITS = 25;
const ORDINAL_MASK = (1 << ORDINAL_BITS) - 1;
/** The most ids the table numbers (the ordinal + 1 must fit in its bits). */
export const MAX_IDS = ORDINAL_MASK - 1;

export class IdIndex {
  private mask = (1 << 12) - 1;
  /** Per slot: 0 when free, else tagOf(the id's hash) << ORDINAL_BITS | (its ordinal + 1). */
  private slots = new Int32Array(this.mask + 1);
  /** Per ordinal: the id's full hash, to rule out most tag collisions and to rehash. */
  private hashes = new Int32Array(1 << 11);
  /** Per ordinal k: where its id's bytes start in `bytes`; they end where k + 1's start. */
  private starts = new Int32Array((1 << 11) + 1);
  /** Every id, encoded as above, one after the other. */
  private bytes = new Uint8Array(1 << 14);
  private count = 0;

  get(id: string): number | undefined {
    const h = hashOf(id);
    const tag = tagOf(h);
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const w = slots[i];
      if (w === 0) return undefined;
      if (w >>> ORDINAL_BITS === tag && this.holds((w & ORDINAL_MASK) - 1, h, id)) return (w & ORDINAL_MASK) - 1;
    }
  }

  /** Slots in the table, and ids the per-id arrays hold before they next grow. Not for get/add. */
  get room(): { slots: number; ids: number } {
    return { slots: this.slots.length, ids: this.hashes.length };
  }

  /**
   * Sizes the table, at once, for `n` ids in all: one rehash where adding them would have
   * taken one at each doubling (a whole log folded at load). The table becomes the fewest
   * slots, a power of two, that n + 1 ids fill at most half, never shrinking and never past
   * 2^25 slots here (add() doubles it beyond if ever needed). The per-id arrays grow to n,
   * or double if that is more, unless they hold n already or n is past MAX_IDS.
   */
  reserve(n: number): void {
    let size = this.mask + 1;
    while ((n + 1) * 2 > size && size <= ORDINAL_MASK) size *= 2;
    if (size > this.mask + 1) this.rehash(size - 1);
    if (n > this.hashes.length && n <= MAX_IDS) {
      // At least doubled, as add() would: a log folded in chunks reserves a little each time.
      const length = Math.max(n, this.hashes.length * 2);
      this.hashes = grown(this.hashes, length);
      this.starts = grown(this.starts, length + 1);
    }
  }

  /**
   * Adds the id unless present; returns false (and changes nothing) for a known id. Ids are
   * numbered in the order added, which is what `get` returns.
   */
  add(id: string): boolean {
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash(this.mask * 2 + 1);
    const h = hashOf(id);
    const tag = tagOf(h);
    const slots = this.slots;
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const w = slots[i];
      if (w === 0) break;
      if (w >>> ORDINAL_BITS === tag && this.holds((w & ORDINAL_MASK) - 1, h, id)) return false;
    }
    if (this.count === MAX_IDS) throw new RangeError(`More than ${MAX_IDS} contribution ids`);
    const k = this.count++;
    slots[i] = (tag << ORDINAL_BITS) | (k + 1);
    if (k === this.hashes.length) {
      this.hashes = grown(this.hashes, k * 2);
      this.starts = grown(this.starts, k * 2 + 1);
    }
    this.hashes[k] = h;
    let at = this.starts[k];
    // At most three bytes a code unit: room for the longest encoding, checked once.
    if (at + 3 * id.length > this.bytes.length) this.bytes = grown(this.bytes, Math.max(at + 3 * id.length, this.bytes.length * 2));
    const bytes = this.bytes;
    for (let j = 0; j < id.length; j++) {
      const u = id.charCodeAt(j);
      if (u < 0x80) bytes[at++] = u;
      else {
        bytes[at] = 0x80;
        bytes[at + 1] = u >>> 8;
        bytes[at + 2] = u & 0xff;
        at += 3;
      }
    }
    this.starts[k + 1] = at;
    return true;
  }

  private holds(k: number, h: number, id: string): boolean {
    if (this.hashes[k] !== h) return false;
    const bytes = this.bytes;
    const end = this.starts[k + 1];
    let at = this.starts[k];
    for (let j = 0; j < id.length; j++) {
      const u = id.charCodeAt(j);
      if (at >= end) return false;
      if (u < 0x80) {
        if (bytes[at++] !== u) return false;
      } else {
        if (bytes[at] !== 0x80 || bytes[at + 1] !== u >>> 8 || bytes[at + 2] !== (u & 0xff)) return false;
        at += 3;
      }
    }
    return at === end;
  }

  private rehash(mask: number): void {
    this.mask = mask;
    const slots = new Int32Array(mask + 1);
    for (let k = 0; k < this.count; k++) {
      const h = this.hashes[k];
      let i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = (tagOf(h) << ORDINAL_BITS) | (k + 1);
    }
    this.slots = slots;
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function hashOf(s: string): number {
  // FNV-1a: cheap, and good enough spread for ids of any shape.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** 0..127 from the hash's top bits; the slot comes from its low bits, so the two differ. */
function tagOf(h: number): number {
  return h >>> ORDINAL_BITS;
}
