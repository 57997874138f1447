// Every contribution the engine has seen, in typed arrays rather than objects: a million
// entries must fit in memory and be written in well under a microsecond each. Removal needs
// the details back, and per-member lists linked backwards let "last spoke" step back past a
// removed turn.
//
// Memory is most of the cost at a million (issue 12, balance.apply_1m_contributions), so:
// - Entries live in fixed-size pages, not in arrays that double: a doubling wrote every
//   entry again into memory the system had to map and clear first, and its large buffers
//   made V8 collect garbage for external memory pressure in the middle of the fold. Only
//   the first page grows (by doubling, up to a page), so a small retro stays small.
// - One entry is 32 contiguous bytes of one page (its seq as a double, then six Int32
//   fields, depth, stage, pass and alive packed into the last), so adding it touches one
//   cache line where eleven column arrays touched eleven.
// - Seconds are kept only once some contribution has any (most logs have none), in pages
//   of their own made when first needed; a missing page reads 0.
// - The lists have no forward links (a removal steps back over those removed before it,
//   each passed once, so O(1) amortised).

import { IdIndex } from './idIndex';

const NONE = -1;

/** Entries a page holds (a power of two) and the first page's starting size. */
export const PAGE_SHIFT = 13;
const PAGE = 1 << PAGE_SHIFT;
const MASK = PAGE - 1;
const FIRST = 256;

/** Int32 slots of an entry; the first two hold its seq, a double (Float64 index j * 4). */
const STRIDE = 8;
const MEMBER = 2;
const WORDS = 3;
const TURN_ORD = 4;
const PREV_ACT = 5;
const PREV_TURN = 6;
const BITS = 7;
/** In BITS: depth (1..4) in bits 0-2, stage (1..4) in bits 3-5, then pass and alive. */
const STAGE_SHIFT = 3;
const PASS_BIT = 1 << 6;
const ALIVE_BIT = 1 << 7;

export interface NewContribution {
  member: number;
  depth: number;
  stage: number;
  pass: boolean;
  words: number;
  seconds: number;
  seq: number;
  turnOrd: number;
  prevAct: number;
  prevTurn: number;
}

export class ContributionLedger {
  /** Filled in by the caller and passed to add(): one object for the whole fold, no garbage. */
  readonly draft: NewContribution = {
    member: 0, depth: 1, stage: 1, pass: false, words: 0, seconds: 0, seq: 0, turnOrd: NONE, prevAct: NONE, prevTurn: NONE,
  };
  private readonly index = new IdIndex();
  count = 0;
  /** Per page, its entries as Int32 and the same bytes as doubles (for seq). */
  private ints: Int32Array[] = [new Int32Array(FIRST * STRIDE)];
  private doubles: Float64Array[] = [new Float64Array(this.ints[0].buffer)];
  /** Entries the pages can hold so far (the first page may still grow). */
  private capacity = FIRST;
  /** Per page, seconds; null until a contribution in that page has some. Empty while none has. */
  private secondsPages: (Float64Array | null)[] = [];

  /** Index of a contribution still standing, or -1. */
  find(id: string): number {
    const i = this.index.get(id);
    return i === undefined || !this.alive(i) ? NONE : i;
  }

  /** Grows the id table at once for `more` contributions yet to come (e.g. a whole log's). */
  reserve(more: number): void {
    this.index.reserve(this.count + more);
  }

  /** Records a contribution; returns -1 (and records nothing) for an id already seen. */
  add(id: string, c: Readonly<NewContribution>): number {
    if (!this.index.add(id)) return NONE;
    if (this.count === this.capacity) this.expand();
    const i = this.count++;
    const p = i >>> PAGE_SHIFT;
    const j = i & MASK;
    const e = j * STRIDE;
    const ints = this.ints[p];
    this.doubles[p][j * (STRIDE / 2)] = c.seq;
    ints[e + MEMBER] = c.member;
    ints[e + WORDS] = c.words;
    ints[e + TURN_ORD] = c.turnOrd;
    ints[e + PREV_ACT] = c.prevAct;
    ints[e + PREV_TURN] = c.pass ? NONE : c.prevTurn;
    ints[e + BITS] = c.depth | (c.stage << STAGE_SHIFT) | (c.pass ? PASS_BIT : 0) | ALIVE_BIT;
    if (c.seconds !== 0) this.setSeconds(i, c.seconds);
    return i;
  }

  member(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + MEMBER];
  }

  depth(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + BITS] & 7;
  }

  stage(i: number): number {
    return (this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + BITS] >> STAGE_SHIFT) & 7;
  }

  pass(i: number): boolean {
    return (this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + BITS] & PASS_BIT) !== 0;
  }

  alive(i: number): boolean {
    return (this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + BITS] & ALIVE_BIT) !== 0;
  }

  words(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + WORDS];
  }

  setWords(i: number, words: number): void {
    this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + WORDS] = words;
  }

  seconds(i: number): number {
    const p = i >>> PAGE_SHIFT;
    if (p >= this.secondsPages.length) return 0;
    const page = this.secondsPages[p];
    return page === null ? 0 : page[i & MASK];
  }

  seq(i: number): number {
    return this.doubles[i >>> PAGE_SHIFT][(i & MASK) * (STRIDE / 2)];
  }

  turnOrd(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + TURN_ORD];
  }

  /** The member's act before this one (turn or pass), or -1; may be one removed since. */
  prevAct(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + PREV_ACT];
  }

  /** The member's turn before this one (passes are not in this list), or -1; may be one removed since. */
  prevTurn(i: number): number {
    return this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + PREV_TURN];
  }

  /** Pages of seconds made so far (0 while no contribution has had any): for tests. */
  get secondsPageCount(): number {
    return this.secondsPages.reduce((n, page) => (page === null ? n : n + 1), 0);
  }

  /**
   * Marks a contribution removed. Returns the member's new last act and last turn when the
   * removed one was the tail of its list (else the values passed in): the newest before it
   * still standing. The lists keep removed entries; a step back passes each of them at most
   * once, as the member's tail is then older than all it passed.
   */
  remove(i: number, lastAct: number, lastTurn: number): { lastAct: number; lastTurn: number } {
    this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + BITS] &= ~ALIVE_BIT;
    if (lastAct === i) lastAct = this.standing(PREV_ACT, i);
    if (lastTurn === i) lastTurn = this.standing(PREV_TURN, i);
    return { lastAct, lastTurn };
  }

  /** The newest entry before i in a list (PREV_ACT or PREV_TURN) still standing, or -1. */
  private standing(link: number, i: number): number {
    let p = this.ints[i >>> PAGE_SHIFT][(i & MASK) * STRIDE + link];
    while (p !== NONE && !this.alive(p)) p = this.ints[p >>> PAGE_SHIFT][(p & MASK) * STRIDE + link];
    return p;
  }

  private setSeconds(i: number, seconds: number): void {
    const p = i >>> PAGE_SHIFT;
    while (this.secondsPages.length <= p) this.secondsPages.push(null);
    let page = this.secondsPages[p];
    if (page === null) {
      page = new Float64Array(PAGE);
      this.secondsPages[p] = page;
    }
    page[i & MASK] = seconds;
  }

  private expand(): void {
    if (this.capacity < PAGE) {
      // The first page, doubled: copied whole (its doubles are the same bytes).
      const ints = new Int32Array(this.capacity * 2 * STRIDE);
      ints.set(this.ints[0]);
      this.ints[0] = ints;
      this.doubles[0] = new Float64Array(ints.buffer);
      this.capacity *= 2;
      return;
    }
    const ints = new Int32Array(PAGE * STRIDE);
    this.ints.push(ints);
    this.doubles.push(new Float64Array(ints.buffer));
    this.capacity += PAGE;
  }
}
