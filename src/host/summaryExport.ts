import * as vscode from 'vscode';
import { toCsv, toJson, toMarkdown } from '../domain/export';
import type { Summary, SummaryOptions, Trend } from '../domain/summary/types';

export type ExportFormat = 'md' | 'json' | 'csv';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  md: { Markdown: ['md'] },
  json: { JSON: ['json'] },
  csv: { CSV: ['csv'] },
};

/** Asks where to save, writes the export, and opens Markdown in VS Code's own preview. */
export async function exportSummary(summary: Summary, format: ExportFormat, options: SummaryOptions, trend: Trend | null): Promise<vscode.Uri | undefined> {
  const text = format === 'md' ? toMarkdown(summary, options, trend ?? undefined) : format === 'json' ? toJson(summary, options) : toCsv(summary, options);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = `${summary.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-') || 'summary'}${options.pseudonymise ? '-pseudonymised' : ''}.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export participation summary',
    saveLabel: 'Export',
    filters: FILTERS[format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, base) } : {}),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  if (format === 'md') {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } else {
    void vscode.window.showInformationMessage(`Summary exported to ${vscode.workspace.asRelativePath(target)}.`);
  }
  return target;
}
