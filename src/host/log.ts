// The extension's log: one LogOutputChannel ("Reciprocity" in the Output view), created on
// first use. Its level follows the user's "Set Log Level" choice; nothing leaves the machine.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

function out(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Reciprocity', { log: true });
  return channel;
}

function detail(err: unknown): string {
  if (err === undefined) return '';
  if (err instanceof Error) return `: ${err.stack ?? err.message}`;
  return `: ${typeof err === 'string' ? err : JSON.stringify(err)}`;
}

export const log = {
  info: (message: string): void => out().info(message),
  warn: (message: string, err?: unknown): void => out().warn(`${message}${detail(err)}`),
  error: (message: string, err?: unknown): void => out().error(`${message}${detail(err)}`),
  dispose: (): void => {
    channel?.dispose();
    channel = undefined;
  },
};
