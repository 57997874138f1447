// Builds the read model from the running sums: O(members), never O(contributions).
import { DEPTHS, type Depth } from '../types';
import { activeNudges } from './nudges';
import { gateAdvice as adviseGate, hasPassedAt } from '../answered';
import { answeredAtDepth, driverTotal, layerReciprocated, reciprocatedDepth, type BalanceCore, type MemberState } from './state';
import { giniOfSorted, median, normalisedEntropy } from './stats';
import type { BalanceFlag, BalanceSnapshot, GateAdvice, LayerReciprocity, MemberBalance, TeamBalance } from './types';

function turnsSinceLastSpoke(core: BalanceCore, m: MemberState): number {
  const log = core.turnLog;
  const upTo = m.lastTurn >= 0 ? core.ledger.turnOrd(m.lastTurn) + 1 : m.joinTurnOrd;
  return log.total - log.prefix(upTo);
}

function memberBalance(core: BalanceCore, m: MemberState): MemberBalance {
  const teamTurns = core.turnLog.total;
  const shareTurns = m.present && core.presentTurns > 0 ? m.turns / core.presentTurns : 0;
  const shareWords = m.present && core.presentWords > 0 ? m.words / core.presentWords : 0;
  const total = driverTotal(core);
  const share = m.present && total > 0 ? m.driverValue(core.settings.driver) / total : 0;
  const exposure = m.exposure(teamTurns);
  const presenceWeight = teamTurns > 0 ? exposure / teamTurns : m.present ? 1 : 0;
  let deepest = 0;
  for (let d = 4; d >= 1 && deepest === 0; d--) if (m.disclosures[d - 1] > 0) deepest = d;
  const d = m.disclosures;
  return {
    memberId: m.id,
    name: m.name,
    present: m.present,
    joinedLate: m.joinedLate,
    turns: m.turns,
    words: m.words,
    seconds: m.seconds,
    passes: m.passes,
    notes: m.notes,
    disclosures: [d[0], d[1], d[2], d[3]],
    passesByDepth: [m.passesByDepth[0], m.passesByDepth[1], m.passesByDepth[2], m.passesByDepth[3]],
    deepest,
    turnsSinceLastSpoke: turnsSinceLastSpoke(core, m),
    shareTurns,
    shareWords,
    share,
    adjustedShare: presenceWeight > 0 ? share / presenceWeight : share,
    presenceWeight,
    flag: m.dominant ? 'dominant' : m.quiet ? 'quiet' : null,
  };
}

/** Largest value, 0 for none. Not Math.max(...xs): a roster past ~120k overflows the stack. */
function maxOf(xs: readonly number[]): number {
  let max = xs.length > 0 ? -Infinity : 0;
  for (const x of xs) if (x > max) max = x;
  return max;
}

function teamBalance(core: BalanceCore, members: MemberBalance[]): TeamBalance {
  const n = core.present.length;
  const driver = core.settings.driver;
  const values = core.present.map((m) => m.driverValue(driver));
  const shares = members.filter((m) => m.present).map((m) => m.share);
  return {
    gini: giniOfSorted(core.ranked.map((m) => m.driverValue(driver))),
    evenness: normalisedEntropy(values),
    maxShare: maxOf(shares),
    fairShare: n > 0 ? 1 / n : 0,
    medianShare: median(shares),
    presentCount: n,
    totalTurns: core.presentTurns,
    totalWords: core.presentWords,
    totalSeconds: core.presentSeconds,
    totalPasses: core.presentPasses,
    sampleReady: n > 0 && core.presentTurns > 0 && core.presentTurns >= core.settings.minTurnsPerMember * n,
  };
}

function layer(core: BalanceCore, depth: Depth): LayerReciprocity {
  const s = depth - 1;
  let deepest = 0;
  for (let d = 4; d >= 1 && deepest === 0; d--) if (core.stageDepthCount[s * 4 + d - 1] > 0) deepest = d;
  const present = core.present.length;
  return {
    depth,
    reached: core.reached[s],
    deepestDisclosure: deepest,
    // The one rule for "answered" (answered.ts), exactly as the gate counted it.
    matched: core.answered[depth] ?? 0,
    present,
    reciprocated: layerReciprocated(core, depth),
    contributions: core.stageContributions[s],
    passes: core.stagePasses[s],
  };
}

export function gateAdvice(core: BalanceCore): GateAdvice {
  let passed = 0;
  for (const m of core.present) if (hasPassedAt(m.disclosures, m.passesByDepth, core.depth)) passed++;
  return adviseGate(core.depth, core.answered[core.depth] ?? 0, core.present.length, passed, core.settings.reciprocityQuorum);
}

/**
 * Quietest first: those who have neither answered nor passed at this depth, then those who
 * answered, and last those who passed (a pass is not invited again at that depth); within
 * a group the smallest share over the time present, then whoever waited longest, then join order.
 */
function suggestedOrder(core: BalanceCore, members: MemberBalance[]): string[] {
  const depth = core.depth;
  // members[] is built in join order, so a member's balance sits at its idx.
  const rows = core.present.map((m) => ({
    id: m.id,
    idx: m.idx,
    rank: hasPassedAt(m.disclosures, m.passesByDepth, depth) ? 2 : answeredAtDepth(m, depth) ? 1 : 0,
    share: members[m.idx].adjustedShare,
    waited: members[m.idx].turnsSinceLastSpoke,
  }));
  rows.sort((a, b) => a.rank - b.rank || a.share - b.share || b.waited - a.waited || a.idx - b.idx);
  return rows.map((row) => row.id);
}

const copyFlag = (f: BalanceFlag): BalanceFlag => ({ ...f });

function activeFlags(core: BalanceCore): BalanceFlag[] {
  const out: BalanceFlag[] = [];
  for (const m of core.members) {
    if (m.dominant) out.push(copyFlag(m.dominant));
    if (m.quiet) out.push(copyFlag(m.quiet));
    if (m.overDisclosure) out.push(copyFlag(m.overDisclosure));
  }
  return out.sort((a, b) => a.raisedAtSeq - b.raisedAtSeq);
}

export function buildSnapshot(core: BalanceCore): BalanceSnapshot {
  const members = core.members.map((m) => memberBalance(core, m));
  const order = suggestedOrder(core, members);
  return {
    members,
    team: teamBalance(core, members),
    layers: DEPTHS.map((d) => layer(core, d)),
    activeFlags: activeFlags(core),
    // Cleared flags are frozen (flags.ts), so only the active ones need a copy.
    flagHistory: core.flagHistory.map((f) => (f.clearedAtSeq !== null ? f : copyFlag(f))),
    nudges: activeNudges(core),
    nudgeHistory: core.nudgeHistory.slice(),
    suggestedOrder: order,
    suggestedNext: order[0] ?? null,
    gate: gateAdvice(core),
    depth: core.depth,
    reciprocatedDepth: reciprocatedDepth(core),
  };
}
