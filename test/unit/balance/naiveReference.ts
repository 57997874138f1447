// An independent, deliberately naive reference for the balance engine's judgements: the
// reciprocity gate, the share flags (dominant / quiet, with a minimum sample and
// hysteresis), the over-disclosure guard, "slow down" and which nudges are active.
//
// It is written from the rules as documented (docs/answered.md, the comments in
// src/domain/answered.ts and src/domain/balance/*), never by calling the engine: nothing
// here imports src/domain/balance or src/domain/answered.ts. After every event it folds the
// log prefix again from scratch into plain lists (members with their presence stretches,
// the standing contributions) and answers every question with filters over those lists.
// Nothing incremental is kept between events except what the rules make depend on history:
//   - the set of active share flags (hysteresis: keeping a flag is easier than raising it),
//   - each over-disclosure flag and the contribution that raised it,
//   - the depth an ungated "go deeper" started from (slow down).
// Thresholds are compared in exact rational arithmetic (integers only), so a tie is a tie.
import type { SessionEvent } from '../../../src/domain/types';
import { countWords } from '../../../src/domain/text';

/** Same shape as BalanceSettings (not imported, on purpose). */
export interface NaiveSettings {
  driver: 'turns' | 'words';
  lowFactor: number;
  highFactor: number;
  minTurnsPerMember: number;
  hysteresis: number;
  reciprocityQuorum: number;
}

export const NAIVE_DEFAULTS: Readonly<NaiveSettings> = Object.freeze({
  driver: 'turns',
  lowFactor: 0.5,
  highFactor: 1.5,
  minTurnsPerMember: 2,
  hysteresis: 0.1,
  reciprocityQuorum: 0.5,
});

export type NaiveFlagKind = 'dominant' | 'quiet' | 'over-disclosure';
export type NaiveNudgeKind = 'invite' | 'round-robin' | 'hold-depth' | 'slow-down';

export interface NaiveFlag {
  kind: NaiveFlagKind;
  memberId: string;
}

export interface NaiveNudge {
  kind: NaiveNudgeKind;
  /** Only invitations name someone. */
  memberId: string | null;
}

export interface NaiveResult {
  gate: { open: boolean; reciprocated: number; present: number };
  /** Deepest layer the present group has reciprocated, 0 when none. */
  reciprocatedDepth: number;
  /** The group's stage. */
  depth: number;
  /** Sorted by kind, then member. */
  activeFlags: NaiveFlag[];
  /** Active nudges, sorted by kind, then member. */
  nudges: NaiveNudge[];
  /** The same as strings: `hold-depth`, `invite:m3`, … sorted. */
  nudgeKinds: string[];
  /**
   * Share flags whose state after this event hung on an exact tie that the engine computes
   * in floating point (a rate exactly at a multiple of the median while members were present
   * for different numbers of turns, or a share exactly at the fair share). This reference
   * decides such ties exactly; floating point may decide them either way.
   */
  tiedFlags: NaiveFlag[];
}

// ---------------------------------------------------------------------------------------
// The world after a log prefix: plain lists, folded from scratch.

interface Said {
  id: string;
  memberId: string;
  depth: number;
  pass: boolean;
  words: number;
  /** Position of its event in the log. */
  seq: number;
}

interface Person {
  id: string;
  /** Presence stretches [from, to): the seqs of the events that started and ended them. */
  stretches: { from: number; to: number }[];
}

interface World {
  /** Everyone ever added, in join order. */
  people: Person[];
  /** Contributions still standing (not removed), in log order. */
  said: Said[];
  depth: number;
  ended: boolean;
}

const isDepth = (d: unknown): d is number => d === 1 || d === 2 || d === 3 || d === 4;

/** countWords is pure; remembering its answers keeps the refolds cheap. */
const wordCounts = new Map<string, number>();
function wordsIn(text: string): number {
  let n = wordCounts.get(text);
  if (n === undefined) wordCounts.set(text, (n = countWords(text)));
  return n;
}

function worldOf(prefix: readonly SessionEvent[]): World {
  const people: Person[] = [];
  let said: Said[] = [];
  const everAccepted = new Set<string>();
  let depth = 1;
  let ended = false;
  prefix.forEach((e, seq) => {
    const person = 'memberId' in e ? people.find((p) => p.id === e.memberId) : undefined;
    switch (e.type) {
      case 'member.added':
        // Adding someone already known changes nothing.
        if (!person) people.push({ id: e.memberId, stretches: [{ from: seq, to: Infinity }] });
        break;
      case 'member.presence': {
        if (!person || isHere(person) === e.present) break;
        if (e.present) person.stretches.push({ from: seq, to: Infinity });
        else person.stretches[person.stretches.length - 1].to = seq;
        break;
      }
      case 'contribution.added':
        // Unknown authors, impossible depths and any id seen before are ignored: an id once
        // accepted stays taken even after its removal (as the engine's ledger has it; the
        // session reducer, by contrast, accepts an id again once it was removed).
        if (!person || !isDepth(e.depth) || everAccepted.has(e.contributionId)) break;
        everAccepted.add(e.contributionId);
        said.push({
          id: e.contributionId, memberId: e.memberId, depth: e.depth, pass: e.pass === true,
          words: e.pass === true ? 0 : wordsIn(e.text), seq,
        });
        break;
      case 'contribution.removed':
        said = said.filter((c) => c.id !== e.contributionId);
        break;
      case 'stage.moved':
        if (isDepth(e.to)) depth = e.to;
        break;
      case 'session.ended':
        ended = true;
        break;
      case 'phase.changed':
        if (e.phase === 'ended') ended = true;
        break;
      default:
        break;
    }
  });
  return { people, said, depth, ended };
}

function isHere(p: Person): boolean {
  return p.stretches[p.stretches.length - 1].to === Infinity;
}

const presentPeople = (w: World): Person[] => w.people.filter(isHere);
const byMember = (w: World, id: string): Said[] => w.said.filter((c) => c.memberId === id);
const turnsOf = (w: World, id: string): Said[] => byMember(w, id).filter((c) => !c.pass);

// ---------------------------------------------------------------------------------------
// Exact arithmetic. Settings are given with at most two decimals; work in hundredths.

function hundredths(x: number): number {
  const h = Math.round(x * 100);
  if (Math.abs(h - x * 100) > 1e-6) throw new RangeError(`naive reference: ${x} has more than two decimals`);
  return h;
}

/** A non-negative rational num / den, den > 0. */
interface Q {
  num: number;
  den: number;
}

const cmp = (a: Q, b: Q): number => a.num * b.den - b.num * a.den;

/** Compares a with (h / 100) × b. */
const cmpScaled = (a: Q, h: number, b: Q): number => a.num * 100 * b.den - h * b.num * a.den;

function medianOf(values: Q[]): Q {
  const xs = values.slice().sort(cmp);
  const mid = Math.floor(xs.length / 2);
  if (xs.length % 2 === 1) return xs[mid];
  const a = xs[mid - 1];
  const b = xs[mid];
  return { num: a.num * b.den + b.num * a.den, den: 2 * a.den * b.den };
}

// ---------------------------------------------------------------------------------------
// The rules.

/** answered.ts's rule: disclosed (not passed) at this depth or deeper. */
function hasAnswered(w: World, memberId: string, depth: number): boolean {
  return w.said.some((c) => c.memberId === memberId && !c.pass && c.depth >= depth);
}

/** Passed at this depth and not answered at it: a choice, never nudged again at that depth. */
function hasPassed(w: World, memberId: string, depth: number): boolean {
  return w.said.some((c) => c.memberId === memberId && c.pass && c.depth === depth) && !hasAnswered(w, memberId, depth);
}

function answeredCount(w: World, depth: number): number {
  return presentPeople(w).filter((p) => hasAnswered(w, p.id, depth)).length;
}

/** Strictly more than the quorum share of the present members answered at this depth. */
function isReciprocated(w: World, s: NaiveSettings, depth: number): boolean {
  const n = presentPeople(w).length;
  return n > 0 && answeredCount(w, depth) * 100 > hundredths(s.reciprocityQuorum) * n;
}

function reciprocatedDepthOf(w: World, s: NaiveSettings): number {
  const layers = [1, 2, 3, 4].filter((d) => isReciprocated(w, s, d));
  return layers.length === 0 ? 0 : Math.max(...layers);
}

const flagKey = (kind: NaiveFlagKind, memberId: string): string => `${kind}|${memberId}`;

/** One threshold comparison: the sign of (value − threshold), exactly. */
interface Comparison {
  d: number;
  /**
   * True when the engine makes this comparison in floating point on values that are not
   * exact there (rates with different denominators, the fair share 1 / n): an exact tie
   * may then come out either way.
   */
  floatSensitive: boolean;
}

/**
 * Decides a rule on exact comparisons, and says whether it hangs on a float-sensitive tie:
 * whether reading any such tie as "a little above" or "a little below" changes the outcome.
 */
function decide(cmps: Comparison[], rule: (signs: number[]) => boolean): { exact: boolean; tied: boolean } {
  const exact = rule(cmps.map((c) => Math.sign(c.d)));
  let variants: number[][] = [[]];
  for (const c of cmps) {
    const options = c.d === 0 && c.floatSensitive ? [-1, 0, 1] : [Math.sign(c.d)];
    variants = variants.flatMap((v) => options.map((o) => [...v, o]));
  }
  return { exact, tied: variants.some((v) => rule(v) !== exact) };
}

/**
 * Dominant and quiet, re-derived from scratch: the flags active after this event, given
 * those active before it. Every number is recomputed from the lists.
 */
function shareFlagsAfter(w: World, s: NaiveSettings, before: ReadonlySet<string>): { flags: Set<string>; tied: string[] } {
  const present = presentPeople(w);
  // Absent members are not counted, so they carry no flag.
  const flags = new Set([...before].filter((k) => present.some((p) => k === flagKey('dominant', p.id) || k === flagKey('quiet', p.id))));
  const tied: string[] = [];
  const n = present.length;
  if (n === 0) return { flags, tied };
  const amount = (id: string): number => {
    const turns = turnsOf(w, id);
    return s.driver === 'words' ? turns.reduce((a, c) => a + c.words, 0) : turns.length;
  };
  // The minimum sample: this many turns per present member, by the present members.
  const presentTurns = present.reduce((a, p) => a + turnsOf(w, p.id).length, 0);
  const ready = presentTurns > 0 && presentTurns >= s.minTurnsPerMember * n;
  // Every turn still standing, by anyone; a member is judged over those taken while present.
  const teamTurns = w.said.filter((c) => !c.pass);
  const exposure = (p: Person): number =>
    teamTurns.filter((t) => p.stretches.some((st) => t.seq >= st.from && t.seq < st.to)).length;
  // Not judged (and so keeping whatever flag they have) until the team has taken the
  // minimum sample while they were present.
  const judged = present
    .map((p) => ({ p, t: exposure(p) }))
    .filter(({ t }) => t > 0 && t >= s.minTurnsPerMember * n)
    .map(({ p, t }) => ({ p, x: { num: amount(p.id), den: t } as Q }));
  const driverTotal = present.reduce((a, p) => a + amount(p.id), 0);
  if (judged.length === 0 || driverTotal === 0) return { flags, tied }; // nothing to compare against
  const median = medianOf(judged.map((j) => j.x));
  const T = teamTurns.length;
  // Present for different numbers of turns: rates have different denominators.
  const mixed = new Set(present.map(exposure)).size > 1;
  /** Rate x against (h / 100) × the median. */
  const vsMedian = (x: Q, h: number): Comparison => ({ d: cmpScaled(x, h, median), floatSensitive: mixed && x.num !== 0 });
  /** Share over the time present (rate × T / driverTotal) against (h / 100) × the fair share 1 / n. */
  const vsFair = (x: Q, h: number): Comparison => ({ d: x.num * T * n * 100 - h * x.den * driverTotal, floatSensitive: true });
  const high = hundredths(s.highFactor);
  const low = hundredths(s.lowFactor);
  const hys = hundredths(s.hysteresis);
  for (const { p, x } of judged) {
    // "Nothing after a full round": silent since arriving while every other member acted.
    const since = p.stretches[p.stretches.length - 1].from;
    const silent = !byMember(w, p.id).some((c) => c.seq > since);
    const othersActed = present.filter((o) => o !== p).every((o) => byMember(w, o.id).some((c) => c.seq > since));
    const roundMissed = n > 1 && silent && othersActed;

    // Dominant: raised above high × median and above the fair share; kept until below
    // (high − hysteresis) × median or below (1 − hysteresis) × the fair share.
    const dom = flagKey('dominant', p.id);
    const domRule = flags.has(dom)
      ? decide([vsMedian(x, high - hys), vsFair(x, 100 - hys)], ([m, f]) => !(m < 0 || f < 0))
      : decide([vsMedian(x, high), vsFair(x, 100)], ([m, f]) => ready && m > 0 && f > 0);
    // Quiet: raised below low × median or after a full round without a word; kept until at
    // least (low + hysteresis) × median and no round missed.
    const quiet = flagKey('quiet', p.id);
    const quietRule = flags.has(quiet)
      ? decide([vsMedian(x, low + hys)], ([m]) => !(m >= 0 && !roundMissed))
      : decide([vsMedian(x, low)], ([m]) => ready && (m < 0 || roundMissed));
    setFlag(flags, dom, domRule.exact);
    setFlag(flags, quiet, quietRule.exact);
    if (domRule.tied) tied.push(dom);
    if (quietRule.tied) tied.push(quiet);
  }
  return { flags, tied };
}

function setFlag(flags: Set<string>, key: string, on: boolean): void {
  if (on) flags.add(key);
  else flags.delete(key);
}

// ---------------------------------------------------------------------------------------
// The walk.

interface Carried {
  share: Set<string>;
  /** memberId → id of the contribution that raised their over-disclosure flag. */
  overDisclosure: Map<string, string>;
  /** Depth the group left by an ungated move deeper; null when not slowing down. */
  slowDownFrom: number | null;
}

function resultOf(w: World, s: NaiveSettings, c: Carried, tied: string[]): NaiveResult {
  const present = presentPeople(w);
  const n = present.length;
  const gate = { open: n > 0 && w.depth < 4 && isReciprocated(w, s, w.depth), reciprocated: answeredCount(w, w.depth), present: n };
  const toFlag = (k: string): NaiveFlag => {
    const [kind, memberId] = k.split('|');
    return { kind: kind as NaiveFlagKind, memberId };
  };
  const flags: NaiveFlag[] = [
    ...[...c.share].map(toFlag),
    ...[...c.overDisclosure.keys()].map((memberId) => ({ kind: 'over-disclosure' as const, memberId })),
  ].sort(byKindThenMember);
  const quiet = flags.filter((f) => f.kind === 'quiet');
  const dominant = flags.filter((f) => f.kind === 'dominant');
  const nudges: NaiveNudge[] = [];
  if (!w.ended) {
    if (c.overDisclosure.size > 0) nudges.push({ kind: 'hold-depth', memberId: null });
    if (c.slowDownFrom !== null) nudges.push({ kind: 'slow-down', memberId: null });
    if (quiet.length >= 2 || dominant.length >= 1) nudges.push({ kind: 'round-robin', memberId: null });
    // Invite the quiet in, unless they passed at this depth (a choice, respected).
    for (const f of quiet) if (!hasPassed(w, f.memberId, w.depth)) nudges.push({ kind: 'invite', memberId: f.memberId });
  }
  nudges.sort((a, b) => byKindThenMember({ kind: a.kind, memberId: a.memberId ?? '' }, { kind: b.kind, memberId: b.memberId ?? '' }));
  const nudgeKinds = nudges.map((x) => (x.memberId === null ? x.kind : `${x.kind}:${x.memberId}`)).sort();
  return {
    gate, reciprocatedDepth: reciprocatedDepthOf(w, s), depth: w.depth, activeFlags: flags, nudges, nudgeKinds,
    tiedFlags: tied.map(toFlag).sort(byKindThenMember),
  };
}

function byKindThenMember(a: { kind: string; memberId: string }, b: { kind: string; memberId: string }): number {
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/**
 * The reference, one event at a time. Each apply() folds the whole prefix again from
 * scratch; only the history-dependent state in `Carried` is kept between events.
 */
export class NaiveReference {
  private readonly events: SessionEvent[] = [];
  private world: World = worldOf([]);
  private readonly carried: Carried = { share: new Set(), overDisclosure: new Map(), slowDownFrom: null };
  private tied: string[] = [];

  constructor(private readonly settings: NaiveSettings = NAIVE_DEFAULTS) {}

  apply(e: SessionEvent): NaiveResult {
    const s = this.settings;
    const c = this.carried;
    const before = this.world;
    this.events.push(e);
    const after = worldOf(this.events);
    const i = this.events.length - 1;

    // Slow down: a move deeper while the layer being left was not reciprocated...
    if (e.type === 'stage.moved' && after.depth > before.depth && c.slowDownFrom === null && !isReciprocated(before, s, before.depth)) {
      c.slowDownFrom = before.depth;
    }
    // ...lasts until the new depth is reciprocated or the group is back at (or above) the old one.
    if (c.slowDownFrom !== null && (after.depth <= c.slowDownFrom || isReciprocated(after, s, after.depth))) {
      c.slowDownFrom = null;
    }

    // Over-disclosure is measured against the deepest layer the present group reciprocated
    // (at least orientation): a disclosure two or more layers deeper raises it.
    const matched = Math.max(1, reciprocatedDepthOf(after, s));
    const isPresent = (id: string): boolean => presentPeople(after).some((p) => p.id === id);
    for (const [memberId, cid] of [...c.overDisclosure]) {
      const said = after.said.find((x) => x.id === cid);
      // Cleared when withdrawn, when its author leaves, or once the group is within one layer.
      if (!said || !isPresent(memberId) || said.depth <= matched + 1) c.overDisclosure.delete(memberId);
    }
    // One flag per member, tied to the contribution that raised it: a second deep disclosure
    // while flagged raises nothing, and withdrawing the first clears the flag.
    if (e.type === 'contribution.added') {
      const added = after.said.find((x) => x.seq === i); // undefined when the event was ignored
      if (added && !added.pass && isPresent(added.memberId) && !c.overDisclosure.has(added.memberId) && added.depth >= matched + 2) {
        c.overDisclosure.set(added.memberId, added.id);
      }
    }

    const share = shareFlagsAfter(after, s, c.share);
    c.share = share.flags;
    this.tied = share.tied;
    this.world = after;
    return resultOf(after, s, c, this.tied);
  }

  /**
   * For a share flag listed in the last result's `tiedFlags`: take this outcome of the tie
   * instead of the exact one (a test may adopt the engine's), and return the result again.
   */
  settleTie(flag: NaiveFlag, active: boolean): NaiveResult {
    const key = flagKey(flag.kind, flag.memberId);
    if (!this.tied.includes(key)) throw new Error(`naive reference: ${key} was not decided on a tie`);
    setFlag(this.carried.share, key, active);
    return resultOf(this.world, this.settings, this.carried, this.tied);
  }
}

/** The reference's answer after every event of the log (exact ties): result[i] follows events[i]. */
export function naiveWalk(events: readonly SessionEvent[], settings: NaiveSettings = NAIVE_DEFAULTS): NaiveResult[] {
  const ref = new NaiveReference(settings);
  return events.map((e) => ref.apply(e));
}

/** The reference's answer after a whole log. */
export function naiveAfter(events: readonly SessionEvent[], settings: NaiveSettings = NAIVE_DEFAULTS): NaiveResult {
  const all = naiveWalk(events, settings);
  return all.length > 0
    ? all[all.length - 1]
    : resultOf(worldOf([]), settings, { share: new Set(), overDisclosure: new Map(), slowDownFrom: null }, []);
}
