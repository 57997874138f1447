// What a person asked for (a Command from the panel or a member's machine) becomes events
// here, after checking it against the current state. The reducer enforces the same rules
// again (a merged log must never break them); this is where a bad request is refused
// with a message a person can act on, before anything is written.
import { MAX_TITLE, type Command } from './commands';
import { deckColumns } from './decks/builtin';
import { pickPrompt } from './decks/pick';
import type { NewId } from './ids';
import { mayEmit, PERMISSIONS } from './permissions';
import { dotsPerMember, hasTallies } from './session';
import { stageEvent, type GateAdvisor } from './stages';
import { cleanName, cleanText, uniqueName } from './text';
import { suggestNext } from './turns';
import { PHASES, PHASE_NAMES, type Deck, type Phase, type SessionEvent, type SessionSettings, type SessionState } from './types';
import { refused, saidEnglish, type Said } from './said';

type Intent = Command;

export interface DecideContext {
  /** Who is asking: a member id, or the facilitator's actor id. Stamped on every event. */
  actor: string;
  /** The deciding machine's clock (the authority's, in team mode). */
  now: number;
  newId: NewId;
  gate: GateAdvisor;
  /** Prompt ids this team saw in recent retros, oldest first, so prompts rotate. */
  recentPromptIds: readonly string[];
  /** Ranking from the balance engine, quietest first, used by nextSpeaker. */
  preference?: readonly string[];
  /** Set when another window holds the session: everything but viewing is refused. */
  readOnly?: boolean;
  random?: () => number;
}

/**
 * `notices` are things the person should see even though the request succeeded. Each is in
 * English (`notices`, `error`: logs, the CLI) and as data (`noticesSaid`, `said`: what the
 * extension words in the display language).
 */
export type Decision =
  | { ok: true; events: SessionEvent[]; notices?: string[]; noticesSaid?: Said[] }
  | { ok: false; error: string; said: Said };

export const CHECKOUT_MAX = 280;
export const COLUMN_MAX = 40;

const ok = (events: SessionEvent[], notices?: Said[]): Decision =>
  notices?.length ? { ok: true, events, notices: notices.map(saidEnglish), noticesSaid: notices } : { ok: true, events };
const fail = (said: Said): Decision => refused(said);
const base = (ctx: DecideContext) => ({ id: ctx.newId(), at: ctx.now, actor: ctx.actor });

function memberError(s: SessionState, id: string | null): Said | null {
  if (id === null || s.members.some((m) => m.id === id)) return null;
  return { key: 'noMember', id };
}

const VIEW_ONLY: ReadonlySet<Intent['kind']> = new Set(['openSummary']);

export function decide(state: SessionState, intent: Intent, ctx: DecideContext): Decision {
  if (VIEW_ONLY.has(intent.kind)) return ok([]);
  if (intent.kind === 'renameRetro' && !ctx.readOnly) return guarded(state, renameRetro(state, intent, ctx));
  if (state.endedAt !== null || state.phase === 'ended') return fail({ key: 'ended' });
  if (ctx.readOnly) return fail({ key: 'readOnlyElsewhere' });
  const handler = HANDLERS[intent.kind] as (s: SessionState, i: Intent, c: DecideContext) => Decision;
  return guarded(state, handler(state, intent, ctx));
}

function guarded(state: SessionState, decision: Decision): Decision {
  if (!decision.ok) return decision;
  const forbidden = decision.events.find((e) => !mayEmit(state, e));
  return forbidden ? fail(refusal(PERMISSIONS[forbidden.type])) : decision;
}

/** Renaming stays possible after the end: a title is how people find a retro again. */
function renameRetro(s: SessionState, i: IntentOf<'renameRetro'>, ctx: DecideContext): Decision {
  const title = cleanName(i.title, MAX_TITLE).name;
  if (title === '') return fail({ key: 'needsTitle' });
  return title === s.title ? ok([]) : ok([{ ...base(ctx), type: 'session.renamed', title }]);
}

function refusal(rule: string): Said {
  return rule === 'self' ? { key: 'selfOnly' } : { key: 'facilitatorOnly' };
}

type IntentOf<K extends Intent['kind']> = Extract<Intent, { kind: K }>;
type Handlers = { [K in Intent['kind']]: (s: SessionState, i: IntentOf<K>, ctx: DecideContext) => Decision };

const HANDLERS: Handlers = {
  contribute: contribute,
  removeContribution: (s, i, ctx) =>
    s.contributions.some((c) => c.id === i.contributionId)
      ? ok([{ ...base(ctx), type: 'contribution.removed', contributionId: i.contributionId }])
      : fail({ key: 'noContribution', id: i.contributionId }),
  editContribution: editContribution,
  startTurn: (s, i, ctx) => {
    const member = s.members.find((m) => m.id === i.memberId);
    if (!member) return fail({ key: 'noMember', id: i.memberId });
    if (!member.present) return fail({ key: 'notPresent', name: member.name });
    return ok([{ ...base(ctx), type: 'turn.started', memberId: member.id }]);
  },
  nextSpeaker: (s, _i, ctx) => {
    const next = suggestNext(s, ctx.preference);
    return next === null ? fail({ key: 'noOnePresent' }) : ok([{ ...base(ctx), type: 'turn.started', memberId: next }]);
  },
  stage: (s, i, ctx) => {
    const moved = stageEvent(s, i.move, ctx.gate(s), base(ctx));
    if (!moved.ok) return moved;
    if (i.move === 'stay') return ok([moved.event]);
    const events: SessionEvent[] = [moved.event];
    if (s.turn.memberId !== null) events.push({ ...base(ctx), type: 'turn.ended' });
    const prompt = pickPrompt(s.deck, moved.event.to, history(s, ctx));
    if (prompt) events.push({ ...base(ctx), type: 'prompt.shown', promptId: prompt.id });
    return ok(events, prompt ? undefined : [{ key: 'noPromptsAtDepth', depth: moved.event.to }]);
  },
  nextPrompt: (s, _i, ctx) => {
    const prompt = pickPrompt(s.deck, s.depth, history(s, ctx));
    if (!prompt) return fail({ key: 'noPromptsHere' });
    if (prompt.id === s.promptId) return fail({ key: 'noOtherPrompt' });
    return ok([{ ...base(ctx), type: 'prompt.shown', promptId: prompt.id }]);
  },
  setPhase: setPhase,
  addMember: (s, i, ctx) => {
    const cleaned = cleanName(i.name);
    if (cleaned.name === '') return fail({ key: 'needsName' });
    const name = uniqueName(cleaned.name, s.members.map((m) => m.name));
    const notices: Said[] = [];
    if (cleaned.truncated) notices.push({ key: 'nameCut', name: cleaned.name });
    if (name !== cleaned.name) notices.push({ key: 'nameTaken', name: cleaned.name, as: name });
    const joinedLate = s.contributions.length > 0;
    return ok([{ ...base(ctx), type: 'member.added', memberId: ctx.newId(), name, joinedLate }], notices);
  },
  setPresence: (s, i, ctx) => {
    const member = s.members.find((m) => m.id === i.memberId);
    if (!member) return fail({ key: 'noMember', id: i.memberId });
    return member.present === i.present ? ok([]) : ok([{ ...base(ctx), type: 'member.presence', memberId: member.id, present: i.present }]);
  },
  addNote: addNote,
  groupNote: (s, i, ctx) =>
    s.notes.some((n) => n.id === i.noteId)
      ? ok([{ ...base(ctx), type: 'note.grouped', noteId: i.noteId, groupId: i.groupId }])
      : fail({ key: 'noNote', id: i.noteId }),
  editNote: (s, i, ctx) => {
    const note = s.notes.find((n) => n.id === i.noteId);
    if (!note) return fail({ key: 'noNote', id: i.noteId });
    const text = cleanText(i.text, s.settings.maxTextLength);
    if (text.text === '') return fail({ key: 'noteNeedsText' });
    if (text.text === note.text) return ok([]);
    return ok([{ ...base(ctx), type: 'note.edited', noteId: note.id, text: text.text }], text.truncated ? [truncatedNotice(s)] : undefined);
  },
  removeNote: (s, i, ctx) =>
    s.notes.some((n) => n.id === i.noteId)
      ? ok([{ ...base(ctx), type: 'note.removed', noteId: i.noteId }])
      : fail({ key: 'noNote', id: i.noteId }),
  vote: vote,
  addAction: (s, i, ctx) => {
    const error = memberError(s, i.ownerId);
    if (error) return fail(error);
    const text = cleanText(i.text, s.settings.maxTextLength);
    if (text.text === '') return fail({ key: 'actionNeedsText' });
    const due = i.due?.trim();
    const event: SessionEvent = { ...base(ctx), type: 'action.added', actionId: ctx.newId(), text: text.text, ownerId: i.ownerId };
    return ok([due ? { ...event, due } : event], text.truncated ? [truncatedNotice(s)] : undefined);
  },
  updateAction: (s, i, ctx) => {
    if (!s.actions.some((a) => a.id === i.actionId)) return fail({ key: 'noAction', id: i.actionId });
    const error = i.ownerId === undefined ? null : memberError(s, i.ownerId);
    if (error) return fail(error);
    const change = { ...(i.done !== undefined && { done: i.done }), ...(i.ownerId !== undefined && { ownerId: i.ownerId }) };
    return ok([{ ...base(ctx), type: 'action.updated', actionId: i.actionId, ...change }]);
  },
  removeAction: (s, i, ctx) =>
    s.actions.some((a) => a.id === i.actionId)
      ? ok([{ ...base(ctx), type: 'action.removed', actionId: i.actionId }])
      : fail({ key: 'noAction', id: i.actionId }),
  checkout: (s, i, ctx) => {
    const error = memberError(s, i.memberId);
    if (error) return fail(error);
    const text = cleanName(i.text, CHECKOUT_MAX).name; // one line, like a name
    if (text === '' && i.roti === undefined) return fail({ key: 'checkoutNeedsWords' });
    const event: SessionEvent = { ...base(ctx), type: 'checkout.added', memberId: i.memberId, text };
    return ok([i.roti !== undefined ? { ...event, roti: i.roti } : event]);
  },
  dismissNudge: (s, i, ctx) => (s.dismissedNudges.includes(i.nudgeId) ? ok([]) : ok([{ ...base(ctx), type: 'nudge.dismissed', nudgeId: i.nudgeId }])),
  endRetro: (_s, _i, ctx) => ok([{ ...base(ctx), type: 'session.ended' }]),
  renameRetro: renameRetro,
  setAnonymity: (s, i, ctx) => {
    if (i.on === s.anonymous) return ok([]);
    if (i.on && s.votes.length > 0) return fail({ key: 'anonymityTooLate' });
    if (!i.on && hasTallies(s)) return fail({ key: 'anonymityStays' });
    return ok([{ ...base(ctx), type: 'anonymity.set', on: i.on }]);
  },
  // Held notes live with the team server's authority (src/sync/authority.ts), which
  // reveals them itself; on one machine nothing is ever held.
  revealNotes: () => fail({ key: 'nothingHeld' }),
  openSummary: () => ok([]),
};

function history(s: SessionState, ctx: DecideContext) {
  const h = { shownInSession: s.shownPromptIds, recentlyUsed: ctx.recentPromptIds };
  return ctx.random ? { ...h, random: ctx.random } : h;
}

const truncatedNotice = (s: SessionState): Said => ({ key: 'textCut', max: s.settings.maxTextLength });

function contribute(s: SessionState, i: IntentOf<'contribute'>, ctx: DecideContext): Decision {
  const error = memberError(s, i.memberId);
  if (error) return fail(error);
  const cleaned = i.pass ? { text: '', truncated: false } : cleanText(i.text, s.settings.maxTextLength);
  if (!i.pass && cleaned.text === '' && i.tally !== true) return fail({ key: 'writeOrPass' });
  const prompt = s.deck.prompts.find((p) => p.id === s.promptId) ?? null;
  const event: Extract<SessionEvent, { type: 'contribution.added' }> = {
    ...base(ctx),
    type: 'contribution.added',
    contributionId: ctx.newId(),
    memberId: i.memberId,
    phase: s.phase,
    promptId: prompt?.id ?? null,
    depth: prompt?.depth ?? s.depth,
    topic: prompt?.topic ?? PHASE_NAMES[s.phase],
    text: cleaned.text,
    pass: i.pass,
  };
  // The turn was started and is timed by this decider (the authority, in team mode), so
  // its own clock measures it; seconds sent along only count when no turn was running. A
  // facilitator's tally (a number key in the room) takes the running turn's seconds whoever
  // had the turn: they press the key of whoever actually spoke while the clock ran.
  const tallied = i.tally === true && ctx.actor === s.facilitatorId;
  const seconds = (tallied ? runningSeconds(s, ctx.now) : timedSeconds(s, i.memberId, ctx.now)) ?? i.seconds;
  if (seconds !== undefined) event.seconds = seconds;
  if (cleaned.truncated) event.truncated = true;
  const events: SessionEvent[] = [event];
  // The author's own turn ends with their answer (the reducer does that); someone else's
  // running turn is ended by the facilitator who recorded this one.
  if (s.turn.memberId !== null && s.turn.memberId !== i.memberId && ctx.actor === s.facilitatorId) {
    events.push({ ...base(ctx), type: 'turn.ended' });
  }
  return ok(events, cleaned.truncated ? [truncatedNotice(s)] : undefined);
}

/** Words for an answer on record: what was said in a tallied turn, added afterwards. */
function editContribution(s: SessionState, i: IntentOf<'editContribution'>, ctx: DecideContext): Decision {
  const c = s.contributions.find((x) => x.id === i.contributionId);
  if (!c) return fail({ key: 'noContribution', id: i.contributionId });
  if (c.pass) return fail({ key: 'passHasNoWords' });
  const cleaned = cleanText(i.text, s.settings.maxTextLength);
  if (cleaned.text === '') return fail({ key: 'writeWhatWasSaid' });
  if (cleaned.text === c.text) return ok([]);
  const event: SessionEvent = { ...base(ctx), type: 'contribution.edited', contributionId: c.id, text: cleaned.text };
  if (cleaned.truncated) event.truncated = true;
  return ok([event], cleaned.truncated ? [truncatedNotice(s)] : undefined);
}

/** Seconds from the turn timer, when the timer was running for this person. */
function timedSeconds(s: SessionState, memberId: string, now: number): number | undefined {
  return s.turn.memberId === memberId ? runningSeconds(s, now) : undefined;
}

/** The seconds of the turn running now, whoever has it. */
function runningSeconds(s: SessionState, now: number): number | undefined {
  if (s.turn.memberId === null || s.turn.startedAt === null) return undefined;
  return Math.max(0, Math.round((now - s.turn.startedAt) / 1000));
}

// A phase counts as skipped when it is jumped over, or left with `skip` before anything
// happened in it; a phase people worked in is never reported as skipped.
function setPhase(s: SessionState, i: IntentOf<'setPhase'>, ctx: DecideContext): Decision {
  if (i.phase === s.phase) return ok([]);
  const from = PHASES.indexOf(s.phase);
  const to = PHASES.indexOf(i.phase);
  const skipped: Phase[] = to > from ? PHASES.slice(from + 1, to).filter((p) => p !== 'ended') : [];
  if (i.skip && to > from && !hadActivity(s, s.phase)) skipped.unshift(s.phase);
  const events: SessionEvent[] = [{ ...base(ctx), type: 'phase.changed', from: s.phase, phase: i.phase, skipped }];
  if (i.phase === 'ended') events.push({ ...base(ctx), type: 'session.ended' });
  return ok(events);
}

function hadActivity(s: SessionState, phase: Phase): boolean {
  switch (phase) {
    case 'check-in':
      return s.contributions.some((c) => c.phase === 'check-in');
    case 'gather':
      return s.notes.length > 0;
    case 'insights':
      return s.votes.length > 0 || s.notes.some((n) => n.groupId !== null);
    case 'decide':
      return s.actions.length > 0;
    case 'close':
      return s.checkouts.length > 0;
    case 'ended':
      return true;
  }
}

function addNote(s: SessionState, i: IntentOf<'addNote'>, ctx: DecideContext): Decision {
  const error = memberError(s, i.memberId);
  if (error) return fail(error);
  if (s.anonymous && i.memberId !== null) return fail({ key: 'anonymousNote' });
  const text = cleanText(i.text, s.settings.maxTextLength);
  if (text.text === '') return fail({ key: 'noteNeedsText' });
  const column = cleanName(i.column, COLUMN_MAX).name;
  const columns = deckColumns(s.deck);
  if (!columns.includes(column)) return fail({ key: 'noColumn', column, columns: columns.join(', ') });
  const event: SessionEvent = { ...base(ctx), type: 'note.added', noteId: ctx.newId(), memberId: i.memberId, text: text.text, column };
  return ok([event], text.truncated ? [truncatedNotice(s)] : undefined);
}

export const ANONYMOUS_NOTE = saidEnglish({ key: 'anonymousNote' });
export const ANONYMOUS_VOTE = saidEnglish({ key: 'anonymousVote' });

function vote(s: SessionState, i: IntentOf<'vote'>, ctx: DecideContext): Decision {
  const error = memberError(s, i.memberId);
  if (error) return fail(error);
  if (s.anonymous) return fail({ key: 'anonymousVote' });
  if (!s.notes.some((n) => n.id === i.noteId)) return fail({ key: 'noNote', id: i.noteId });
  const mine = s.votes.filter((v) => v.memberId === i.memberId);
  if (i.retract) {
    if (!mine.some((v) => v.noteId === i.noteId)) return fail({ key: 'noVoteToRetract' });
    return ok([{ ...base(ctx), type: 'vote.retracted', memberId: i.memberId, noteId: i.noteId }]);
  }
  const dots = dotsPerMember(s);
  if (mine.length >= dots) return fail({ key: 'dotsUsed', dots });
  return ok([{ ...base(ctx), type: 'vote.cast', memberId: i.memberId, noteId: i.noteId }]);
}

// ---------------------------------------------------------------------------------

export interface StartOptions {
  title: string;
  teamId: string;
  /** Names as typed or taken from settings; cleaned and made unique here. */
  members: readonly string[];
  /** Name of the facilitator; added as a member when not in `members`. */
  facilitator?: string;
  deck: Deck;
  settings: SessionSettings;
  now: number;
  newId: NewId;
  recentPromptIds: readonly string[];
  random?: () => number;
}

/**
 * The opening events of a retro: created, roster, check-in at depth 1, first prompt. The
 * creator holds a facilitator seat of its own (its id is `facilitatorId` once replayed);
 * when the facilitator is one of the members, the role is handed to that member.
 */
export function startSession(o: StartOptions): SessionEvent[] {
  const at = o.now;
  const actor = o.newId();
  const stamp = () => ({ id: o.newId(), at, actor });
  const title = cleanName(o.title, MAX_TITLE).name || 'Retro';
  const teamId = o.teamId.trim() || 'default';
  const events: SessionEvent[] = [
    { ...stamp(), type: 'session.created', sessionId: o.newId(), title, teamId, deck: o.deck, settings: { ...o.settings } },
  ];
  const names: string[] = [];
  const addMember = (raw: string): string | null => {
    const cleaned = cleanName(raw).name;
    if (cleaned === '') return null;
    const name = uniqueName(cleaned, names);
    names.push(name);
    const memberId = o.newId();
    events.push({ ...stamp(), type: 'member.added', memberId, name, joinedLate: false });
    return memberId;
  };
  const ids = o.members.map(addMember);
  let facilitator: string | null = null;
  if (o.facilitator !== undefined) {
    const wanted = cleanName(o.facilitator).name.toLowerCase();
    const index = names.findIndex((n) => n.toLowerCase() === wanted);
    facilitator = index >= 0 ? ids.filter((id) => id !== null)[index] ?? null : addMember(o.facilitator);
  }
  events.push({ ...stamp(), type: 'phase.changed', from: 'check-in', phase: 'check-in', skipped: [] });
  events.push({ ...stamp(), type: 'stage.moved', from: 1, to: 1, kind: 'stay', override: false });
  const prompt = pickPrompt(o.deck, 1, { shownInSession: [], recentlyUsed: o.recentPromptIds, ...(o.random && { random: o.random }) });
  if (prompt) events.push({ ...stamp(), type: 'prompt.shown', promptId: prompt.id });
  // Last: once the role is handed over, the seat may no longer record anything.
  if (facilitator) events.push({ ...stamp(), type: 'facilitator.set', memberId: facilitator });
  return events;
}
