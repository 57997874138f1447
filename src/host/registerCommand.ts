import * as vscode from 'vscode';
import { errorText } from './errorText';
import { log } from './log';
import { plainMessage } from './plainMessage';
import type { CommandId } from './commandIds';

/** A command whose failure reaches the user as a message instead of vanishing in a log. */
export function registerFailableCommand(
  id: CommandId,
  run: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (err) {
      const message = errorText(err);
      log.error(`${id} failed`, err); // Node's own text, for diagnosis
      void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity: {0}', message)));
      return undefined;
    }
  });
}
