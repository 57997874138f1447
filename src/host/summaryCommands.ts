import * as vscode from 'vscode';
import { Commands, SUMMARY_VIEW_TYPE } from './commandIds';
import { readConfig } from './config';
import { registerFailableCommand } from './registerCommand';
import { pickRetro, retroId } from './retroCommands';
import type { RetroSessions } from './retroSessions';
import type { SessionStore } from './sessionStore';
import type { LazyHost } from './core';
import { exportSummary, type ExportFormat } from './summaryExport';
import { SummaryPanel, type SummaryProvider } from './summaryPanel';
import { retroSummarySource, SERIES_KEY_PREFIX, transcriptSeriesSource, transcriptSummarySource } from './summarySources';
import { expandTranscriptUris, ImportCancelled, loadTranscripts } from './transcriptImport';

/** The lead's side: open, export and import. */
export function registerSummaryCommands(context: vscode.ExtensionContext, store: SessionStore, sessions: RetroSessions, host: LazyHost): vscode.Disposable[] {
  const retroSource = (id: string) => retroSummarySource(store, id, () => (sessions.isOpen(id) && sessions.active?.id === id ? sessions.active.log : undefined));
  const resolve = (key: string): SummaryProvider | undefined =>
    key.startsWith(SERIES_KEY_PREFIX)
      ? seriesFromKey(key)
      : key.startsWith('file:')
        ? transcriptSummarySource(vscode.Uri.parse(key).fsPath)
        : /^[A-Za-z0-9_-]{1,128}$/.test(key)
          ? retroSource(key)
          : undefined;
  const chooseRetro = async (arg: unknown, title: string) => retroId(arg) ?? sessions.active?.id ?? (await pickRetro(store, title));

  return [
    registerFailableCommand(Commands.openSummary, async (arg?: unknown) => {
      const id = await chooseRetro(arg, vscode.l10n.t('Summary of which retro?'));
      if (id) SummaryPanel.show(context.extensionUri, retroSource(id), defaultOptions());
    }),
    registerFailableCommand(Commands.importTranscript, async (arg?: unknown, selected?: unknown) => {
      const uris = commandUris(arg, selected) ?? (await pickTranscripts());
      if (!uris || uris.length === 0) return;
      const files = await expandTranscriptUris(uris);
      let loaded;
      try {
        // Parse first, so a bad file is reported before any panel opens.
        loaded = await loadTranscripts(files);
      } catch (error) {
        if (error instanceof ImportCancelled) return;
        throw error;
      }
      const latest = files[files.length - 1];
      if (latest === undefined || loaded.length !== files.length) return;
      const source = files.length > 1 ? transcriptSeriesSource(files) : transcriptSummarySource(latest);
      SummaryPanel.show(context.extensionUri, source, defaultOptions());
    }),
    registerFailableCommand(Commands.exportSummary, async (arg?: unknown) => {
      const id = await chooseRetro(arg, vscode.l10n.t('Export which retro?'));
      if (!id) return;
      const format = await pickFormat();
      if (!format) return;
      const options = defaultOptions();
      // A big retro with a long history takes seconds to summarise: say so, and let it be stopped.
      const built = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building the participation summary'), cancellable: true },
        async (_progress, token) => {
          const result = await retroSource(id).build(options);
          return token.isCancellationRequested ? undefined : result;
        },
      );
      if (!built) return;
      await exportSummary(built.summary, format, options, built.trend);
    }),
    host.serializer(SUMMARY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        SummaryPanel.revive(context.extensionUri, panel, state, resolve, defaultOptions());
      },
    }),
  ];
}

function defaultOptions() {
  return { pseudonymise: readConfig().pseudonymise, namedTable: false };
}

/** A restored series panel: its key lists the files; anything else in it is refused. */
function seriesFromKey(key: string): SummaryProvider | undefined {
  try {
    const files: unknown = JSON.parse(key.slice(SERIES_KEY_PREFIX.length));
    if (!Array.isArray(files) || files.length < 2 || !files.every((f) => typeof f === 'string' && f.length > 0)) return undefined;
    return transcriptSeriesSource(files as string[]);
  } catch {
    return undefined;
  }
}

/** From the explorer: the clicked resource, or every selected one. */
function commandUris(arg: unknown, selected: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri)) return selected;
  return arg instanceof vscode.Uri ? [arg] : undefined;
}

/** One transcript, or several of one recurring meeting (a folder can be given from the explorer). */
async function pickTranscripts(): Promise<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import meeting transcripts (several files: a series of one meeting)'),
    openLabel: vscode.l10n.t('Import'),
    canSelectMany: true,
    // The format is read from the content; these only narrow the dialog.
    filters: { [vscode.l10n.t('Transcripts (Teams, Zoom, Meet, Otter, Name: text)')]: ['vtt', 'txt', 'md', 'log', 'srt'], [vscode.l10n.t('All files')]: ['*'] },
  });
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
    { label: 'Markdown', description: vscode.l10n.t('opens in the Markdown preview'), format: 'md' },
    { label: 'JSON', description: vscode.l10n.t('versioned, documented format'), format: 'json' },
    { label: 'CSV', description: vscode.l10n.t('one row per member'), format: 'csv' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export participation summary as…') }))?.format;
}
