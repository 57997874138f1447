// A Fenwick (binary indexed) tree that grows as turns are appended. It answers "how many
// turns still stand after this one" in O(log n) even after contributions are removed, so
// `turnsSinceLastSpoke` never rescans the log.
//
// It holds counts (every value appended or added is a whole number, and so is every sum), so
// its nodes are Int32: half the memory of doubles, written again each time the tree doubles
// (issue 12: a million turns, balance.apply_1m_contributions).

export class GrowableFenwick {
  private tree = new Int32Array(1024);
  private size = 0;
  private sum = 0;

  get length(): number {
    return this.size;
  }

  get total(): number {
    return this.sum;
  }

  /** Appends a value and returns its 0-based position. */
  append(value: number): number {
    const k = ++this.size;
    if (k >= this.tree.length) {
      const grown = new Int32Array(this.tree.length * 2);
      grown.set(this.tree);
      this.tree = grown;
    }
    // Node k covers (k − lowbit(k), k]: the value plus its children k − 1, k − 2, k − 4, …
    // (each covering the half before the last). One step on average, where two prefix
    // sums cost 2·log n; appending is on the path of every turn.
    const tree = this.tree;
    let v = value;
    const low = k & -k;
    for (let j = 1; j < low; j <<= 1) v += tree[k - j];
    tree[k] = v;
    this.sum += value;
    return k - 1;
  }

  /** Adds delta at a 0-based position. */
  add(position: number, delta: number): void {
    for (let k = position + 1; k <= this.size; k += k & -k) this.tree[k] += delta;
    this.sum += delta;
  }

  /**
   * Position (0-based) of the entry where the prefix sum first exceeds k, for 0/1 entries:
   * the k-th (0-based) entry that is 1. O(log n), a descent of the tree.
   */
  select(k: number): number {
    let pos = 0;
    let rest = k + 1;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next] < rest) {
        pos = next;
        rest -= this.tree[next];
      }
    }
    return pos;
  }

  /**
   * Position (0-based) of the k-th (0-based) entry that is 0, for 0/1 entries. The same
   * descent as `select`: a node reached from a position aligned to its step covers `step`
   * entries, of which `step - tree[node]` are 0.
   */
  selectZero(k: number): number {
    let pos = 0;
    let rest = k + 1;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size) {
        const zeros = step - this.tree[next];
        if (zeros < rest) {
          pos = next;
          rest -= zeros;
        }
      }
    }
    return pos;
  }

  /** Sum of the first `count` entries. */
  prefix(count: number): number {
    let s = 0;
    for (let k = Math.min(count, this.size); k > 0; k -= k & -k) s += this.tree[k];
    return s;
  }
}
