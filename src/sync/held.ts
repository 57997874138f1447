// What the authority keeps private in anonymous mode, in one small book per retro:
//   - notes waiting for the reveal, with their authors (for the counts at the reveal), in
//     a random order (each is put at a random place), with no time;
//   - each member's anonymous dots (to enforce the cap and let them take one back);
//   - hashes of the request ids it applied, sorted (so a request resent after a lost
//     acknowledgement is not applied twice; the hashes say nothing about who or when).
// The notes leave the book at the reveal; the book is deleted when the retro ends. It is
// never part of the shared document or the session file.
import * as v from 'valibot';
import type { HeldNote, HeldVotes } from '../domain/anonymity';
import { MAX_ID_LENGTH } from '../domain/ids';

export interface HeldBook {
  v: 1;
  notes: HeldNote[];
  votes: HeldVotes;
  spent: string[];
}

export const emptyHeld = (): HeldBook => ({ v: 1, notes: [], votes: {}, spent: [] });

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));
const HeldBookSchema = v.strictObject({
  v: v.literal(1),
  notes: v.array(v.strictObject({ key: id, author: v.nullable(id), text: v.pipe(v.string(), v.maxLength(20_000)), column: v.pipe(v.string(), v.maxLength(200)) })),
  votes: v.record(id, v.array(id)),
  spent: v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
});

/** Reads a stored book. Throws rather than drop held notes it cannot read. */
export function parseHeld(text: string, fileName: string): HeldBook {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${fileName} is not valid JSON; it was left untouched.`);
  }
  const r = v.safeParse(HeldBookSchema, raw);
  if (!r.success) throw new Error(`${fileName} is not a held-notes book; it was left untouched.`);
  return r.output;
}

export const serializeHeld = (book: HeldBook): string => `${JSON.stringify(book)}\n`;

/** Adds a hash to a sorted list (a set kept in an order that tells nothing). */
export function withSpent(spent: readonly string[], hash: string): string[] {
  if (spent.includes(hash)) return [...spent];
  return [...spent, hash].sort();
}
