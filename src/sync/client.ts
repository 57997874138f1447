// A team-mode client, as a member's (or a remote facilitator's) extension host runs it: a
// read-only replica of the retro's document, and a queue of requests to the authority.
// A request keeps its id until the authority answers it; it is resent after every
// reconnect and applied exactly once. The webview never sees any of this: it talks to
// its own extension host only.
import { randomUUID } from 'node:crypto';
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { BalanceSettings } from '../domain/balance';
import type { Command } from '../domain/commands';
import type { SessionEvent } from '../domain/types';
import type { AuthorityResult, JoinResult } from './authority';
import { CONNECTION_REFUSED, refused, saidEnglish, type Said } from '../domain/said';
import { DocFollower } from './docLog';
import { IntentSchema } from '../protocol';
import { parseWith } from '../validate';
import { docVersionProblem, encode, parseAuthorityMessage, PROTOCOL_VERSION, versionProblem, withProtocol, type ClientMessage } from './wire';

/**
 * ws emits 'error' when a socket is closed while still connecting (going offline, or a
 * server that is down); the provider handles the close, so the error needs a listener
 * or Node treats it as uncaught.
 */
class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

/** Passing refusals (storage, not seated yet) before a request is given up with the error. */
const MAX_RETRIES = 100;

export type ClientStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface TeamClientOptions {
  /** One server, or several instances of one (scaled out): on a lost connection the next is tried. */
  url: string | readonly string[];
  retro: string;
  token: string;
  balance?: Partial<BalanceSettings>;
  /** This machine's clock (tests skew it). */
  clock?: () => number;
  /** Fires after every change to the replica, the status or the queue. */
  onChange?: (client: TeamClient) => void;
  /** The protocol announced and expected (PROTOCOL_VERSION; tests pose as an older or newer Reciprocity). */
  protocol?: number;
}

interface Pending {
  id: string;
  command: Command;
  /** Passing refusals so far; after MAX_RETRIES the last one is the answer. */
  retries: number;
  resolve: (r: AuthorityResult) => void;
}

export class TeamClient {
  readonly doc = new Y.Doc();
  readonly follower: DocFollower;
  readonly provider: HocuspocusProvider;
  status: ClientStatus = 'connecting';
  /** Set when the authority refused the connection (a wrong token) or a join. */
  problem: string | null = null;
  /** The same problem as data, when the server or this client said it as such (worded by the extension). */
  problemSaid: Said | null = null;
  seat: { memberId: string; name: string; secret: string } | null = null;
  /**
   * This seat's own anonymous dots (note ids, one per dot), as the authority told this
   * connection alone; null until it did (the facilitator, a member before the welcome, or
   * a server from before it told them).
   */
  myVotes: string[] | null = null;
  private readonly queue = new Map<string, Pending>();
  private joining: { name: string; secret?: string; resolve: (r: JoinResult) => void } | null = null;
  private synced = false;
  /** True once this connection speaks for the seat (after the authority's welcome). */
  private welcomed = false;
  private destroyed = false;

  /** Requests go out only on a connection the authority knows: seated members wait for the welcome. */
  private get ready(): boolean {
    return this.synced && this.joining === null && (this.seat === null || this.welcomed);
  }
  private seeding: ((r: AuthorityResult) => void) | null = null;
  /** What members join with, once the facilitator opened the retro on the server. */
  memberToken: string | null = null;
  /** The authority's clock minus this machine's, measured over a round trip on each connect. */
  private clockOffset: number | null = null;

  constructor(private readonly o: TeamClientOptions) {
    this.follower = new DocFollower(this.doc, o.balance ?? {}, () => this.changed());
    this.protocol = o.protocol ?? PROTOCOL_VERSION;
    // The protocol goes with every connection, to whichever instance: the authority checks it first.
    this.urls = (typeof o.url === 'string' ? [o.url] : [...o.url]).map((u) => withProtocol(u, this.protocol));
    const config = {
      url: this.urls[0],
      name: o.retro,
      token: o.token,
      document: this.doc,
      // Node has no WebSocket before v22; the ws package stands in.
      WebSocketPolyfill: QuietWebSocket,
      maxDelay: 5_000, // reconnect with backoff, at most every 5 s
      onStateless: ({ payload }: { payload: string }) => this.received(payload),
      onSynced: () => this.connected(),
      onAuthenticationFailed: ({ reason }: { reason: string }) => this.refuse(versionProblem(reason, this.protocol) ?? { key: 'connectionRefused', reason }),
      onStatus: ({ status }: { status: string }) => {
        // The provider and its socket both report each status to this handler: once is enough.
        if (status === this.lastSocketStatus) return;
        this.lastSocketStatus = status;
        if (status === 'disconnected' && this.urls.length > 1) this.nextUrl();
        if (status !== 'connected' && this.status !== 'refused') {
          this.status = status === 'connecting' ? 'connecting' : 'offline';
          this.synced = false;
          this.changed();
        }
      },
    } as unknown as HocuspocusProviderConfiguration;
    this.provider = new HocuspocusProvider(config);
    this.provider.awareness?.on('change', () => this.changed());
    // Nothing on this machine writes to the document (the authority alone does, and this
    // connection is read-only on the server), so the provider has no local change to
    // send. While anything listens to the document's updates, Yjs encodes every update
    // it applies once more to tell it: a fifth of a member's CPU per event received
    // (profiled), for nothing.
    const sendsLocalUpdates = (this.provider as unknown as { boundDocumentUpdateHandler?: (...args: unknown[]) => void }).boundDocumentUpdateHandler;
    if (sendsLocalUpdates) this.doc.off('update', sendsLocalUpdates);
  }

  /**
   * Milliseconds on the authority's clock now: every turn is timed by the authority, so a
   * timer shown here counts from the same clock whatever this machine's clock says.
   */
  authorityNow(localNow: number = this.now()): number {
    return this.clockOffset !== null ? localNow + this.clockOffset : this.follower.authorityNow(localNow);
  }

  private now(): number {
    return this.o.clock ? this.o.clock() : Date.now();
  }

  /** Tells the others who is here (Yjs awareness): a seat's member id, or the facilitator. */
  announce(user: { memberId: string | null; role: 'facilitator' | 'member' }): void {
    this.provider.setAwarenessField('user', user);
  }

  /**
   * Who is connected now, by awareness. Awareness is not authenticated, so a claimed
   * member id only counts when it names someone on the roster; names come from the roster.
   */
  here(): { memberIds: string[]; facilitator: boolean } {
    const states = this.provider.awareness?.getStates() ?? new Map<number, Record<string, unknown>>();
    const roster = new Set(this.follower.replica.state.members.map((m) => m.id));
    const memberIds = new Set<string>();
    let facilitator = false;
    for (const state of states.values()) {
      const user = (state as { user?: unknown }).user;
      if (typeof user !== 'object' || user === null) continue;
      const { memberId, role } = user as { memberId?: unknown; role?: unknown };
      if (role === 'facilitator') facilitator = true;
      else if (typeof memberId === 'string' && roster.has(memberId)) memberIds.add(memberId);
    }
    return { memberIds: [...memberIds], facilitator };
  }

  /** Requests not answered yet, oldest first: shown as "waiting to send" while offline. */
  queued(): Command[] {
    return [...this.queue.values()].map((p) => p.command);
  }

  private readonly urls: string[];
  private readonly protocol: number;
  private lastSocketStatus = '';
  private urlIndex = 0;

  /** The next instance gets the next reconnection attempt. */
  private nextUrl(): void {
    this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    const socket = this.provider.configuration.websocketProvider as unknown as { configuration: { url: string } };
    socket.configuration.url = this.urls[this.urlIndex]!;
  }

  /** Drops the connection for a while (for tests of a member going offline). */
  goOffline(): void {
    this.provider.configuration.websocketProvider.disconnect();
  }

  goOnline(): void {
    const socket = this.provider.configuration.websocketProvider;
    // Still closing (its close event not yet handled): the provider would take connect()
    // for a no-op, then settle as disconnected for good. Connect once it has closed.
    const closing = String(socket.status) === 'connected' && !(socket as unknown as { shouldConnect: boolean }).shouldConnect;
    if (!closing) {
      void socket.connect();
      return;
    }
    const again = (): void => {
      socket.off('disconnect', again);
      void socket.connect();
    };
    socket.on('disconnect', again);
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Takes a seat as a member; resolves when the authority answers (once connected). */
  join(name: string, secret?: string): Promise<JoinResult> {
    const refusal = this.refusal();
    if (refusal) return Promise.resolve(refusal);
    return new Promise((resolve) => {
      this.joining = { name, ...(secret !== undefined && { secret }), resolve };
      if (this.synced) this.send({ t: 'join', name, ...(secret !== undefined && { secret }) });
    });
  }

  /** As the facilitator: opens a new retro on the server with its opening events. */
  seed(events: readonly SessionEvent[]): Promise<AuthorityResult> {
    const refusal = this.refusal();
    if (refusal) return Promise.resolve(refusal);
    return new Promise((resolve) => {
      this.seeding = resolve;
      const send = () => this.send({ t: 'seed', events: events.map((e) => JSON.parse(JSON.stringify(e)) as unknown) });
      if (this.synced) send();
      else void this.until((c) => c.status === 'connected', 30_000).then(send, () => resolve(refused({ key: 'unreachable' })));
    });
  }

  /** Queues a request; it is sent now if connected and again after each reconnect until answered. */
  request(command: Command): Promise<AuthorityResult> {
    // The authority refuses a malformed request without learning its id, so the request
    // would wait for an answer forever: refuse it here, with the same reason.
    const checked = parseWith(IntentSchema, command);
    if (!checked.ok) return Promise.resolve({ ok: false, error: `Malformed message: command.${checked.error}` });
    const id = randomUUID();
    return new Promise((resolve) => {
      this.queue.set(id, { id, command, resolve, retries: 0 });
      if (this.ready) this.send({ t: 'intent', id, command });
      this.changed();
    });
  }

  /** Waits until the replica satisfies `test`. */
  until(test: (c: TeamClient) => boolean, timeoutMs = 10_000): Promise<void> {
    if (test(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (test(this)) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > timeoutMs) {
          clearInterval(timer);
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }
      }, 5);
    });
  }

  /** Stops for good. A second call does nothing (Yjs would warn about handlers already gone). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.follower.dispose();
    this.provider.destroy();
    this.doc.destroy();
  }

  private connected(): void {
    // A host that let this client in without a check (before protocol 3), or a document
    // newer than this build reads: nothing is sent to it; the seat and the queue wait.
    const version = docVersionProblem(this.doc, this.protocol);
    if (version) return this.refuse(version);
    this.send({ t: 'clock', sent: this.now() });
    this.synced = true;
    this.welcomed = false;
    this.status = 'connected';
    this.problem = null;
    this.problemSaid = null;
    // Take the seat back first, then resend whatever was waiting: the authority skips
    // anything it has already applied.
    if (this.joining) this.send({ t: 'join', name: this.joining.name, ...(this.joining.secret !== undefined && { secret: this.joining.secret }) });
    else if (this.seat) this.send({ t: 'join', name: this.seat.name, secret: this.seat.secret });
    else this.flush();
    this.changed();
  }

  private flush(): void {
    for (const p of this.queue.values()) this.send({ t: 'intent', id: p.id, command: p.command });
  }

  private send(m: ClientMessage): void {
    this.provider.sendStateless(encode(m));
  }

  private received(payload: string): void {
    const parsed = parseAuthorityMessage(payload);
    if (!parsed.ok) return; // not ours, or malformed: ignored
    const m = parsed.value;
    if (m.t === 'clock') {
      // The authority read its clock about halfway through the round trip.
      this.clockOffset = m.now - (m.sent + this.now()) / 2;
    } else if (m.t === 'dots') {
      this.myVotes = [...m.votes];
    } else if (m.t === 'seeded') {
      this.memberToken = m.memberToken;
      const s = this.seeding;
      this.seeding = null;
      s?.({ ok: true });
    } else if (m.t === 'welcome') {
      this.seat = { memberId: m.memberId, name: m.name, secret: m.secret };
      this.welcomed = true;
      const j = this.joining;
      this.joining = null;
      j?.resolve({ ok: true, memberId: m.memberId, name: m.name, secret: m.secret });
      this.flush();
    } else if (m.t === 'refused' && m.id !== undefined && m.retry === true) {
      // A passing problem on the server: the request stays queued and goes again shortly.
      const p = this.queue.get(m.id);
      if (p && ++p.retries > MAX_RETRIES) {
        this.queue.delete(p.id);
        p.resolve(refusal(m));
      } else if (p) setTimeout(() => this.queue.has(p.id) && this.ready && this.send({ t: 'intent', id: p.id, command: p.command }), 300);
    } else if (m.t === 'ack' || m.id !== undefined) {
      const p = this.queue.get(m.id!);
      if (!p) return;
      this.queue.delete(p.id);
      p.resolve(m.t === 'ack' ? { ok: true, ...(m.notices ? { notices: m.notices } : {}), ...(m.noticesSaid ? { noticesSaid: m.noticesSaid } : {}) } : refusal(m));
    } else if (this.seeding) {
      const s = this.seeding;
      this.seeding = null;
      s(refusal(m));
    } else if (this.joining) {
      const j = this.joining;
      this.joining = null;
      this.setProblem(m);
      j.resolve(refusal(m));
    } else {
      this.setProblem(m);
    }
    this.changed();
  }

  /**
   * The connection is refused (a token, a version): a join or seed waiting for it is
   * answered now with the reason. The seat and queued requests are kept: a later
   * connection that is let in (the host updated) takes the seat back and sends them.
   */
  private refuse(said: Said): void {
    this.status = 'refused';
    this.synced = false;
    this.setProblem(said);
    const j = this.joining;
    const s = this.seeding;
    this.joining = null;
    this.seeding = null;
    this.changed();
    j?.resolve(refused(said));
    s?.(refused(said));
  }

  /** This connection's refusal as an answer, when it was refused before a join or seed was asked. */
  private refusal(): { ok: false; error: string; said?: Said } | null {
    if (this.status !== 'refused') return null;
    return this.problemSaid ? refused(this.problemSaid) : { ok: false, error: this.problem ?? saidEnglish({ key: 'connectionRefused', reason: CONNECTION_REFUSED.unknown }) };
  }

  /** A problem with this connection, in English and, when known, as data. */
  private setProblem(p: Said | { error: string; said?: Said }): void {
    if ('key' in p) {
      this.problem = saidEnglish(p);
      this.problemSaid = p;
    } else {
      this.problem = p.error;
      this.problemSaid = p.said ?? null;
    }
  }

  private changed(): void {
    this.o.onChange?.(this);
  }
}

/** The authority's refusal as a result: its English, and what it said as data when it did. */
function refusal(m: { error: string; said?: Said }): { ok: false; error: string; said?: Said } {
  return m.said ? { ok: false, error: m.error, said: m.said } : { ok: false, error: m.error };
}
