// Every reciprocity.* setting's default, in one table. The code falls back to these when a
// setting is unset or holds nonsense, and package.json's `default`s must equal them (a unit
// test compares the two). No `vscode` import: the reading rules below are plain functions.
import { DEFAULT_BALANCE_SETTINGS, type BalanceSettings } from '../domain/balance';
import { DEFAULT_DECK_ID } from '../domain/decks/builtin';

export const SETTING_DEFAULTS = {
  'reciprocity.roster': [] as readonly string[],
  'reciprocity.defaultDeck': DEFAULT_DECK_ID,
  'reciprocity.turnSoftCapSeconds': 90,
  'reciprocity.storage': 'workspaceStorage',
  'reciprocity.storageFolder': '.reciprocity/sessions',
  'reciprocity.balance.driver': DEFAULT_BALANCE_SETTINGS.driver,
  'reciprocity.balance.lowFactor': DEFAULT_BALANCE_SETTINGS.lowFactor,
  'reciprocity.balance.highFactor': DEFAULT_BALANCE_SETTINGS.highFactor,
  'reciprocity.balance.minTurnsPerMember': DEFAULT_BALANCE_SETTINGS.minTurnsPerMember,
  'reciprocity.balance.hysteresis': DEFAULT_BALANCE_SETTINGS.hysteresis,
  'reciprocity.balance.reciprocityQuorum': DEFAULT_BALANCE_SETTINGS.reciprocityQuorum,
  'reciprocity.nudges.show': 'panelAndStatusBar',
  'reciprocity.summary.pseudonymise': false,
  'reciprocity.team.serverUrl': '',
  'reciprocity.team.bindAddress': '127.0.0.1',
  'reciprocity.team.port': 0,
  'reciprocity.team.advertisedUrl': '',
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/**
 * Settings that decide where a team's retro is served or sent. A workspace that is not
 * trusted may not set them (a cloned repository must not redirect your team): only your
 * user settings count. package.json declares the same list to VS Code
 * (capabilities.untrustedWorkspaces.restrictedConfigurations).
 */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = [
  'reciprocity.team.serverUrl',
  'reciprocity.team.bindAddress',
  'reciprocity.team.advertisedUrl',
  'reciprocity.team.port',
];

/** What VS Code's `WorkspaceConfiguration.inspect()` reports for one key. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** A setting's raw value as the user set it; undefined when unset (the default applies). */
export type SettingReader = (key: SettingKey) => unknown;

/**
 * Reads through `inspect` with VS Code's precedence (folder, workspace, user). In an
 * untrusted workspace a restricted setting takes the user's value only. VS Code does the same
 * for the keys package.json restricts; doing it here as well keeps it true whatever the host.
 */
export function settingReader(inspect: (key: string) => InspectedSetting | undefined, trusted: boolean): SettingReader {
  return (key) => {
    const i = inspect(key);
    if (!i) return undefined;
    if (!trusted && RESTRICTED_SETTINGS.includes(key)) return i.globalValue;
    return i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
  };
}

export type StorageKind = 'workspaceStorage' | 'workspaceFolder';
export type NudgeVisibility = 'panelAndStatusBar' | 'panel' | 'off';

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

const D = SETTING_DEFAULTS;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

export function resolveConfig(read: SettingReader): ReciprocityConfig {
  const num = (key: SettingKey & `reciprocity.${string}`, fallback: number) => {
    const value = read(key);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  };
  const roster = read('reciprocity.roster');
  return {
    roster: Array.isArray(roster) ? roster.filter((r): r is string => typeof r === 'string') : [...D['reciprocity.roster']],
    defaultDeck: text(read('reciprocity.defaultDeck'), D['reciprocity.defaultDeck']),
    turnSoftCapSeconds: num('reciprocity.turnSoftCapSeconds', D['reciprocity.turnSoftCapSeconds']),
    storage: oneOf(read('reciprocity.storage'), ['workspaceStorage', 'workspaceFolder'], D['reciprocity.storage']),
    storageFolder: text(read('reciprocity.storageFolder'), D['reciprocity.storageFolder']),
    balance: {
      driver: oneOf(read('reciprocity.balance.driver'), ['turns', 'words'], D['reciprocity.balance.driver']),
      lowFactor: num('reciprocity.balance.lowFactor', D['reciprocity.balance.lowFactor']),
      highFactor: num('reciprocity.balance.highFactor', D['reciprocity.balance.highFactor']),
      minTurnsPerMember: num('reciprocity.balance.minTurnsPerMember', D['reciprocity.balance.minTurnsPerMember']),
      hysteresis: num('reciprocity.balance.hysteresis', D['reciprocity.balance.hysteresis']),
      reciprocityQuorum: num('reciprocity.balance.reciprocityQuorum', D['reciprocity.balance.reciprocityQuorum']),
    },
    pseudonymise: typeof read('reciprocity.summary.pseudonymise') === 'boolean' ? read('reciprocity.summary.pseudonymise') === true : D['reciprocity.summary.pseudonymise'],
    nudges: oneOf(read('reciprocity.nudges.show'), ['panelAndStatusBar', 'panel', 'off'], D['reciprocity.nudges.show']),
  };
}

export function resolveTeamConfig(read: SettingReader): TeamConfig {
  const port = read('reciprocity.team.port');
  const str = (key: SettingKey) => (typeof read(key) === 'string' ? (read(key) as string).trim() : '');
  return {
    serverUrl: str('reciprocity.team.serverUrl') || D['reciprocity.team.serverUrl'],
    bindAddress: str('reciprocity.team.bindAddress') || D['reciprocity.team.bindAddress'],
    port: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : D['reciprocity.team.port'],
    advertisedUrl: str('reciprocity.team.advertisedUrl') || D['reciprocity.team.advertisedUrl'],
  };
}
