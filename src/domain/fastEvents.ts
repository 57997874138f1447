// A hand-written check for the common events of a session file, in front of valibot. A
// 100k-member session holds a quarter of a million events, and valibot validated each by
// building a copy of it (issue 12, report.100k_members). This check only ever answers
// "valid, and valibot's output would equal the input" or "ask valibot": it never rejects,
// so messages and edge cases stay valibot's. A property test (test/unit/domain/fastEvents
// .test.ts) holds it to SessionEventSchema on random valid and mutated input.
import { MAX_ID_LENGTH, MAX_NUDGE_ID_LENGTH } from './ids';
import { PHASES } from './types';

/** The longest free text a session file may hold (persistence.ts uses it too). */
export const TEXT_MAX = 20_000;

type Check = (x: unknown) => boolean;

const id: Check = (x) => typeof x === 'string' && x.length >= 1 && x.length <= MAX_ID_LENGTH;
const nudgeId: Check = (x) => typeof x === 'string' && x.length >= 1 && x.length <= MAX_NUDGE_ID_LENGTH;
const time: Check = (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 8.64e15; // MAX_TIME in persistence.ts
const str: Check = (x) => typeof x === 'string' && x.length <= TEXT_MAX;
const bool: Check = (x) => typeof x === 'boolean';
const depth: Check = (x) => x === 1 || x === 2 || x === 3 || x === 4;
const phase: Check = (x) => typeof x === 'string' && (PHASES as readonly string[]).includes(x);
const seconds: Check = (x) => typeof x === 'number' && x >= 0;
const roti: Check = (x) => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 5;
const moveKind: Check = (x) => x === 'deeper' || x === 'stay' || x === 'back';
const phases: Check = (x) => Array.isArray(x) && Object.getPrototypeOf(x) === Array.prototype && x.every(phase);
const nullable = (c: Check): Check => (x) => x === null || c(x);
/** A nested object valibot copies its own way (a gate): present, it is valibot's to check. */
const toValibot: Check = () => false;

/** [key, check, optional]: an optional key may be absent, never present as undefined. */
type Field = readonly [string, Check, boolean?];
const OPTIONAL = true;

const COMMON: readonly Field[] = [['id', id], ['at', time], ['actor', id], ['intent', id, OPTIONAL]];

/**
 * SessionEventSchema's entries, for the events made only of plain values. Types with a
 * nested object (session.created's deck, a gate, the reveal and tally records) are left
 * to valibot: its plain objects drop keys the schema does not name, so its output would
 * differ from the input. There is one of each per retro at most.
 */
const FIELDS: Readonly<Record<string, readonly Field[]>> = {
  'session.renamed': [['title', str]],
  'member.added': [['memberId', id], ['name', str], ['joinedLate', bool]],
  'member.renamed': [['memberId', id], ['name', str]],
  'member.presence': [['memberId', id], ['present', bool]],
  'facilitator.set': [['memberId', id]],
  'phase.changed': [['from', phase], ['phase', phase], ['skipped', phases]],
  'stage.moved': [['from', depth], ['to', depth], ['kind', moveKind], ['override', bool], ['gate', toValibot, OPTIONAL]],
  'prompt.shown': [['promptId', id]],
  'turn.started': [['memberId', id]],
  'turn.ended': [],
  'contribution.added': [
    ['contributionId', id], ['memberId', id], ['phase', phase], ['promptId', nullable(id)], ['depth', depth],
    ['topic', str], ['text', str], ['seconds', seconds, OPTIONAL], ['pass', bool], ['truncated', bool, OPTIONAL],
  ],
  'contribution.removed': [['contributionId', id]],
  'contribution.edited': [['contributionId', id], ['text', str], ['truncated', bool, OPTIONAL]],
  'note.added': [['noteId', id], ['memberId', nullable(id)], ['text', str], ['column', str]],
  'note.edited': [['noteId', id], ['text', str]],
  'note.removed': [['noteId', id]],
  'note.grouped': [['noteId', id], ['groupId', nullable(id)]],
  'vote.cast': [['memberId', id], ['noteId', id]],
  'vote.retracted': [['memberId', id], ['noteId', id]],
  'action.added': [['actionId', id], ['text', str], ['ownerId', nullable(id)], ['due', str, OPTIONAL]],
  'action.updated': [
    ['actionId', id], ['text', str, OPTIONAL], ['ownerId', nullable(id), OPTIONAL], ['due', str, OPTIONAL], ['done', bool, OPTIONAL],
  ],
  'action.removed': [['actionId', id]],
  'checkout.added': [['memberId', id], ['text', str], ['roti', roti, OPTIONAL]],
  'nudge.dismissed': [['nudgeId', nudgeId]],
  'session.ended': [],
  'anonymity.set': [['on', bool]],
};

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function fieldsHold(o: Record<string, unknown>, fields: readonly Field[]): boolean {
  for (const [key, check, optional] of fields) {
    const value = o[key];
    if (optional === OPTIONAL && value === undefined && !(key in o)) continue;
    if (!check(value)) return false;
  }
  return true;
}

/**
 * True when `input` is an event valibot's SessionEventSchema accepts and would copy
 * unchanged (same keys, same values), so the input itself can stand for its output. False
 * means only "not sure": the caller asks valibot, for the answer and its message. Meant
 * for JSON.parse's output, which has no symbol keys, getters or non-enumerable keys.
 */
export function plainEventHolds(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return false;
  const o = input as Record<string, unknown>;
  const type = o['type'];
  if (typeof type !== 'string' || !hasOwn(FIELDS, type)) return false;
  // Keys valibot never copies: an input holding them would differ from its output.
  if (hasOwn(o, '__proto__') || hasOwn(o, 'prototype') || hasOwn(o, 'constructor')) return false;
  return fieldsHold(o, COMMON) && fieldsHold(o, FIELDS[type]);
}
