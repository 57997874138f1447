import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { Disposable } from './disposable';
import { listRetro, type RetroListing } from './retroListing';
import type { SessionStore } from './sessionStore';

export type RetroNode =
  | ({ kind: 'retro' } & RetroListing)
  | { kind: 'damaged'; file: string; message: string };

/** Past retros in the activity bar: resume one, open its summary, or delete it. */
export class RetrosTree extends Disposable implements vscode.TreeDataProvider<RetroNode> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: SessionStore,
    private readonly isOpen: (id: string) => boolean,
    private readonly isTeam: (id: string) => boolean,
  ) {
    super();
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: RetroNode): Promise<RetroNode[]> {
    if (node) return [];
    const { sessions, damaged } = await this.store.list();
    return [
      ...sessions.map((s): RetroNode => ({ kind: 'retro', ...listRetro(s.file, { open: this.isOpen(s.file.id), team: this.isTeam(s.file.id) }) })),
      ...damaged.map((d): RetroNode => ({ kind: 'damaged', file: d.file, message: d.message })),
    ];
  }

  getTreeItem(node: RetroNode): vscode.TreeItem {
    if (node.kind === 'damaged') {
      const item = new vscode.TreeItem(path.basename(node.file));
      item.description = vscode.l10n.t('could not be read');
      item.tooltip = `${node.file}\n${node.message}\n${vscode.l10n.t('The file is left untouched.')}`;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'damaged';
      return item;
    }
    const item = new vscode.TreeItem(node.title);
    item.id = node.id;
    item.description = node.detail;
    item.tooltip = `${node.title}\n${new Date(node.createdAt).toLocaleString()}\n${node.detail}`;
    item.iconPath = new vscode.ThemeIcon(node.open ? 'comment-discussion' : node.ended ? 'pass' : node.contextValue === 'retro-team' ? 'broadcast' : 'history');
    item.contextValue = node.contextValue;
    // An ended retro cannot resume: a click opens what is left of it, its summary.
    item.command = node.resumable
      ? { command: Commands.resumeRetro, title: vscode.l10n.t('Resume Retro'), arguments: [node] }
      : { command: Commands.openSummary, title: vscode.l10n.t('Open Participation Summary'), arguments: [node] };
    return item;
  }
}
