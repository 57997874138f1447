// The authority: the one place where team-mode requests become events. Members' document
// connections are read-only, so nothing reaches the shared log except through here. Each
// request is checked by the same domain `decide` and permission table as on one machine,
// made durable, then appended to the document in one transaction by the authority's own
// Yjs client, and only then acknowledged. A request id is applied at most once, also
// across a restart or a move to another server instance: it is stored on its events.
import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import type { BalanceSettings } from '../domain/balance';
import type { Command } from '../domain/commands';
import { decide } from '../domain/retro';
import { nameKey } from '../domain/text';
import type { SessionEvent } from '../domain/types';
import { appendEvents, DocFollower } from './docLog';
import type { SeatBook } from './serverStore';
import { matchesHash, newToken, secretHash } from './tokens';

export type Role = 'facilitator' | 'member';

/** Who a connection is, as its token and its seat say. */
export interface Identity {
  role: Role;
  /** The member's seat, once they joined; the facilitator acts as the session's facilitator. */
  memberId?: string;
}

export type AuthorityResult = { ok: true; notices?: string[] } | { ok: false; error: string };
export type JoinResult = { ok: true; memberId: string; name: string; secret: string } | { ok: false; error: string };

/** Durable storage for one retro: resolves once the log is on disk. */
export interface AuthorityStorage {
  /** Makes newly decided events durable (against a killed process) before they are shared. */
  append(events: readonly SessionEvent[], doc: Y.Doc): Promise<void>;
  /** Read-modify-write of the seat book, safe against other instances. */
  withSeats<T>(fn: (seats: SeatBook) => Promise<{ seats?: SeatBook; value: T }>): Promise<T>;
}

export interface AuthorityOptions {
  storage: AuthorityStorage;
  clock?: () => number;
  newId?: () => string;
  balance?: Partial<BalanceSettings>;
  /** Called after each durable append, e.g. to refresh a facilitator's panel. */
  onAppend?: (events: readonly SessionEvent[]) => void;
}

export class SessionAuthority {
  readonly follower: DocFollower;
  private readonly intents = new Set<string>();
  private scanned = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly clock: () => number;
  private readonly newId: () => string;

  constructor(
    readonly doc: Y.Doc,
    private readonly opts: AuthorityOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
    this.newId = opts.newId ?? randomUUID;
    this.follower = new DocFollower(doc, opts.balance ?? {}, () => this.noteIntents());
    this.noteIntents();
  }

  get state() {
    return this.follower.replica.state;
  }

  get events(): readonly SessionEvent[] {
    return this.follower.events;
  }

  /** Runs one request at a time, in arrival order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** A new retro on an empty document: the facilitator's opening events, checked like any. */
  seed(events: readonly SessionEvent[]): Promise<AuthorityResult> {
    return this.serial(async () => {
      if (this.follower.events.length > 0) return { ok: true }; // already there: a resend
      if (events[0]?.type !== 'session.created') return { ok: false, error: 'A retro starts with session.created.' };
      await this.commit(events);
      const rejected = this.state.rejected.length;
      return rejected === 0 ? { ok: true } : { ok: true, notices: [`${rejected} opening events broke a rule and were ignored.`] };
    });
  }

  handle(identity: Identity, intentId: string, command: Command): Promise<AuthorityResult> {
    return this.serial(async () => {
      if (this.intents.has(intentId)) return { ok: true }; // applied before: acknowledge again
      const state = this.state;
      const actor = identity.role === 'facilitator' ? state.facilitatorId : (identity.memberId ?? null);
      if (actor === null) return { ok: false, error: 'Join the retro with your name first.' };
      const balance = this.follower.replica.balance;
      const decision = decide(state, command, {
        actor,
        now: this.clock(),
        newId: this.newId,
        gate: () => balance.gate,
        preference: balance.suggestedOrder,
        recentPromptIds: [],
      });
      if (!decision.ok) return decision;
      if (decision.events.length === 0) return { ok: true };
      const events = decision.events.map((e, i) => (i === 0 ? { ...e, intent: intentId } : e));
      await this.commit(events);
      return decision.notices?.length ? { ok: true, notices: decision.notices } : { ok: true };
    });
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
    const refuse = (error: string) => ({ value: { ok: false, error } as JoinResult });
    const state = this.state;
    if (state.endedAt !== null) return refuse('This retro has ended.');
    const key = nameKey(name);
    if (key === '') return refuse('A name is needed.');
    let member = state.members.find((m) => nameKey(m.name) === key);
    if (member) {
      const held = seats[member.id];
      if (held !== undefined && !(secret !== undefined && matchesHash(secret, held))) {
        return refuse(`Someone has already joined as ${member.name}. Pick another name, or ask the facilitator.`);
      }
      if (held !== undefined && secret !== undefined) return { value: await this.present(member.id, member.name, secret) };
    } else {
      const added = decide(state, { kind: 'addMember', name }, { actor: state.facilitatorId ?? '', now: this.clock(), newId: this.newId, gate: () => this.follower.replica.balance.gate, recentPromptIds: [] });
      if (!added.ok) return refuse(added.error);
      await this.commit(added.events);
      member = this.state.members.find((m) => added.events.some((e) => e.type === 'member.added' && e.memberId === m.id));
      if (!member) return refuse('Could not add you to the roster.');
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
    if (events.length < this.scanned) this.scanned = 0; // rebuilt in another order
    for (let i = this.scanned; i < events.length; i++) {
      const intent = events[i]?.intent;
      if (intent !== undefined) this.intents.add(intent);
    }
    this.scanned = events.length;
  }

  dispose(): void {
    this.follower.dispose();
  }
}
