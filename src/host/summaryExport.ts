import * as os from 'node:os';
import * as vscode from 'vscode';
import { plainMessage } from './plainMessage';
import { toCsv, toJson, toMarkdown } from '../domain/export';
import type { Summary, SummaryOptions, Trend } from '../domain/summary/types';
import { exportFileName } from './exportName';

/** Where the last export went in this window: the next one is offered the same folder. */
let lastFolder: vscode.Uri | undefined;

export type ExportFormat = 'md' | 'json' | 'csv';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  md: { Markdown: ['md'] },
  json: { JSON: ['json'] },
  csv: { CSV: ['csv'] },
};

/** Asks where to save, writes the export, and opens Markdown in VS Code's own preview. */
export async function exportSummary(summary: Summary, format: ExportFormat, options: SummaryOptions, trend: Trend | null): Promise<vscode.Uri | undefined> {
  const text = format === 'md' ? toMarkdown(summary, options, trend ?? undefined) : format === 'json' ? toJson(summary, options) : toCsv(summary, options);
  // The home folder at first, never the workspace root, where an export gets committed by accident.
  const folder = lastFolder ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export participation summary'),
    saveLabel: vscode.l10n.t('Export'),
    filters: FILTERS[format],
    defaultUri: vscode.Uri.joinPath(folder, exportFileName(summary, format, options.pseudonymise)),
  });
  if (!target) return undefined;
  lastFolder = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  if (format === 'md') {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } else {
    void vscode.window.showInformationMessage(plainMessage(vscode.l10n.t('Summary exported to {0}.', vscode.workspace.asRelativePath(target))));
  }
  return target;
}
