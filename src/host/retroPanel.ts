import * as vscode from 'vscode';
import { errorText } from './errorText';
import { log } from './log';
import { plainMessage } from './plainMessage';
import { FIRST_CONTRIBUTIONS, parseWebviewMessage, type HostToWebview, type Intent } from '../protocol';
import { RETRO_VIEW_TYPE } from './commandIds';
import { Disposable } from './disposable';
import { tabTitle } from './retroListing';
import type { RetroSource } from './retroSource';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface RetroPanelHooks {
  openSummary(sessionId: string): void;
}

/**
 * One webview panel showing one retro. Messages wait until the webview says `ready`;
 * a full snapshot is sent then, after every change, and whenever the panel is shown again
 * (no retainContextWhenHidden, so a hidden panel loses its DOM and rebuilds from it). A long
 * retro's snapshots carry only the newest contributions until the webview asks for the
 * `history` once its first frame is up (issue 11: building, sending and checking 2,000 rows
 * was a large part of opening such a panel).
 */
export class RetroPanel extends Disposable {
  /**
   * How often a showing panel hears that its extension host is alive. The webview waits
   * several beats (src/webview/liveness.ts) before it says the host is gone, e.g. killed or
   * crashed while VS Code started a new one that does not know this panel.
   */
  static heartbeatMs = 5_000;
  private ready = false;
  /**
   * From `ready` until the webview asks for the `history` (once its first frame is up), a long
   * retro's snapshots carry only its newest contributions and how many are left out.
   */
  private newestOnly = false;
  private queue: HostToWebview[] = [];
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;

  static create(extensionUri: vscode.Uri, controller: RetroSource, hooks: RetroPanelHooks): RetroPanel {
    const panel = vscode.window.createWebviewPanel(
      RETRO_VIEW_TYPE,
      titleFor(controller),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(extensionUri),
    );
    return new RetroPanel(panel, extensionUri, controller, hooks);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly controller: RetroSource,
    private readonly hooks: RetroPanelHooks,
  ) {
    super();
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.title = titleFor(controller);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      title: vscode.l10n.t('Reciprocity retro'),
      script: 'webview.js',
      styles: ['retro.css'],
      dataImages: true, // the text boxes' resize grip
      early: true, // says `ready` before the bundle is fetched (src/webview/early.ts)
    });
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    // A hidden webview is torn down; it says `ready` again when shown and gets a fresh snapshot.
    this.register(panel.onDidChangeViewState(() => (this.ready = this.ready && panel.visible)));
    this.register(controller.onDidChange(() => this.sendSnapshot()));
    const beat = setInterval(() => this.beat(), RetroPanel.heartbeatMs);
    this.register({ dispose: () => clearInterval(beat) });
    this.register(
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      log.warn(`rejected webview message: ${parsed.error}`);
      this.post({ type: 'error', message: vscode.l10n.t('Message rejected: {0}', parsed.error) });
      return;
    }
    const msg = parsed.value;
    if (msg.type === 'ready') {
      this.ready = true;
      this.newestOnly = true;
      this.sendSnapshot();
      for (const m of this.queue.splice(0)) if (m.type !== 'snapshot') void this.panel.webview.postMessage(m);
      // The webview judges silence only once it has heard a beat: one now, not up to a period
      // later, or a host that dies within that period leaves a panel that never notices.
      this.beat();
      return;
    }
    if (msg.type === 'history') {
      this.newestOnly = false;
      this.sendSnapshot();
      return;
    }
    if (msg.type === 'log') {
      log[msg.level](`webview: ${msg.message}`);
      return;
    }
    if (msg.type === 'team') {
      await this.controller.teamAction?.(msg.action).catch((err: unknown) => {
        log.warn(`team action ${msg.action} failed`, err);
        this.post({ type: 'error', message: errorText(err) });
      });
      return;
    }
    await this.runIntent(msg.requestId, msg.intent);
  }

  private async runIntent(requestId: number, intent: Intent): Promise<void> {
    if (intent.kind === 'openSummary') {
      if (!this.controller.facilitates) {
        this.post({ type: 'error', requestId, message: vscode.l10n.t('The participation summary is for the facilitator. Your own numbers are in this panel.') });
        return;
      }
      this.hooks.openSummary(this.controller.id);
      this.post({ type: 'ack', requestId });
      return;
    }
    try {
      const result = await this.controller.handle(intent);
      if (result.ok) for (const notice of result.notices ?? []) void vscode.window.showInformationMessage(plainMessage(notice));
      this.post(result.ok ? { type: 'ack', requestId } : { type: 'error', requestId, message: result.error });
      if (result.ok && result.saveError) {
        // Acknowledged, so the webview does not offer the text again and create a duplicate.
        const message = vscode.l10n.t('Reciprocity could not save the retro: {0}. The change is kept in this window and is saved with the next one.', result.saveError);
        void vscode.window.showErrorMessage(plainMessage(message));
        this.post({ type: 'error', message });
      }
    } catch (err) {
      log.error(`request ${intent.kind} failed`, err); // Node's own text, for diagnosis
      const message = errorText(err);
      void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity could not save the retro: {0}', message)));
      this.post({ type: 'error', requestId, message });
    }
    this.panel.title = titleFor(this.controller);
  }

  /** Only to a webview that is there to hear it; a hidden one is torn down and says `ready` again. */
  private beat(): void {
    if (this.ready && !this.isDisposed) void this.panel.webview.postMessage({ type: 'alive' } satisfies HostToWebview);
  }

  private sendSnapshot(): void {
    if (this.isDisposed) return;
    // A rename from the command palette or Past Retros reaches the tab here.
    const title = titleFor(this.controller);
    if (this.panel.title !== title) this.panel.title = title;
    const view = this.controller.view(this.newestOnly ? { newestContributions: FIRST_CONTRIBUTIONS } : {});
    // A webview that was sent every contribution does not ask for the history: it keeps getting all.
    if (!view.omittedContributions) this.newestOnly = false;
    this.post({ type: 'snapshot', view });
  }

  private post(message: HostToWebview): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      // Only the latest snapshot matters; older ones are dropped from the queue.
      if (message.type === 'snapshot') this.queue = this.queue.filter((m) => m.type !== 'snapshot');
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }
}

function titleFor(controller: RetroSource): string {
  return tabTitle(controller.state, controller.titleSuffix);
}
