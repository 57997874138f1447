// Composition root, loaded on first use by src/extension.ts (dist/core.js): build the
// objects, register what they return, nothing else. The URI handler, the webview
// serializers and the tree's data provider are registered by the thin entry at activation
// (VS Code needs them then); the core hands it the real ones through `LazyHost`.
import * as vscode from 'vscode';
import { Commands, RETROS_TREE_ID } from './commandIds';
import { registerRetroCommands } from './retroCommands';
import { RetroSessions } from './retroSessions';
import { RetrosTree } from './retrosTree';
import { SessionStore } from './sessionStore';
import { RetroStatusBar } from './statusBar';
import { sessionsDir } from './storageDir';
import { useStorageText } from './storageText';
import { L10N_STORAGE_TEXT, L10N_VIEW_TEXT } from './storageTextL10n';
import { useViewText } from './viewText';
import { registerSummaryCommands } from './summaryCommands';
import { SummaryPanel } from './summaryPanel';
import { TeamRecords } from './team/teamRecords';
import { log } from './log';

/** What the thin entry (src/extension.ts) registered on the core's behalf. */
export interface LazyHost {
  uriHandler(handler: vscode.UriHandler): vscode.Disposable;
  serializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  tree(provider: vscode.TreeDataProvider<unknown>): vscode.Disposable;
}

/** The same registrations, straight to VS Code (for callers without a thin entry). */
export const directHost: LazyHost = {
  uriHandler: (handler) => vscode.window.registerUriHandler(handler),
  serializer: (viewType, serializer) => vscode.window.registerWebviewPanelSerializer(viewType, serializer),
  tree: (provider) => vscode.window.createTreeView(RETROS_TREE_ID, { treeDataProvider: provider, showCollapseAll: false }),
};

export function activateCore(context: vscode.ExtensionContext, host: LazyHost = directHost): void {
  // The store's and locks' messages in the display language (they default to English).
  useStorageText(L10N_STORAGE_TEXT);
  useViewText(L10N_VIEW_TEXT);
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
    host.tree(tree),
    sessions.onDidChange(() => tree.refresh()),
    sessions.onDidSave((id) => SummaryPanel.refresh(id)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('reciprocity.storage') && tree.refresh()),
    ...registerRetroCommands(sessions, store, tree, host),
    ...registerSummaryCommands(context, store, sessions, host),
  );
}
