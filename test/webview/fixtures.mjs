// RetroView fixtures for the webview tests and the benchmark. Plain data, shaped exactly
// like the host's snapshot (src/protocol.ts RetroViewSchema).

const MEMBERS = [
  { id: 'm-sam', name: 'Sam' },
  { id: 'm-priya', name: 'Priya' },
  { id: 'm-alex', name: 'Alex' },
  { id: 'm-noor', name: 'نور' },
];

const PROMPTS = {
  1: { id: 'p-1a', depth: 1, topic: 'sprint', text: 'One word for your sprint.' },
  2: { id: 'p-2a', depth: 2, topic: 'work', text: 'What surprised you this sprint?' },
};

function member(m, extra = {}) {
  return {
    id: m.id, name: m.name, present: true, joinedLate: false,
    turns: 0, words: 0, passes: 0, share: 0, deepest: 1,
    answeredAtDepth: false, flag: null, ...extra,
  };
}

function contribution(i, m, depth, text, extra = {}) {
  const p = PROMPTS[depth] ?? PROMPTS[1];
  return {
    id: `c-${i}`, memberId: m.id, memberName: m.name,
    promptId: p.id, promptText: p.text, phase: 'check-in', depth, topic: p.topic,
    text, words: text.split(/\s+/).filter(Boolean).length, seconds: 20 + i,
    pass: false, at: 1_700_000_000_000 + i * 60_000, truncated: false, ...extra,
  };
}

/** A small retro: 4 members, contributions at depths 1 and 2, notes and actions. */
export function retroView(overrides = {}) {
  const [sam, priya, alex, noor] = MEMBERS;
  const contributions = [
    contribution(1, sam, 1, 'Busy'),
    contribution(2, priya, 1, 'Calm'),
    contribution(3, alex, 1, 'Bumpy'),
    contribution(4, noor, 1, '', { pass: true, words: 0 }),
    contribution(5, sam, 2, 'How quickly the migration went once we paired on it.'),
    contribution(6, priya, 2, 'That the flaky test was a real race condition.', { truncated: true }),
  ];
  return {
    sessionId: 'retro-1',
    title: 'Sprint 42 retro',
    readOnly: false,
    phase: 'check-in',
    skippedPhases: [],
    depth: 2,
    deckName: 'Layered check-in',
    prompt: PROMPTS[2],
    promptsLeftAtDepth: 5,
    turn: { memberId: 'm-alex', startedAt: Date.now() - 5_000, elapsedMs: 5_000 },
    suggestedNext: 'm-noor',
    softCapSeconds: 90,
    maxTextLength: 4000,
    members: [
      member(sam, { turns: 2, words: 10, share: 0.4, deepest: 2, answeredAtDepth: true, flag: 'dominant' }),
      member(priya, { turns: 2, words: 9, share: 0.4, deepest: 2, answeredAtDepth: true }),
      member(alex, { turns: 1, words: 1, share: 0.2 }),
      member(noor, { passes: 1, passedAtDepth: true, flag: 'quiet' }),
    ],
    contributions,
    notes: [
      { id: 'n-1', memberId: 'm-sam', text: 'Pairing on the migration', column: 'Glad', groupId: null, votes: 2 },
      { id: 'n-2', memberId: null, text: 'Flaky CI', column: 'Sad', groupId: null, votes: 0 },
      { id: 'n-3', memberId: 'm-priya', text: 'CI took 40 minutes', column: 'Sad', groupId: 'n-2', votes: 1 },
    ],
    columns: ['Mad', 'Sad', 'Glad'],
    actions: [{ id: 'a-1', text: 'Quarantine flaky tests', ownerId: 'm-priya', due: 'next sprint', done: false }],
    checkouts: [],
    balance: { gini: 0.3, evenness: 0.82, maxShare: 0.4, fairShare: 0.25, sampleReady: true },
    gate: { open: false, reciprocated: 2, present: 4, reason: '2 of 4 have answered at this depth' },
    nudges: [{ id: 'nudge-1', kind: 'invite', text: 'Invite نور — quiet so far.', memberId: 'm-noor' }],
    ended: false,
    ...overrides,
  };
}

/**
 * The benchmark's big session: `members` people and `count` contributions. With `newest`, the
 * first snapshot a long retro's panel gets (src/host/retroPanel.ts): only the newest `newest`
 * contributions, and how many are left out; members, counts and gate as in the whole one.
 */
export function bigView(members = 50, count = 2000, newest = undefined) {
  const people = Array.from({ length: members }, (_, i) => ({ id: `m-${i}`, name: `Member ${i + 1}` }));
  const omitted = newest === undefined ? 0 : Math.max(0, count - newest);
  const contributions = Array.from({ length: count - omitted }, (_, k) => {
    const i = omitted + k;
    const m = people[i % members];
    const depth = 1 + (Math.floor(i / 500) % 2);
    const text = `Contribution ${i}: ${'something people said about the sprint '.repeat(1 + (i % 4))}`.trim();
    return contribution(i, m, depth, text, { pass: i % 37 === 0, truncated: i % 101 === 0 });
  });
  const base = retroView();
  return {
    ...base,
    members: people.map((m, i) => member(m, { turns: 40, share: 1 / members, answeredAtDepth: i % 3 === 0 })),
    contributions,
    turn: { memberId: 'm-0', startedAt: Date.now(), elapsedMs: 0 },
    suggestedNext: 'm-1',
    gate: { open: true, reciprocated: 17, present: members, reason: `17 of ${members} have answered at this depth` },
    nudges: [],
    ...(omitted > 0 ? { omittedContributions: omitted } : {}),
  };
}

/**
 * bigView(members, count, newest) as code for a page to run (the harness's snapshotSource): the same
 * snapshot, built where it is used, so the page does not carry a megabyte of it. `newest` is the
 * stub host's: the newest contributions only for the first snapshot, undefined for the history.
 */
export function bigViewSource(members = 50, count = 2000) {
  return `(() => { const MEMBERS = ${JSON.stringify(MEMBERS)}; const PROMPTS = ${JSON.stringify(PROMPTS)};
${member}
${contribution}
${retroView}
${bigView}
return bigView(${Number(members)}, ${Number(count)}, newest); })()`;
}

/** The big session after one more contribution was recorded. */
export function withOneMore(view) {
  const m = view.members[1];
  const i = view.contributions.length;
  return {
    ...view,
    contributions: [...view.contributions, contribution(i, m, 2, 'One more thing, said briefly.')],
    turn: { memberId: view.members[2].id, startedAt: Date.now(), elapsedMs: 0 },
  };
}

/** Team mode, the facilitator's snapshot: the connection and the join code. */
export function facilitatorTeamView(overrides = {}) {
  return retroView({
    viewer: { role: 'facilitator', memberId: null },
    team: {
      status: 'connected', problem: null, server: '127.0.0.1:41234', hosting: true,
      joinCode: 'rcp1.eyJ1IjpbIndzOi8vMTI3LjAuMC4xOjQxMjM0Il19',
      here: ['m-priya', 'm-noor'], facilitatorHere: true, waiting: [],
    },
    ...overrides,
  });
}

/**
 * Team mode, a member's snapshot as the host builds it (memberOnlyView): Priya's own
 * numbers, everyone else's zeroed, no balance, no nudges.
 */
export function memberTeamView(overrides = {}) {
  const base = retroView();
  return {
    ...base,
    members: base.members.map((m) => (m.id === 'm-priya' ? m : { ...m, turns: 0, words: 0, passes: 0, share: 0, deepest: 0, answeredAtDepth: false, passedAtDepth: false, flag: null })),
    balance: { gini: 0, evenness: 0, maxShare: 0, fairShare: 0, sampleReady: false },
    nudges: [],
    viewer: { role: 'member', memberId: 'm-priya' },
    team: { status: 'connected', problem: null, server: '127.0.0.1:41234', hosting: false, here: ['m-priya', 'm-sam'], facilitatorHere: true, waiting: [] },
    ...overrides,
  };
}
