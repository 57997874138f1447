// A tiny event-log builder for the balance tests: readable fixtures, one event per line.
import type { Depth, SessionEvent } from '../../../src/domain/types';

export class Log {
  readonly events: SessionEvent[] = [];
  private n = 0;
  private t = 0;

  private base(): { id: string; at: number } {
    this.n++;
    this.t += 1000;
    return { id: `e${this.n}`, at: this.t };
  }

  member(memberId: string, name = memberId): this {
    this.events.push({ ...this.base(), type: 'member.added', memberId, name });
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
      ...b, type: 'contribution.added', contributionId: opts.id ?? `c${this.n}`, memberId, promptId: null,
      depth, topic: 't', text, pass: false, ...(opts.seconds !== undefined && { seconds: opts.seconds }),
    });
    return this;
  }

  pass(memberId: string, depth: Depth = 1, id?: string): this {
    const b = this.base();
    this.events.push({
      ...b, type: 'contribution.added', contributionId: id ?? `c${this.n}`, memberId, promptId: null,
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
    this.events.push({ ...this.base(), type: 'stage.moved', to, kind: 'deeper', override: false });
    return this;
  }

  end(): this {
    this.events.push({ ...this.base(), type: 'session.ended' });
    return this;
  }
}
