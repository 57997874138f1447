// Snapshots full of people's text for the hostile rendering test (issue 12), and where each
// string must show. Every function here is self-contained: the test installs them in the
// page (as source) so the corpus crosses into the browser once, not once per snapshot.

/**
 * A retro view (src/protocol.ts RetroViewSchema) with one of the strings `S` in every place
 * that shows people's text: a member per string, a contribution, a note, a column, an action
 * with a due date, a check-out, a nudge, and team mode's waiting and held lists. `role` is
 * 'facilitator' or 'member' (member m-1). Contributions carry each string whole (100 KB ones
 * too); elsewhere a string is cut to 4,000 characters (the host's MAX_TEXT), names and columns
 * to 200 and due dates to 40, so the page lays out 100 KB strings a few times, not fifty.
 */
export function crowdedView(S, { phase = 'check-in', depth = 2, role = 'facilitator' } = {}) {
  const N = S.length;
  const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);
  const id = (i) => `m-${i % N}`;
  const name = (i) => cut(S[i % N], 200);
  const me = role === 'member' ? 'm-1' : null;
  const columns = S.map((s) => cut(s, 200));
  const T = S.map((s) => cut(s, 4000));
  const members = S.map((_, i) => ({
    id: id(i), name: name(i), present: i % 10 !== 9, joinedLate: i % 7 === 3,
    turns: 1 + (i % 3), words: 2 * i, passes: i % 2, share: 1 / N, deepest: 1 + (i % 4),
    answeredAtDepth: i % 2 === 0, passedAtDepth: i % 5 === 1,
    flag: role === 'member' ? null : i % 11 === 0 ? 'quiet' : i % 13 === 0 ? 'dominant' : null,
  }));
  return {
    sessionId: 'retro-hostile',
    title: T[1 % N],
    readOnly: false,
    phase,
    skippedPhases: [],
    depth,
    deckName: T[2 % N],
    prompt: { id: 'p-1', depth, topic: T[4 % N], text: T[6 % N] },
    promptsLeftAtDepth: 3,
    turn: { memberId: 'm-0', startedAt: 1_700_000_000_000, elapsedMs: 5_000 },
    suggestedNext: 'm-1',
    softCapSeconds: 90,
    maxTextLength: 4000,
    members,
    contributions: S.map((text, i) => ({
      id: `c-${i}`, memberId: id(i), memberName: name(i), promptId: 'p-1', promptText: T[(i + 7) % N],
      phase: 'check-in', depth: 1 + (i % 4), topic: 'work', text, words: 3, seconds: 10 + i,
      pass: false, at: 1_700_000_000_000 + i * 1000, truncated: false,
    })),
    notes: T.map((text, i) => ({
      id: `n-${i}`, memberId: i % 3 === 0 ? null : i % 3 === 1 ? 'm-1' : id(i), text, column: columns[i],
      groupId: i % 4 === 1 ? `n-${i - 1}` : null, votes: i % 4,
    })),
    columns,
    actions: T.map((text, i) => ({
      id: `a-${i}`, text, ownerId: i % 5 === 0 ? null : id(i + 1), ...(i % 2 === 1 ? { due: cut(S[(i + 3) % N], 40) } : {}), done: i % 3 === 0,
    })),
    checkouts: members.map((m, i) => ({ memberId: m.id, text: T[(i + 11) % N], ...(i % 6 ? { roti: i % 6 } : {}) })),
    balance: { gini: 0.2, evenness: 0.8, maxShare: 0.1, fairShare: 1 / N, sampleReady: true },
    gate: { open: false, reciprocated: 2, present: N, reason: T[3 % N] },
    nudges: role === 'member' ? [] : T.map((text, i) => (i % 2
      ? { id: `nudge-${i}`, kind: 'invite', text: `Invite ${name(i)} — quiet so far.`, memberId: id(i) }
      : { id: `nudge-${i}`, kind: 'note', text })),
    ended: phase === 'ended',
    viewer: { role, memberId: me },
    overrides: [{ to: depth, text: T[5 % N] }],
    dotsPerMember: 3,
    anonymous: false,
    team: {
      status: 'connected', problem: T[8 % N], server: '127.0.0.1:41234', hosting: role === 'facilitator',
      ...(role === 'facilitator' ? { joinCode: T[10 % N] } : {}),
      here: members.filter((_, i) => i % 2 === 0).map((m) => m.id), facilitatorHere: true,
      waiting: T.map((text) => ({ kind: 'note', text })),
      ...(role === 'member' ? { held: T.map((text, i) => ({ column: columns[i], text })) } : {}),
    },
  };
}

/**
 * Where each string of a crowded view must show, as `[selector, mode, expected]`: mode
 * `text` (each match's textContent, in order), `bag` (the same, in any order), `some` (each
 * string is some match's textContent), `includes` (each match contains its string), `value` (an input's value) or `attr:<name>` (contains).
 * A one-line input drops line breaks from its value (HTML's value sanitisation).
 */
export function whereShown(v) {
  const names = v.members.map((m) => m.name);
  const nameOf = new Map(v.members.map((m) => [m.id, m.name]));
  const oneLine = (s) => s.replace(/[\r\n]/g, '');
  const facilitator = v.viewer?.role !== 'member';
  const me = v.viewer?.memberId;
  const out = [
    ['.contrib-list .contrib-head bdi.name', 'text', v.contributions.map((c) => c.memberName)],
    ['.contrib-list .contrib-prompt', 'text', v.contributions.map((c) => c.promptText)],
    ['.contrib-list .contrib-text', 'text', v.contributions.map((c) => c.text)],
    ['.here bdi', 'text', v.team.here.map((id) => nameOf.get(id))],
    ['.banner.team > p:nth-of-type(2)', 'text', [v.team.problem]],
    ['#retro-title', 'text', [v.title]],
    ['.deck', 'includes', [v.deckName]],
  ];
  const top = [...v.notes].filter((n) => n.votes > 0).sort((a, b) => b.votes - a.votes).slice(0, 3);
  if (facilitator) {
    out.push(['.members bdi.name', 'text', names]);
    out.push(['.members input[type=checkbox]', 'attr:aria-label', names]);
    out.push(['#join-code', 'value', [oneLine(v.team.joinCode)]]);
    const present = v.members.filter((m) => m.present);
    switch (v.phase) {
      case 'check-in':
        // The button says "Give turn"; whose turn is in its accessible name and tooltip.
        out.push(['.member-actions button', 'attr:aria-label', names]);
        out.push(['.member-actions button', 'attr:title', names]);
        out.push(['.speaker bdi', 'text', [nameOf.get(v.turn.memberId)]]);
        out.push(['.suggested bdi', 'text', [nameOf.get(v.suggestedNext)]]);
        out.push(['#prompt-text', 'text', [v.prompt.text]]);
        out.push(['.prompt-meta', 'includes', [v.prompt.topic]]);
        out.push(['#gate-text', 'includes', [v.gate.reason]]);
        out.push(['#override-done', 'includes', [v.overrides.at(-1).text]]);
        out.push(['.nudge-text', 'includes', v.nudges.map((n) => (n.kind === 'invite' ? nameOf.get(n.memberId) : n.text))]);
        break;
      case 'gather':
        out.push(['.column h3', 'text', v.columns]);
        out.push(['.gather .note-text', 'text', v.notes.map((n) => n.text)]);
        out.push(['.gather .note .muted bdi', 'text', v.notes.filter((n) => n.memberId).map((n) => nameOf.get(n.memberId))]);
        out.push(['#acting-as option:not([value=""])', 'text', names]);
        break;
      case 'insights':
        out.push(['.insight-list .note-text', 'bag', v.notes.map((n) => n.text)]);
        out.push(['.insight-list li > span.muted', 'bag', v.notes.map((n) => n.column)]);
        out.push(['#acting-as option:not([value=""])', 'text', names]);
        break;
      case 'decide':
        out.push(['.actions .action-text', 'text', v.actions.map((a) => a.text)]);
        out.push(['.actions .muted bdi', 'text', v.actions.filter((a) => a.due).map((a) => a.due)]);
        out.push(['#action-owner option:not([value=""])', 'text', names]);
        out.push(['.top-voted .note-text', 'text', top.map((n) => n.text)]);
        break;
      case 'close':
        out.push(['.checkouts bdi.name', 'text', present.map((m) => m.name)]);
        out.push(['.checkouts input[name=text]', 'value', present.map((m) => oneLine(v.checkouts.find((c) => c.memberId === m.id).text))]);
        break;
    }
    return out;
  }
  out.push(['.waiting li span[dir=auto]', 'text', v.team.waiting.map((w) => w.text)]);
  switch (v.phase) {
    case 'check-in':
      out.push(['.speaker bdi', 'text', [nameOf.get(v.turn.memberId)]]);
      out.push(['#prompt-text', 'text', [v.prompt.text]]);
      out.push(['#gate-text', 'includes', [v.gate.reason]]);
      break;
    case 'gather': {
      const own = v.notes.filter((n) => n.memberId === me || n.memberId === null).map((n) => n.text);
      out.push(['.column h3', 'text', v.columns]);
      out.push(['.gather .note-text', 'bag', [...own, ...v.team.held.map((n) => n.text)]]);
      break;
    }
    case 'insights':
      out.push(['.insight-list .note-text', 'bag', v.notes.map((n) => n.text)]);
      break;
    case 'decide':
      out.push(['.actions .action-text', 'text', v.actions.map((a) => a.text)]);
      out.push(['.actions .muted bdi', 'text', v.actions.flatMap((a) => [...(a.ownerId ? [nameOf.get(a.ownerId)] : []), ...(a.due ? [a.due] : [])])]);
      out.push(['.top-voted .note-text', 'text', top.map((n) => n.text)]);
      break;
    case 'close':
      out.push(['input[aria-label="Your check-out"]', 'value', [oneLine(v.checkouts.find((c) => c.memberId === me).text)]]);
      break;
  }
  return out;
}

/** Runs in the page: what of `checks` (from whereShown) the page does not show as expected. */
export function unshown(checks) {
  const fails = [];
  const snip = (s) => JSON.stringify(String(s).slice(0, 60));
  for (const [sel, mode, expected] of checks) {
    const els = [...document.querySelectorAll(sel)];
    const got = els.map((el) => (mode === 'value' ? el.value : mode.startsWith('attr:') ? (el.getAttribute(mode.slice(5)) ?? '') : el.textContent));
    if (mode === 'some') {
      const shown = new Set(got);
      const i = expected.findIndex((x) => !shown.has(x));
      if (i >= 0) fails.push(`${sel}: ${snip(expected[i])} (#${i}) is not shown`);
      continue;
    }
    if (got.length !== expected.length) {
      fails.push(`${sel}: ${got.length} shown, ${expected.length} expected`);
      continue;
    }
    const a = mode === 'bag' ? [...got].sort() : got;
    const e = mode === 'bag' ? [...expected].sort() : expected;
    const contains = mode === 'includes' || mode.startsWith('attr:');
    const i = e.findIndex((x, k) => (contains ? !a[k].includes(x) : a[k] !== x));
    if (i >= 0) fails.push(`${sel} #${i}: shows ${snip(a[i])}, expected ${contains ? 'to contain ' : ''}${snip(e[i])}`);
  }
  if (document.querySelector('.banner.error')) fails.push(`error banner: ${document.querySelector('.banner.error').textContent.slice(0, 200)}`);
  return fails;
}
