// Team-mode messages, carried as Hocuspocus stateless strings between a client (a member's
// or the facilitator's extension host) and the authority. Declared once, validated on
// both ends: a string from the network is untrusted whatever connection it came on.
import * as v from 'valibot';
import { IntentSchema } from '../protocol';
import type { Command } from '../domain/commands';
import { isSaid, type Said } from '../domain/said';
import { parseWith, type ParseResult } from '../validate';

/** Hocuspocus refuses larger messages; ours are far smaller. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

const intentId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
const name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const secret = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}$/));

export const ClientMessageSchema = v.variant('t', [
  /** A member takes (or takes back, with its secret) a seat in the roster. */
  v.strictObject({ t: v.literal('join'), name, secret: v.optional(secret) }),
  /** One request, with an id the client keeps until it is answered: resent, applied once. */
  v.strictObject({ t: v.literal('intent'), id: intentId, command: IntentSchema }),
  /** The facilitator opens a new retro on a team server with its opening events. */
  v.strictObject({ t: v.literal('seed'), events: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(5000)) }),
  /** Asks for the authority's clock; `sent` is the asker's, echoed back to measure the round trip. */
  v.strictObject({ t: v.literal('clock'), sent: v.pipe(v.number(), v.finite()) }),
]);
export type ClientMessage =
  | { t: 'join'; name: string; secret?: string }
  | { t: 'intent'; id: string; command: Command }
  | { t: 'seed'; events: unknown[] }
  | { t: 'clock'; sent: number };

/** What the authority says, as data (src/domain/said.ts): the member's extension words it in its own language. */
const said = v.custom<Said>(isSaid, 'not a known message');

export const AuthorityMessageSchema = v.variant('t', [
  v.strictObject({ t: v.literal('welcome'), memberId: v.string(), name: v.string(), secret: v.string() }),
  /** `notices` in English; `noticesSaid`, the same as data. */
  v.strictObject({ t: v.literal('ack'), id: intentId, notices: v.optional(v.array(v.string())), noticesSaid: v.optional(v.pipe(v.array(said), v.maxLength(20))) }),
  /**
   * `retry`: a passing problem on the server (storage); the client keeps the request and resends it.
   * `error` in English; `said`, the same as data.
   */
  v.strictObject({ t: v.literal('refused'), id: v.optional(intentId), error: v.string(), said: v.optional(said), retry: v.optional(v.boolean()) }),
  /** The retro is open on the server; members join with this token. */
  v.strictObject({ t: v.literal('seeded'), memberToken: v.string() }),
  /** The authority's clock (`now`) in answer to a `clock` request sent at `sent`. */
  v.strictObject({ t: v.literal('clock'), sent: v.pipe(v.number(), v.finite()), now: v.pipe(v.number(), v.finite()) }),
]);
export type AuthorityMessage = v.InferOutput<typeof AuthorityMessageSchema>;

function parseJsonText(text: string): ParseResult<unknown> {
  if (text.length > MAX_MESSAGE_BYTES) return { ok: false, error: '(message): too large' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: '(message): not JSON' };
  }
}

export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  const json = parseJsonText(text);
  return json.ok ? parseWith(ClientMessageSchema, json.value) : json;
}

export function parseAuthorityMessage(text: string): ParseResult<AuthorityMessage> {
  const json = parseJsonText(text);
  return json.ok ? parseWith(AuthorityMessageSchema, json.value) : json;
}

export const encode = (m: ClientMessage | AuthorityMessage): string => JSON.stringify(m);
