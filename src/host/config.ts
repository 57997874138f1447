import * as vscode from 'vscode';
import type { BalanceSettings } from '../domain/balance';

export type StorageKind = 'workspaceStorage' | 'workspaceFolder';

export interface ReciprocityConfig {
  roster: string[];
  defaultDeck: string;
  turnSoftCapSeconds: number;
  storage: StorageKind;
  storageFolder: string;
  balance: BalanceSettings;
  pseudonymise: boolean;
  nudges: NudgeVisibility;
}

export type NudgeVisibility = 'panelAndStatusBar' | 'panel' | 'off';

/** Settings are read at the moment of use, so a change applies without a reload. */
export function readConfig(scope?: vscode.ConfigurationScope): ReciprocityConfig {
  const c = vscode.workspace.getConfiguration('reciprocity', scope);
  const num = (key: string, fallback: number) => {
    const value = c.get<number>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  };
  const roster = c.get<unknown>('roster', []);
  return {
    roster: Array.isArray(roster) ? roster.filter((r): r is string => typeof r === 'string') : [],
    defaultDeck: c.get<string>('defaultDeck', 'layered-check-in') || 'layered-check-in',
    turnSoftCapSeconds: num('turnSoftCapSeconds', 90),
    storage: c.get<StorageKind>('storage', 'workspaceStorage') === 'workspaceFolder' ? 'workspaceFolder' : 'workspaceStorage',
    storageFolder: c.get<string>('storageFolder', '.reciprocity/sessions') || '.reciprocity/sessions',
    balance: {
      driver: c.get<string>('balance.driver', 'turns') === 'words' ? 'words' : 'turns',
      lowFactor: num('balance.lowFactor', 0.5),
      highFactor: num('balance.highFactor', 1.5),
      minTurnsPerMember: num('balance.minTurnsPerMember', 2),
      hysteresis: num('balance.hysteresis', 0.1),
      reciprocityQuorum: num('balance.reciprocityQuorum', 0.5),
    },
    pseudonymise: c.get<boolean>('summary.pseudonymise', false) === true,
    nudges: nudgeVisibility(c.get<string>('nudges.show', 'panelAndStatusBar')),
  };
}

function nudgeVisibility(value: string | undefined): NudgeVisibility {
  return value === 'panel' || value === 'off' ? value : 'panelAndStatusBar';
}

export interface TeamConfig {
  /** A standalone team server (`reciprocity server`); empty: host in this window. */
  serverUrl: string;
  /** Where the embedded server listens: 127.0.0.1 unless the user asks otherwise. */
  bindAddress: string;
  /** The embedded server's port; 0 picks a free one. */
  port: number;
  /** The address put into join codes, when members reach the host another way (a tunnel, a forwarded port). */
  advertisedUrl: string;
}

/** Team settings. Restricted in untrusted workspaces (package.json), so a cloned repo cannot redirect a team. */
export function readTeamConfig(): TeamConfig {
  const c = vscode.workspace.getConfiguration('reciprocity.team');
  const port = c.get<number>('port', 0);
  return {
    serverUrl: (c.get<string>('serverUrl', '') ?? '').trim(),
    bindAddress: (c.get<string>('bindAddress', '127.0.0.1') ?? '').trim() || '127.0.0.1',
    port: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 0,
    advertisedUrl: (c.get<string>('advertisedUrl', '') ?? '').trim(),
  };
}
