// A small git repository with commits by four people: the extension suggests
// recent git authors for the roster, and the settings preselect a fixed roster
// so that the e2e run needs no typing in the QuickPick.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { which } from './proc.mjs';
import { MissingPrerequisite } from './prereqs.mjs';

export const DEMO_ROSTER = ['Ada', 'Grace', 'Linus', 'Margaret'];

const AUTHORS = [
  ['Ada Lovelace', 'ada@example.invalid'],
  ['Grace Hopper', 'grace@example.invalid'],
  ['Linus Torvalds', 'linus@example.invalid'],
  ['Margaret Hamilton', 'margaret@example.invalid'],
];

function git(cwd, args, env = {}) {
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  });
}

function commitAs(dir, [name, email], file, text, message, when) {
  fs.writeFileSync(path.join(dir, file), text);
  git(dir, ['add', '--', file]);
  git(dir, ['commit', '-q', '-m', message], {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  });
}

/**
 * Creates (or re-creates, when `fresh`) the demo workspace in `dir` and returns
 * its absolute path. An existing workspace is kept as is, retros included.
 */
export function createDemoWorkspace(dir, { fresh = true, settings = {} } = {}) {
  if (!which('git')) throw new MissingPrerequisite('git', 'apt-get update && apt-get install -y git');
  const abs = path.resolve(dir);
  if (!fresh && fs.existsSync(path.join(abs, '.git'))) return abs;
  fs.rmSync(abs, { recursive: true, force: true });
  fs.mkdirSync(path.join(abs, '.vscode'), { recursive: true });
  git(abs, ['init', '-q']);
  const vscodeSettings = { 'reciprocity.roster': DEMO_ROSTER, ...settings };
  fs.writeFileSync(path.join(abs, '.vscode', 'settings.json'), `${JSON.stringify(vscodeSettings, null, 2)}\n`);
  const day = (n) => new Date(Date.now() - (10 - n) * 86_400_000).toISOString();
  commitAs(abs, AUTHORS[0], 'README.md', '# Demo team\n\nA workspace for trying Reciprocity.\n', 'Start the demo project', day(1));
  commitAs(abs, AUTHORS[1], 'NOTES.md', '# Notes\n\n- ship the compiler\n', 'Add notes', day(2));
  commitAs(abs, AUTHORS[2], 'main.c', 'int main(void) { return 0; }\n', 'Add main', day(3));
  commitAs(abs, AUTHORS[3], 'PLAN.md', '# Plan\n\n1. Land safely.\n', 'Add the plan', day(4));
  git(abs, ['add', '--', '.vscode/settings.json']);
  git(abs, ['commit', '-q', '-m', 'Team roster for retros'], {
    GIT_AUTHOR_NAME: AUTHORS[0][0], GIT_AUTHOR_EMAIL: AUTHORS[0][1], GIT_COMMITTER_NAME: AUTHORS[0][0], GIT_COMMITTER_EMAIL: AUTHORS[0][1],
  });
  return abs;
}

/** User settings that keep the test VS Code quiet and offline. */
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': true,
};

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify({ ...QUIET_USER_SETTINGS, ...extra }, null, 2)}\n`);
}
