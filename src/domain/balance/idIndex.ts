// Contribution id → the order it was added in (its ledger index). An open-addressing table
// over typed arrays: with a million ids a built-in Map spends most of the fold's time in
// hashing and rehashing, and this keeps one probe into one array for the common miss.
//
// That array holds a one-byte tag per slot (a few bits of the hash), not the ordinals: a
// million ids need a table far larger than the cache, and the tags are a quarter of its
// size, so the probe for a new id (the common case) mostly hits the cache. Ordinals and
// full hashes are read only when a tag matches.
//
// The ids themselves are copied into one byte array rather than the strings kept: a million
// strings held by the engine outlive the events they came from, so the garbage collector
// copied each into the old generation and traced them all at every major collection, and
// the array holding them grew on the JS heap (issue 12, balance.apply_1m_contributions).
// A code unit below 0x80 takes one byte (ids are usually ASCII), any other three: 0x80 and
// its two bytes, so two ids are equal exactly when their bytes are. They are compared only
// when a full hash matches.

export class IdIndex {
  private mask = (1 << 12) - 1;
  /** Per slot: 0 when free, else tagOf(the id's hash). */
  private tags = new Uint8Array(this.mask + 1);
  /** Per slot: the ordinal of the id there, where the tag is set. */
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
    const tags = this.tags;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const t = tags[i];
      if (t === 0) return undefined;
      if (t === tag && this.holds(this.slots[i], h, id)) return this.slots[i];
    }
  }

  /**
   * Adds the id unless present; returns false (and changes nothing) for a known id. Ids are
   * numbered in the order added, which is what `get` returns.
   */
  add(id: string): boolean {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h = hashOf(id);
    const tag = tagOf(h);
    const tags = this.tags;
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const t = tags[i];
      if (t === 0) break;
      if (t === tag && this.holds(this.slots[i], h, id)) return false;
    }
    const k = this.count++;
    tags[i] = tag;
    this.slots[i] = k;
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

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    const tags = new Uint8Array(this.mask + 1);
    const slots = new Int32Array(this.mask + 1);
    for (let k = 0; k < this.count; k++) {
      const h = this.hashes[k];
      let i = h & this.mask;
      while (tags[i] !== 0) i = (i + 1) & this.mask;
      tags[i] = tagOf(h);
      slots[i] = k;
    }
    this.tags = tags;
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

/** 1..128 from the hash's top bits; the slot comes from its low bits, so the two differ. */
function tagOf(h: number): number {
  return (h >>> 25) + 1;
}
