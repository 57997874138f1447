// The authority: the one place where team-mode requests become events. Members' document
// connections are read-only, so nothing reaches the shared log except through here. Each
// request is checked by the same domain `decide` and permission table as on one machine,
// made durable, then appended to the document in one transaction by the authority's own
// Yjs client, and only then acknowledged. A request id is applied at most once, also
// across a restart or a move to another server instance: it is stored on its events.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { anonymousVote, insertAtRandom, revealEvents, sameTotals, voteTotals } from '../domain/anonymity';
import type { BalanceSettings } from '../domain/balance';
import type { Command } from '../domain/commands';
import { decide, type DecideContext } from '../domain/retro';
import { refused, saidEnglish, type Said } from '../domain/said';
import { nameKey } from '../domain/text';
import type { SessionEvent, SessionState } from '../domain/types';
import { appendEvents, DocFollower } from './docLog';
import { emptyHeld, withSpent, type HeldBook } from './held';
import type { SeatBook } from './serverStore';
import { matchesHash, newToken, secretHash } from './tokens';

export type Role = 'facilitator' | 'member';

/** Who a connection is, as its token and its seat say. */
export interface Identity {
  role: Role;
  /** The member's seat, once they joined; the facilitator acts as the session's facilitator. */
  memberId?: string;
}

/**
 * Refusals and notices in English (`error`, `notices`: logs, the CLI's server) and as data
 * (`said`, `noticesSaid`), which a member's extension words in its own display language.
 */
export type AuthorityResult = { ok: true; notices?: string[]; noticesSaid?: Said[] } | { ok: false; error: string; said?: Said };
export type JoinResult = { ok: true; memberId: string; name: string; secret: string } | { ok: false; error: string; said?: Said };

/** Durable storage for one retro: resolves once the log is on disk. */
export interface AuthorityStorage {
  /** Makes newly decided events durable (against a killed process) before they are shared. */
  append(events: readonly SessionEvent[], doc: Y.Doc): Promise<void>;
  /** Read-modify-write of the seat book, safe against other instances. */
  withSeats<T>(fn: (seats: SeatBook) => Promise<{ seats?: SeatBook; value: T }>): Promise<T>;
  /**
   * Read-modify-write of the private held book (anonymous mode); `held: null` deletes it.
   * Without it the book lives in memory only (a restart loses held notes).
   */
  withHeld?<T>(fn: (held: HeldBook) => Promise<{ held?: HeldBook | null; value: T }>): Promise<T>;
}

export interface AuthorityOptions {
  storage: AuthorityStorage;
  clock?: () => number;
  newId?: () => string;
  balance?: Partial<BalanceSettings>;
  /** Called after each durable append, e.g. to refresh a facilitator's panel. */
  onAppend?: (events: readonly SessionEvent[]) => void;
  /**
   * Anonymous dots are published as totals at most this often (default 1 s), so a change
   * of the totals is not tied to the moment one person voted.
   */
  tallyDelayMs?: number;
}

/** A request taken, with what the person should know about it. */
function noticed(said: Said[]): AuthorityResult {
  return said.length > 0 ? { ok: true, notices: said.map(saidEnglish), noticesSaid: said } : { ok: true };
}

/** A decision's notices, kept as data. */
const noticesOf = (d: { noticesSaid?: Said[] }): Said[] => d.noticesSaid ?? [];

function cancel(job: Job): void {
  if (job.kind === 'request') job.request.reject(closed());
  else job.cancel(closed());
}

/** Requests that end anonymity's part of the retro: the held notes are revealed first. */
function closesAnonymity(c: Command): boolean {
  return (c.kind === 'setAnonymity' && !c.on) || c.kind === 'endRetro' || (c.kind === 'setPhase' && c.phase === 'ended');
}

/** Resolves after the event loop has turned (I/O and timers had their go). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * At most this many requests waiting together are decided, stored and shared as one
 * batch; then the event loop turns before the next batch.
 */
export const MAX_BATCH = 64;

/** A member's or the facilitator's request, waiting for its turn. */
interface Queued {
  identity: Identity;
  intentId: string;
  command: Command;
  resolve: (r: AuthorityResult) => void;
  reject: (err: unknown) => void;
}

/** What the authority does next: requests (taken in batches) and other work (one at a time), in arrival order. */
type Job = { kind: 'request'; request: Queued } | { kind: 'work'; run: () => Promise<void>; cancel: (err: Error) => void };

/** What requests and work still waiting get once the authority is disposed. */
const closed = (): Error => new Error('The retro was closed on this server.');

/** What the held book keeps of a request id: a hash, so the book names no request. */
const spentKey = (intentId: string): string => createHash('sha256').update(`intent:${intentId}`).digest('hex');

export class SessionAuthority {
  readonly follower: DocFollower;
  private readonly intents = new Set<string>();
  private scanned = 0;
  /** The follower's generation when its events were last scanned for request ids. */
  private scannedGeneration = 0;
  private readonly jobs: Job[] = [];
  private pumping = false;
  private readonly clock: () => number;
  private readonly newId: () => string;
  private memoryHeld: HeldBook = emptyHeld();
  /** Whether the log ever turned anonymity on (then the held book may know a request). */
  private everAnonymous = false;
  private tallyTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    readonly doc: Y.Doc,
    private readonly opts: AuthorityOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
    this.newId = opts.newId ?? randomUUID;
    this.follower = new DocFollower(doc, opts.balance ?? {}, () => this.noteIntents());
    this.noteIntents();
    // Dots counted just before a restart may not have been shared yet; a book left by a
    // crash just after the end is deleted now.
    if (this.state.anonymous && this.state.endedAt === null) this.scheduleTally();
    if (this.state.anonymous && this.state.endedAt !== null) void this.serial(() => this.withHeld(async () => ({ held: null, value: undefined }))).catch(() => undefined);
  }

  get state() {
    return this.follower.replica.state;
  }

  /**
   * The session as it stands, live: no copy, valid until the next event is folded. A
   * request is decided against it (state, above, copies the session's lists for every
   * change: O(length of the log) per request, as many times as requests).
   */
  private get live(): Readonly<SessionState> {
    return this.follower.replica.current;
  }

  get events(): readonly SessionEvent[] {
    return this.follower.events;
  }

  /** Runs `work` alone, in arrival order with every request and other work. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.enqueue({ kind: 'work', run: () => work().then(resolve, reject), cancel: reject }));
  }

  /**
   * One job at a time, in arrival order, after the event loop has turned: requests that
   * arrived together (read from the sockets in the same turn, or while the previous batch
   * was busy) are one batch. A batch is decided request by request, each on the session
   * with the ones before it, then stored with one write, appended in one transaction (one
   * update sent to each client instead of one per request) and only then answered. The
   * loop turns between batches: storage may answer at once (an append written on the
   * loop), and a burst would otherwise run as one chain of microtasks while sockets, pings
   * and timers wait.
   */
  private enqueue(job: Job): void {
    if (this.disposed) return cancel(job);
    this.jobs.push(job);
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => void this.pump());
  }

  private async pump(): Promise<void> {
    while (this.jobs.length > 0) {
      const head = this.jobs[0];
      if (head.kind === 'work') {
        this.jobs.shift();
        await head.run();
      } else {
        let n = 1;
        while (n < this.jobs.length && n < MAX_BATCH && this.jobs[n].kind === 'request') n++;
        await this.batch(this.jobs.splice(0, n).map((j) => (j as Extract<Job, { kind: 'request' }>).request));
      }
      await turn();
    }
    this.pumping = false;
  }

  /** Refuses everything still waiting (on dispose): nothing is written to a store being closed. */
  private cancelWaiting(): void {
    for (const job of this.jobs.splice(0)) cancel(job);
  }

  /** A new retro on an empty document: the facilitator's opening events, checked like any. */
  seed(events: readonly SessionEvent[]): Promise<AuthorityResult> {
    return this.serial(async () => {
      if (this.follower.events.length > 0) return { ok: true }; // already there: a resend
      if (events[0]?.type !== 'session.created') return { ok: false, error: 'A retro starts with session.created.' }; // a broken client, not a person's doing
      await this.commit(events);
      const rejected = this.state.rejected.length;
      return rejected === 0 ? { ok: true } : noticed([{ key: 'openingIgnored', count: rejected }]);
    });
  }

  /** Decides a request; resolves once its events are durable and shared (or it is refused). */
  handle(identity: Identity, intentId: string, command: Command): Promise<AuthorityResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'request', request: { identity, intentId, command, resolve, reject } }));
  }

  /**
   * Decides a batch of requests. The common ones (answers, moves, anything decided on the
   * session alone) are staged: their events are followed at once, so the next request is
   * decided on a session that holds them. Staged events are stored with one write and
   * appended in one transaction; every answer of the batch, refusals and resends too, goes
   * out only after that (a resend may name a staged request). Requests that need the held
   * book or end the retro first store what is staged, then run alone. If storing fails,
   * the staged events are taken back and every request since the last store gets the
   * error (the server answers "try again"; the clients resend).
   */
  private async batch(requests: readonly Queued[]): Promise<void> {
    let staged: SessionEvent[] = [];
    let answers: { request: Queued; result: AuthorityResult }[] = [];
    const flush = async (): Promise<void> => {
      const events = staged;
      const waiting = answers;
      staged = [];
      answers = [];
      try {
        if (this.disposed && events.length > 0) throw closed();
        await this.commit(events); // one write, one transaction
      } catch (err) {
        this.follower.withdraw();
        for (const a of waiting) a.request.reject(err);
        return;
      }
      for (const a of waiting) a.request.resolve(a.result);
    };
    for (const request of requests) {
      let quick: ReturnType<SessionAuthority['decideNow']>;
      try {
        quick = this.decideNow(request);
      } catch (err) {
        request.reject(err);
        continue;
      }
      if (quick === null) {
        await flush();
        await this.handleAlone(request.identity, request.intentId, request.command).then(request.resolve, request.reject);
        continue;
      }
      if (quick.events) {
        this.follower.expect(quick.events);
        this.noteIntents();
        staged.push(...quick.events);
      }
      answers.push({ request, result: quick.result });
    }
    await flush();
  }

  /**
   * A request decided on the session alone, at once: its answer and any events to stage;
   * null when it needs the held book or ends the retro (handleAlone runs it).
   */
  private decideNow({ identity, intentId, command }: Queued): { result: AuthorityResult; events?: SessionEvent[] } | null {
    if (this.intents.has(intentId)) return { result: { ok: true } }; // applied before: acknowledge again
    const state = this.live;
    const actor = identity.role === 'facilitator' ? state.facilitatorId : (identity.memberId ?? null);
    if (actor === null) return { result: refused({ key: 'joinFirst' }) };
    if ((command.kind === 'addNote' || command.kind === 'vote') && ((state.anonymous && state.endedAt === null) || this.everAnonymous)) return null;
    if (command.kind === 'revealNotes' || closesAnonymity(command)) return null;
    const decision = decide(state, command, this.context(actor));
    if (!decision.ok) return { result: decision };
    if (decision.events.some((e) => e.type === 'session.ended')) return null;
    if (decision.events.length === 0) return { result: { ok: true } };
    return { result: noticed(noticesOf(decision)), events: decision.events.map((e, i) => (i === 0 ? { ...e, intent: intentId } : e)) };
  }

  /** A request run on its own (anonymous notes and dots, the reveal, the end of anonymity or of the retro). */
  private async handleAlone(identity: Identity, intentId: string, command: Command): Promise<AuthorityResult> {
    if (this.intents.has(intentId)) return { ok: true }; // applied before: acknowledge again
    const state = this.live;
    const endedBefore = state.endedAt;
    const actor = identity.role === 'facilitator' ? state.facilitatorId : (identity.memberId ?? null);
    if (actor === null) return refused({ key: 'joinFirst' });
    if (state.anonymous && state.endedAt === null) {
      if (command.kind === 'addNote') return this.holdNote(identity, intentId, command);
      if (command.kind === 'vote') return this.castVote(identity, intentId, command);
    } else if (this.everAnonymous && (command.kind === 'addNote' || command.kind === 'vote') && (await this.spent(intentId))) {
      // Held while anonymous and resent after anonymity was turned off: applying it
      // now would put the writer's name on a note already revealed without it.
      return { ok: true };
    }
    if (command.kind === 'revealNotes') return identity.role === 'facilitator' ? this.reveal(intentId) : refused({ key: 'facilitatorOnly' });
    let decision = decide(state, command, this.context(actor));
    if (!decision.ok) return decision;
    if (identity.role === 'facilitator' && state.anonymous && closesAnonymity(command)) {
      // Nothing a member wrote is lost, and the last dots are counted: reveal, tally, then decide again.
      await this.reveal();
      await this.flushTallies();
      decision = decide(this.live, command, this.context(actor));
      if (!decision.ok) return decision;
    }
    if (decision.events.length === 0) return { ok: true };
    const events = decision.events.map((e, i) => (i === 0 ? { ...e, intent: intentId } : e));
    await this.commit(events);
    // The end of the retro ends the held book: whatever anonymity kept private is deleted.
    if (endedBefore === null && this.live.endedAt !== null) await this.withHeld(async () => ({ held: null, value: undefined }));
    return noticed(noticesOf(decision));
  }

  /**
   * The balance snapshot is built only when the request asks for it (a stage move, the
   * next speaker): building it walks every member, and most requests are answers.
   */
  private context(actor: string): DecideContext {
    const replica = this.follower.replica;
    return {
      actor,
      now: this.clock(),
      newId: this.newId,
      gate: () => replica.balance.gate,
      get preference() {
        return replica.balance.suggestedOrder;
      },
      recentPromptIds: [],
    };
  }

  // ---------------------------------------------------------------------------------
  // Anonymous mode. Nothing a member asks reaches the document until the reveal: the note
  // goes to the held book (at a random place), and the member is acknowledged. The reveal
  // appends all held notes in one transaction of this authority's own Yjs client,
  // shuffled, without author, with random ids and the reveal's time, as the facilitator.
  // Dots are kept per member in the book; only totals are appended.

  private withHeld<T>(fn: (held: HeldBook) => Promise<{ held?: HeldBook | null; value: T }>): Promise<T> {
    if (this.opts.storage.withHeld) return this.opts.storage.withHeld(fn);
    return fn(this.memoryHeld).then((out) => {
      if (out.held !== undefined) this.memoryHeld = out.held ?? emptyHeld();
      return out.value;
    });
  }

  /** The author a request may hold or vote for: the member themselves, or anyone the facilitator names. */
  private subject(identity: Identity, state: SessionState, named: string | null): { ok: true; memberId: string | null } | { ok: false; error: string; said: Said } {
    if (identity.role === 'member') {
      if (named !== null && named !== identity.memberId) return refused({ key: 'teamSelfOnly' });
      return { ok: true, memberId: identity.memberId ?? null };
    }
    if (named !== null) return state.members.some((m) => m.id === named) ? { ok: true, memberId: named } : refused({ key: 'noMember', id: named });
    // The facilitator's own note counts for them when they sit on the roster too.
    const self = state.facilitatorId;
    return { ok: true, memberId: self !== null && state.members.some((m) => m.id === self) ? self : null };
  }

  private async holdNote(identity: Identity, intentId: string, command: Extract<Command, { kind: 'addNote' }>): Promise<AuthorityResult> {
    const state = this.state;
    const facilitator = state.facilitatorId;
    if (facilitator === null) return refused({ key: 'noFacilitator' });
    const author = this.subject(identity, state, command.memberId);
    if (!author.ok) return author;
    // The same checks as any note (text, column), decided as the anonymous note it will be.
    const checked = decide(state, { kind: 'addNote', text: command.text, column: command.column, memberId: null }, this.context(facilitator));
    if (!checked.ok) return checked;
    const note = checked.events[0];
    if (note?.type !== 'note.added') return refused({ key: 'noteNeedsText' });
    const key = spentKey(intentId);
    return this.withHeld(async (held) => {
      const notices = noticed([{ key: 'heldNote' }, ...noticesOf(checked)]);
      if (held.spent.includes(key)) return { value: notices };
      const entry = { key: randomUUID(), author: author.memberId, text: note.text, column: note.column };
      return { held: { ...held, notes: insertAtRandom(held.notes, entry, randomInt), spent: withSpent(held.spent, key) }, value: notices };
    });
  }

  private async castVote(identity: Identity, intentId: string, command: Extract<Command, { kind: 'vote' }>): Promise<AuthorityResult> {
    const state = this.state;
    const voter = this.subject(identity, state, command.memberId);
    if (!voter.ok) return voter;
    if (voter.memberId === null) return refused({ key: 'noMember', id: command.memberId });
    const memberId = voter.memberId;
    const key = spentKey(intentId);
    const result = await this.withHeld<AuthorityResult>(async (held) => {
      if (held.spent.includes(key)) return { value: { ok: true } };
      const voted = anonymousVote(state, held.votes, memberId, command.noteId, command.retract);
      if (!voted.ok) return { value: voted };
      return { held: { ...held, votes: voted.votes, spent: withSpent(held.spent, key) }, value: { ok: true } };
    });
    if (result.ok) this.scheduleTally();
    return result;
  }

  /**
   * One member's own anonymous dots (note ids, one per dot, sorted), for that member's own
   * connection alone: their panel shows the dots left and where Take back applies. Never
   * appended, logged or sent to anyone else. Empty when the retro never was anonymous.
   */
  dotsOf(memberId: string): Promise<string[]> {
    if (!this.everAnonymous && !this.live.anonymous) return Promise.resolve([]);
    return this.serial(() => this.withHeld(async (held) => ({ value: Object.hasOwn(held.votes, memberId) ? [...(held.votes[memberId] ?? [])] : [] })));
  }

  /** Appends every held note, shuffled and without authors, and the counts per member. */
  private async reveal(intentId?: string): Promise<AuthorityResult> {
    const state = this.state;
    const facilitator = state.facilitatorId;
    if (facilitator === null) return refused({ key: 'noFacilitator' });
    return this.withHeld<AuthorityResult>(async (held) => {
      if (held.notes.length === 0) return { value: noticed([{ key: 'nothingToReveal' }]) };
      // Random ids (never this.newId, which a test may make sequential), one time for all.
      const events = revealEvents(state, held.notes, { actor: facilitator, now: this.clock(), newId: randomUUID, randomInt });
      if (events.length > 0) {
        const last = events.length - 1;
        await this.commit(intentId === undefined ? events : events.map((e, i) => (i === last ? { ...e, intent: intentId } : e)));
      }
      return { held: { ...held, notes: [] }, value: { ok: true } };
    });
  }

  private spent(intentId: string): Promise<boolean> {
    const key = spentKey(intentId);
    return this.withHeld(async (held) => ({ value: held.spent.includes(key) }));
  }

  private scheduleTally(): void {
    if (this.tallyTimer !== undefined || this.disposed) return;
    this.tallyTimer = setTimeout(() => {
      this.tallyTimer = undefined;
      if (this.disposed) return;
      this.serial(() => this.flushTallies()).catch(() => this.scheduleTally());
    }, this.opts.tallyDelayMs ?? 1_000);
  }

  /** Appends the anonymous totals when they differ from the last ones shared. */
  private async flushTallies(): Promise<void> {
    clearTimeout(this.tallyTimer);
    this.tallyTimer = undefined;
    const state = this.state;
    if (!state.anonymous || state.endedAt !== null || state.facilitatorId === null) return;
    const totals = await this.withHeld(async (held) => ({ value: voteTotals(held.votes) }));
    if (sameTotals(totals, state.voteTotals)) return;
    await this.commit([{ id: randomUUID(), at: this.clock(), actor: state.facilitatorId, type: 'votes.tallied', totals }]);
  }

  /**
   * A member takes a seat: an existing name not yet taken, a seat they hold (with its
   * secret), or a new name, added to the roster on the facilitator's behalf. Nobody can
   * take over a seat someone else holds, so nobody can answer as them.
   */
  join(name: string, secret?: string): Promise<JoinResult> {
    return this.serial(() => this.opts.storage.withSeats((seats) => this.seat(seats, name, secret)));
  }

  private async seat(seats: SeatBook, name: string, secret?: string): Promise<{ seats?: SeatBook; value: JoinResult }> {
    const refuse = (said: Said) => ({ value: refused(said) as JoinResult });
    const state = this.state;
    if (state.endedAt !== null) return refuse({ key: 'joinEnded' });
    const key = nameKey(name);
    if (key === '') return refuse({ key: 'needsName' });
    let member = state.members.find((m) => nameKey(m.name) === key);
    if (member) {
      const held = seats[member.id];
      if (held !== undefined && !(secret !== undefined && matchesHash(secret, held))) {
        return refuse({ key: 'seatTaken', name: member.name });
      }
      if (held !== undefined && secret !== undefined) return { value: await this.present(member.id, member.name, secret) };
    } else {
      const added = decide(state, { kind: 'addMember', name }, { actor: state.facilitatorId ?? '', now: this.clock(), newId: this.newId, gate: () => this.follower.replica.balance.gate, recentPromptIds: [] });
      if (!added.ok) return refuse(added.said);
      await this.commit(added.events);
      member = this.state.members.find((m) => added.events.some((e) => e.type === 'member.added' && e.memberId === m.id));
      if (!member) return refuse({ key: 'seatFailed' });
    }
    const fresh = newToken();
    return { seats: { ...seats, [member.id]: secretHash(fresh) }, value: await this.present(member.id, member.name, fresh) };
  }

  /** Marks a joining member present (the facilitator's roster, recorded by the authority). */
  private async present(memberId: string, name: string, secret: string): Promise<JoinResult> {
    const m = this.state.members.find((x) => x.id === memberId);
    if (m && !m.present && this.state.facilitatorId !== null) {
      const d = decide(this.state, { kind: 'setPresence', memberId, present: true }, { actor: this.state.facilitatorId, now: this.clock(), newId: this.newId, gate: () => this.follower.replica.balance.gate, recentPromptIds: [] });
      if (d.ok) await this.commit(d.events);
    }
    return { ok: true, memberId, name, secret };
  }

  /** Durable first, then shared: a client never holds an event the authority could lose. */
  private async commit(events: readonly SessionEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.opts.storage.append(events, this.doc);
    appendEvents(this.doc, events, this.clock());
    this.opts.onAppend?.(events);
  }

  private noteIntents(): void {
    const events = this.follower.events;
    if (events.length < this.scanned || this.follower.generation !== this.scannedGeneration) {
      // Rebuilt in another order, or staged events taken back: every id again, from the start.
      this.intents.clear();
      this.scanned = 0;
      this.scannedGeneration = this.follower.generation;
    }
    let tallied = false;
    for (let i = this.scanned; i < events.length; i++) {
      const intent = events[i]?.intent;
      if (intent !== undefined) this.intents.add(intent);
      if (events[i]?.type === 'votes.tallied') tallied = true;
      if (events[i]?.type === 'anonymity.set') this.everAnonymous = true;
    }
    this.scanned = events.length;
    // Another instance's tally may have landed after a newer one in the array's order:
    // compare with the shared book again shortly (nothing is appended when they agree).
    if (tallied && this.state.anonymous && this.state.endedAt === null) this.scheduleTally();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.tallyTimer);
    this.cancelWaiting();
    this.follower.dispose();
  }
}
