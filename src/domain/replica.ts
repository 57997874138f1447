// One copy of a session as any machine holds it: the reducer's state and the balance
// engine, fed from the same log. Only events the reducer accepts reach the engine, at
// their log position, so the flags can never count an event the session ignored.
import { BalanceEngine, type BalanceSettings, type BalanceSnapshot } from './balance';
import { SessionBuilder, type Outcome } from './session';
import type { SessionEvent, SessionState } from './types';

export class SessionReplica {
  /** Folds events in O(1) amortised each; `state` is an immutable snapshot, taken when read. */
  private readonly builder = new SessionBuilder();
  private stateValue: SessionState | null = null;
  private engine: BalanceEngine;
  private balanceValue: BalanceSnapshot | null = null;

  constructor(
    events: readonly SessionEvent[] = [],
    settings: Partial<BalanceSettings> = {},
  ) {
    this.engine = new BalanceEngine(settings);
    for (const e of events) this.apply(e);
  }

  get state(): SessionState {
    return (this.stateValue ??= this.builder.snapshot());
  }

  /**
   * The state so far, live and read-only: no copy, valid until the next apply. For a
   * decision taken at once (the team authority's, one per request); `state` copies the
   * session's lists, O(length of the log), once per change.
   */
  get current(): Readonly<SessionState> {
    return this.builder.current;
  }

  get balance(): BalanceSnapshot {
    return (this.balanceValue ??= this.engine.snapshot());
  }

  get balanceSettings(): BalanceSettings {
    return this.engine.settings;
  }

  apply(event: SessionEvent): Outcome {
    const seq = this.builder.current.seq;
    const outcome = this.builder.apply(event);
    if (outcome === 'duplicate') return outcome;
    this.stateValue = null; // a rejected event is counted in the state too
    if (outcome === 'applied') {
      this.engine.apply(event, seq);
      this.balanceValue = null;
    }
    return outcome;
  }

  applyAll(events: readonly SessionEvent[]): void {
    for (const e of events) this.apply(e);
  }
}

/** State and balance of a whole log, as every replica computes them. */
export function analyseLog(
  events: readonly SessionEvent[],
  settings: Partial<BalanceSettings> = {},
): { state: SessionState; balance: BalanceSnapshot } {
  const r = new SessionReplica(events, settings);
  return { state: r.state, balance: r.balance };
}
