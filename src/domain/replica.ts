// One copy of a session as any machine holds it: the reducer's state and the balance
// engine, fed from the same log. Only events the reducer accepts reach the engine, at
// their log position, so the flags can never count an event the session ignored.
import { BalanceEngine, type BalanceSettings, type BalanceSnapshot } from './balance';
import { applyEventWithOutcome, emptyState, SessionBuilder, type Outcome } from './session';
import type { SessionEvent, SessionState } from './types';

export class SessionReplica {
  private stateValue: SessionState;
  private engine: BalanceEngine;
  private balanceValue: BalanceSnapshot | null = null;

  constructor(
    events: readonly SessionEvent[] = [],
    settings: Partial<BalanceSettings> = {},
  ) {
    this.engine = new BalanceEngine(settings);
    if (events.length === 0) {
      this.stateValue = emptyState();
      return;
    }
    const builder = new SessionBuilder();
    for (const e of events) {
      const seq = builder.current.seq;
      if (builder.apply(e) === 'applied') this.engine.apply(e, seq);
    }
    this.stateValue = builder.snapshot();
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get balance(): BalanceSnapshot {
    return (this.balanceValue ??= this.engine.snapshot());
  }

  get balanceSettings(): BalanceSettings {
    return this.engine.settings;
  }

  apply(event: SessionEvent): Outcome {
    const seq = this.stateValue.seq;
    const { state, outcome } = applyEventWithOutcome(this.stateValue, event);
    this.stateValue = state;
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
