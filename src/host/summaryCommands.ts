import * as vscode from 'vscode';
import { Commands, SUMMARY_VIEW_TYPE } from './commandIds';
import { readConfig } from './config';
import { registerFailableCommand } from './registerCommand';
import { pickRetro, retroId } from './retroCommands';
import type { RetroSessions } from './retroSessions';
import type { SessionStore } from './sessionStore';
import { exportSummary, type ExportFormat } from './summaryExport';
import { SummaryPanel, type SummaryProvider } from './summaryPanel';
import { loadTranscript, retroSummarySource, transcriptSummarySource } from './summarySources';

/** The lead's side: open, export and import. */
export function registerSummaryCommands(context: vscode.ExtensionContext, store: SessionStore, sessions: RetroSessions): vscode.Disposable[] {
  const retroSource = (id: string) => retroSummarySource(store, id, () => (sessions.isOpen(id) && sessions.active?.id === id ? sessions.active.log : undefined));
  const resolve = (key: string): SummaryProvider | undefined =>
    key.startsWith('file:') ? transcriptSummarySource(vscode.Uri.parse(key).fsPath) : /^[A-Za-z0-9_-]{1,128}$/.test(key) ? retroSource(key) : undefined;
  const chooseRetro = async (arg: unknown, title: string) => retroId(arg) ?? sessions.active?.id ?? (await pickRetro(store, title));

  return [
    registerFailableCommand(Commands.openSummary, async (arg?: unknown) => {
      const id = await chooseRetro(arg, 'Summary of which retro?');
      if (id) SummaryPanel.show(context.extensionUri, retroSource(id), defaultOptions());
    }),
    registerFailableCommand(Commands.importTranscript, async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : await pickTranscript();
      if (!uri) return;
      // Parse first, so a bad file is reported before any panel opens.
      await loadTranscript(uri.fsPath);
      SummaryPanel.show(context.extensionUri, transcriptSummarySource(uri.fsPath), defaultOptions());
    }),
    registerFailableCommand(Commands.exportSummary, async (arg?: unknown) => {
      const id = await chooseRetro(arg, 'Export which retro?');
      if (!id) return;
      const format = await pickFormat();
      if (!format) return;
      const options = defaultOptions();
      const { summary, trend } = await retroSource(id).build(options);
      await exportSummary(summary, format, options, trend);
    }),
    vscode.window.registerWebviewPanelSerializer(SUMMARY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        SummaryPanel.revive(context.extensionUri, panel, state, resolve, defaultOptions());
      },
    }),
  ];
}

function defaultOptions() {
  return { pseudonymise: readConfig().pseudonymise, namedTable: false };
}

async function pickTranscript(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import meeting transcript',
    openLabel: 'Import',
    canSelectMany: false,
    filters: { 'Transcripts (WebVTT or Name: text)': ['vtt', 'txt', 'log'], 'All files': ['*'] },
  });
  return picked?.[0];
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
    { label: 'Markdown', description: 'opens in the Markdown preview', format: 'md' },
    { label: 'JSON', description: 'versioned, documented format', format: 'json' },
    { label: 'CSV', description: 'one row per member', format: 'csv' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Export participation summary as…' }))?.format;
}
