// Contribution id → the order it was added in (its ledger index). An open-addressing table over typed arrays: with a
// million ids a built-in Map spends most of the fold's time in hashing and rehashing, and
// this keeps one probe into one array for the common miss.

const EMPTY = -1;

function hashOf(s: string): number {
  // FNV-1a: cheap, and good enough spread for ids of any shape.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export class IdIndex {
  private mask = (1 << 12) - 1;
  private slots = new Int32Array(this.mask + 1).fill(EMPTY);
  private hashes = new Int32Array(this.mask + 1);
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(id: string): number | undefined {
    const h = hashOf(id);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[i];
      if (k === EMPTY) return undefined;
      if (this.hashes[i] === h && this.keys[k] === id) return k;
    }
  }

  /**
   * Adds the id unless present; returns false (and changes nothing) for a known id. Ids are
   * numbered in the order added, which is what `get` returns.
   */
  add(id: string): boolean {
    if ((this.keys.length + 1) * 2 > this.mask + 1) this.grow();
    const h = hashOf(id);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const k = this.slots[i];
      if (k === EMPTY) break;
      if (this.hashes[i] === h && this.keys[k] === id) return false;
    }
    this.slots[i] = this.keys.length;
    this.hashes[i] = h;
    this.keys.push(id);
    return true;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(size);
    for (let j = 0; j < oldSlots.length; j++) {
      const k = oldSlots[j];
      if (k === EMPTY) continue;
      const h = oldHashes[j];
      let i = h & this.mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i] = k;
      this.hashes[i] = h;
    }
  }
}
