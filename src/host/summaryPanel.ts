// The participation summary panel: one webview panel per retro or transcript. The host
// builds the summary (the webview only renders it), queues messages until the webview
// says `ready`, and validates everything that crosses the boundary.
import * as vscode from 'vscode';
import { plainMessage } from './plainMessage';
import { errorText } from './errorText';
import { log } from './log';
import type { Summary, SummaryOptions, Trend } from '../domain/summary/types';
import {
  parseSummaryHostMessage,
  parseSummaryWebviewMessage,
  parseSummaryWebviewState,
  type ExportFormat,
  type SummaryHostMessage,
} from '../summaryProtocol';
import { SUMMARY_VIEW_TYPE } from './commandIds';
import { Disposable } from './disposable';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** Where a summary comes from: a saved or live retro, or an imported transcript. */
export interface SummaryProvider {
  /** Session id or transcript URI; one panel per key. */
  readonly key: string;
  readonly title: string;
  build(options: SummaryOptions): Promise<{ summary: Summary; trend: Trend | null }>;
  export(format: ExportFormat, options: SummaryOptions): Promise<void>;
}

type SummaryMessage = Extract<SummaryHostMessage, { type: 'summary' }>;

export class SummaryPanel extends Disposable {
  private static readonly panels = new Map<string, SummaryPanel>();

  /** Opens the summary for `provider`, or reveals the panel that already shows it. */
  static show(extensionUri: vscode.Uri, provider: SummaryProvider, options: SummaryOptions): SummaryPanel {
    const existing = SummaryPanel.panels.get(provider.key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(SUMMARY_VIEW_TYPE, provider.title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return new SummaryPanel(panel, extensionUri, provider, options);
  }

  /**
   * Restores a panel after a reload (WebviewPanelSerializer). The named table is a choice
   * made per viewing, so it starts off again; the pseudonymise choice is kept.
   */
  static revive(
    extensionUri: vscode.Uri,
    panel: vscode.WebviewPanel,
    state: unknown,
    resolve: (key: string) => SummaryProvider | undefined,
    defaults: SummaryOptions,
  ): SummaryPanel | undefined {
    const parsed = parseSummaryWebviewState(state);
    const provider = parsed.ok ? resolve(parsed.value.key) : undefined;
    if (!parsed.ok || !provider) {
      panel.dispose();
      void vscode.window.showWarningMessage(vscode.l10n.t('Reciprocity: a participation summary could not be restored; its retro or transcript is no longer available.'));
      return undefined;
    }
    const existing = SummaryPanel.panels.get(provider.key);
    if (existing) {
      panel.dispose();
      existing.panel.reveal();
      return existing;
    }
    panel.webview.options = webviewOptions(extensionUri);
    const options = { pseudonymise: parsed.value.options?.pseudonymise ?? defaults.pseudonymise, namedTable: false };
    return new SummaryPanel(panel, extensionUri, provider, options);
  }

  /** Rebuilds the open summaries (all, or the one for `key`), e.g. after the retro changed. */
  static refresh(key?: string): void {
    for (const p of SummaryPanel.panels.values()) if (key === undefined || p.provider.key === key) void p.rebuild();
  }

  private ready = false;
  private latest: SummaryMessage | undefined;
  private pendingErrors: string[] = [];
  private generation = 0;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly provider: SummaryProvider,
    private options: SummaryOptions,
  ) {
    super();
    SummaryPanel.panels.set(provider.key, this);
    this.register(panel);
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)));
    // Without retainContextWhenHidden a hidden webview is torn down; it says `ready`
    // again when shown, and gets the latest summary then.
    this.register(
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = false;
      }),
    );
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { title: provider.title, script: 'summary.js', styles: ['summary.css'] });
    void this.rebuild();
  }

  override dispose(): void {
    if (SummaryPanel.panels.get(this.provider.key) === this) SummaryPanel.panels.delete(this.provider.key);
    super.dispose();
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    const options = { ...this.options };
    try {
      const { summary, trend } = await this.provider.build(options);
      if (generation !== this.generation || this.isDisposed) return; // a newer request won
      const message: SummaryHostMessage = { type: 'summary', key: this.provider.key, summary, trend, options };
      // Check what we send, so a bad summary is reported here rather than silently dropped by the webview.
      const checked = parseSummaryHostMessage(message);
      if (!checked.ok) throw new Error(`the summary is malformed (${checked.error})`);
      this.latest = message;
      this.pendingErrors = [];
      this.panel.title = this.provider.title;
      this.post(message);
    } catch (err) {
      if (generation === this.generation && !this.isDisposed) this.fail(vscode.l10n.t('Could not build the participation summary'), err);
    }
  }

  private async runExport(format: ExportFormat): Promise<void> {
    try {
      await this.provider.export(format, { ...this.options });
    } catch (err) {
      this.fail(vscode.l10n.t('Export failed'), err);
    }
  }

  private onMessage(raw: unknown): void {
    const parsed = parseSummaryWebviewMessage(raw);
    if (!parsed.ok) {
      log.warn(`summary panel rejected a message: ${parsed.error}`);
      this.postError(vscode.l10n.t('Rejected a malformed message ({0}).', parsed.error));
      return;
    }
    const msg = parsed.value;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        return;
      case 'setOptions':
        this.options = { ...msg.options };
        void this.rebuild();
        return;
      case 'export':
        void this.runExport(msg.format);
        return;
      case 'log':
        log[msg.level](`summary webview: ${msg.message}`);
        return;
    }
  }

  private fail(what: string, err: unknown): void {
    const message = `${what}: ${errorText(err)}`;
    log.error(message, err);
    void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity: {0}', message)));
    this.postError(message);
  }

  private postError(message: string): void {
    if (this.ready) this.post({ type: 'error', message });
    else this.pendingErrors.push(message);
  }

  private post(message: SummaryHostMessage): void {
    if (this.ready && !this.isDisposed) void this.panel.webview.postMessage(message);
  }

  /** Sends the latest summary and any errors the webview has not seen yet. */
  private flush(): void {
    if (!this.ready || this.isDisposed) return;
    if (this.latest) this.post(this.latest);
    for (const message of this.pendingErrors.splice(0)) this.post({ type: 'error', message });
  }
}
