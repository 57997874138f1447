// Whether the extension host that owns this panel is still there. When it dies (killed,
// crashed), VS Code starts a new one that knows nothing of this webview: the panel stays
// open and would go on showing the retro as if alive while every click goes nowhere. The
// host says `alive` every few seconds (RetroPanel.heartbeatMs); after SILENCE_MS without
// any message while the panel is visible, the panel says so and stops sending requests
// (bridge.ts), and the panel stops showing what only a live host knows (`onChange`: the
// team connection, which lives in the extension host too). Any message from the host
// clears it again (a busy host that recovers).
//
// Only judged while visible: timers in hidden webviews are throttled, so the clock restarts
// when the panel is shown again. Armed by the first `alive`, so a page that never heard one
// (a test's stub host) is never judged.
import * as l10n from '@vscode/l10n';
import { setHostLost } from './bridge';

/** Three missed beats of RetroPanel.heartbeatMs. */
export const SILENCE_MS = 15_000;

/** The id of the status element shown while contact is lost. */
export const HOST_LOST_ID = 'host-lost';

export class HostLiveness {
  private armed = false;
  private lost = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly silenceMs = SILENCE_MS,
    /** Told why when contact is lost, and null when it is back (the panel renders again). */
    private readonly onChange: (reason: string | null) => void = () => undefined,
  ) {
    doc.addEventListener('visibilitychange', () => this.restart());
  }

  /** A message arrived from the host; `alive` says whether it was the heartbeat. */
  heard(alive: boolean): void {
    if (!this.armed && !alive) return;
    this.armed = true;
    if (this.lost) this.setLost(false);
    this.restart();
  }

  private restart(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.armed || this.doc.visibilityState !== 'visible') return;
    this.timer = setTimeout(() => this.setLost(true), this.silenceMs);
  }

  private setLost(lost: boolean): void {
    this.lost = lost;
    const text = l10n.t("Lost contact with VS Code's extension host. Reload the window (Developer: Reload Window) to resume — nothing acknowledged is lost.");
    setHostLost(lost ? text : null);
    this.doc.body.classList.toggle('host-lost', lost);
    let status = this.doc.getElementById(HOST_LOST_ID);
    if (!status) {
      status = this.doc.createElement('div');
      status.id = HOST_LOST_ID;
      status.className = 'banner error';
      status.setAttribute('role', 'alert');
      const app = this.doc.getElementById('app');
      this.doc.body.insertBefore(status, app);
    }
    status.hidden = !lost;
    status.textContent = lost ? text : '';
    this.onChange(lost ? text : null);
  }
}
