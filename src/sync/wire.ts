// Team-mode messages, carried as Hocuspocus stateless strings between a client (a member's
// or the facilitator's extension host) and the authority. Declared once, validated on
// both ends: a string from the network is untrusted whatever connection it came on.
import * as v from 'valibot';
import type * as Y from 'yjs';
import { IntentSchema } from '../protocol';
import type { Command } from '../domain/commands';
import { isSaid, type Said } from '../domain/said';
import { parseWith, type ParseResult } from '../validate';
import { AUTHORITY_ORIGIN, metaOf } from './docLog';

/**
 * The team protocol this build speaks: the document's format and the messages below. One
 * number for both; raise it whenever an older Reciprocity could not read what this one
 * writes or sends. 1: events as Yjs JSON objects; 2: events as UTF-8 JSON bytes (e2f5ba2);
 * 3: refusals and notices as data (0af1d94). Builds before 3 announce nothing. A refused
 * connection's reason codes (CONNECTION_REFUSED, src/domain/said.ts) are not part of it: a
 * build that does not know a code shows it as it came, as every build did with Hocuspocus's.
 */
export const PROTOCOL_VERSION = 3;

/** The query parameter of the connection URL that carries the client's protocol (hosts before 3 ignore it). */
export const PROTOCOL_PARAM = 'protocol';

/** The document's meta entry naming the protocol of the authority that serves it. */
export const PROTOCOL_KEY = 'protocol';

/** A server URL with the protocol this client speaks. */
export function withProtocol(url: string, protocol: number): string {
  try {
    const u = new URL(url);
    u.searchParams.set(PROTOCOL_PARAM, String(protocol));
    return u.toString();
  } catch {
    return url; // not a URL: the connection fails on its own, with its own error
  }
}

/**
 * The authority's verdict on the protocol a client announced (the URL parameter, or null
 * when it sent none): null when it may connect, else what to tell the client (its English
 * is the refusal's reason, which an older client shows as it is) and a line for the log.
 */
export function protocolRefusal(announced: string | null, server: number = PROTOCOL_VERSION): { said: Said; log: string } | null {
  const n = announced !== null && /^\d{1,9}$/.test(announced) ? Number(announced) : null;
  if (n === server) return null;
  const speaks = `this server speaks ${server}`;
  if (n === null) {
    const what = announced === null || announced === '' ? 'announced no protocol version (a Reciprocity from before the check)' : `announced a protocol that is not a version (${JSON.stringify(announced.slice(0, 20))})`;
    return { said: { key: 'hostNewer', protocol: server }, log: `${what}; ${speaks}` };
  }
  return { said: n < server ? { key: 'hostNewer', protocol: server } : { key: 'hostOlder', protocol: server }, log: `announced protocol ${n}; ${speaks}` };
}

/**
 * A host's refusal for a version, read back out of its reason: "Reciprocity (protocol N)"
 * names the host's protocol, whatever the sentence around it (a later host may word it
 * differently). Null for any other reason, or the client's own version.
 */
export function versionProblem(reason: string, mine: number): Said | null {
  const m = /Reciprocity \(protocol (\d{1,9})\)/.exec(reason);
  if (!m) return null;
  const host = Number(m[1]);
  if (host === mine) return null;
  return host > mine ? { key: 'hostNewer', protocol: host } : { key: 'hostOlder', protocol: host };
}

/** The protocol of the authority serving a document, or undefined when it did not say (a host before 3). */
export function docProtocol(doc: Y.Doc): number | undefined {
  const p = metaOf(doc).get(PROTOCOL_KEY);
  return typeof p === 'number' && Number.isSafeInteger(p) ? p : undefined;
}

/** The authority marks the document it serves with its protocol (once; again after an update). */
export function markProtocol(doc: Y.Doc, protocol: number = PROTOCOL_VERSION): void {
  if (docProtocol(doc) !== protocol) doc.transact(() => metaOf(doc).set(PROTOCOL_KEY, protocol), AUTHORITY_ORIGIN);
}

/**
 * What a client makes of a synced document's mark: null when it is its own protocol. An
 * unmarked document comes from a host before the check, which let this client in unasked.
 */
export function docVersionProblem(doc: Y.Doc, mine: number): Said | null {
  const p = docProtocol(doc);
  if (p === undefined) return { key: 'hostUnversioned' };
  if (p === mine) return null;
  return p > mine ? { key: 'hostNewer', protocol: p } : { key: 'hostOlder', protocol: p };
}

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
  /**
   * A member's own anonymous dots (note ids, one per dot, sorted), sent to that member's
   * connection alone: when it takes its seat, and before the answer to each of its votes.
   * Nobody else's connection is ever sent it. A client from before it ignores it (an
   * unknown message is dropped), so it needs no new protocol version.
   */
  v.strictObject({ t: v.literal('dots'), votes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1000)) }),
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
