// Importing meeting transcripts in VS Code: one file, several files or a folder of one
// recurring meeting, with a progress notification that can be cancelled. Every file must
// read; the first that does not is reported with its line, and nothing is shown.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { plainMessage } from './plainMessage';
import { transcriptProblemText } from './problemText';
import { transcriptSession } from '../domain/transcript/load';
import type { LoadedTranscript } from './summarySources';

/** Below this, one file reads faster than a notification could appear. */
const PROGRESS_BYTES = 2 * 1024 * 1024;
const NAME_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export class ImportCancelled extends Error {
  constructor() {
    super(vscode.l10n.t('Import cancelled.'));
  }
}

/** The files to import: a folder's (visible) files in name order, or the files picked. */
export async function expandTranscriptUris(uris: readonly vscode.Uri[]): Promise<string[]> {
  const files: string[] = [];
  for (const uri of uris) {
    // A virtual workspace's files (vscode-vfs://…) have no path on this machine to read.
    if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('{0} is not a file on this machine; transcripts are read from local files.', uri.toString(true)));
    const stat = await fs.stat(uri.fsPath);
    if (!stat.isDirectory()) {
      files.push(uri.fsPath);
      continue;
    }
    const entries = await fs.readdir(uri.fsPath, { withFileTypes: true });
    const inside = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(uri.fsPath, e.name));
    if (inside.length === 0) throw new Error(vscode.l10n.t('{0}: the folder holds no files.', path.basename(uri.fsPath)));
    files.push(...inside.sort((a, b) => NAME_ORDER.compare(path.basename(a), path.basename(b))));
  }
  return files;
}

/** Reads and parses each file in order; cancellable between files and during a read. */
export async function loadTranscripts(files: readonly string[]): Promise<LoadedTranscript[]> {
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (files.length === 1 && total < PROGRESS_BYTES) return [await loadOne(files[0] ?? '')];
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading meeting transcripts'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const listener = token.onCancellationRequested(() => abort.abort());
      try {
        const out: LoadedTranscript[] = [];
        for (const [k, file] of files.entries()) {
          if (token.isCancellationRequested) throw new ImportCancelled();
          progress.report({ message: plainMessage(vscode.l10n.t('{0} ({1} of {2})', path.basename(file), k + 1, files.length)), increment: total > 0 ? (100 * (sizes[k] ?? 0)) / total : 0 });
          out.push(await loadOne(file, abort.signal));
        }
        return out;
      } finally {
        listener.dispose();
      }
    },
  );
}

async function loadOne(file: string, signal?: AbortSignal): Promise<LoadedTranscript> {
  let text: string;
  try {
    text = await fs.readFile(file, { encoding: 'utf8', ...(signal && { signal }) });
  } catch (error) {
    if (signal?.aborted === true) throw new ImportCancelled();
    throw error;
  }
  const stat = await fs.stat(file);
  const t = transcriptSession(text, path.basename(file), stat.mtimeMs);
  if (!t.ok) throw new Error(transcriptProblemText(t.problem));
  return t;
}
