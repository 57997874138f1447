import * as vscode from 'vscode';
import { errorText } from './errorText';
import { plainMessage } from './plainMessage';
import { plainLabel } from './plainLabel';
import { Commands, RETRO_VIEW_TYPE } from './commandIds';
import { MAX_TITLE } from '../domain/commands';
import { registerFailableCommand } from './registerCommand';
import { listRetro } from './retroListing';
import type { RetroSessions } from './retroSessions';
import type { RetroNode, RetrosTree } from './retrosTree';
import type { SessionStore } from './sessionStore';
import type { LazyHost } from './core';

/** Retro lifecycle commands and the serializer that restores open panels after a reload. */
export function registerRetroCommands(sessions: RetroSessions, store: SessionStore, tree: RetrosTree, host: LazyHost): vscode.Disposable[] {
  return [
    registerFailableCommand(Commands.startRetro, () => sessions.start()),
    registerFailableCommand(Commands.showRetro, () => sessions.showActive()),
    registerFailableCommand(Commands.hostTeamRetro, () => sessions.host()),
    registerFailableCommand(Commands.joinTeamRetro, (code?: unknown) => sessions.join(typeof code === 'string' ? code : undefined)),
    registerFailableCommand(Commands.copyJoinCode, () => sessions.copyJoinCode()),
    // vscode://reciprocity.reciprocity/join?code=…: the link a facilitator shares.
    host.uriHandler({
      handleUri(uri: vscode.Uri) {
        if (uri.path !== '/join') {
          void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity does not know the link {0}.', uri.path.slice(0, 40))));
          return;
        }
        const code = new URLSearchParams(uri.query).get('code') ?? '';
        sessions.join(code, true).catch((err: unknown) => {
          void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity could not join: {0}', errorText(err))));
        });
      },
    }),
    // Asks first, as the panel's End retro does: ending makes the retro read-only for everyone.
    registerFailableCommand(Commands.endRetro, async () => {
      if (sessions.active) {
        const end = vscode.l10n.t('End retro');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('End the retro now?'),
          { modal: true, detail: vscode.l10n.t('It becomes read-only for everyone, and the summary is ready for the lead.') },
          end,
        );
        if (answer !== end) return;
      }
      await sessions.endActive(); // with none open, it says so
    }),
    registerFailableCommand(Commands.refreshRetros, () => tree.refresh()),
    registerFailableCommand(Commands.resumeRetro, async (node?: unknown) => {
      const id = retroId(node) ?? (await pickRetro(store, vscode.l10n.t('Resume which retro?'), { resumableOnly: true }));
      if (id) await sessions.resume(id);
    }),
    registerFailableCommand(Commands.revealRetroFile, async (node?: unknown) => {
      const id = retroId(node) ?? sessions.active?.id ?? (await pickRetro(store, vscode.l10n.t('Reveal which retro file?')));
      if (!id) return;
      const uri = vscode.Uri.file(store.pathFor(id));
      if (!(await store.exists(id))) throw new Error(vscode.l10n.t("{0} is not on disk (a retro joined as a member lives on the facilitator's machine).", uri.fsPath));
      // The system file manager where there is one (desktop); otherwise (remote, web) the file itself.
      const commands = await vscode.commands.getCommands(true);
      if (vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop && commands.includes('revealFileInOS')) {
        await vscode.commands.executeCommand('revealFileInOS', uri);
      } else {
        await vscode.window.showTextDocument(uri, { preview: true });
      }
    }),
    registerFailableCommand(Commands.renameRetro, async (node?: unknown) => {
      const id = retroId(node) ?? sessions.active?.id ?? (await pickRetro(store, vscode.l10n.t('Rename which retro?')));
      if (!id) return;
      const current = sessions.titleOf(id) ?? (await store.load(id).then((f) => listRetro(f, { open: false, team: false }).title));
      const title = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename Retro'),
        prompt: vscode.l10n.t('A title people will recognise in Past Retros and in the summary.'),
        value: current,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A retro needs a title.') : v.trim().length > MAX_TITLE ? vscode.l10n.t('A title has at most {0} characters.', MAX_TITLE) : undefined),
      });
      if (title === undefined || title.trim() === current) return;
      await sessions.rename(id, title);
      tree.refresh();
    }),
    registerFailableCommand(Commands.deleteRetro, async (node?: unknown) => {
      const id = retroId(node) ?? (await pickRetro(store, vscode.l10n.t('Delete which retro?')));
      if (!id) return;
      const del = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete this retro? Its contributions and action items are removed from this machine.'),
        { modal: true },
        del,
      );
      if (answer !== del) return;
      sessions.close(id);
      await store.delete(id);
      tree.refresh();
    }),
    host.serializer(RETRO_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const id = sessionIdFromState(state);
        if (!id) {
          panel.dispose();
          return;
        }
        try {
          await sessions.revive(panel, id);
        } catch (err) {
          void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity could not restore the retro: {0}', errorText(err))));
        }
      },
    }),
  ];
}

export function retroId(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const n = node as RetroNode | null | undefined;
  if (n && typeof n === 'object' && n.kind === 'retro' && typeof n.id === 'string') return n.id;
  return undefined;
}

function sessionIdFromState(state: unknown): string | undefined {
  if (state && typeof state === 'object' && 'sessionId' in state) {
    const id = state.sessionId;
    if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id)) return id;
  }
  return undefined;
}

export async function pickRetro(store: SessionStore, title: string, { resumableOnly = false } = {}): Promise<string | undefined> {
  const { sessions } = await store.list();
  const listed = sessions.map((s) => listRetro(s.file, { open: false, team: false })).filter((r) => !resumableOnly || r.resumable);
  if (listed.length === 0) {
    const none = resumableOnly && sessions.length > 0 ? vscode.l10n.t('Every saved retro has ended; open its summary from Past Retros.') : vscode.l10n.t('There are no saved retros yet.');
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    listed.map((r) => ({ label: plainLabel(r.title), description: plainLabel(r.detail), id: r.id })),
    { title },
  );
  return picked?.id;
}
