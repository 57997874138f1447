// The participation balance engine: fold session events into running sums, re-check the
// flags after each event, and read a snapshot on demand.
import type { SessionEvent } from '../types';
import { reviewOverDisclosures, reviewSlowDown } from './flags';
import { syncGroupNudges } from './nudges';
import {
  onContributionAdded, onContributionEdited, onContributionRemoved, onMemberAdded, onStageMoved, setPresence,
} from './handlers';
import { resolveBalanceSettings, type BalanceSettings } from './settings';
import { evaluateShareFlags } from './shareFlags';
import { buildSnapshot } from './snapshot';
import { createCore, type BalanceCore, type MemberState } from './state';
import type { BalanceSnapshot } from './types';
import { cleanName } from '../text';

const NO_CHANGE = 0;
/** A member joined: the flags have a cheaper check for that (shareFlags.ts). */
const JOINED = 1;

export class BalanceEngine {
  private readonly core: BalanceCore;
  /** Who wrote each attributed note, so a deleted note no longer counts for them. */
  private readonly noteAuthors = new Map<string, MemberState>();

  /** `options.shortcut: false` forces the full flag check after every event (for tests). */
  constructor(settings?: Partial<BalanceSettings>, options: { shortcut?: boolean } = {}) {
    this.core = createCore(resolveBalanceSettings(settings), options.shortcut !== false);
  }

  get settings(): BalanceSettings {
    return { ...this.core.settings };
  }

  /** Seq of the next event, i.e. how many events have been applied. */
  get seq(): number {
    return this.core.seq;
  }

  /**
   * Applies an event the session reducer accepted. `seq` is its position in the log (by
   * default the next one); ignored events still take a position, so pass it when some
   * were skipped. Events that do not touch the balance still count.
   */
  apply(event: SessionEvent, seq: number = this.core.seq): void {
    const core = this.core;
    core.seq = seq + 1;
    core.eventId = event.id;
    const moved = this.route(event, seq);
    if (moved === JOINED) evaluateShareFlags(core, seq, event.at, null, true);
    else if (moved !== NO_CHANGE) evaluateShareFlags(core, seq, event.at, moved);
    // The group nudges follow the flag counts whatever changed them (a member leaving, a
    // quiet flag turning into a dominant one in one event): O(1), so after every event.
    syncGroupNudges(core, seq, event.at);
  }

  applyAll(events: readonly SessionEvent[]): void {
    // At most one contribution an event: the id table grows once, not at each doubling.
    this.core.ledger.reserve(events.length);
    for (let i = 0; i < events.length; i++) this.apply(events[i]);
  }

  snapshot(): BalanceSnapshot {
    return buildSnapshot(this.core);
  }

  /**
   * Returns who contributed (a cheap flag check may do), null when shares may have moved in
   * any way (full check), JOINED after a new member, or NO_CHANGE.
   */
  private route(e: SessionEvent, seq: number): MemberState | null | typeof NO_CHANGE | typeof JOINED {
    const core = this.core;
    switch (e.type) {
      case 'contribution.added':
        return onContributionAdded(core, e, seq) ?? NO_CHANGE;
      case 'contribution.removed':
        return onContributionRemoved(core, e, seq) ? null : NO_CHANGE;
      case 'contribution.edited':
        return onContributionEdited(core, e) ? null : NO_CHANGE;
      case 'member.added':
        if (!onMemberAdded(core, e, seq)) return NO_CHANGE;
        reviewSlowDown(core, seq, e.at);
        return JOINED;
      case 'member.presence': {
        const m = core.byId.get(e.memberId);
        if (!m || m.present === e.present) return NO_CHANGE;
        setPresence(core, m, e.present, seq, e.at);
        reviewOverDisclosures(core, seq, e.at);
        reviewSlowDown(core, seq, e.at);
        return null;
      }
      case 'member.renamed': {
        const m = core.byId.get(e.memberId);
        if (m) m.name = cleanName(e.name).name;
        return NO_CHANGE;
      }
      case 'note.added': {
        // Only an attributed note counts here; anonymous ones count at their reveal.
        const m = e.memberId === null ? undefined : core.byId.get(e.memberId);
        if (m) {
          m.notes += 1;
          this.noteAuthors.set(e.noteId, m);
        }
        return NO_CHANGE;
      }
      case 'note.removed': {
        const m = this.noteAuthors.get(e.noteId);
        if (m) m.notes -= 1;
        this.noteAuthors.delete(e.noteId);
        return NO_CHANGE;
      }
      case 'notes.revealed':
        for (const [memberId, n] of Object.entries(e.counts)) {
          const m = core.byId.get(memberId);
          if (m && Number.isInteger(n) && n > 0) m.notes += n;
        }
        return NO_CHANGE;
      case 'stage.moved':
        onStageMoved(core, e, seq);
        return NO_CHANGE;
      case 'phase.changed':
        core.ended = e.phase === 'ended';
        return NO_CHANGE;
      case 'session.ended':
        core.ended = true;
        return NO_CHANGE;
      default:
        return NO_CHANGE;
    }
  }
}

/** Balance of a whole log, computed from scratch. */
export function computeBalance(events: readonly SessionEvent[], settings?: Partial<BalanceSettings>): BalanceSnapshot {
  const engine = new BalanceEngine(settings);
  engine.applyAll(events);
  return engine.snapshot();
}
