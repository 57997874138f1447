// Composition root: build the objects, register what they return, nothing else.
import * as vscode from 'vscode';
import { Commands, RETROS_TREE_ID } from './host/commandIds';
import { registerRetroCommands } from './host/retroCommands';
import { RetroSessions } from './host/retroSessions';
import { RetrosTree } from './host/retrosTree';
import { SessionStore } from './host/sessionStore';
import { RetroStatusBar } from './host/statusBar';
import { sessionsDir } from './host/storageDir';
import { registerSummaryCommands } from './host/summaryCommands';
import { SummaryPanel } from './host/summaryPanel';
import { TeamRecords } from './host/team/teamRecords';
import { log } from './host/log';

export function activate(context: vscode.ExtensionContext): void {
  const store = new SessionStore(() => sessionsDir(context));
  const statusBar = new RetroStatusBar();
  const sessions = new RetroSessions(context.extensionUri, store, statusBar, {
    openSummary: (id) => void vscode.commands.executeCommand(Commands.openSummary, id),
  }, context.workspaceState, new TeamRecords(context.workspaceState, context.globalState, context.secrets), context.extension.id);
  const tree = new RetrosTree(store, (id) => sessions.isOpen(id), (id) => sessions.isTeam(id));
  context.subscriptions.push(
    { dispose: () => log.dispose() },
    statusBar,
    sessions,
    tree,
    vscode.window.createTreeView(RETROS_TREE_ID, { treeDataProvider: tree, showCollapseAll: false }),
    sessions.onDidChange(() => tree.refresh()),
    sessions.onDidSave((id) => SummaryPanel.refresh(id)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('reciprocity.storage') && tree.refresh()),
    ...registerRetroCommands(sessions, store, tree),
    ...registerSummaryCommands(context, store, sessions),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
