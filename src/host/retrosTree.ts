import * as path from 'node:path';
import * as vscode from 'vscode';
import { replay } from '../domain/session';
import { PHASE_NAMES, type SessionFile } from '../domain/types';
import { Commands } from './commandIds';
import { Disposable } from './disposable';
import type { SessionStore } from './sessionStore';

export type RetroNode =
  | { kind: 'retro'; id: string; title: string; createdAt: number; detail: string; ended: boolean; open: boolean }
  | { kind: 'damaged'; file: string; message: string };

/** Past retros in the activity bar: resume one, open its summary, or delete it. */
export class RetrosTree extends Disposable implements vscode.TreeDataProvider<RetroNode> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: SessionStore,
    private readonly isOpen: (id: string) => boolean,
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
      ...sessions.map((s) => describeRetro(s.file, this.isOpen(s.file.id))),
      ...damaged.map((d): RetroNode => ({ kind: 'damaged', file: d.file, message: d.message })),
    ];
  }

  getTreeItem(node: RetroNode): vscode.TreeItem {
    if (node.kind === 'damaged') {
      const item = new vscode.TreeItem(path.basename(node.file));
      item.description = 'could not be read';
      item.tooltip = `${node.file}\n${node.message}\nThe file is left untouched.`;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'damaged';
      return item;
    }
    const item = new vscode.TreeItem(node.title);
    item.id = node.id;
    item.description = node.detail;
    item.tooltip = `${node.title}\n${new Date(node.createdAt).toLocaleString()}\n${node.detail}`;
    item.iconPath = new vscode.ThemeIcon(node.open ? 'comment-discussion' : node.ended ? 'pass' : 'history');
    item.contextValue = node.ended ? 'retro-ended' : 'retro';
    item.command = { command: Commands.resumeRetro, title: 'Resume Retro', arguments: [node] };
    return item;
  }
}

function describeRetro(file: SessionFile, open: boolean): RetroNode {
  const state = replay(file.events);
  const ended = state.endedAt !== null;
  const people = state.members.length;
  const date = new Date(file.createdAt).toLocaleDateString();
  const phase = ended ? 'ended' : PHASE_NAMES[state.phase].toLowerCase();
  return {
    kind: 'retro',
    id: file.id,
    title: file.title,
    createdAt: file.createdAt,
    detail: `${date} · ${people} ${people === 1 ? 'person' : 'people'} · ${phase}${open ? ' · open' : ''}`,
    ended,
    open,
  };
}
