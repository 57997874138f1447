// The session file format, in one place. A file is the event log plus a few header
// fields; it is versioned (`v`), older versions are migrated by pure functions, and a
// file from a newer version is refused rather than silently downgraded. Every event is
// validated, because session files may live in git and be edited or merged by hand.
import * as v from 'valibot';
import { checkIssue } from './checkIssue';
import { deckCheckOf, DeckSchema, issuePath } from './decks/deckSchema';
import { plainEventHolds, TEXT_MAX } from './fastEvents';
import { fileProblemEnglish, issueEnglish, unsavableEnglish, type IssueDetail, type SessionFileProblem } from './fileProblem';
import { MAX_ID_LENGTH, MAX_NUDGE_ID_LENGTH } from './ids';
import { parseJson } from './text';
import { PHASES, type SessionEvent, type SessionFile } from './types';

export const SESSION_FORMAT_VERSION = 2;
export const SESSION_FILE_KIND = 'reciprocity-session';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));
const nudgeId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NUDGE_ID_LENGTH));
/** The last instant a JavaScript Date can hold (ms since 1970): a later time cannot be shown or exported. */
export const MAX_TIME = 8.64e15;
const time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_TIME));
const str = v.pipe(v.string(), v.maxLength(TEXT_MAX));
const depth = v.picklist([1, 2, 3, 4] as const);
const phase = v.picklist(PHASES);
const count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000));
const gate = v.object({ reciprocated: v.number(), present: v.number(), open: v.boolean() });
const settings = v.object({
  turnSoftCapSeconds: v.pipe(v.number(), v.minValue(0)),
  maxTextLength: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

// Loose objects keep fields this version does not know, so a file touched by a newer
// minor build loses nothing when this one saves it again.
const ev = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.looseObject({ id, at: time, actor: id, intent: v.optional(id), type: v.literal(type), ...entries });

export const SessionEventSchema = v.variant('type', [
  ev('session.created', { sessionId: id, title: str, teamId: str, deck: DeckSchema, settings }),
  ev('session.renamed', { title: str }),
  ev('member.added', { memberId: id, name: str, joinedLate: v.boolean() }),
  ev('member.renamed', { memberId: id, name: str }),
  ev('member.presence', { memberId: id, present: v.boolean() }),
  ev('facilitator.set', { memberId: id }),
  ev('phase.changed', { from: phase, phase, skipped: v.array(phase) }),
  ev('stage.moved', { from: depth, to: depth, kind: v.picklist(['deeper', 'stay', 'back']), override: v.boolean(), gate: v.optional(gate) }),
  ev('prompt.shown', { promptId: id }),
  ev('turn.started', { memberId: id }),
  ev('turn.ended', {}),
  ev('contribution.added', {
    contributionId: id,
    memberId: id,
    phase,
    promptId: v.nullable(id),
    depth,
    topic: str,
    text: str,
    seconds: v.optional(v.pipe(v.number(), v.minValue(0))),
    pass: v.boolean(),
    truncated: v.optional(v.boolean()),
  }),
  ev('contribution.removed', { contributionId: id }),
  ev('contribution.edited', { contributionId: id, text: str, truncated: v.optional(v.boolean()) }),
  ev('note.added', { noteId: id, memberId: v.nullable(id), text: str, column: str }),
  ev('note.edited', { noteId: id, text: str }),
  ev('note.removed', { noteId: id }),
  ev('note.grouped', { noteId: id, groupId: v.nullable(id) }),
  ev('vote.cast', { memberId: id, noteId: id }),
  ev('vote.retracted', { memberId: id, noteId: id }),
  ev('action.added', { actionId: id, text: str, ownerId: v.nullable(id), due: v.optional(str) }),
  ev('action.updated', {
    actionId: id,
    text: v.optional(str),
    ownerId: v.optional(v.nullable(id)),
    due: v.optional(str),
    done: v.optional(v.boolean()),
  }),
  ev('action.removed', { actionId: id }),
  ev('checkout.added', { memberId: id, text: str, roti: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))) }),
  ev('nudge.dismissed', { nudgeId }),
  ev('session.ended', {}),
  ev('anonymity.set', { on: v.boolean() }),
  ev('notes.revealed', { counts: v.record(id, count) }),
  ev('votes.tallied', { totals: v.record(id, count) }),
]);

const KNOWN_TYPES: ReadonlySet<string> = new Set(SessionEventSchema.options.map((o) => o.entries.type.literal));

/**
 * An event of a type this version does not know, from a newer version. It is kept whole,
 * so a save loses nothing, and the reducer skips it (`unknown-type`); only what every
 * event has is checked. A known type with bad fields is still refused.
 */
const UnknownEventSchema = v.looseObject({ id, at: time, actor: v.optional(id), type: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) });
const isUnknownType = (input: unknown): boolean => isRecord(input) && typeof input['type'] === 'string' && !KNOWN_TYPES.has(input['type']);
const FileEventSchema = v.lazy((input) => (isUnknownType(input) ? UnknownEventSchema : SessionEventSchema));

export const SessionFileSchema = v.object({
  v: v.literal(SESSION_FORMAT_VERSION),
  kind: v.literal(SESSION_FILE_KIND),
  id,
  title: str,
  teamId: str,
  createdAt: time,
  events: v.array(FileEventSchema),
});

/**
 * Deeper nesting is refused when reading and writing. No session value comes close (a
 * deck inside an event is about 6 levels), and an unknown field nested thousands deep
 * would load and then overflow the stack on every save.
 */
export const MAX_NESTING = 64;

/** Where `value` nests deeper than `limit` (a path), or null. Iterative, so it cannot overflow itself. */
export function tooDeepAt(value: unknown, limit = MAX_NESTING): string | null {
  return nestsWithin(value, limit) ? null : deepPath(value, limit);
}

/**
 * The common answer, without paths: a value stack and a depth stack, and nothing allocated
 * per object but its key list (issue 12, report.100k_members: a quarter of a million
 * events each built a path string and a tuple).
 */
function nestsWithin(value: unknown, limit: number): boolean {
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    values.push(value);
    depths.push(0);
  }
  while (values.length > 0) {
    const x = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth >= limit) return false;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const c: unknown = x[i];
        if (typeof c === 'object' && c !== null) {
          values.push(c);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const k of Object.keys(x)) {
        const c: unknown = (x as Record<string, unknown>)[k];
        if (typeof c === 'object' && c !== null) {
          values.push(c);
          depths.push(depth + 1);
        }
      }
    }
  }
  return true;
}

/** Where the nesting goes too deep, named by its first few levels; run only when it does. */
function deepPath(value: unknown, limit: number): string | null {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [x, depth, where] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (depth >= limit) return where || '(file)';
    // The path names the first few levels, which is enough to find the field. It is built
    // only there, and only objects are pushed: a file of 100k events must not allocate a
    // path string and a pair for every value in it (issue 12, report.100k_members).
    const named = depth < 3;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const c: unknown = x[i];
        if (typeof c === 'object' && c !== null) stack.push([c, depth + 1, named ? `${where}[${i}]` : where]);
      }
    } else {
      for (const k of Object.keys(x)) {
        const c: unknown = (x as Record<string, unknown>)[k];
        if (typeof c === 'object' && c !== null) stack.push([c, depth + 1, named ? (where ? `${where}.${k}` : k) : where]);
      }
    }
  }
  return null;
}

const nestingMessage = (where: string) => issueEnglish(where, { kind: 'nested', max: MAX_NESTING });

// Compile-time guard: what the schema accepts must be a SessionEvent.
const _schemaMatchesType: (e: v.InferOutput<typeof SessionEventSchema>) => SessionEvent = (e) => e;
void _schemaMatchesType;

/** Validates one event from an untrusted source (a synced document, a merged file). */
export function parseSessionEvent(input: unknown): { ok: true; event: SessionEvent } | { ok: false; error: string } {
  const deep = tooDeepAt(input);
  if (deep !== null) return { ok: false, error: nestingMessage(deep) };
  const r = v.safeParse(SessionEventSchema, input);
  if (r.success) return { ok: true, event: r.output };
  const issue = r.issues[0];
  return { ok: false, error: issueEnglish(issuePath(issue), issueDetail(issue)) };
}

function issueDetail(issue: v.BaseIssue<unknown>): IssueDetail {
  if (issue.type === 'variant') return { kind: 'unknownEvent', type: issue.received };
  const isKeyIssue = issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object';
  if (isKeyIssue && issue.expected === 'never') return { kind: 'unknownField', field: issue.received };
  if (issue.kind === 'schema' && issue.received === 'undefined') return { kind: 'required' };
  const deck = deckCheckOf(issue);
  if (deck) return { kind: 'deck', check: deck };
  const check = checkIssue(issue);
  return 'text' in check ? { kind: 'other', text: check.text } : { kind: 'check', ...check };
}

// ---------------------------------------------------------------------------------
// Migrations: MIGRATIONS[n] turns a raw v`n` object into a raw v`n+1` object.

type Raw = Record<string, unknown>;

/** v0 (pre-release): no `kind`, optional `teamId`, events possibly without ids. */
function v0ToV1(raw: Raw): Raw {
  const events = Array.isArray(raw['events']) ? (raw['events'] as unknown[]) : [];
  const fileId = typeof raw['id'] === 'string' ? raw['id'] : 'session';
  const migrated = events.map((e, i) => (isRecord(e) && e['id'] === undefined ? { ...e, id: `${fileId}-legacy-${i}` } : e));
  const first = migrated.find(isRecord);
  const createdAt = raw['createdAt'] ?? (first ? first['at'] : 0);
  return { ...raw, v: 1, kind: SESSION_FILE_KIND, teamId: raw['teamId'] ?? 'default', createdAt, events: migrated };
}

/**
 * v1 (0.1.0): events had no actor, and the reducer derived a contribution's phase, a
 * member's joinedLate and a move's `from` from its state when applying. v2 events carry
 * those facts, so this replays the v1 log with the v1 rules and writes them in. In 0.1.0
 * one machine recorded everything, so the facilitator is the actor of every event: a
 * seat of its own until the log names a facilitator among the members.
 */
export function v1ToV2(raw: Raw): Raw {
  const events = Array.isArray(raw['events']) ? (raw['events'] as unknown[]) : [];
  const fileId = typeof raw['id'] === 'string' ? raw['id'] : 'session';
  const fold = { actor: `${fileId}-facilitator`, phase: 'check-in', depth: 1, anyContribution: false, members: new Set<string>() };
  const migrated: unknown[] = [];
  for (const e of events) {
    if (!isRecord(e)) {
      migrated.push(e);
      continue;
    }
    const out = migrateV1Event(e, fold);
    if (out) migrated.push(out);
  }
  return { ...raw, v: 2, events: migrated };
}

interface V1Fold {
  actor: string;
  phase: unknown;
  depth: unknown;
  anyContribution: boolean;
  members: Set<string>;
}

function migrateV1Event(e: Raw, f: V1Fold): Raw | null {
  const out: Raw = { ...e, actor: f.actor };
  switch (e['type']) {
    case 'member.added':
      out['joinedLate'] = f.anyContribution;
      if (typeof e['memberId'] === 'string') f.members.add(e['memberId']);
      break;
    case 'facilitator.set':
      // v1 could clear the facilitator (null); v2 always has one, so that is dropped.
      if (typeof e['memberId'] !== 'string' || !f.members.has(e['memberId'])) return null;
      f.actor = e['memberId'];
      break;
    case 'phase.changed':
      out['from'] = f.phase;
      f.phase = e['phase'];
      break;
    case 'stage.moved':
      out['from'] = f.depth;
      f.depth = e['to'];
      break;
    case 'contribution.added':
      out['phase'] = f.phase;
      if (typeof e['memberId'] === 'string' && f.members.has(e['memberId'])) f.anyContribution = true;
      break;
    case 'session.ended':
      f.phase = 'ended';
      break;
  }
  return out;
}

export const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = { 0: v0ToV1, 1: v1ToV2 };

const isRecord = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);

export type SessionFileParse =
  /** `newerVersion`: read from a newer format (only with `newerReadOnly`); never write it back. */
  | { ok: true; file: SessionFile; migrated: boolean; newerVersion?: number }
  /** `message` is the English (the CLI's); `problem` the same as data, for the extension to word. */
  | { ok: false; kind: 'syntax' | 'schema' | 'version'; message: string; problem: SessionFileProblem };

function refuse(kind: 'syntax' | 'schema' | 'version', problem: SessionFileProblem): SessionFileParse {
  return { ok: false, kind, message: fileProblemEnglish(problem), problem };
}

/**
 * Reads a session file. Events of unknown types are kept (see UnknownEventSchema). With
 * `newerReadOnly`, a file from a newer format whose events this version can read is
 * returned with `newerVersion` set, for showing it read-only; otherwise it is refused.
 */
export function parseSessionFile(text: string, fileName: string, opts: { newerReadOnly?: boolean } = {}): SessionFileParse {
  const json = parseJson(text);
  if (!json.ok) return refuse('syntax', { key: 'notJson', file: fileName, fault: json.fault, line: json.line, column: json.column });
  if (!isRecord(json.value)) return refuse('schema', { key: 'notSession', file: fileName });
  const deep = tooDeepAt(json.value);
  if (deep !== null) return refuse('schema', { key: 'invalid', file: fileName, path: deep, detail: { kind: 'nested', max: MAX_NESTING } });
  const version = versionOf(json.value);
  if (version === null) return refuse('schema', { key: 'badVersion', file: fileName });
  if (version > SESSION_FORMAT_VERSION) {
    if (opts.newerReadOnly) {
      const newer = v.safeParse(SessionFileSchema, { ...json.value, v: SESSION_FORMAT_VERSION });
      if (newer.success) return { ok: true, file: asFile(newer.output), migrated: false, newerVersion: version };
    }
    return refuse('version', { key: 'newer', file: fileName, version, reads: SESSION_FORMAT_VERSION });
  }
  let raw = json.value;
  for (let n = version; n < SESSION_FORMAT_VERSION; n++) {
    const migrate = MIGRATIONS[n];
    if (!migrate) return refuse('version', { key: 'noMigration', file: fileName, from: n });
    raw = migrate(raw);
  }
  const result = fastParseFile(raw) ?? v.safeParse(SessionFileSchema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    return refuse('schema', { key: 'invalid', file: fileName, path: issuePath(issue), detail: issueDetail(issue) });
  }
  return { ok: true, file: asFile(result.output), migrated: version < SESSION_FORMAT_VERSION };
}

/**
 * SessionFileSchema's answer for a valid file, without valibot copying every event: the
 * header goes through valibot, and each event plainEventHolds vouches for stands for its
 * own output (the rest go through valibot one by one). Null when anything is invalid, for
 * the caller to run valibot on the whole file and report its first issue as before.
 */
function fastParseFile(raw: Raw): { success: true; output: v.InferOutput<typeof SessionFileSchema> } | null {
  const events = raw['events'];
  if (!Array.isArray(events)) return null;
  const header = v.safeParse(SessionFileSchema, { ...raw, events: [] });
  if (!header.success) return null;
  const out: v.InferOutput<typeof FileEventSchema>[] = new Array<v.InferOutput<typeof FileEventSchema>>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e: unknown = events[i];
    if (plainEventHolds(e)) out[i] = e as v.InferOutput<typeof FileEventSchema>;
    else {
      const one = v.safeParse(FileEventSchema, e);
      if (!one.success) return null;
      out[i] = one.output;
    }
  }
  return { success: true, output: { ...header.output, events: out } };
}

/** Events of unknown types travel as opaque SessionEvents; the reducer rejects them as `unknown-type`. */
const asFile = (output: v.InferOutput<typeof SessionFileSchema>): SessionFile => output as SessionFile;

/** A file without `v` and `kind` is the pre-release v0 shape. */
function versionOf(raw: Raw): number | null {
  const ver = raw['v'];
  if (ver === undefined && raw['kind'] === undefined) return 0;
  return typeof ver === 'number' && Number.isInteger(ver) && ver >= 0 ? ver : null;
}

// ---------------------------------------------------------------------------------

const KEY_PRIORITY = ['v', 'kind', 'type', 'id', 'at', 'title', 'teamId', 'createdAt'];

function keyOrder(a: string, b: string): number {
  const pa = KEY_PRIORITY.indexOf(a);
  const pb = KEY_PRIORITY.indexOf(b);
  if (pa >= 0 || pb >= 0) return (pa < 0 ? Infinity : pa) - (pb < 0 ? Infinity : pb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A log that can never be written as it is (a value nested too deep); `message` is the English. */
export class UnsavableSessionError extends Error {
  constructor(
    /** Where the nesting goes too deep ('' for the file as a whole). */
    readonly path: string,
    readonly max: number,
  ) {
    super(unsavableEnglish(path, max));
    this.name = 'UnsavableSessionError';
  }
}

/** Pretty JSON with a stable key order, so files diff cleanly in git. */
export function serializeSession(file: SessionFile): string {
  const deep = tooDeepAt(file);
  if (deep !== null) throw new UnsavableSessionError(deep, MAX_NESTING);
  const sorted = (_key: string, value: unknown): unknown => {
    if (!isRecord(value)) return value;
    const out: Raw = {};
    for (const k of Object.keys(value).sort(keyOrder)) out[k] = value[k];
    return out;
  };
  return `${JSON.stringify(file, sorted, 2)}\n`;
}

/** Builds the file around a log; the header mirrors its session.created event. */
export function sessionFileFromEvents(events: readonly SessionEvent[]): SessionFile {
  const created = events.find((e) => e.type === 'session.created');
  if (!created || created.type !== 'session.created') throw new Error('A session log must start with session.created');
  return {
    v: SESSION_FORMAT_VERSION,
    kind: SESSION_FILE_KIND,
    id: created.sessionId,
    title: created.title,
    teamId: created.teamId,
    createdAt: created.at,
    events: [...events],
  };
}
