// Hand-built summaries for the webview tests: five members (one silent), flags, actions,
// check-outs, and a trend of four retros. The numbers are consistent with each other
// (the Lorenz points and the Gini of 0.36 come from the shares 0.4/0.25/0.2/0.15/0).

const MIN = 60_000;

function member(key, name, turns, words, seconds, passes, share, deepest, depthCounts, extra = {}) {
  return {
    key,
    name,
    present: true,
    joinedLate: false,
    turns,
    words,
    seconds,
    passes,
    shareTurns: share,
    shareWords: share,
    share,
    deepest,
    depthCounts,
    ...extra,
  };
}

export function baseSummary(names = ['Ana Sousa', 'Ben Okafor', 'Chloé Martin', 'Dev Patel', 'Eli Cohen']) {
  const keys = ['m1', 'm2', 'm3', 'm4', 'm5'];
  return {
    v: 1,
    kind: 'reciprocity-summary',
    source: 'retro',
    sessionId: 's-2024-18',
    title: 'Sprint 18 retro',
    createdAt: Date.UTC(2024, 8, 12, 14, 0),
    durationSeconds: 45 * 60,
    pseudonymised: false,
    driver: 'turns',
    members: [
      member(keys[0], names[0], 8, 620, 540, 0, 0.4, 3, [3, 3, 2, 0]),
      member(keys[1], names[1], 5, 310, 300, 1, 0.25, 2, [2, 3, 0, 0]),
      member(keys[2], names[2], 4, 240, 220, 1, 0.2, 2, [2, 2, 0, 0], { joinedLate: true }),
      member(keys[3], names[3], 3, 150, 160, 2, 0.15, 1, [3, 0, 0, 0]),
      member(keys[4], names[4], 0, 0, 0, 1, 0, 0, [0, 0, 0, 0]),
    ],
    fairShare: 0.2,
    gini: 0.36,
    evenness: 0.82,
    maxShare: 0.4,
    lorenz: [
      { x: 0, y: 0 },
      { x: 0.2, y: 0 },
      { x: 0.4, y: 0.15 },
      { x: 0.6, y: 0.35 },
      { x: 0.8, y: 0.6 },
      { x: 1, y: 1 },
    ],
    layers: [
      { depth: 1, name: 'Orientation', reached: true, contributions: 10, passes: 1, matched: 4, present: 5, reciprocated: true },
      { depth: 2, name: 'Exploratory', reached: true, contributions: 8, passes: 2, matched: 3, present: 5, reciprocated: true },
      { depth: 3, name: 'Affective', reached: true, contributions: 2, passes: 2, matched: 1, present: 5, reciprocated: false },
      { depth: 4, name: 'Stable', reached: false, contributions: 0, passes: 0, matched: 0, present: 5, reciprocated: false },
    ],
    deepestReached: 3,
    flags: [
      { kind: 'quiet', memberKey: keys[4], text: `Invite ${names[4]} to share, if they want to.`, offsetMs: 5 * MIN, clearedOffsetMs: null },
      { kind: 'dominant', memberKey: keys[0], text: 'Try a round-robin so everyone gets a turn.', offsetMs: 12 * MIN, clearedOffsetMs: 20 * MIN },
      { kind: 'round-robin', memberKey: null, text: 'Round-robin suggested.', offsetMs: 13 * MIN, clearedOffsetMs: null },
      { kind: 'over-disclosure', memberKey: keys[0], text: 'Hold this depth for a while.', offsetMs: 25 * MIN, clearedOffsetMs: 31 * MIN },
    ],
    totalPasses: 5,
    actions: [
      { text: 'Pair on the flaky deploy pipeline', owner: names[1], due: '2024-09-26', done: false },
      { text: 'Write down the on-call handover', owner: names[2], done: true },
      { text: 'Ask the product team about scope creep', owner: null, done: false },
    ],
    checkouts: [
      { member: names[0], text: 'Lighter than I expected.', roti: 4 },
      { member: names[1], text: 'Good to hear the quieter voices.', roti: 5 },
      { member: names[3], text: 'Tired, but hopeful.' },
    ],
    unattributed: null,
  };
}

export function pseudonymised(summary) {
  const pseudo = ['Member A', 'Member B', 'Member C', 'Member D', 'Member E'];
  const map = new Map(summary.members.map((m, i) => [m.name, pseudo[i]]));
  const swap = (s) => {
    let out = s;
    for (const [real, fake] of map) out = out.split(real).join(fake);
    return out;
  };
  return {
    ...summary,
    pseudonymised: true,
    members: summary.members.map((m, i) => ({ ...m, key: `p${i}`, name: pseudo[i] })),
    flags: summary.flags.map((f) => ({ ...f, memberKey: f.memberKey ? `p${Number(f.memberKey.slice(1)) - 1}` : null, text: swap(f.text) })),
    actions: summary.actions.map((a) => ({ ...a, owner: a.owner ? swap(a.owner) : null })),
    checkouts: summary.checkouts.map((c) => ({ ...c, member: swap(c.member) })),
  };
}

export function transcriptSummary() {
  return {
    ...baseSummary(),
    source: 'transcript',
    sessionId: '/home/lead/meetings/planning.vtt',
    title: 'planning.vtt',
    layers: baseSummary().layers.map((l) => ({ ...l, reached: false, contributions: 0, passes: 0, matched: 0, reciprocated: false })),
    deepestReached: 0,
    flags: [],
    totalPasses: 0,
    actions: [],
    checkouts: [],
    unattributed: { turns: 12, words: 340, seconds: 95 },
  };
}

export function baseTrend() {
  const day = 24 * 3600 * 1000;
  const t0 = Date.UTC(2024, 7, 1, 14, 0);
  return {
    points: [
      { sessionId: 's15', title: 'Sprint 15 retro', createdAt: t0, gini: 0.48, evenness: 0.7, deepestReached: 2, reciprocatedLayers: 1 },
      { sessionId: 's16', title: 'Sprint 16 retro', createdAt: t0 + 14 * day, gini: 0.41, evenness: 0.76, deepestReached: 4, reciprocatedLayers: 3 },
      { sessionId: 's17', title: 'Sprint 17 retro', createdAt: t0 + 28 * day, gini: 0.39, evenness: 0.79, deepestReached: 3, reciprocatedLayers: 2 },
      { sessionId: 's-2024-18', title: 'Sprint 18 retro', createdAt: t0 + 42 * day, gini: 0.36, evenness: 0.82, deepestReached: 3, reciprocatedLayers: 2 },
    ],
    messages: ['Participation is getting more even: the Gini fell three retros in a row.', 'Depth fell after sprint 16 and has held since.'],
  };
}

export const HOSTILE = '<img src=x onerror="window.__xss=1">';

export function hostileSummary() {
  const s = baseSummary([HOSTILE, 'Ben</td><script>window.__xss=2</script>', 'Chloé', '"><svg onload=window.__xss=3>', 'Eli & <b>bold</b>']);
  return {
    ...s,
    title: `<h1>${HOSTILE}</h1>`,
    actions: [{ text: `<iframe srcdoc="<script>parent.__xss=4</script>">`, owner: HOSTILE, done: false }],
  };
}

export function summaryMessage(summary = baseSummary(), options = { pseudonymise: false, namedTable: false }, trend = baseTrend()) {
  return { type: 'summary', key: summary.sessionId, summary, trend, options };
}
