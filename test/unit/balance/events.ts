// A tiny event-log builder for the balance tests: readable fixtures, one event per line.
import type { Depth, SessionEvent } from '../../../src/domain/types';

export const FACILITATOR = 'fac';

export class Log {
  readonly events: SessionEvent[] = [];
  private n = 0;
  private t = 0;
  private depth: Depth = 1;

  private base(): { id: string; at: number; actor: string } {
    this.n++;
    this.t += 1000;
    return { id: `e${this.n}`, at: this.t, actor: FACILITATOR };
  }

  /** Opens the log with session.created, for tests that replay it through the reducer. */
  created(): this {
    this.events.push({
      ...this.base(), type: 'session.created', sessionId: 's', title: 't', teamId: 'team',
      deck: { id: 'd', name: 'd', prompts: [] }, settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    });
    return this;
  }

  member(memberId: string, name = memberId): this {
    this.events.push({ ...this.base(), type: 'member.added', memberId, name, joinedLate: false });
    return this;
  }

  members(...ids: string[]): this {
    for (const id of ids) this.member(id);
    return this;
  }

  presence(memberId: string, present: boolean): this {
    this.events.push({ ...this.base(), type: 'member.presence', memberId, present });
    return this;
  }

  rename(memberId: string, name: string): this {
    this.events.push({ ...this.base(), type: 'member.renamed', memberId, name });
    return this;
  }

  say(memberId: string, text = 'fine', depth: Depth = 1, opts: { id?: string; seconds?: number } = {}): this {
    const b = this.base();
    this.events.push({
      ...b, type: 'contribution.added', contributionId: opts.id ?? `c${this.n}`, memberId, phase: 'check-in', promptId: null,
      depth, topic: 't', text, pass: false, ...(opts.seconds !== undefined && { seconds: opts.seconds }),
    });
    return this;
  }

  pass(memberId: string, depth: Depth = 1, id?: string): this {
    const b = this.base();
    this.events.push({
      ...b, type: 'contribution.added', contributionId: id ?? `c${this.n}`, memberId, phase: 'check-in', promptId: null,
      depth, topic: 't', text: '', pass: true,
    });
    return this;
  }

  /** Each member in turn says one word. */
  round(...ids: string[]): this {
    for (const id of ids) this.say(id);
    return this;
  }

  remove(contributionId: string): this {
    this.events.push({ ...this.base(), type: 'contribution.removed', contributionId });
    return this;
  }

  stage(to: Depth): this {
    const from = this.depth;
    this.depth = to;
    this.events.push({ ...this.base(), type: 'stage.moved', from, to, kind: to > from ? 'deeper' : to < from ? 'back' : 'stay', override: false });
    return this;
  }

  end(): this {
    this.events.push({ ...this.base(), type: 'session.ended' });
    return this;
  }
}
