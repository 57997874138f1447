// Every contribution the engine has seen, in typed arrays rather than objects: a million
// entries must fit in memory and be written in well under a microsecond each. Removal needs
// the details back, and per-member lists linked backwards let "last spoke" step back past a
// removed turn.
//
// Memory is most of the cost at a million (issue 12, balance.apply_1m_contributions): every
// array doubles as it fills, so each byte per entry is written about twice, the second time
// to pages the system must first map and clear. So entries are kept narrow: word counts are
// whole numbers (Int32), and the lists have no forward links (a removal steps back over those
// removed before it, each passed once, so O(1) amortised).

import { IdIndex } from './idIndex';

const NONE = -1;

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(size);
  b.set(a);
  return b;
}

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
  private capacity = 1024;
  count = 0;
  member = new Int32Array(this.capacity);
  depth = new Uint8Array(this.capacity);
  stage = new Uint8Array(this.capacity);
  pass = new Uint8Array(this.capacity);
  alive = new Uint8Array(this.capacity);
  words = new Int32Array(this.capacity);
  seconds = new Float64Array(this.capacity);
  seq = new Float64Array(this.capacity);
  turnOrd = new Int32Array(this.capacity);
  /** The member's act before this one (turn or pass), or -1; may be one removed since. */
  prevAct = new Int32Array(this.capacity);
  /** The member's turn before this one (passes are not in this list), or -1; may be one removed since. */
  prevTurn = new Int32Array(this.capacity);

  /** Index of a contribution still standing, or -1. */
  find(id: string): number {
    const i = this.index.get(id);
    return i === undefined || this.alive[i] === 0 ? NONE : i;
  }

  /** Records a contribution; returns -1 (and records nothing) for an id already seen. */
  add(id: string, c: Readonly<NewContribution>): number {
    if (!this.index.add(id)) return NONE;
    if (this.count === this.capacity) this.expand();
    const i = this.count++;
    this.member[i] = c.member;
    this.depth[i] = c.depth;
    this.stage[i] = c.stage;
    this.pass[i] = c.pass ? 1 : 0;
    this.alive[i] = 1;
    this.words[i] = c.words;
    this.seconds[i] = c.seconds;
    this.seq[i] = c.seq;
    this.turnOrd[i] = c.turnOrd;
    this.prevAct[i] = c.prevAct;
    this.prevTurn[i] = c.pass ? NONE : c.prevTurn;
    return i;
  }

  /**
   * Marks a contribution removed. Returns the member's new last act and last turn when the
   * removed one was the tail of its list (else the values passed in): the newest before it
   * still standing. The lists keep removed entries; a step back passes each of them at most
   * once, as the member's tail is then older than all it passed.
   */
  remove(i: number, lastAct: number, lastTurn: number): { lastAct: number; lastTurn: number } {
    this.alive[i] = 0;
    if (lastAct === i) lastAct = this.standing(this.prevAct, i);
    if (lastTurn === i) lastTurn = this.standing(this.prevTurn, i);
    return { lastAct, lastTurn };
  }

  /** The newest entry before i in a list (prevAct or prevTurn) still standing, or -1. */
  private standing(prev: Int32Array, i: number): number {
    let p = prev[i];
    while (p !== NONE && this.alive[p] === 0) p = prev[p];
    return p;
  }

  private expand(): void {
    const n = this.capacity * 2;
    this.capacity = n;
    this.member = grow(this.member, n);
    this.depth = grow(this.depth, n);
    this.stage = grow(this.stage, n);
    this.pass = grow(this.pass, n);
    this.alive = grow(this.alive, n);
    this.words = grow(this.words, n);
    this.seconds = grow(this.seconds, n);
    this.seq = grow(this.seq, n);
    this.turnOrd = grow(this.turnOrd, n);
    this.prevAct = grow(this.prevAct, n);
    this.prevTurn = grow(this.prevTurn, n);
  }
}
