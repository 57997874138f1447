import * as path from 'node:path';
import * as vscode from 'vscode';
import { readConfig } from './config';

/**
 * Where sessions live: private workspace storage by default, or a folder in the
 * workspace (plain JSON a team can keep in git) when the user asks for it.
 */
export function sessionsDir(context: vscode.ExtensionContext): string {
  const config = readConfig();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (config.storage === 'workspaceFolder' && folder?.uri.scheme === 'file') {
    const rel = path.normalize(config.storageFolder);
    if (path.isAbsolute(rel) || rel.startsWith('..')) {
      throw new Error(vscode.l10n.t('reciprocity.storageFolder must be a folder inside the workspace.'));
    }
    return path.join(folder.uri.fsPath, rel);
  }
  const base = context.storageUri ?? context.globalStorageUri;
  return path.join(base.fsPath, 'sessions');
}
