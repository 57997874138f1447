// Every message between the extension host and the retro webview, declared once and
// validated at runtime on both sides. People's free text travels in these messages,
// so nothing is trusted because of where it came from.
import * as v from 'valibot';
import { MAX_TEXT, type Command } from './domain/commands';
import { quickCheck } from './quickCheck';
import { idSchema, nudgeIdSchema, parseWith, type ParseResult } from './validate';

export type { ParseResult } from './validate';
export { MAX_NAME, MAX_TEXT } from './domain/commands';

// One limit with session files (src/domain/ids.ts), so whatever loads can be shown.
const id = idSchema;
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT * 2));
const depth = v.picklist([1, 2, 3, 4]);
const phase = v.picklist(['check-in', 'gather', 'insights', 'decide', 'close', 'ended']);
const requestId = v.pipe(v.number(), v.integer(), v.minValue(0));

// ---------------------------------------------------------------------------------
// Webview -> host: what a person asked for, validated onto the domain's Command. The host
// turns an intent into events.

export const IntentSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('contribute'),
    memberId: id,
    text,
    pass: v.boolean(),
    seconds: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(86_400))),
    tally: v.optional(v.boolean()),
  }),
  v.strictObject({ kind: v.literal('removeContribution'), contributionId: id }),
  v.strictObject({ kind: v.literal('editContribution'), contributionId: id, text }),
  v.strictObject({ kind: v.literal('startTurn'), memberId: id }),
  v.strictObject({ kind: v.literal('nextSpeaker') }),
  v.strictObject({ kind: v.literal('stage'), move: v.picklist(['deeper', 'stay', 'back']) }),
  v.strictObject({ kind: v.literal('nextPrompt') }),
  v.strictObject({ kind: v.literal('setPhase'), phase, skip: v.boolean() }),
  v.strictObject({ kind: v.literal('addMember'), name: v.pipe(v.string(), v.maxLength(1000)) }),
  v.strictObject({ kind: v.literal('setPresence'), memberId: id, present: v.boolean() }),
  v.strictObject({ kind: v.literal('addNote'), text, column: v.pipe(v.string(), v.maxLength(200)), memberId: v.nullable(id) }),
  v.strictObject({ kind: v.literal('groupNote'), noteId: id, groupId: v.nullable(id) }),
  v.strictObject({ kind: v.literal('editNote'), noteId: id, text }),
  v.strictObject({ kind: v.literal('removeNote'), noteId: id }),
  v.strictObject({ kind: v.literal('vote'), memberId: id, noteId: id, retract: v.boolean() }),
  v.strictObject({
    kind: v.literal('addAction'),
    text,
    ownerId: v.nullable(id),
    due: v.optional(v.pipe(v.string(), v.maxLength(40))),
  }),
  v.strictObject({
    kind: v.literal('updateAction'),
    actionId: id,
    done: v.optional(v.boolean()),
    ownerId: v.optional(v.nullable(id)),
  }),
  v.strictObject({ kind: v.literal('removeAction'), actionId: id }),
  v.strictObject({
    kind: v.literal('checkout'),
    memberId: id,
    text,
    roti: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
  }),
  v.strictObject({ kind: v.literal('dismissNudge'), nudgeId: nudgeIdSchema }),
  v.strictObject({ kind: v.literal('endRetro') }),
  v.strictObject({ kind: v.literal('renameRetro'), title: v.pipe(v.string(), v.maxLength(1000)) }),
  v.strictObject({ kind: v.literal('openSummary') }),
  v.strictObject({ kind: v.literal('setAnonymity'), on: v.boolean() }),
  v.strictObject({ kind: v.literal('revealNotes') }),
]);
export type Intent = Command;
// Compile-time guard: whatever the schema accepts is a domain Command.
const _intentIsCommand: (i: v.InferOutput<typeof IntentSchema>) => Command = (i) => i;
void _intentIsCommand;

/** Team-mode actions of the panel that are not retro changes. */
export const TeamActionSchema = v.picklist(['copyCode', 'copyLink']);
export type TeamAction = v.InferOutput<typeof TeamActionSchema>;

export const WebviewToHostSchema = v.variant('type', [
  v.strictObject({ type: v.literal('ready') }),
  /**
   * The panel's first frame is up and its snapshot left out older contributions
   * (`omittedContributions`): from now on the host sends every contribution.
   */
  v.strictObject({ type: v.literal('history') }),
  v.strictObject({ type: v.literal('team'), action: TeamActionSchema }),
  v.strictObject({ type: v.literal('intent'), requestId, intent: IntentSchema }),
  v.strictObject({
    type: v.literal('log'),
    level: v.picklist(['info', 'warn', 'error']),
    message: v.pipe(v.string(), v.maxLength(2000)),
  }),
]);
export type WebviewToHost = v.InferOutput<typeof WebviewToHostSchema>;

/**
 * Contributions in the first snapshot after `ready` when a retro has more: the newest ones, a
 * screenful (a row is at least 3.6em tall). The rest follow when the panel asks (`history`), so a
 * long retro's first frame does not wait for thousands of rows to be built, sent and checked.
 */
export const FIRST_CONTRIBUTIONS = 20;

// ---------------------------------------------------------------------------------
// Host -> webview: a full view of the session, sent after `ready`, after every change
// and whenever the panel becomes visible again. The webview keeps only UI state. Until the
// panel asks for the `history`, a long retro's views carry only its newest contributions.

const MemberViewSchema = v.object({
  id,
  name: v.string(),
  present: v.boolean(),
  joinedLate: v.boolean(),
  turns: v.number(),
  words: v.number(),
  passes: v.number(),
  share: v.number(),
  deepest: v.number(),
  /** Has answered at the current depth, by the one rule in src/domain/answered.ts. */
  answeredAtDepth: v.boolean(),
  /** Passed at the current depth without sharing: a choice, shown as such. */
  passedAtDepth: v.optional(v.boolean()),
  flag: v.nullable(v.picklist(['dominant', 'quiet'])),
});
export type MemberView = v.InferOutput<typeof MemberViewSchema>;

const ContributionViewSchema = v.object({
  id,
  memberId: id,
  memberName: v.string(),
  promptId: v.nullable(v.string()),
  promptText: v.nullable(v.string()),
  phase,
  depth,
  topic: v.string(),
  text: v.string(),
  words: v.number(),
  seconds: v.optional(v.number()),
  pass: v.boolean(),
  at: v.number(),
  truncated: v.boolean(),
});
export type ContributionView = v.InferOutput<typeof ContributionViewSchema>;

const NudgeViewSchema = v.object({
  id: nudgeIdSchema,
  kind: v.string(),
  text: v.string(),
  memberId: v.optional(v.nullable(v.string())),
});
export type NudgeView = v.InferOutput<typeof NudgeViewSchema>;

export const RetroViewSchema = v.object({
  sessionId: id,
  title: v.string(),
  readOnly: v.boolean(),
  readOnlyReason: v.optional(v.string()),
  phase,
  skippedPhases: v.array(phase),
  depth,
  deckName: v.string(),
  prompt: v.nullable(v.object({ id, depth, topic: v.string(), text: v.string() })),
  promptsLeftAtDepth: v.number(),
  /**
   * `startedAt` is the deciding machine's clock and only names the turn; `elapsedMs` is
   * that same machine's reading of how long it has run, so the webview counts on from it
   * with its own clock and never subtracts one machine's time from another's.
   */
  turn: v.object({ memberId: v.nullable(v.string()), startedAt: v.nullable(v.number()), elapsedMs: v.nullable(v.pipe(v.number(), v.minValue(0))) }),
  suggestedNext: v.nullable(v.string()),
  softCapSeconds: v.number(),
  maxTextLength: v.number(),
  members: v.array(MemberViewSchema),
  /** Oldest first. In a first snapshot of a long retro, only the newest FIRST_CONTRIBUTIONS. */
  contributions: v.array(ContributionViewSchema),
  /**
   * How many older contributions come before `contributions` and are left out of this snapshot
   * (the first one after `ready` of a retro with more than FIRST_CONTRIBUTIONS): the total is
   * this plus `contributions.length`. The panel asks for them with `history` once its first
   * frame is up. Absent or 0: `contributions` is all of them.
   */
  omittedContributions: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  notes: v.array(
    v.object({
      id, memberId: v.nullable(v.string()), text: v.string(), column: v.string(), groupId: v.nullable(v.string()), votes: v.number(),
      /** Members with a named dot on this note, one entry per dot. */
      voters: v.optional(v.array(v.string())),
    }),
  ),
  columns: v.array(v.string()),
  actions: v.array(v.object({ id, text: v.string(), ownerId: v.nullable(v.string()), due: v.optional(v.string()), done: v.boolean() })),
  checkouts: v.array(v.object({ memberId: v.string(), text: v.string(), roti: v.optional(v.number()) })),
  balance: v.object({
    gini: v.number(),
    evenness: v.number(),
    maxShare: v.number(),
    fairShare: v.number(),
    sampleReady: v.boolean(),
  }),
  gate: v.object({ open: v.boolean(), reciprocated: v.number(), present: v.number(), passed: v.optional(v.number()), reason: v.string() }),
  nudges: v.array(NudgeViewSchema),
  ended: v.boolean(),
  /** Who is looking at this panel. Nudges and quiet/dominant flags are shown only to the
   *  facilitator; absent means the facilitator (the single-machine case). */
  viewer: v.optional(v.object({ role: v.picklist(['facilitator', 'member']), memberId: v.nullable(v.string()) })),
  /**
   * The facilitator's moves deeper against the gate's advice, oldest first: `text` in English,
   * and the numbers (`from`, and how many had answered of those present, null before the
   * gate was recorded) that the panel words in the display language.
   */
  overrides: v.optional(
    v.array(
      v.object({
        to: depth,
        text: v.string(),
        from: v.optional(depth),
        answered: v.optional(v.nullable(v.number())),
        present: v.optional(v.nullable(v.number())),
      }),
    ),
  ),
  /** Dots each member may place on the notes. */
  dotsPerMember: v.optional(v.number()),
  /** Anonymous notes and votes are on (team mode): notes are held until the reveal. */
  anonymous: v.optional(v.boolean()),
  /** Team mode: the connection, who is here, and what waits to be sent. Absent on one machine. */
  team: v.optional(
    v.object({
      status: v.picklist(['connecting', 'connected', 'offline', 'refused']),
      problem: v.nullable(v.string()),
      /** host:port of the team server. */
      server: v.string(),
      hosting: v.boolean(),
      /** The members' join code, for the facilitator only. */
      joinCode: v.optional(v.string()),
      /** Members connected now (Yjs awareness), by id. */
      here: v.array(v.string()),
      facilitatorHere: v.boolean(),
      /** This window's requests the authority has not confirmed yet. */
      waiting: v.array(v.object({ kind: v.string(), text: v.string() })),
      /** A member's own anonymous notes, held by the authority until the reveal; known only to their machine. */
      held: v.optional(v.array(v.object({ column: v.string(), text: v.string() }))),
      /**
       * A member's own anonymous dots (note ids, one per dot), as the authority told their
       * machine alone; absent in anyone else's view, and while not known (an older server).
       */
      myVotes: v.optional(v.array(v.string())),
    }),
  ),
});
export type RetroView = v.InferOutput<typeof RetroViewSchema>;

export const HostToWebviewSchema = v.variant('type', [
  v.strictObject({ type: v.literal('snapshot'), view: RetroViewSchema }),
  v.strictObject({ type: v.literal('ack'), requestId }),
  v.strictObject({ type: v.literal('error'), requestId: v.optional(requestId), message: v.string() }),
  /**
   * The host is alive: sent every few seconds while the panel shows (RetroPanel.heartbeatMs).
   * A panel that hears nothing for a while says it lost its extension host (src/webview/liveness.ts).
   */
  v.strictObject({ type: v.literal('alive') }),
]);
export type HostToWebview = v.InferOutput<typeof HostToWebviewSchema>;

export function parseWebviewMessage(input: unknown): ParseResult<WebviewToHost> {
  return parseWith(WebviewToHostSchema, input);
}

let hostMessageQuick: ((input: unknown) => boolean) | null | undefined;

/**
 * A well-formed message that valibot would return unchanged is taken as it is (src/quickCheck.ts:
 * a plain walk, several times faster than valibot on the first, cold snapshot of a long retro);
 * anything else, and every refusal with its reason, is valibot's.
 */
export function parseHostMessage(input: unknown): ParseResult<HostToWebview> {
  if (hostMessageQuick === undefined) hostMessageQuick = quickCheck(HostToWebviewSchema);
  if (hostMessageQuick?.(input)) return { ok: true, value: input as HostToWebview };
  return parseWith(HostToWebviewSchema, input);
}
