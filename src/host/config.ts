import * as vscode from 'vscode';
import { resolveConfig, resolveTeamConfig, settingReader, type ReciprocityConfig, type TeamConfig } from './settings';

export type { NudgeVisibility, ReciprocityConfig, StorageKind, TeamConfig } from './settings';

function reader(scope?: vscode.ConfigurationScope) {
  const c = vscode.workspace.getConfiguration(undefined, scope);
  return settingReader((key) => c.inspect(key), vscode.workspace.isTrusted);
}

/** Settings are read at the moment of use, so a change applies without a reload. */
export function readConfig(scope?: vscode.ConfigurationScope): ReciprocityConfig {
  return resolveConfig(reader(scope));
}

/** Team settings. In an untrusted workspace only the user's own values count (settings.ts). */
export function readTeamConfig(): TeamConfig {
  return resolveTeamConfig(reader());
}
