// The turn timer. Its two elements are rendered empty by lit and owned here, so ticking
// once a second touches two text nodes instead of re-rendering the panel.
import * as l10n from '@vscode/l10n';

export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const mm = Math.floor(s / 60);
  const ss = s % 60;
  return `${mm < 10 ? '0' : ''}${mm}:${ss < 10 ? '0' : ''}${ss}`;
}

export class TurnTimer {
  /** Names the running turn (the host's start time); never compared with this clock. */
  private startedAt: number | null = null;
  /** When the turn began, on this webview's own clock. */
  private anchor = 0;
  private softCap = 0;
  private speaker = '';
  private announcedFor: number | null = null;
  private handle: ReturnType<typeof setInterval> | undefined;

  /** `speakerName` is empty when the speaker is not in the view. */
  update(startedAt: number | null, elapsedMs: number | null, softCapSeconds: number, speakerName: string): void {
    if (startedAt !== this.startedAt) {
      this.announcedFor = null;
      this.anchor = Date.now() - (elapsedMs ?? 0);
      // The announcement was about the turn that just ended: never leave it on another speaker.
      const live = document.getElementById('timer-cap-live');
      if (live) live.textContent = '';
    }
    this.startedAt = startedAt;
    this.softCap = softCapSeconds;
    this.speaker = speakerName;
    if (startedAt === null) this.stop();
    else if (this.handle === undefined) this.handle = setInterval(() => this.tick(), 1000);
    this.tick();
  }

  /** Seconds of the current turn, sent with a contribution. */
  seconds(): number | undefined {
    if (this.startedAt === null) return undefined;
    return Math.min(86_400, Math.max(0, Math.round((Date.now() - this.anchor) / 1000)));
  }

  stop(): void {
    if (this.handle !== undefined) clearInterval(this.handle);
    this.handle = undefined;
  }

  private tick(): void {
    const el = document.getElementById('turn-timer');
    if (!el) return;
    const secs = this.startedAt === null ? 0 : Math.max(0, Math.floor((Date.now() - this.anchor) / 1000));
    const text = formatSeconds(secs);
    if (el.textContent !== text) el.textContent = text;
    const over = this.softCap > 0 && this.startedAt !== null && secs >= this.softCap;
    el.classList.toggle('over', over);
    // Announce only the crossing itself; a ticking live region would drown everything else.
    if (over && this.announcedFor !== this.startedAt) {
      this.announcedFor = this.startedAt;
      const live = document.getElementById('timer-cap-live');
      if (live) {
        const cap = formatSeconds(this.softCap);
        live.textContent = this.speaker
          ? l10n.t("{0}'s turn is past the soft cap of {1}.", this.speaker, cap)
          : l10n.t('This turn is past the soft cap of {0}.', cap);
      }
    }
  }
}
