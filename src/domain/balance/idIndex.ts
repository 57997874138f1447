// Contribution id → the order it was added in (its ledger index). An open-addressing table
// over typed arrays: with a million ids a built-in Map spends most of the fold's time in
// hashing and rehashing, and this keeps one probe into one array for the common miss.
//
// That array holds a one-byte tag per slot (a few bits of the hash), not the ordinals: a
// million ids need a table far larger than the cache, and the tags are a quarter of its
// size, so the probe for a new id (the common case) mostly hits the cache. Ordinals and
// full hashes are read only when a tag matches.

export class IdIndex {
  private mask = (1 << 12) - 1;
  /** Per slot: 0 when free, else tagOf(the id's hash). */
  private tags = new Uint8Array(this.mask + 1);
  /** Per slot: the ordinal of the id there, where the tag is set. */
  private slots = new Int32Array(this.mask + 1);
  /** Per ordinal: the id's full hash, to rule out most tag collisions and to rehash. */
  private hashes = new Int32Array(1 << 11);
  private readonly keys: string[] = [];

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
    if ((this.keys.length + 1) * 2 > this.mask + 1) this.grow();
    const h = hashOf(id);
    const tag = tagOf(h);
    const tags = this.tags;
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const t = tags[i];
      if (t === 0) break;
      if (t === tag && this.holds(this.slots[i], h, id)) return false;
    }
    const k = this.keys.length;
    tags[i] = tag;
    this.slots[i] = k;
    if (k === this.hashes.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[k] = h;
    this.keys.push(id);
    return true;
  }

  private holds(k: number, h: number, id: string): boolean {
    return this.hashes[k] === h && this.keys[k] === id;
  }

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    const tags = new Uint8Array(this.mask + 1);
    const slots = new Int32Array(this.mask + 1);
    for (let k = 0; k < this.keys.length; k++) {
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
