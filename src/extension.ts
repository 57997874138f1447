// The entry VS Code activates. It stays small on purpose: activation registers the
// commands, the URI handler, the panel serializers and the tree under their ids, and
// loads the rest (dist/core.js: the retro engine, stores, exporters, transcript parsers)
// the first time any of them is used. VS Code's activation time is this file's loading
// and this function; `npm run bench` reads it from a real extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, RETRO_VIEW_TYPE, RETROS_TREE_ID, SUMMARY_VIEW_TYPE } from './host/commandIds';
import type * as Core from './host/core';

type CoreModule = typeof Core;

export function activate(context: vscode.ExtensionContext): void {
  const placeholders: vscode.Disposable[] = [];
  let uriHandler: vscode.UriHandler | undefined;
  const serializers = new Map<string, vscode.WebviewPanelSerializer>();
  let treeProvider: vscode.TreeDataProvider<unknown> | undefined;
  const treeChanged = new vscode.EventEmitter<unknown>();
  let loaded = false;

  const load = (): void => {
    if (loaded) return;
    loaded = true;
    // The real commands take these ids over.
    for (const d of placeholders.splice(0)) d.dispose();
    // A runtime require of a computed path: esbuild leaves it alone, so the bundle stays separate.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(path.join(context.extensionUri.fsPath, 'dist', 'core.js')) as CoreModule;
    core.activateCore(context, {
      uriHandler: (handler) => {
        uriHandler = handler;
        return new vscode.Disposable(() => (uriHandler = undefined));
      },
      serializer: (viewType, serializer) => {
        serializers.set(viewType, serializer);
        return new vscode.Disposable(() => serializers.delete(viewType));
      },
      tree: (provider) => {
        treeProvider = provider;
        const sub = provider.onDidChangeTreeData?.((e) => treeChanged.fire(e));
        treeChanged.fire(undefined);
        return new vscode.Disposable(() => {
          sub?.dispose();
          treeProvider = undefined;
        });
      },
    });
  };

  for (const id of Object.values(Commands)) {
    placeholders.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  const revive = (viewType: string): vscode.WebviewPanelSerializer => ({
    deserializeWebviewPanel: async (panel, state) => {
      load();
      await serializers.get(viewType)?.deserializeWebviewPanel(panel, state);
    },
  });
  context.subscriptions.push(
    {
      dispose: () => {
        for (const d of placeholders.splice(0)) d.dispose();
      },
    },
    treeChanged,
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        load();
        return uriHandler?.handleUri(uri);
      },
    }),
    vscode.window.registerWebviewPanelSerializer(RETRO_VIEW_TYPE, revive(RETRO_VIEW_TYPE)),
    vscode.window.registerWebviewPanelSerializer(SUMMARY_VIEW_TYPE, revive(SUMMARY_VIEW_TYPE)),
    vscode.window.createTreeView(RETROS_TREE_ID, {
      showCollapseAll: false,
      treeDataProvider: {
        onDidChangeTreeData: treeChanged.event,
        getChildren: (element?: unknown) => {
          load();
          return treeProvider?.getChildren(element);
        },
        getTreeItem: (element: unknown) => {
          load();
          return treeProvider?.getTreeItem(element) ?? new vscode.TreeItem('');
        },
        getParent: (element: unknown): vscode.ProviderResult<unknown> => treeProvider?.getParent?.(element),
      },
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
